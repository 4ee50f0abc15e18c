// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

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

// The questions risk analysis asks the database. Every count is exact (count(*)).
class RiskProbe
{
public:
    virtual ~RiskProbe();
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
    // constraint over `columns` would reject. `where` restricts to a partial index.
    [[nodiscard]] virtual Result<qint64> duplicateCount(const QString &schema,
                                                        const QString &table,
                                                        const QStringList &columns,
                                                        const std::optional<QString> &where)
        = 0;
    // Rows whose (non-null) key has no match in the target: what FK validation rejects.
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

private:
    Result<qint64> count(const QString &sql, const QVariantList &params = {});
    Db::Session &m_session;
};

// Asks the probe about every risk of the plan that depends on the data and rewrites those
// risks with the counts (affectedRows, reason, level). A count that fails (e.g. the CHECK
// names a column the plan has yet to add) is said in the reason and leaves the level as the
// diff set it. Fails only when cancelled.
[[nodiscard]] VoidResult assessRisks(Plan &plan, RiskProbe &probe, const CancelToken &cancel = {});

// ---- Rules the diff applies (also used by assessRisks to re-judge with counts) ----

// Whether changing a column's type from `from` to `to` (format_type spellings) rewrites the
// table (PLATFORM-NOTES: varchar widen, varchar -> text, numeric widen do not; the rest do).
bool typeChangeRewrites(const QString &from, const QString &to);
// The new character bound when `to` is narrower than `from` (so values may not fit).
std::optional<int> narrowedLength(const QString &from, const QString &to);
// A default expression that PostgreSQL must evaluate per row (so ADD COLUMN rewrites).
bool isVolatileDefault(const QString &expression);

// The static risks of one operation, from the plan alone.
QList<Risk> staticRisks(const Operation &operation,
                        bool allowDestructive,
                        bool protectFromDeletion,
                        qint64 estimatedRows);

} // namespace Core::Migrate
