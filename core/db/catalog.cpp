// SPDX-License-Identifier: MIT
#include "catalog.h"

#include <core/db/session.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <iterator>

namespace Core::Db {

namespace {

// Version 1 of the catalog. A later version appends a step here and bumps CatalogVersion; the
// steps already applied are recorded in schema_version and never run twice.
const char *CatalogV1 = R"(
CREATE TABLE metatable_catalog.data_source (
    uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    singleton boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton),
    database_name text NOT NULL DEFAULT current_database(),
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE metatable_catalog.data_source IS
    'The one row identifying this database as a data source (uid bound into node configurations).';

CREATE TABLE metatable_catalog.meta_tables (
    uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    provider_key text NOT NULL,
    identifier text NOT NULL,
    metatable_identifier text,
    namespace text NOT NULL DEFAULT '',
    physical_schema text NOT NULL,
    physical_table_name text NOT NULL,
    table_kind text NOT NULL CHECK (table_kind IN ('time_indexed', 'relational')),
    time_index_name text,
    index_names jsonb NOT NULL DEFAULT '[]'::jsonb,
    cadence text,
    provisioning_status text NOT NULL CHECK (provisioning_status IN ('reserved', 'active')),
    contract_hash text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    labels jsonb NOT NULL DEFAULT '[]'::jsonb,
    protect_from_deletion boolean NOT NULL DEFAULT false,
    management_mode text NOT NULL DEFAULT 'platform_managed'
        CHECK (management_mode IN ('platform_managed', 'external_registered')),
    schema_management_mode text NOT NULL DEFAULT 'alembic_managed'
        CHECK (schema_management_mode IN ('backend_managed', 'alembic_managed',
                                          'external_registered')),
    alembic_revision text,
    registered_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (physical_schema, physical_table_name)
);
CREATE INDEX meta_tables_provider_key_idx ON metatable_catalog.meta_tables (provider_key);

CREATE TABLE metatable_catalog.metadata_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    meta_table_uid uuid REFERENCES metatable_catalog.meta_tables (uid) ON DELETE SET NULL,
    physical_schema text NOT NULL,
    physical_table_name text NOT NULL,
    column_name text,
    field text NOT NULL,
    old_value jsonb,
    new_value jsonb
);
CREATE INDEX metadata_audit_table_idx
    ON metatable_catalog.metadata_audit (physical_schema, physical_table_name, changed_at);

CREATE TABLE metatable_catalog.node_runs (
    uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    provider_key text NOT NULL,
    node_identifier text NOT NULL,
    update_hash text NOT NULL,
    meta_table_uid uuid REFERENCES metatable_catalog.meta_tables (uid) ON DELETE SET NULL,
    configuration jsonb NOT NULL DEFAULT '{}'::jsonb,
    status text NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    started_by text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    rows_received bigint NOT NULL DEFAULT 0,
    rows_written bigint NOT NULL DEFAULT 0,
    rows_rejected bigint NOT NULL DEFAULT 0,
    error text
);
CREATE INDEX node_runs_update_hash_idx ON metatable_catalog.node_runs (update_hash, started_at);

CREATE TABLE metatable_catalog.rejected_rows (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_uid uuid NOT NULL REFERENCES metatable_catalog.node_runs (uid) ON DELETE CASCADE,
    row_number bigint NOT NULL,
    column_name text,
    reason text NOT NULL,
    raw_row text,
    rejected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rejected_rows_run_idx ON metatable_catalog.rejected_rows (run_uid, row_number);
)";

// Version 2: node_runs keeps everything a run record holds (core/run/noderun.h): the figures of
// the row stream and the writer, rejects per rule with their first samples, the write policy,
// the runner's exit code and log tail; the configuration keeps its key order. Version 1's columns
// keep their meaning (rows_received:
// rows read, rows_written: rows committed, error: the message).
const char *CatalogV2 = R"(
-- json, not jsonb: the configuration keeps its key order, as the manifest and the form show it.
ALTER TABLE metatable_catalog.node_runs ALTER COLUMN configuration DROP DEFAULT;
ALTER TABLE metatable_catalog.node_runs
    ALTER COLUMN configuration TYPE json USING configuration::json,
    ALTER COLUMN configuration SET DEFAULT '{}'::json;
ALTER TABLE metatable_catalog.node_runs
    DROP CONSTRAINT IF EXISTS node_runs_status_check,
    ADD CONSTRAINT node_runs_status_check CHECK (status IN ('running', 'succeeded',
        'succeeded_with_rejects', 'failed', 'cancelled')),
    ALTER COLUMN started_by SET DEFAULT current_user,
    ADD COLUMN storage_hash text NOT NULL DEFAULT '',
    ADD COLUMN storage_class text NOT NULL DEFAULT '',
    ADD COLUMN table_schema text NOT NULL DEFAULT '',
    ADD COLUMN table_name text NOT NULL DEFAULT '',
    ADD COLUMN write_policy text NOT NULL DEFAULT 'atomic'
        CHECK (write_policy IN ('atomic', 'batched')),
    ADD COLUMN rows_accepted bigint NOT NULL DEFAULT 0,
    ADD COLUMN rows_inserted bigint NOT NULL DEFAULT 0,
    ADD COLUMN rows_updated bigint NOT NULL DEFAULT 0,
    ADD COLUMN expected_rows bigint,
    ADD COLUMN elapsed_ms double precision NOT NULL DEFAULT 0,
    ADD COLUMN reject_counts jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN reject_samples jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN exit_code integer,
    ADD COLUMN log_tail text NOT NULL DEFAULT '';
CREATE INDEX node_runs_node_idx ON metatable_catalog.node_runs (node_identifier, started_at);
)";

