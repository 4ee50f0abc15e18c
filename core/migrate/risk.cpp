// SPDX-License-Identifier: MIT
#include "risk.h"

#include "model.h"

#include <core/db/session.h>
#include <core/db/sqlidentifier.h>

#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

namespace Core::Migrate {

using Db::quoteIdentifier;
using Db::quoteQualified;

RiskProbe::~RiskProbe() = default;

namespace {

struct TypeParts
{
    QString base;
    std::optional<int> first;  // length or precision
    std::optional<int> second; // scale
};

TypeParts parseType(const QString &type)
{
    static const QRegularExpression re(
        QStringLiteral("^([a-z ]+?)\\s*(?:\\((\\d+)(?:,(\\d+))?\\))?$"));
    const QString t = normalizeType(type);
    TypeParts parts;
    const auto m = re.match(t);
    if (!m.hasMatch()) {
        parts.base = t;
        return parts;
    }
    parts.base = m.captured(1).trimmed();
    if (parts.base == u"varchar")
        parts.base = QStringLiteral("character varying");
    if (parts.base == u"decimal")
        parts.base = QStringLiteral("numeric");
    if (!m.captured(2).isEmpty())
        parts.first = m.captured(2).toInt();
    if (!m.captured(3).isEmpty())
        parts.second = m.captured(3).toInt();
    return parts;
}

RiskLevel sizeLevel(qint64 rows, RiskLevel floor = RiskLevel::Info)
{
    RiskLevel level = RiskLevel::Info;
    if (rows >= 10 * LargeTableRows)
        level = RiskLevel::Danger;
    else if (rows >= LargeTableRows)
        level = RiskLevel::Warning;
    return static_cast<int>(level) < static_cast<int>(floor) ? floor : level;
}

QString rowsText(qint64 rows)
{
    return QLocale::c().toString(rows)
           + (rows == 1 ? QStringLiteral(" row") : QStringLiteral(" rows"));
}

Risk risk(RiskKind kind, RiskLevel level, const QString &reason, const QString &alternative = {})
{
    return Risk{kind, level, reason, alternative, std::nullopt};
}

const QString lockedIndexAlternative = QStringLiteral(
    "Build it with CREATE INDEX CONCURRENTLY outside the migration transaction (then attach it "
    "with ADD CONSTRAINT ... USING INDEX for a constraint).");

} // namespace

bool typeChangeRewrites(const QString &from, const QString &to)
{
    const TypeParts a = parseType(from);
    const TypeParts b = parseType(to);
    const bool aChar = a.base == u"character varying" || a.base == u"text";
    if (aChar && b.base == u"text")
        return false;
    if (aChar && b.base == u"character varying") {
        if (!b.first)
            return false;
        return a.base == u"text" || !a.first || *b.first < *a.first;
    }
    if (a.base == u"numeric" && b.base == u"numeric") {
        if (!b.first)
            return false;
        return !a.first || a.second.value_or(0) != b.second.value_or(0) || *b.first < *a.first;
    }
    return normalizeType(from) != normalizeType(to);
}

std::optional<int> narrowedLength(const QString &from, const QString &to)
{
    const TypeParts a = parseType(from);
    const TypeParts b = parseType(to);
    const bool bBounded = (b.base == u"character varying" || b.base == u"character") && b.first;
    if (!bBounded)
        return std::nullopt;
    const bool aText
        = a.base == u"text" || a.base == u"character varying" || a.base == u"character";
    if (!aText)
        return std::nullopt;
    if (a.first && *a.first <= *b.first)
        return std::nullopt;
    return b.first;
}

bool isVolatileDefault(const QString &expression)
{
    static const QRegularExpression volatileCall(
        QStringLiteral("\\b(gen_random_uuid|uuid_generate_v[14]|random|clock_timestamp|"
                       "timeofday|nextval|txid_current)\\s*\\("),
        QRegularExpression::CaseInsensitiveOption);
    return volatileCall.match(expression).hasMatch();
}

QList<Risk> staticRisks(const Operation &op,
                        bool allowDestructive,
                        bool protectFromDeletion,
                        qint64 estimatedRows)
{
    QList<Risk> risks;
    const bool existing = op.onExistingTable;
    const QString estimate = QStringLiteral(" (about %1 by the planner's estimate)")
                                 .arg(rowsText(qMax<qint64>(estimatedRows, 0)));
    switch (op.kind) {
    case OperationKind::DropTable:
    case OperationKind::DropColumn: {
        const bool table = op.kind == OperationKind::DropTable;
        risks.append(risk(RiskKind::DataLoss,
                          RiskLevel::Danger,
                          table
                              ? QStringLiteral("Drops the table and every row in it") + estimate
                              : QStringLiteral("Drops the column and every value in it") + estimate,
                          QStringLiteral("Take a backup first, or keep the %1 in the manifest.")
                              .arg(table ? QStringLiteral("class") : QStringLiteral("column"))));
        if (protectFromDeletion)
            risks.append(
                risk(RiskKind::ProtectedFromDeletion,
                     RiskLevel::Blocker,
                     QStringLiteral("The class is marked protect_from_deletion: the console "
                                    "never drops its data."),
                     QStringLiteral("Clear protect_from_deletion in the manifest (and "
                                    "register that change) before removing it.")));
        if (!allowDestructive)
            risks.append(risk(RiskKind::DestructiveNotAllowed,
                              RiskLevel::Blocker,
                              QStringLiteral("Destructive operations are refused unless explicitly "
                                             "allowed."),
                              QStringLiteral("Re-run with --allow-destructive once the data loss "
                                             "is intended.")));
        break;
    }
    case OperationKind::AlterColumnType: {
        if (!op.before.column || !op.after.column)
            break;
        const QString from = op.before.column->sqlType;
        const QString to = op.after.column->sqlType;
        if (typeChangeRewrites(from, to))
            risks.append(risk(RiskKind::TableRewrite,
                              sizeLevel(estimatedRows, RiskLevel::Warning),
                              QStringLiteral("Changing %1 to %2 rewrites the table and its indexes "
                                             "under an ACCESS EXCLUSIVE lock%3; every value must "
                                             "cast to the new type.")
                                  .arg(from, to, estimate),
                              QStringLiteral("Add a new column, backfill it in batches, then swap "
                                             "the names.")));
        if (const auto length = narrowedLength(from, to))
            risks.append(risk(RiskKind::VarcharNarrowing,
                              RiskLevel::Warning,
                              QStringLiteral("The new bound is %1 characters; longer values make "
                                             "the change fail.")
                                  .arg(*length),
                              QStringLiteral("Shorten or move the longer values first, or keep the "
                                             "wider type.")));
        break;
    }
    case OperationKind::AlterColumnNullability:
        if (existing && op.after.column && !op.after.column->nullable)
            risks.append(
                risk(RiskKind::NullsBlockNotNull,
                     RiskLevel::Warning,
                     QStringLiteral("SET NOT NULL scans the whole table under an ACCESS "
                                    "EXCLUSIVE lock and fails if any row holds NULL")
                         + estimate + u'.',
                     QStringLiteral("Backfill the NULLs, add CHECK (column IS NOT NULL) NOT "
                                    "VALID, VALIDATE CONSTRAINT, then SET NOT NULL (it uses "
                                    "the validated check and skips the scan).")));
        break;
    case OperationKind::AddColumn:
        if (existing && op.after.column && !op.after.column->nullable
            && !op.after.column->serverDefault)
            risks.append(risk(RiskKind::NotNullWithoutDefault,
                              RiskLevel::Warning,
                              QStringLiteral("A NOT NULL column without a default fails on a table "
                                             "that has rows")
                                  + estimate + u'.',
                              QStringLiteral("Add it nullable, backfill it, then SET NOT NULL; or "
                                             "give it a server default.")));
        if (existing && op.after.column && op.after.column->serverDefault
            && isVolatileDefault(*op.after.column->serverDefault))
            risks.append(
                risk(RiskKind::TableRewrite,
                     sizeLevel(estimatedRows, RiskLevel::Warning),
                     QStringLiteral("The default %1 is volatile: adding the column rewrites "
                                    "the table under an ACCESS EXCLUSIVE lock")
                             .arg(*op.after.column->serverDefault)
                         + estimate + u'.',
                     QStringLiteral("Add the column without a default, set the default, "
                                    "then backfill in batches.")));
        break;
    case OperationKind::CreateIndex:
    case OperationKind::AddUniqueConstraint:
    case OperationKind::AddPrimaryKey: {
        if (!existing)
            break;
        risks.append(risk(RiskKind::IndexLocksWrites,
                          sizeLevel(estimatedRows),
                          QStringLiteral("Building the index blocks writes to the table until it "
                                         "is done")
                              + estimate + u'.',
                          lockedIndexAlternative));
        const bool unique
            = op.kind != OperationKind::CreateIndex || (op.after.index && op.after.index->unique);
        if (unique)
            risks.append(
                risk(RiskKind::ConstraintViolations,
                     RiskLevel::Warning,
                     QStringLiteral("Duplicate keys in existing rows make the unique build "
                                    "fail."),
                     QStringLiteral("Remove the duplicates first.")));
        break;
    }
    case OperationKind::AddCheckConstraint:
        if (existing)
            risks.append(
                risk(RiskKind::ConstraintViolations,
                     RiskLevel::Warning,
                     QStringLiteral("Adding the check scans every row under an ACCESS "
                                    "EXCLUSIVE lock and fails if one violates it")
                         + estimate + u'.',
                     QStringLiteral("ADD CONSTRAINT ... NOT VALID, fix the violating rows, "
                                    "then VALIDATE CONSTRAINT (which takes a weaker lock).")));
        break;
    case OperationKind::AddForeignKey:
        if (existing)
            risks.append(risk(RiskKind::ForeignKeyValidation,
                              sizeLevel(estimatedRows),
                              QStringLiteral("Adding the foreign key scans the table to validate "
                                             "every row, locking both tables against writes")
                                  + estimate + u'.',
                              QStringLiteral("ADD CONSTRAINT ... NOT VALID, then VALIDATE "
                                             "CONSTRAINT in a later transaction.")));
        break;
    default:
        break;
    }
    return risks;
}

// ---- SessionRiskProbe ----

void SessionRiskProbe::setPlannedColumns(const QList<PlannedColumn> &columns)
{
    m_planned = columns;
}

QList<PlannedColumn> SessionRiskProbe::plannedFor(const QString &schema, const QString &table) const
{
    QList<PlannedColumn> out;
    for (const PlannedColumn &c : m_planned) {
        if (c.schema == schema && c.table == table)
            out.append(c);
    }
    return out;
}

Result<QStringList> SessionRiskProbe::tableColumns(const QString &schema, const QString &table)
{
    const QString key = schema + u'\x1f' + table;
    if (auto it = m_columns.constFind(key); it != m_columns.cend())
        return *it;
    auto rows
        = m_session.query(QStringLiteral("SELECT a.attname FROM pg_catalog.pg_attribute a "
                                         "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                                         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                                         "WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 "
                                         "AND NOT a.attisdropped ORDER BY a.attnum"),
                          {schema, table});
    if (!rows)
        return fail(rows.error().code,
                    QStringLiteral("Reading the columns of %1 failed on %2: %3")
                        .arg(quoteQualified(schema, table),
                             m_session.redactedConninfo(),
                             rows.error().detail.section(u'\n', 0, 0)));
    QStringList names;
    for (qsizetype i = 0; i < rows->rows.size(); ++i)
        names.append(rows->text(i, 0));
    m_columns.insert(key, names);
    return names;
}

Result<QString> SessionRiskProbe::source(const QString &schema, const QString &table)
{
    const QList<PlannedColumn> planned = plannedFor(schema, table);
    if (planned.isEmpty())
        return quoteQualified(schema, table) + QStringLiteral(" AS s");
    auto existing = tableColumns(schema, table);
    if (!existing)
        return fail(existing.error());
    // The columns are listed one by one so that a planned column replaces an existing one of
    // the same name (dropped and added again by the plan) instead of making it ambiguous.
    QStringList select;
    for (const QString &name : *existing) {
        const bool replaced
            = std::any_of(planned.cbegin(), planned.cend(), [&name](const PlannedColumn &c) {
                  return c.name == name;
              });
        if (!replaced)
            select.append(quoteIdentifier(name));
    }
    for (const PlannedColumn &c : planned)
        select.append(QStringLiteral("CAST((%1) AS %2) AS %3")
                          .arg(c.value, c.sqlType, quoteIdentifier(c.name)));
    return QStringLiteral("(SELECT ") + select.join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
           + quoteQualified(schema, table) + QStringLiteral(") AS s");
}

Result<qint64> SessionRiskProbe::count(const QString &what,
                                       const QString &schema,
                                       const QString &table,
                                       const std::function<QString(const QString &)> &sql,
                                       const QVariantList &params)
{
    const auto failed = [&](const Error &error) {
        // The first line of the server's message (with its SQLSTATE) says why; the rest is
        // the statement's position marker.
        QString why
            = error.detail.isEmpty() ? error.message : error.detail.section(u'\n', 0, 0).trimmed();
        why.replace(QStringLiteral("ERROR:  "), QString());
        return fail(
            error.code,
            QStringLiteral("Counting %1 in %2 failed on %3: %4")
                .arg(what, quoteQualified(schema, table), m_session.redactedConninfo(), why),
            error.detail);
    };
    auto from = source(schema, table);
    if (!from)
        return failed(from.error());
    auto rows = m_session.query(sql(*from), params);
    if (!rows)
        return failed(rows.error());
    if (rows->isEmpty() || rows->rows.first().isEmpty())
        return fail(ErrorCode::Internal,
                    QStringLiteral("Counting %1 in %2 returned no row.")
                        .arg(what, quoteQualified(schema, table)));
    return rows->text(0, 0).toLongLong();
}

Result<qint64> SessionRiskProbe::rowCount(const QString &schema, const QString &table)
{
    return count(QStringLiteral("the rows"), schema, table, [&](const QString &) {
        return QStringLiteral("SELECT count(*) FROM ") + quoteQualified(schema, table);
    });
}

Result<qint64>
SessionRiskProbe::nullCount(const QString &schema, const QString &table, const QString &column)
{
    return count(QStringLiteral("the NULLs in %1").arg(quoteIdentifier(column)),
                 schema,
                 table,
                 [&](const QString &from) {
                     return QStringLiteral("SELECT count(*) FROM ") + from
                            + QStringLiteral(" WHERE s.") + quoteIdentifier(column)
                            + QStringLiteral(" IS NULL");
                 });
}

Result<qint64>
SessionRiskProbe::nonNullCount(const QString &schema, const QString &table, const QString &column)
{
    return count(QStringLiteral("the values in %1").arg(quoteIdentifier(column)),
                 schema,
                 table,
                 [&](const QString &from) {
                     return QStringLiteral("SELECT count(*) FROM ") + from
                            + QStringLiteral(" WHERE s.") + quoteIdentifier(column)
                            + QStringLiteral(" IS NOT NULL");
                 });
}

Result<qint64> SessionRiskProbe::longerThanCount(const QString &schema,
                                                 const QString &table,
                                                 const QString &column,
                                                 int length)
{
    return count(QStringLiteral("the values of %1 longer than %2 characters")
                     .arg(quoteIdentifier(column))
                     .arg(length),
                 schema,
                 table,
                 [&](const QString &from) {
                     return QStringLiteral("SELECT count(*) FROM ") + from
                            + QStringLiteral(" WHERE char_length(s.") + quoteIdentifier(column)
                            + QStringLiteral("::text) > $1");
                 },
                 {length});
}

Result<qint64> SessionRiskProbe::checkViolationCount(const QString &schema,
                                                     const QString &table,
                                                     const QString &condition)
{
    return count(QStringLiteral("the rows that violate CHECK (%1)").arg(condition),
                 schema,
                 table,
                 [&](const QString &from) {
                     return QStringLiteral("SELECT count(*) FROM ") + from
                            + QStringLiteral(" WHERE NOT (") + condition + u')';
                 });
}

Result<qint64> SessionRiskProbe::duplicateCount(const QString &schema,
                                                const QString &table,
                                                const QStringList &columns,
                                                const std::optional<QString> &where)
{
    const QString what = QStringLiteral("the duplicate keys (%1)").arg(columns.join(u", "));
    // Tell column names from index expressions as CREATE INDEX does: by the table's columns.
    auto existing = tableColumns(schema, table);
    if (!existing)
        return fail(existing.error().code,
                    QStringLiteral("Counting %1 in %2 failed: %3")
                        .arg(what, quoteQualified(schema, table), existing.error().message));
    QStringList known = *existing;
    for (const PlannedColumn &c : plannedFor(schema, table))
        known.append(c.name);
    QStringList keys;
    for (const QString &c : columns)
        keys.append(known.contains(c) ? QStringLiteral("s.") + quoteIdentifier(c)
                                      : u'(' + c + u')');
    QStringList conditions;
    for (const QString &key : keys)
        conditions.append(key + QStringLiteral(" IS NOT NULL"));
    if (where)
        conditions.append(u'(' + *where + u')');
    return count(what, schema, table, [&](const QString &from) {
        return QStringLiteral("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM "
                              "")
               + from + QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "))
               + QStringLiteral(" GROUP BY ") + keys.join(QStringLiteral(", "))
               + QStringLiteral(" HAVING count(*) > 1) AS duplicates");
    });
}

Result<qint64>
SessionRiskProbe::orphanCount(const QString &schema, const QString &table, const ForeignKeySpec &fk)
{
    QStringList present;
    QStringList joins;
    QStringList keys;
    for (qsizetype i = 0; i < fk.columns.size() && i < fk.targetColumns.size(); ++i) {
        keys.append(QStringLiteral("s.") + quoteIdentifier(fk.columns[i]));
        present.append(keys.last() + QStringLiteral(" IS NOT NULL"));
        joins.append(QStringLiteral("t.") + quoteIdentifier(fk.targetColumns[i])
                     + QStringLiteral(" = ") + keys.last());
    }
    QString condition = u'(' + present.join(QStringLiteral(" AND "))
                        + QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM ")
                        + quoteQualified(fk.targetSchema, fk.targetTable)
                        + QStringLiteral(" AS t WHERE ") + joins.join(QStringLiteral(" AND "))
                        + QStringLiteral("))");
    // MATCH FULL also rejects a key that is partly NULL.
    if (fk.match == u"FULL" && keys.size() > 1)
        condition += QStringLiteral(" OR (num_nulls(%1) > 0 AND num_nonnulls(%1) > 0)")
                         .arg(keys.join(QStringLiteral(", ")));
    return count(QStringLiteral("the rows without a target for foreign key %1")
                     .arg(quoteIdentifier(fk.name)),
                 schema,
                 table,
                 [&](const QString &from) {
                     return QStringLiteral("SELECT count(*) FROM ") + from
                            + QStringLiteral(" WHERE ") + condition;
                 });
}

} // namespace Core::Migrate
