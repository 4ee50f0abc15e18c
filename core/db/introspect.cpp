// SPDX-License-Identifier: MIT
#include "introspect.h"

#include <core/db/catalog.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>

#include <QHash>

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
       dsc.description, a.attnum
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_description dsc ON dsc.objoid = a.attrelid AND dsc.objsubid = a.attnum
                            AND dsc.classoid = 'pg_class'::regclass
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum)";

// Key columns come back as attribute numbers and are named from the columns already read:
// a correlated array per row made these two queries the slowest part of introspection.
const char *ConstraintsSql = R"(
SELECT con.conrelid::int8, con.conname, con.contype, con.conkey::text,
       fn.nspname, fc.relname, con.confkey::text,
       con.confdeltype, con.confupdtype, con.confmatchtype,
       con.condeferrable, con.condeferred, con.convalidated,
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END,
       con.confrelid::int8
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'c', 'f') AND c.relkind IN ('r', 'p')
  AND n.nspname = ANY($1::text[])
ORDER BY con.conrelid, con.conname COLLATE "C")";

// Expression columns are printed only for indexes that have one (indkey holds 0 there).
const char *IndexesSql = R"(
SELECT i.indrelid::int8, ic.relname, i.indisunique, i.indisvalid, am.amname,
       pg_get_expr(i.indpred, i.indrelid), i.indkey::text, i.indnkeyatts,
       CASE WHEN 0 = ANY(i.indkey::int2[]) THEN array_to_json(ARRAY(
           SELECT pg_get_indexdef(i.indexrelid, k, false)
           FROM generate_series(1, i.indnkeyatts::int) k ORDER BY k))::text END,
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

// Columns of tables outside the introspected schemas that foreign keys point to.
const char *TargetColumnsSql = R"(
SELECT a.attrelid::int8, a.attnum, a.attname
FROM pg_attribute a
WHERE a.attrelid = ANY($1::int8[]::oid[]) AND a.attnum > 0 AND NOT a.attisdropped)";

// Column names by (relation oid, attribute number).
using AttributeNames = QHash<QPair<qint64, int>, QString>;

// "{1,3}" (int2[] as text) or "1 3" (int2vector as text) -> {1, 3}. Attribute numbers are
// never negative here (system columns are not keys).
QList<int> attributeNumbers(const QString &text)
{
    QList<int> out;
    int value = -1;
    for (const QChar c : text) {
        if (c.isDigit()) {
            value = (value < 0 ? 0 : value * 10) + c.digitValue();
        } else if (value >= 0) {
            out.append(value);
            value = -1;
        }
    }
    if (value >= 0)
        out.append(value);
    return out;
}

QStringList namesOf(const AttributeNames &names, qint64 relation, const QList<int> &numbers)
{
    QStringList out;
    for (int n : numbers)
        out.append(names.value({relation, n}));
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

void addConstraints(DbSnapshot &s,
                    const TableIndex &index,
                    const AttributeNames &names,
                    const Rows &r)
{
    for (qsizetype i = 0; i < r.size(); ++i) {
        DbTable *t = tableFor(s, index, r, i);
        if (!t)
            continue;
        const QString name = r.text(i, 1);
        const QString type = r.text(i, 2);
        const qint64 relation = r.text(i, 0).toLongLong();
        const QStringList columns = namesOf(names, relation, attributeNumbers(r.text(i, 3)));
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
            fk.targetColumns
                = namesOf(names, r.text(i, 14).toLongLong(), attributeNumbers(r.text(i, 6)));
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

void addIndexes(DbSnapshot &s, const TableIndex &index, const AttributeNames &names, const Rows &r)
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
        const qint64 relation = r.text(i, 0).toLongLong();
        const QList<int> numbers = attributeNumbers(r.text(i, 6));
        const qsizetype keys = std::min<qsizetype>(r.text(i, 7).toInt(), numbers.size());
        const QStringList expressions = r.isNull(i, 8) ? QStringList() : r.textList(i, 8);
        for (qsizetype k = 0; k < numbers.size(); ++k) {
            if (k >= keys)
                ix.includeColumns.append(names.value({relation, numbers[k]}));
            else if (numbers[k] == 0)
                ix.columns.append(expressions.value(k));
            else
                ix.columns.append(names.value({relation, numbers[k]}));
        }
        ix.constraintName = optionalText(r, i, 9);
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
    AttributeNames names;
    names.reserve(columns->size());
    for (qsizetype i = 0; i < columns->size(); ++i) {
        names.insert({columns->text(i, 0).toLongLong(), columns->text(i, 6).toInt()},
                     columns->text(i, 1));
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
    QStringList outside; // foreign-key targets whose columns were not read above
    for (qsizetype i = 0; i < constraints->size(); ++i) {
        const QString target = constraints->text(i, 14);
        if (constraints->text(i, 2) == u"f" && !index.contains(target.toLongLong())
            && !outside.contains(target))
            outside.append(target);
    }
    if (!outside.isEmpty()) {
        auto targets = session.query(QString::fromLatin1(TargetColumnsSql), {outside});
        if (!targets)
            return fail(targets.error());
        for (qsizetype i = 0; i < targets->size(); ++i)
            names.insert({targets->text(i, 0).toLongLong(), targets->text(i, 1).toInt()},
                         targets->text(i, 2));
    }
    addConstraints(snapshot, index, names, *constraints);

    if (auto c = checkCancel(cancel); !c)
        return fail(c.error());
    auto indexes = session.query(QString::fromLatin1(IndexesSql), {schemas});
    if (!indexes)
        return fail(indexes.error());
    addIndexes(snapshot, index, names, *indexes);

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