// Version 3: metadata_audit becomes the data stewards' append-only trail of text changes (who:
// the OS user and the database role; when; which storage class, column and field; old and new
// value; which tool), and each meta_tables row counts the changes of its texts in text_version,
// so an editor that read version N can refuse to write over someone else's change. The audit's
// foreign key to meta_tables goes: its ON DELETE SET NULL would update audit rows, and the trail
// must outlive the rows it talks about (it keeps the uid, schema, table and class path itself).
const char *CatalogV3 = R"(
ALTER TABLE metatable_catalog.metadata_audit RENAME COLUMN changed_by TO os_user;
ALTER TABLE metatable_catalog.metadata_audit
    DROP CONSTRAINT IF EXISTS metadata_audit_meta_table_uid_fkey,
    ADD COLUMN db_role text NOT NULL DEFAULT current_user,
    ADD COLUMN storage_class text NOT NULL DEFAULT '',
    -- Which tool made the change. The default only fills rows written before version 3 (none
    -- were): it is dropped below, so every writer says.
    ADD COLUMN source text NOT NULL DEFAULT 'metatable upgrade'
        CONSTRAINT metadata_audit_source_check
        CHECK (source IN ('metatable upgrade', 'metatable describe', 'console save')),
    -- A class has a description and labels, a column a description and a label.
    ADD CONSTRAINT metadata_audit_field_check CHECK (
        (column_name IS NULL AND field IN ('description', 'labels'))
        OR (column_name IS NOT NULL AND field IN ('description', 'label')));
ALTER TABLE metatable_catalog.metadata_audit ALTER COLUMN source DROP DEFAULT;
CREATE INDEX metadata_audit_changed_at_idx ON metatable_catalog.metadata_audit (changed_at);
COMMENT ON TABLE metatable_catalog.metadata_audit IS
    'Append-only: one row per changed text of a storage class or column (description, labels, '
    'label), with who, when, old and new value and the tool. UPDATE, DELETE and TRUNCATE are '
    'refused by a trigger.';

CREATE FUNCTION metatable_catalog.metadata_audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'metatable_catalog.metadata_audit is append-only: % is refused',
        TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit records of the stewards'' texts are never changed or removed; '
                     'a correction is a new change of the text.';
END
$$;
-- Statement-level, so the refusal does not depend on how many rows the statement matches.
CREATE TRIGGER metadata_audit_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON metatable_catalog.metadata_audit
    FOR EACH STATEMENT EXECUTE FUNCTION metatable_catalog.metadata_audit_refuse_change();
