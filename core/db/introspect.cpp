// SPDX-License-Identifier: MIT
#include "introspect.h"

#include <core/db/catalog.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace Core::Db {

namespace {

// Each query reads one kind of object for every table of the requested schemas at once, so the
// number of round trips does not depend on the number of tables. Arrays come back as JSON text
// so that identifiers with commas, quotes or braces survive without parsing array literals.

const char *TablesSql = R"(
SELECT c.oid::int8, n.nspname, c.relname, dsc.description, c.reltuples::int8
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.objsubid = 0
                            AND dsc.classoid = 'pg_class'::regclass
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C")";

const char *ColumnsSql = R"(
SELECT a.attrelid::int8, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
       dsc.description
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_description dsc ON dsc.objoid = a.attrelid AND dsc.objsubid = a.attnum
                            AND dsc.classoid = 'pg_class'::regclass
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum)";

const char *ConstraintsSql = R"(
SELECT con.conrelid::int8, con.conname, con.contype,
       array_to_json(ARRAY(
           SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
           ORDER BY k.ord))::text,
       fn.nspname, fc.relname,
       array_to_json(ARRAY(
           SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
           ORDER BY k.ord))::text,
       con.confdeltype, con.confupdtype, con.confmatchtype,
       con.condeferrable, con.condeferred, con.convalidated,
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'c', 'f') AND c.relkind IN ('r', 'p')
  AND n.nspname = ANY($1::text[])
ORDER BY con.conrelid, con.conname COLLATE "C")";

const char *IndexesSql = R"(
SELECT i.indrelid::int8, ic.relname, i.indisunique, i.indisvalid, am.amname,
       pg_get_expr(i.indpred, i.indrelid),
       array_to_json(ARRAY(
           SELECT CASE WHEN k.attnum <> 0 THEN a.attname::text
                       ELSE pg_get_indexdef(i.indexrelid, k.ord::int, false) END
           FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
           LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
           WHERE k.ord <= i.indnkeyatts ORDER BY k.ord))::text,
       array_to_json(ARRAY(
           SELECT a.attname::text
           FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
           WHERE k.ord > i.indnkeyatts ORDER BY k.ord))::text,
       con.conname
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                           AND con.contype IN ('p', 'u', 'x')
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
ORDER BY i.indrelid, ic.relname COLLATE "C")";

QStringList jsonList(const QString &text)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const auto &v : array)
        out.append(v.toString());
    return out;
}

std::optional<QString> optionalText(const Rows &r, qsizetype row, qsizetype col)
{
    if (r.isNull(row, col))
        return std::nullopt;
    return r.text(row, col);
}

QString fkAction(const QString &code)
{
    if (code == u"r")
        return QStringLiteral("RESTRICT");
    if (code == u"c")
        return QStringLiteral("CASCADE");
    if (code == u"n")
        return QStringLiteral("SET NULL");
    if (code == u"d")
        return QStringLiteral("SET DEFAULT");
    return QStringLiteral("NO ACTION");
}

QString fkMatch(const QString &code)
{
    if (code == u"f")
        return QStringLiteral("FULL");
    if (code == u"p")
        return QStringLiteral("PARTIAL");
    return QStringLiteral("SIMPLE");
}

VoidResult checkCancel(const CancelToken &cancel)
{
    if (cancel.isCancelled())
        return fail(ErrorCode::Cancelled, QStringLiteral("Reading the database was cancelled."));
    return {};
}

using TableIndex = QHash<qint64, qsizetype>;

DbTable *tableFor(DbSnapshot &s, const TableIndex &index, const Rows &r, qsizetype row)
{
    const auto it = index.constFind(r.text(row, 0).toLongLong());
    return it == index.constEnd() ? nullptr : &s.tables[*it];
}

void addConstraints(DbSnapshot &s, const TableIndex &index, const Rows &r)
{
    for (qsizetype i = 0; i < r.size(); ++i) {
        DbTable *t = tableFor(s, index, r, i);
        if (!t)
            continue;
        const QString name = r.text(i, 1);
        const QString type = r.text(i, 2);
        const QStringList columns = jsonList(r.text(i, 3));
        if (type == u"p") {
            t->primaryKey = DbPrimaryKey{name, columns};
        } else if (type == u"u") {
            t->uniqueConstraints.append(DbUniqueConstraint{name, columns});
        } else if (type == u"c") {
            t->checkConstraints.append(DbCheckConstraint{name, r.text(i, 13), r.boolean(i, 12)});
        } else if (type == u"f") {
            DbForeignKey fk;
            fk.name = name;
            fk.columns = columns;
            fk.targetSchema = r.text(i, 4);
            fk.targetTable = r.text(i, 5);
            fk.targetColumns = jsonList(r.text(i, 6));
            fk.onDelete = fkAction(r.text(i, 7));
            fk.onUpdate = fkAction(r.text(i, 8));
            fk.match = fkMatch(r.text(i, 9));
            fk.deferrable = r.boolean(i, 10);
            fk.initiallyDeferred = r.boolean(i, 11);
            fk.validated = r.boolean(i, 12);
            t->foreignKeys.append(fk);
        }
    }
}

