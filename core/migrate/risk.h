// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Core::Db {
class Session;
}

namespace Core::Migrate {

// Risk analysis. The diff attaches the risks it can judge from the plan alone (rewrite,
// destructive, refused drops) with levels guessed from the planner's row estimate; a
// RiskProbe then counts the rows that matter in the live database and sets the final level
// (e.g. NULLs before SET NOT NULL make the operation a Blocker: it would fail).

// Tables at least this large (rows) get a Warning for operations that lock them while they
// scan or rewrite, and a Danger from ten times that.
inline constexpr qint64 LargeTableRows = 100000;

// A column that a plan brings into an existing table before it builds the constraints and
// indexes over it: added by the plan (every existing row then holds the column's default, or
// NULL) or renamed by it (the rows keep their values under the new name).
// What pg_proc.provolatile says of functions, by the name a default expression calls them by
// ("now", "public.my_func"): 'i' immutable, 's' stable, 'v' volatile. With overloads, the most
// volatile one.
using FunctionVolatility = QHash<QString, QChar>;

struct PlannedColumn
{
    QString schema;
    QString table;
    QString name;
    QString sqlType; // format_type() spelling
    // SQL for the value every existing row holds in it once the plan has added or renamed it:
    // the constant default, "NULL", or the quoted previous name of a renamed column.
    QString value;
};

// The questions risk analysis asks the database. Every count is exact (count(*)).
class RiskProbe
{
public:
    virtual ~RiskProbe();
    // Counts over these tables then see the planned columns with the values the rows will hold,
    // instead of failing on a column that does not exist yet.
    virtual void setPlannedColumns(const QList<PlannedColumn> &columns) = 0;
    // The volatility of the functions named (one round trip for all of them). Names the
    // database does not know are left out. The default knows nothing, so every call stays
    // volatile.
    [[nodiscard]] virtual Result<FunctionVolatility> functionVolatility(const QStringList &names);
    [[nodiscard]] virtual Result<qint64> rowCount(const QString &schema, const QString &table) = 0;
    [[nodiscard]] virtual Result<qint64>
    nullCount(const QString &schema, const QString &table, const QString &column) = 0;
    [[nodiscard]] virtual Result<qint64>
    nonNullCount(const QString &schema, const QString &table, const QString &column) = 0;
    // Values whose text is longer than `length` characters.
    [[nodiscard]] virtual Result<qint64>
    longerThanCount(const QString &schema, const QString &table, const QString &column, int length)
        = 0;
    // Rows for which the CHECK condition is false.
    [[nodiscard]] virtual Result<qint64>
    checkViolationCount(const QString &schema, const QString &table, const QString &condition) = 0;
    // Rows beyond the first of each group of equal (non-null) keys: what a unique index or
    // constraint over `columns` would reject. An entry that is not a column of the table is an
    // index expression (as CREATE INDEX reads it). `where` restricts to a partial index.
    [[nodiscard]] virtual Result<qint64> duplicateCount(const QString &schema,
                                                        const QString &table,
                                                        const QStringList &columns,
                                                        const std::optional<QString> &where)
        = 0;
    // Rows that FK validation rejects: a complete (non-null) key without a match in the target
    // and, under MATCH FULL, a key that is partly NULL.
    [[nodiscard]] virtual Result<qint64>
    orphanCount(const QString &schema, const QString &table, const ForeignKeySpec &foreignKey) = 0;
};

// Counts through a core/db Session (read-only statements, identifiers quoted, values bound).
class SessionRiskProbe final : public RiskProbe
{
public:
    explicit SessionRiskProbe(Db::Session &session)
        : m_session(session)
    {}
    void setPlannedColumns(const QList<PlannedColumn> &columns) override;
    Result<FunctionVolatility> functionVolatility(const QStringList &names) override;
    Result<qint64> rowCount(const QString &schema, const QString &table) override;
    Result<qint64>
    nullCount(const QString &schema, const QString &table, const QString &column) override;
    Result<qint64>
    nonNullCount(const QString &schema, const QString &table, const QString &column) override;
    Result<qint64> longerThanCount(const QString &schema,
                                   const QString &table,
                                   const QString &column,
                                   int length) override;
    Result<qint64> checkViolationCount(const QString &schema,
                                       const QString &table,
                                       const QString &condition) override;
    Result<qint64> duplicateCount(const QString &schema,
                                  const QString &table,
                                  const QStringList &columns,
                                  const std::optional<QString> &where) override;
    Result<qint64> orphanCount(const QString &schema,
                               const QString &table,
                               const ForeignKeySpec &foreignKey) override;