-- Superusers pass privileges, never the trigger; everyone else is stopped here first.
REVOKE UPDATE, DELETE, TRUNCATE ON metatable_catalog.metadata_audit FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON metatable_catalog.metadata_audit '
                   'FROM %I, CURRENT_USER',
                   (SELECT tableowner FROM pg_tables
                    WHERE schemaname = 'metatable_catalog' AND tablename = 'metadata_audit'));
END
$$;

ALTER TABLE metatable_catalog.meta_tables ADD COLUMN text_version bigint NOT NULL DEFAULT 0;
-- The registration contract's column texts: {"column": {"label": ..., "description": ...}}.
ALTER TABLE metatable_catalog.meta_tables
    ADD COLUMN column_texts jsonb NOT NULL DEFAULT '{}'::jsonb;
-- Every writer of description, labels or column texts counts, not only the console's upgrade.
CREATE FUNCTION metatable_catalog.meta_tables_count_text_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.description IS DISTINCT FROM OLD.description
       OR NEW.labels IS DISTINCT FROM OLD.labels
       OR NEW.column_texts IS DISTINCT FROM OLD.column_texts THEN
        NEW.text_version := OLD.text_version + 1;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER meta_tables_text_version BEFORE UPDATE ON metatable_catalog.meta_tables
    FOR EACH ROW EXECUTE FUNCTION metatable_catalog.meta_tables_count_text_changes();
)";

const char *EntryColumns = R"(
    m.uid::text, m.provider_key, m.identifier, coalesce(m.metatable_identifier, ''), m.namespace,
    m.physical_schema, m.physical_table_name, m.table_kind, m.provisioning_status,
    m.contract_hash, m.description, m.labels::text, ds.uid::text, m.protect_from_deletion,
    coalesce(m.time_index_name, ''), m.index_names::text, m.cadence, m.management_mode,
    m.schema_management_mode, m.alembic_revision,
    to_char(m.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    to_char(m.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), %1, %2)";

