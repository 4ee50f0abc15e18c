// SPDX-License-Identifier: MIT
#include "risk.h"

#include "model.h"

#include <core/db/session.h>
#include <core/db/sqlidentifier.h>

#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

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

// An unknown size (never analysed) is judged as a large table, never as an empty one.
RiskLevel sizeLevel(std::optional<qint64> rows, RiskLevel floor = RiskLevel::Info)
{
    RiskLevel level = RiskLevel::Warning;
    if (rows && *rows >= 10 * LargeTableRows)
        level = RiskLevel::Danger;
    else if (rows && *rows < LargeTableRows)
        level = RiskLevel::Info;
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

} // namespace

QString volatileDefaultReason(const QString &expression, bool checked)
{
    const QStringList calls = calledFunctions(expression);
    QStringList shown;
    for (const QString &name : calls)
        shown.append(name + QStringLiteral("()"));
    return (checked ? QStringLiteral("The default %1 calls %2, which PostgreSQL marks volatile "
                                     "(or does not know)")
                    : QStringLiteral("The default %1 calls %2, counted as volatile until the "
                                     "database says otherwise (pg_proc.provolatile)"))
               .arg(expression, shown.join(QStringLiteral(", ")))
           + QStringLiteral(": adding the column evaluates it for every row and rewrites the "
                            "table under an ACCESS EXCLUSIVE lock");
}

