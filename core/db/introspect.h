// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/dbschema.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Db {

class Session;

struct IntrospectOptions
{
    QStringList schemas{QStringLiteral("public")}; // the schemas whose tables are read
    // The provider's Alembic version table (schema, table); its version_num fills
    // DbSnapshot::alembicRevision when the table exists. Empty table = not read.
    QString alembicSchema = QStringLiteral("public");
    QString alembicTable;
    bool readCatalog = true; // metatable_catalog rows, when the catalog exists
};

// Reads tables, columns, keys, constraints, indexes and foreign keys of `schemas` (plus the
// console catalog rows and the Alembic revision) in a constant number of catalog queries,
// whatever the number of tables. Runs inside the session's transaction when one is open, so a
// migration can introspect what it is about to change under the same snapshot; otherwise in a
// REPEATABLE READ READ ONLY transaction of its own, so every query sees the same snapshot.
[[nodiscard]] Result<DbSnapshot>
introspect(Session &session, const IntrospectOptions &options, const CancelToken &cancel = {});

[[nodiscard]] Result<DbSnapshot>
introspect(Session &session, const QStringList &schemas, const CancelToken &cancel = {});

} // namespace Core::Db