QStringList jsonStrings(const QString &text)
{
    QStringList out;
    for (const auto &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out.append(v.toString());
    return out;
}

QString jsonText(const QStringList &values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QMap<QString, ColumnTexts> columnTextsFrom(const QString &text)
{
    QMap<QString, ColumnTexts> out;
    const QJsonObject columns = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        const QJsonObject texts = it.value().toObject();
        ColumnTexts c;
        if (texts.value(QLatin1String("label")).isString())
            c.label = texts.value(QLatin1String("label")).toString();
        if (texts.value(QLatin1String("description")).isString())
            c.description = texts.value(QLatin1String("description")).toString();
        out.insert(it.key(), c);
    }
    return out;
}

QString columnTextsJson(const QMap<QString, ColumnTexts> &columns)
{
    QJsonObject out;
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        QJsonObject texts;
        texts.insert(QLatin1String("label"),
                     it->label ? QJsonValue(*it->label) : QJsonValue(QJsonValue::Null));
        texts.insert(QLatin1String("description"),
                     it->description ? QJsonValue(*it->description) : QJsonValue(QJsonValue::Null));
        out.insert(it.key(), texts);
    }
    return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

CatalogEntry entryAt(const Rows &r, qsizetype i)
{
    CatalogEntry e;
    e.uid = r.text(i, 0);
    e.providerKey = r.text(i, 1);
    e.identifier = r.text(i, 2);
    e.metatableIdentifier = r.text(i, 3);
    e.namespaceName = r.text(i, 4);
    e.physicalSchema = r.text(i, 5);
    e.physicalTableName = r.text(i, 6);
    e.tableKind = r.text(i, 7);
    e.provisioningStatus = r.text(i, 8);
    e.contractHash = r.text(i, 9);
    e.description = r.text(i, 10);
    e.labels = jsonStrings(r.text(i, 11));
    e.dataSourceUid = r.text(i, 12);
    e.protectFromDeletion = r.boolean(i, 13);
    e.timeIndexName = r.text(i, 14);
    e.indexNames = jsonStrings(r.text(i, 15));
    if (!r.isNull(i, 16))
        e.cadence = r.text(i, 16);
    e.managementMode = r.text(i, 17);
    e.schemaManagementMode = r.text(i, 18);
    if (!r.isNull(i, 19))
        e.alembicRevision = r.text(i, 19);
    e.registeredAt = r.text(i, 20);
    e.updatedAt = r.text(i, 21);
    e.textVersion = r.text(i, 22).toLongLong();
    e.columnTexts = columnTextsFrom(r.text(i, 23));
    return e;
}

// A catalog from before version 3 has no text_version: read as 0, so reading (a review, a
// status) never needs the catalog migrated first.
QString selectEntries(const QString &where, bool hasTextVersion)
{
    const QString columns
        = QString::fromLatin1(EntryColumns)
              .arg(hasTextVersion ? QStringLiteral("m.text_version::text") : QStringLiteral("'0'"),
                   hasTextVersion ? QStringLiteral("m.column_texts::text")
                                  : QStringLiteral("'{}'"));
    return QStringLiteral("SELECT %1 FROM metatable_catalog.meta_tables m "
                          "CROSS JOIN (SELECT uid FROM metatable_catalog.data_source LIMIT 1) ds "
                          "%2 ORDER BY m.physical_schema COLLATE \"C\", "
                          "m.physical_table_name COLLATE \"C\"")
        .arg(columns, where);
}

struct CatalogShape
{
    bool exists = false;
    bool hasTextVersion = false;
};

// Whether the catalog exists and has meta_tables.text_version, in one round trip.
Result<CatalogShape> catalogShape(Session &session)
{
    auto r = session.query(
        QStringLiteral("SELECT to_regclass('metatable_catalog.meta_tables') IS NOT NULL"
                       " AND to_regclass('metatable_catalog.data_source') IS NOT NULL,"
                       " EXISTS (SELECT 1 FROM pg_attribute"
                       "  WHERE attrelid = to_regclass('metatable_catalog.meta_tables')"
                       "  AND attname = 'text_version' AND NOT attisdropped)"));
    if (!r)
        return fail(r.error());
    return CatalogShape{r->boolean(0, 0), r->boolean(0, 1)};
}

VoidResult needTransaction(Session &session, const char *what)
{
    if (!session.inTransaction())
        return fail(ErrorCode::Internal,
                    QStringLiteral("%1 must run inside the migration's transaction, so the "
                                   "catalog row and the DDL commit together.")
                        .arg(QLatin1String(what)));
    return {};
}

VoidResult createOrMigrate(Session &session)
{
    // Serialises concurrent first-time creation: CREATE ... IF NOT EXISTS alone races on the
    // system catalogs' unique indexes.
    if (auto r = session.advisoryXactLock(QStringLiteral("metatable_catalog")); !r)
        return r;
    const char *steps[] = {
        "CREATE SCHEMA IF NOT EXISTS metatable_catalog",
        "CREATE TABLE IF NOT EXISTS metatable_catalog.schema_version ("
        " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    };
    for (const char *sql : steps) {
        if (auto r = session.execute(QString::fromLatin1(sql)); !r)
            return fail(r.error());
    }
    auto version = session.query(
        QStringLiteral("SELECT coalesce(max(version), 0) FROM metatable_catalog.schema_version"));
    if (!version)
        return fail(version.error());
    const int current = version->text(0, 0).toInt();
    if (current > CatalogVersion)
        return fail(ErrorCode::Refused,
                    QStringLiteral("The catalog schema metatable_catalog is at version %1, newer "
                                   "than this console understands (%2): upgrade the console "
                                   "before changing this database.")
                        .arg(current)
                        .arg(CatalogVersion),
                    session.redactedConninfo());
    for (int step = current + 1; step <= CatalogVersion; ++step) {
        if (auto r = session.execute(catalogStepSql(step)); !r)
            return fail(r.error());
        if (auto r = session.execute(
                QStringLiteral(
                    "INSERT INTO metatable_catalog.schema_version (version) VALUES ($1)"),
                {step});
            !r)
            return fail(r.error());
    }
    auto r = session.execute(QStringLiteral("INSERT INTO metatable_catalog.data_source DEFAULT "
                                            "VALUES ON CONFLICT (singleton) DO NOTHING"));
    if (!r)
        return fail(r.error());
    return {};
}

} // namespace

QString catalogStepSql(int version)
{
    const char *steps[] = {CatalogV1, CatalogV2, CatalogV3};
    static_assert(std::size(steps) == CatalogVersion);
    if (version < 1 || version > CatalogVersion)
        return {};
    return QString::fromLatin1(steps[version - 1]);
}

VoidResult ensureCatalog(Session &session)
{
    if (session.inTransaction())
        return createOrMigrate(session);
    Transaction tx(session);
    if (auto r = tx.begin(); !r)
        return r;
    if (auto r = createOrMigrate(session); !r)
        return r;
    return tx.commit();
}

Result<int> catalogVersion(Session &session)
{
    auto exists = session.query(
        QStringLiteral("SELECT to_regclass('metatable_catalog.schema_version') IS NOT NULL"));
    if (!exists)
        return fail(exists.error());
    if (!exists->boolean(0, 0))
        return 0;
    auto version = session.query(
        QStringLiteral("SELECT coalesce(max(version), 0) FROM metatable_catalog.schema_version"));
    if (!version)
        return fail(version.error());
    return version->text(0, 0).toInt();
}

Result<bool> catalogExists(Session &session)
{
    auto r = session.query(
        QStringLiteral("SELECT to_regclass('metatable_catalog.meta_tables') IS NOT NULL "
                       "AND to_regclass('metatable_catalog.data_source') IS NOT NULL"));
    if (!r)
        return fail(r.error());
    return r->boolean(0, 0);
}

Result<QString> dataSourceUid(Session &session)
{
    auto exists = catalogExists(session);
    if (!exists)
        return fail(exists.error());
    if (!*exists)
        return QString();
    auto r = session.query(
        QStringLiteral("SELECT uid::text FROM metatable_catalog.data_source LIMIT 1"));
    if (!r)
        return fail(r.error());
    return r->isEmpty() ? QString() : r->text(0, 0);
}

Result<QList<CatalogEntry>> readCatalog(Session &session)
{
    auto shape = catalogShape(session);
    if (!shape)
        return fail(shape.error());
    if (!shape->exists)
        return QList<CatalogEntry>();
    auto r = session.query(selectEntries({}, shape->hasTextVersion));
    if (!r)
        return fail(r.error());
    QList<CatalogEntry> out;
    out.reserve(r->size());
    for (qsizetype i = 0; i < r->size(); ++i)
        out.append(entryAt(*r, i));
    return out;
}

Result<QList<CatalogBinding>> readBindings(Session &session, const QString &providerKey)
{
    auto shape = catalogShape(session);
    if (!shape)
        return fail(shape.error());
    if (!shape->exists)
        return QList<CatalogBinding>();
    auto r = session.query(
        selectEntries(QStringLiteral("WHERE m.provider_key = $1"), shape->hasTextVersion),
        {providerKey});
    if (!r)
        return fail(r.error());
    QList<CatalogBinding> out;
    for (qsizetype i = 0; i < r->size(); ++i) {
        const CatalogEntry e = entryAt(*r, i);
        out.append(CatalogBinding{
            e.metatableIdentifier,
            e.identifier,
            e.provisioningStatus,
            Core::Binding{e.uid, e.physicalTableName, e.physicalSchema, e.dataSourceUid}});
    }
    return out;
}

Result<CatalogEntry> upsertReservation(Session &session, const Reservation &row)
{
    if (auto r = needTransaction(session, "Reserving a catalog row"); !r)
        return fail(r.error());
    const Params params = {row.providerKey,
                           row.identifier,
                           row.metatableIdentifier,
                           row.namespaceName,
                           row.physicalSchema,
                           row.physicalTableName,
                           row.tableKind,
                           row.timeIndexName.isEmpty() ? QVariant() : QVariant(row.timeIndexName),
                           jsonText(row.indexNames),
                           row.cadence ? QVariant(*row.cadence) : QVariant(),
                           row.contractHash,
                           row.description,
                           jsonText(row.labels),
                           row.protectFromDeletion,
                           row.managementMode,
                           row.schemaManagementMode,
                           columnTextsJson(row.columnTexts)};
    // The conflict branch refreshes descriptive fields only for the same provider: a row owned
    // by another provider comes back unchanged and is refused below.
    const QString sql = QStringLiteral(
        "WITH upserted AS ("
        " INSERT INTO metatable_catalog.meta_tables AS t (provider_key, identifier,"
        "  metatable_identifier, namespace, physical_schema, physical_table_name, table_kind,"
        "  time_index_name, index_names, cadence, provisioning_status, contract_hash,"
        "  description, labels, protect_from_deletion, management_mode, schema_management_mode,"
        "  column_texts)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, 'reserved', $11, $12,"
        "  $13::jsonb, $14, $15, $16, $17::jsonb)"
        " ON CONFLICT (physical_schema, physical_table_name) DO UPDATE SET"
        "  contract_hash = EXCLUDED.contract_hash, description = EXCLUDED.description,"
        "  labels = EXCLUDED.labels, protect_from_deletion = EXCLUDED.protect_from_deletion,"
        "  column_texts = EXCLUDED.column_texts,"
        "  updated_at = now()"
        "  WHERE t.provider_key = EXCLUDED.provider_key"
        " RETURNING t.physical_schema, t.physical_table_name)"
        " SELECT count(*) FROM upserted");
    auto written = session.query(sql, params);
    if (!written)
        return fail(written.error());
    auto r = session.query(
        selectEntries(QStringLiteral("WHERE m.physical_schema = $1 AND m.physical_table_name = $2"),
                      true),
        {row.physicalSchema, row.physicalTableName});
    if (!r)
        return fail(r.error());
    if (r->isEmpty())
        return fail(ErrorCode::Internal,
                    QStringLiteral("The catalog row for %1.%2 vanished right after it was "
                                   "reserved.")
                        .arg(row.physicalSchema, row.physicalTableName));
    CatalogEntry e = entryAt(*r, 0);
    if (e.providerKey != row.providerKey)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("Table %1.%2 is already registered in the catalog by provider "
                                   "'%3' (uid %4), not by '%5': rename the table or remove the "
                                   "other registration first.")
                        .arg(row.physicalSchema,
                             row.physicalTableName,
                             e.providerKey,
                             e.uid,
                             row.providerKey));
    return e;
}