namespace {

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

QStringList calledFunctions(const QString &expression)
{
    // SQL syntax that is written like a call but is not a pg_proc function, and the SQL value
    // keywords, which are stable whether or not they take a precision: CURRENT_TIMESTAMP(3).
    static const QSet<QString> notCalls{
        QStringLiteral("and"),          QStringLiteral("or"),
        QStringLiteral("not"),          QStringLiteral("in"),
        QStringLiteral("is"),           QStringLiteral("any"),
        QStringLiteral("all"),          QStringLiteral("some"),
        QStringLiteral("exists"),       QStringLiteral("case"),
        QStringLiteral("when"),         QStringLiteral("then"),
        QStringLiteral("else"),         QStringLiteral("end"),
        QStringLiteral("between"),      QStringLiteral("like"),
        QStringLiteral("ilike"),        QStringLiteral("cast"),
        QStringLiteral("coalesce"),     QStringLiteral("nullif"),
        QStringLiteral("greatest"),     QStringLiteral("least"),
        QStringLiteral("row"),          QStringLiteral("array"),
        QStringLiteral("values"),       QStringLiteral("current_date"),
        QStringLiteral("current_time"), QStringLiteral("current_timestamp"),
        QStringLiteral("localtime"),    QStringLiteral("localtimestamp"),
    };
    static const QRegularExpression literal(QStringLiteral("'(?:[^']|'')*'"));
    // A cast's type, which may carry a modifier that looks like arguments: ::numeric(10,2).
    static const QRegularExpression castType(
        QStringLiteral("::\\s*(?:\"[^\"]*\"|[A-Za-z_][\\w$.]*)(?:\\s+(?:varying|precision))?"
                       "\\s*(?:\\(\\s*[\\d\\s,]*\\))?"));
    static const QRegularExpression call(
        QStringLiteral("(?<![\\w$\".])((?:\"[^\"]+\"|[A-Za-z_][\\w$]*)"
                       "(?:\\s*\\.\\s*(?:\"[^\"]+\"|[A-Za-z_][\\w$]*))?)\\s*\\("));
    static const QRegularExpression typeInCast(QStringLiteral("\\bas\\s*$"),
                                               QRegularExpression::CaseInsensitiveOption);
    QString text = expression;
    text.replace(literal, QStringLiteral("''"));
    text.replace(castType, QString());
    QStringList names;
    for (auto it = call.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        // CAST(x AS numeric(10,2)): a type, not a call.
        if (typeInCast.match(text.left(m.capturedStart(1))).hasMatch())
            continue;
        QStringList parts;
        for (QString part : m.captured(1).split(u'.')) {
            part = part.trimmed();
            if (part.startsWith(u'"'))
                parts.append(part.mid(1, part.size() - 2));
            else
                parts.append(part.toLower());
        }
        const QString name = parts.join(u'.');
        if (parts.size() == 1 && notCalls.contains(name))
            continue;
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

bool isVolatileDefault(const QString &expression, const FunctionVolatility &known)
{
    const QStringList names = calledFunctions(expression);
    return std::any_of(names.cbegin(), names.cend(), [&known](const QString &name) {
        const auto it = known.constFind(name);
        return it == known.cend() || *it == u'v';
    });
}

QList<Risk> staticRisks(const Operation &op,
                        bool allowDestructive,
                        bool protectFromDeletion,
                        std::optional<qint64> estimatedRows)
{
    QList<Risk> risks;
    const bool existing = op.onExistingTable;
    const QString estimate
        = estimatedRows ? QStringLiteral(" (about %1 by the planner's estimate)")
                              .arg(rowsText(qMax<qint64>(*estimatedRows, 0)))
                        : QStringLiteral(" (row count unknown: the table was never analysed)");
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
            risks.append(risk(RiskKind::TableRewrite,
                              sizeLevel(estimatedRows, RiskLevel::Warning),
                              volatileDefaultReason(*op.after.column->serverDefault, false)
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

namespace {

// Inside a transaction a failed statement aborts it: a count that fails (a timeout, an
// expression the server rejects) is rolled back to a savepoint so the transaction, and the
// counts after it, go on.
Result<Db::Rows> guardedQuery(Db::Session &session, const QString &sql, const Db::Params &params)
{
    const bool guard = session.inTransaction();
    if (guard) {
        if (auto r = session.execute(QStringLiteral("SAVEPOINT metatable_risk_count")); !r)
            return fail(r.error());
    }
    auto rows = session.query(sql, params);
    if (!guard)
        return rows;
    auto end = session.execute(rows ? QStringLiteral("RELEASE SAVEPOINT metatable_risk_count")
                                    : QStringLiteral("ROLLBACK TO SAVEPOINT metatable_risk_count"));
    if (!end)
        return fail(end.error());
    return rows;
}

} // namespace

void SessionRiskProbe::setPlannedColumns(const QList<PlannedColumn> &columns)
{
    m_planned = columns;
}

Result<FunctionVolatility> RiskProbe::functionVolatility(const QStringList &)
{
    return FunctionVolatility();
}

Result<FunctionVolatility> SessionRiskProbe::functionVolatility(const QStringList &names)
{
    FunctionVolatility known;
    if (names.isEmpty())
        return known;
    // 'i' < 's' < 'v': max() is the most volatile overload. An unqualified name matches in
    // every schema, which can only make the answer more volatile, never less.
    auto rows = guardedQuery(
        m_session,
        QStringLiteral("SELECT f.name, max(p.provolatile::text) "
                       "FROM unnest($1::text[]) AS f(name) "
                       "JOIN pg_catalog.pg_proc p ON p.proname = CASE WHEN strpos(f.name, '.') > 0 "
                       "THEN split_part(f.name, '.', 2) ELSE f.name END "
                       "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
                       "WHERE strpos(f.name, '.') = 0 OR n.nspname = split_part(f.name, '.', 1) "
                       "GROUP BY f.name"),
        {names});
    if (!rows)
        return fail(rows.error().code,
                    QStringLiteral("Reading the volatility of %1 from pg_proc failed on %2")
                        .arg(names.join(QStringLiteral(", ")), m_session.redactedConninfo()),
                    rows.error().detail);
    for (qsizetype i = 0; i < rows->size(); ++i)
        known.insert(rows->text(i, 0), rows->text(i, 1).at(0));
    return known;
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
        = guardedQuery(m_session,
                       QStringLiteral("SELECT a.attname FROM pg_catalog.pg_attribute a "
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
        Error e = makeError(
            error.code,
            QStringLiteral("Counting %1 in %2 failed on %3: %4")
                .arg(what, quoteQualified(schema, table), m_session.redactedConninfo(), why),
            error.detail);
        m_failures.append(e);
        return fail(std::move(e));
    };
    auto from = source(schema, table);
    if (!from)
        return failed(from.error());
    auto rows = guardedQuery(m_session, sql(*from), params);
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
