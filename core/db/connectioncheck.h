// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Core::Db {

class Session;

// What "Test connection" reports: who the console is on that server, and whether it may do
// what a migration needs in each schema the workspace uses.
struct SchemaRights
{
    QString schema;
    bool exists = false;
    bool usage = false;  // may read objects in it
    bool create = false; // may create tables, indexes, constraints in it
    bool operator==(const SchemaRights &) const = default;
};

struct ConnectionCheck
{
    QString serverVersion; // "15.18"
    QString database;
    QString user;
    bool superuser = false;
    bool createSchema = false; // may create schemas in the database (the catalog's, say)
    QList<SchemaRights> schemas;
};

// One round trip. `schemas`: the workspace's schemas (provider, classes, catalog).
[[nodiscard]] Result<ConnectionCheck> checkConnection(Session &session, const QStringList &schemas);

// "PostgreSQL 15.18 · shop as alice · public: read, create · metatable_catalog: missing (can
// create)": the check in one line.
QString describeCheck(const ConnectionCheck &check);

} // namespace Core::Db