VoidResult countTextChange(Session &session, const QStringList &uids)
{
    if (auto r = needTransaction(session, "Counting a change of texts"); !r)
        return r;
    if (uids.isEmpty())
        return {};
    auto r = session.execute(QStringLiteral("UPDATE metatable_catalog.meta_tables"
                                            " SET text_version = text_version + 1"
                                            " WHERE uid = ANY($1::uuid[])"),
                             {uids});
    if (!r)
        return fail(r.error());
    return {};
}

Result<FinalizeResult>
finalize(Session &session, const QStringList &uids, const std::optional<QString> &alembicRevision)
{
    if (auto r = needTransaction(session, "Finalizing catalog rows"); !r)
        return fail(r.error());
    const QString sql = QStringLiteral(
        "WITH wanted AS (SELECT DISTINCT u FROM unnest($1::uuid[]) u),"
        " present AS (SELECT m.uid,"
        "   to_regclass(quote_ident(m.physical_schema) || '.'"
        "               || quote_ident(m.physical_table_name)) IS NOT NULL AS table_exists"
        "   FROM metatable_catalog.meta_tables m JOIN wanted w ON w.u = m.uid),"
        " updated AS (UPDATE metatable_catalog.meta_tables m"
        "   SET provisioning_status = 'active', alembic_revision = $2, updated_at = now()"
        "   FROM present p WHERE p.uid = m.uid AND p.table_exists RETURNING m.uid)"
        " SELECT w.u::text, CASE WHEN up.uid IS NOT NULL THEN 'activated'"
        "   WHEN p.uid IS NOT NULL THEN 'missing' ELSE 'unknown' END"
        " FROM wanted w LEFT JOIN present p ON p.uid = w.u LEFT JOIN updated up ON up.uid = w.u"
        " ORDER BY 1");
    auto r = session.query(sql, {uids, alembicRevision ? QVariant(*alembicRevision) : QVariant()});
    if (!r)
        return fail(r.error());
    FinalizeResult out;
    for (qsizetype i = 0; i < r->size(); ++i) {
        const QString state = r->text(i, 1);
        QStringList &list = state == u"activated" ? out.activated
                            : state == u"missing" ? out.missing
                                                  : out.unknown;
        list.append(r->text(i, 0));
    }
    return out;
}

} // namespace Core::Db