    // The counts that failed, in the order they ran (each also said in its risk's reason). Inside
    // a transaction a failed count is rolled back to a savepoint, so the transaction goes on.
    const QList<Error> &failures() const { return m_failures; }

private:
    // `what` names the count in an error ("the rows that violate the check").
    Result<qint64> count(const QString &what,
                         const QString &schema,
                         const QString &table,
                         const std::function<QString(const QString &from)> &sql,
                         const QVariantList &params = {});
    // The table as "FROM <source>" reads it, aliased `s`: the table itself, or a derived table
    // that adds the planned columns.
    Result<QString> source(const QString &schema, const QString &table);
    Result<QStringList> tableColumns(const QString &schema, const QString &table);
    QList<PlannedColumn> plannedFor(const QString &schema, const QString &table) const;
    Db::Session &m_session;
    QList<PlannedColumn> m_planned;
    QHash<QString, QStringList> m_columns;
    QList<Error> m_failures;
};

// Asks the probe about every risk of the plan that depends on the data and rewrites those
// risks with the counts (affectedRows, reason, level). First it asks, in one round trip, how
// volatile the functions called by the defaults of added columns are: a default whose every
// call is stable or immutable loses the rewrite risk the diff gave it. Columns the plan adds or
// renames are counted with the values the existing rows will hold (a foreign key over a column that
// will be NULL in every row is decided without a count). A count that fails is said in the reason
// (which count, and the database's error) and leaves the level as the diff set it. Fails only
// when cancelled.
[[nodiscard]] VoidResult assessRisks(Plan &plan, RiskProbe &probe, const CancelToken &cancel = {});

// ---- Rules the diff applies (also used by assessRisks to re-judge with counts) ----

// Whether changing a column's type from `from` to `to` (format_type spellings) rewrites the
// table (PLATFORM-NOTES: varchar widen, varchar -> text, numeric widen do not; the rest do).
bool typeChangeRewrites(const QString &from, const QString &to);
// The new character bound when `to` is narrower than `from` (so values may not fit).
std::optional<int> narrowedLength(const QString &from, const QString &to);
// The functions an expression calls, as they are named in it (lower case unless quoted, with
// the schema when given). Casts, string literals and SQL constructs that only look like calls
// (COALESCE, CAST, IN (...), ...) are left out.
QStringList calledFunctions(const QString &expression);
// Whether PostgreSQL evaluates a default per row, so ADD COLUMN rewrites the table. The rule:
// an expression is volatile when it calls a function that `known` (pg_proc.provolatile) marks
// volatile or does not list. Without the database nothing is known, so any function call
// counts as volatile: a rewrite warning too many rather than an ACCESS EXCLUSIVE rewrite
// nobody expected. Constants and SQL value keywords (CURRENT_TIMESTAMP) are not calls.
bool isVolatileDefault(const QString &expression, const FunctionVolatility &known = {});
// Why a column added with that default rewrites the table: `checked` once the database was
// asked, otherwise the conservative guess without it.
QString volatileDefaultReason(const QString &expression, bool checked);

// The static risks of one operation, from the plan alone. `estimatedRows` is the planner's
// estimate for the table, nullopt when it was never analysed (unknown, not empty).
QList<Risk> staticRisks(const Operation &operation,
                        bool allowDestructive,
                        bool protectFromDeletion,
                        std::optional<qint64> estimatedRows);

} // namespace Core::Migrate
