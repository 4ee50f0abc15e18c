// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>
#include <core/db/dbschema.h>
#include <core/util/result.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Db {

class Session;

// The console's own schema inside the target database. Its shape is versioned in
// metatable_catalog.schema_version so that a later console can migrate it in place.
inline constexpr auto CatalogSchema = u"metatable_catalog";
// 2: node_runs holds full run records. 3: metadata_audit is the append-only trail of text changes
// (textaudit.h), meta_tables.text_version counts each row's text changes.
inline constexpr int CatalogVersion = 3;

// Creates (or migrates up to CatalogVersion) the catalog schema and its tables, and the one
// data_source row identifying this database. Idempotent and safe against concurrent callers
// (serialised by an advisory lock). Runs inside the caller's transaction when one is open, so
// catalog and DDL commit together; otherwise in a transaction of its own. Refuses a catalog
// newer than this console understands.
[[nodiscard]] VoidResult ensureCatalog(Session &session);

// The SQL of one step of the catalog's migrations (1 to CatalogVersion; empty otherwise), as
// ensureCatalog runs it after the steps before it: lets tests build a catalog of an older version.
QString catalogStepSql(int version);

// The version recorded in metatable_catalog.schema_version; 0 when there is no catalog.
[[nodiscard]] Result<int> catalogVersion(Session &session);

// True when metatable_catalog.meta_tables exists.
[[nodiscard]] Result<bool> catalogExists(Session &session);

// metatable_catalog.data_source.uid, or an empty string when the catalog does not exist.
[[nodiscard]] Result<QString> dataSourceUid(Session &session);

// All meta_tables rows ordered by (physical_schema, physical_table_name); empty when the catalog
// does not exist.
[[nodiscard]] Result<QList<CatalogEntry>> readCatalog(Session &session);

// A provider's registered tables, as node configurations bind them (by UID).
struct CatalogBinding
{
    QString metatableIdentifier;
    QString identifier;
    QString provisioningStatus;
    Core::Binding binding;
    bool operator==(const CatalogBinding &) const = default;
};
[[nodiscard]] Result<QList<CatalogBinding>> readBindings(Session &session,
                                                         const QString &providerKey);

// A catalog row to reserve before DDL runs (SDK: reserve, then finalize after the migration).
struct Reservation
{
    QString providerKey;
    QString identifier;
    QString metatableIdentifier;
    QString namespaceName;
    QString physicalSchema;
    QString physicalTableName;
    QString tableKind; // "time_indexed" or "relational"
    QString timeIndexName;
    QStringList indexNames;
    std::optional<QString> cadence;
    QString contractHash;
    QString description;
    QStringList labels;
    QMap<QString, ColumnTexts> columnTexts; // each column's label and description
    bool protectFromDeletion = false;
    QString managementMode = QStringLiteral("platform_managed");
    QString schemaManagementMode = QStringLiteral("alembic_managed");
};

// Inserts a 'reserved' row, or returns the existing row with the same physical identity
// (schema, table) when it belongs to the same provider (the SDK binds and reuses it; contract
// hash, description, labels and flags are refreshed). A row owned by another provider is a
// Conflict. Requires an open transaction and an existing catalog.
[[nodiscard]] Result<CatalogEntry> upsertReservation(Session &session, const Reservation &row);

// Adds one to the text_version of the rows (by uid) whose texts changed outside description and
// labels (their columns' COMMENT ON), which the catalog's trigger does not see. Requires an open
// transaction.
[[nodiscard]] VoidResult countTextChange(Session &session, const QStringList &uids);

struct FinalizeResult
{
    QStringList activated; // uids now 'active'
    QStringList missing;   // uids whose physical table does not exist (left as they were)
    QStringList unknown;   // uids with no catalog row
};

// Marks rows 'active' with the Alembic revision, but only those whose physical table exists.
[[nodiscard]] Result<FinalizeResult>
finalize(Session &session, const QStringList &uids, const std::optional<QString> &alembicRevision);

} // namespace Core::Db