void addIndexes(DbSnapshot &s, const TableIndex &index, const Rows &r)
{
    for (qsizetype i = 0; i < r.size(); ++i) {
        DbTable *t = tableFor(s, index, r, i);
        if (!t)
            continue;
        DbIndex ix;
        ix.name = r.text(i, 1);
        ix.unique = r.boolean(i, 2);
        ix.valid = r.boolean(i, 3);
        ix.method = r.text(i, 4);
        ix.predicate = optionalText(r, i, 5);
        ix.columns = jsonList(r.text(i, 6));
        ix.includeColumns = jsonList(r.text(i, 7));
        ix.constraintName = optionalText(r, i, 8);
        t->indexes.append(ix);
    }
}

Result<void>
readAlembic(Session &session, const IntrospectOptions &options, DbSnapshot &snapshot, bool exists)
{
    if (!exists)
        return {};
    auto rows
        = session.query(QStringLiteral("SELECT version_num::text FROM %1 ORDER BY 1")
                            .arg(quoteQualified(options.alembicSchema, options.alembicTable)));
    if (!rows)
        return fail(rows.error());
    QStringList versions;
    for (const auto &row : rows->rows)
        versions.append(row.value(0).toString());
    if (!versions.isEmpty())
        snapshot.alembicRevision = versions.join(QLatin1Char(','));
    return {};
}

Result<DbSnapshot>
readSnapshot(Session &session, const IntrospectOptions &options, const CancelToken &cancel)
{
    const QVariant schemas = options.schemas;
    DbSnapshot snapshot;

    auto tables = session.query(QString::fromLatin1(TablesSql), {schemas});
    if (!tables)
        return fail(tables.error());
    TableIndex index;
    index.reserve(tables->size());
    snapshot.tables.reserve(tables->size());
    for (qsizetype i = 0; i < tables->size(); ++i) {
        DbTable t;
        t.schema = tables->text(i, 1);
        t.name = tables->text(i, 2);
        t.comment = optionalText(*tables, i, 3);
        // reltuples is -1 until the table is first vacuumed or analysed: unknown, not empty.
        const qint64 reltuples = tables->text(i, 4).toLongLong();
        if (reltuples >= 0)
            t.estimatedRows = reltuples;
        index.insert(tables->text(i, 0).toLongLong(), snapshot.tables.size());
        snapshot.tables.append(std::move(t));
    }

    if (auto c = checkCancel(cancel); !c)
        return fail(c.error());
    auto columns = session.query(QString::fromLatin1(ColumnsSql), {schemas});
    if (!columns)
        return fail(columns.error());
    for (qsizetype i = 0; i < columns->size(); ++i) {
        if (DbTable *t = tableFor(snapshot, index, *columns, i)) {
            t->columns.append(DbColumn{columns->text(i, 1),
                                       columns->text(i, 2),
                                       columns->boolean(i, 3),
                                       optionalText(*columns, i, 4),
                                       optionalText(*columns, i, 5)});
        }
    }

    if (auto c = checkCancel(cancel); !c)
        return fail(c.error());
    auto constraints = session.query(QString::fromLatin1(ConstraintsSql), {schemas});
    if (!constraints)
        return fail(constraints.error());
    addConstraints(snapshot, index, *constraints);

    if (auto c = checkCancel(cancel); !c)
        return fail(c.error());
    auto indexes = session.query(QString::fromLatin1(IndexesSql), {schemas});
    if (!indexes)
        return fail(indexes.error());
    addIndexes(snapshot, index, *indexes);

    if (auto c = checkCancel(cancel); !c)
        return fail(c.error());
    const QVariant alembic
        = options.alembicTable.isEmpty()
              ? QVariant()
              : QVariant(quoteQualified(options.alembicSchema, options.alembicTable));
    auto present = session.query(
        QStringLiteral("SELECT to_regclass('metatable_catalog.meta_tables') IS NOT NULL, "
                       "to_regclass('metatable_catalog.data_source') IS NOT NULL, "
                       "coalesce(to_regclass($1) IS NOT NULL, false)"),
        {alembic});
    if (!present)
        return fail(present.error());
    snapshot.catalogExists = present->boolean(0, 0) && present->boolean(0, 1);

    if (snapshot.catalogExists && options.readCatalog) {
        auto uid = dataSourceUid(session);
        if (!uid)
            return fail(uid.error());
        snapshot.dataSourceUid = *uid;
        auto entries = readCatalog(session);
        if (!entries)
            return fail(entries.error());
        snapshot.catalog = std::move(*entries);
    }
    if (auto r = readAlembic(session, options, snapshot, present->boolean(0, 2)); !r)
        return fail(r.error());
    return snapshot;
}

} // namespace

Result<DbSnapshot>
introspect(Session &session, const IntrospectOptions &options, const CancelToken &cancel)
{
    if (session.inTransaction())
        return readSnapshot(session, options, cancel);
    // In autocommit each query would see the database as it is at that moment: a table created
    // or altered between two of them would come back half described, and the diff would plan
    // against a state that never existed.
    Transaction tx(session);
    if (auto r = tx.begin(TransactionMode::ReadOnlySnapshot); !r)
        return fail(r.error());
    auto snapshot = readSnapshot(session, options, cancel);
    if (!snapshot)
        return snapshot;
    if (auto r = tx.commit(); !r)
        return fail(r.error());
    return snapshot;
}

Result<DbSnapshot>
introspect(Session &session, const QStringList &schemas, const CancelToken &cancel)
{
    IntrospectOptions options;
    options.schemas = schemas;
    return introspect(session, options, cancel);
}

} // namespace Core::Db
