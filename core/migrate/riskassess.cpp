// SPDX-License-Identifier: MIT
#include "risk.h"

#include <core/db/sqlidentifier.h>

#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QScopeGuard>

namespace Core::Migrate {

namespace {

QString rows(qint64 n)
{
    return QLocale::c().toString(n) + (n == 1 ? QStringLiteral(" row") : QStringLiteral(" rows"));
}

RiskLevel bySize(qint64 n, RiskLevel floor)
{
    RiskLevel level = n >= 10 * LargeTableRows ? RiskLevel::Danger
                      : n >= LargeTableRows    ? RiskLevel::Warning
                                               : RiskLevel::Info;
    return static_cast<int>(level) < static_cast<int>(floor) ? floor : level;
}

QString tableKey(const QString &schema, const QString &table)
{
    return schema + u'\x1f' + table;
}

// What the plan does to a column of an existing table before the counted operation runs.
struct ColumnChange
{
    QString name;
    bool added = false;           // false: renamed from previousName
    QString previousName;         // renames only
    std::optional<QString> value; // added: the default every row gets; nullopt = NULL
    bool volatileDefault = false; // added with a default evaluated per row
};

bool isNullDefault(const std::optional<QString> &value)
{
    return !value || value->trimmed().isEmpty()
           || value->trimmed().compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0;
}

// Whether an expression (or a plain column name) refers to the column.
bool mentions(const QString &expression, const QString &column)
{
    if (expression == column)
        return true;
    const QRegularExpression word(
        QStringLiteral("(?<![A-Za-z0-9_$\"])(%1|%2)(?![A-Za-z0-9_$\"])")
            .arg(QRegularExpression::escape(column),
                 QRegularExpression::escape(Db::quoteIdentifier(column))));
    return word.match(expression).hasMatch();
}

class Assessor
{
public:
    Assessor(RiskProbe &probe, FunctionVolatility known)
        : m_probe(probe)
        , m_known(std::move(known))
    {}

    // Learns the columns the plan adds or renames on existing tables, and hands the probe the
    // values existing rows will hold in them. A volatile default has no single value (it is
    // evaluated per row when the column is added), so such a column is not handed over.
    void learnPlannedColumns(const Plan &plan)
    {
        QList<PlannedColumn> planned;
        for (const Operation &op : plan.operations) {
            if (!op.onExistingTable || !op.after.column)
                continue;
            ColumnChange change;
            change.name = op.after.column->name;
            if (op.kind == OperationKind::AddColumn) {
                change.added = true;
                const auto &value = op.after.column->serverDefault;
                change.value = isNullDefault(value) ? std::nullopt : value;
                change.volatileDefault = change.value && isVolatileDefault(*change.value, m_known);
            } else if (op.kind == OperationKind::RenameColumn && !op.previousName.isEmpty()) {
                change.previousName = op.previousName;
            } else {
                continue;
            }
            m_changes[tableKey(op.schema, op.table)].append(change);
            if (change.volatileDefault)
                continue;
            planned.append(PlannedColumn{op.schema,
                                         op.table,
                                         change.name,
                                         op.after.column->sqlType,
                                         !change.added  ? Db::quoteIdentifier(change.previousName)
                                         : change.value ? *change.value
                                                        : QStringLiteral("NULL")});
        }
        m_probe.setPlannedColumns(planned);
    }

    Result<qint64> tableRows(const Operation &op)
    {
        const QString key = tableKey(op.schema, op.table);
        if (auto it = m_rows.constFind(key); it != m_rows.cend())
            return *it;
        auto n = m_probe.rowCount(op.schema, op.table);
        if (n)
            m_rows.insert(key, *n);
        return n;
    }

    // The columns or expressions the risk's count reads.
    static QStringList countedTerms(const Operation &op, const Risk &risk)
    {
        switch (risk.kind) {
        case RiskKind::ForeignKeyValidation:
            return op.after.foreignKey ? op.after.foreignKey->columns : QStringList();
        case RiskKind::ConstraintViolations: {
            if (op.after.check)
                return {op.after.check->expression};
            QStringList terms;
            if (op.after.index) {
                terms = op.after.index->columns;
                if (op.after.index->where)
                    terms.append(*op.after.index->where);
            } else if (op.after.unique) {
                terms = op.after.unique->columns;
            } else if (op.after.primaryKey) {
                terms = op.after.primaryKey->columns;
            }
            return terms;
        }
        default:
            return {};
        }
    }

    // The planned columns the risk's count reads.
    QList<ColumnChange> changesIn(const Operation &op, const Risk &risk) const
    {
        QList<ColumnChange> out;
        const QStringList terms = countedTerms(op, risk);
        for (const ColumnChange &change : m_changes.value(tableKey(op.schema, op.table))) {
            for (const QString &term : terms) {
                if (mentions(term, change.name)) {
                    out.append(change);
                    break;
                }
            }
        }
        return out;
    }

    // How the planned columns entered the count, for the reason.
    static QString plannedNote(const QList<ColumnChange> &changes)
    {
        QStringList parts;
        for (const ColumnChange &c : changes) {
            const QString name = Db::quoteIdentifier(c.name);
            if (!c.added)
                parts.append(QStringLiteral("%1 is renamed from %2 by this plan and counted with "
                                            "its current values")
                                 .arg(name, Db::quoteIdentifier(c.previousName)));
            else if (c.volatileDefault)
                parts.append(QStringLiteral("%1 is added by this plan with the volatile default "
                                            "%2, whose per-row values exist only once the column "
                                            "is added")
                                 .arg(name, *c.value));
            else if (c.value)
                parts.append(QStringLiteral("%1 is added by this plan, so every existing row "
                                            "holds its default %2; counted with that value")
                                 .arg(name, *c.value));
            else
                parts.append(QStringLiteral("%1 is added by this plan, so every existing row "
                                            "holds NULL in it; counted with NULL")
                                 .arg(name));
        }
        return parts.join(QStringLiteral("; "));
    }

    // The count that decides this risk, or nullopt when the risk does not depend on data.
    std::optional<Result<qint64>> countFor(const Operation &op, const Risk &risk)
    {
        const auto &column = op.after.column ? op.after.column : op.before.column;
        switch (risk.kind) {
        case RiskKind::DataLoss:
            if (op.kind == OperationKind::DropColumn && op.before.column)
                return m_probe.nonNullCount(op.schema, op.table, op.before.column->name);
            return tableRows(op);
        case RiskKind::TableRewrite:
        case RiskKind::IndexLocksWrites:
        case RiskKind::NotNullWithoutDefault:
            return tableRows(op);
        case RiskKind::NullsBlockNotNull:
            return m_probe.nullCount(op.schema, op.table, column->name);
        case RiskKind::VarcharNarrowing: {
            const auto length = narrowedLength(op.before.column->sqlType, op.after.column->sqlType);
            return m_probe.longerThanCount(
                op.schema, op.table, op.after.column->name, length.value_or(0));
        }
        case RiskKind::ForeignKeyValidation:
            return m_probe.orphanCount(op.schema, op.table, *op.after.foreignKey);
        case RiskKind::ConstraintViolations:
            if (op.after.check)
                return m_probe.checkViolationCount(op.schema, op.table, op.after.check->expression);
            if (op.after.index)
                return m_probe.duplicateCount(
                    op.schema, op.table, op.after.index->columns, op.after.index->where);
            if (op.after.unique)
                return m_probe.duplicateCount(
                    op.schema, op.table, op.after.unique->columns, std::nullopt);
            if (op.after.primaryKey)
                return m_probe.duplicateCount(
                    op.schema, op.table, op.after.primaryKey->columns, std::nullopt);
            return std::nullopt;
        default:
            return std::nullopt;
        }
    }

    // A foreign key over a column the plan adds without a default: every existing row holds
    // NULL in it, and MATCH SIMPLE does not check a key with a NULL (MATCH FULL does not check
    // an all-NULL key), so no row can fail. Decided without a count.
    bool judgeNullForeignKey(Operation &op, Risk &risk, const QList<ColumnChange> &changes)
    {
        if (risk.kind != RiskKind::ForeignKeyValidation || !op.after.foreignKey)
            return false;
        const ForeignKeySpec &fk = *op.after.foreignKey;
        QStringList nullColumns;
        for (const ColumnChange &c : changes) {
            if (c.added && !c.value)
                nullColumns.append(Db::quoteIdentifier(c.name));
        }
        const bool full = fk.match == u"FULL";
        if (nullColumns.isEmpty() || (full && nullColumns.size() < fk.columns.size()))
            return false;
        risk.affectedRows = 0;
        const QString why
            = full ? QStringLiteral("MATCH FULL does not check a key that is entirely NULL")
                   : QStringLiteral("MATCH SIMPLE does not check a key that holds a NULL");
        const QString columns = nullColumns.join(QStringLiteral(", "));
        QString reason
            = QStringLiteral("%1 %2 added by this plan, so every existing row holds "
                             "NULL in %3 and %4: no row can fail.")
                  .arg(columns,
                       nullColumns.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                       nullColumns.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"),
                       why);
        if (auto total = tableRows(op)) {
            reason += QStringLiteral(" Validation still scans %1 under lock.").arg(rows(*total));
            risk.level = bySize(*total, RiskLevel::Info);
        } else {
            risk.level = RiskLevel::Info;
        }
        risk.reason = reason;
        return true;
    }

    void judge(Operation &op, Risk &risk)
    {
        const QList<ColumnChange> changes = changesIn(op, risk);
        if (judgeNullForeignKey(op, risk, changes))
            return;
        auto counted = countFor(op, risk);
        if (!counted)
            return;
        if (!*counted) {
            const QString note = plannedNote(changes);
            risk.reason += QStringLiteral(" (%1%2)").arg(
                counted->error().message, note.isEmpty() ? QString() : QStringLiteral("; ") + note);
            return;
        }
        const qint64 n = **counted;
        const auto finish = qScopeGuard([&] {
            if (!changes.isEmpty())
                risk.reason += QStringLiteral(" (%1.)").arg(plannedNote(changes));
        });
        risk.affectedRows = n;
        switch (risk.kind) {
        case RiskKind::DataLoss:
            risk.reason = op.kind == OperationKind::DropTable
                              ? QStringLiteral("Drops the table and its %1.").arg(rows(n))
                              : QStringLiteral("Drops the column; %1 hold a value that would be "
                                               "lost.")
                                    .arg(rows(n));
            risk.level = n > 0 ? RiskLevel::Danger : RiskLevel::Info;
            break;
        case RiskKind::TableRewrite:
            risk.reason += QStringLiteral(" The table holds %1.").arg(rows(n));
            risk.level = bySize(n, RiskLevel::Warning);
            break;
        case RiskKind::IndexLocksWrites:
            risk.reason = QStringLiteral("Building the index blocks writes to the table (%1) until "
                                         "it is done.")
                              .arg(rows(n));
            risk.level = bySize(n, RiskLevel::Info);
            break;
        case RiskKind::NotNullWithoutDefault:
            risk.reason = n > 0 ? QStringLiteral("The table has %1: adding a NOT NULL column "
                                                 "without a default fails.")
                                      .arg(rows(n))
                                : QStringLiteral("The table is empty, so the NOT NULL column can "
                                                 "be added without a default.");
            risk.level = n > 0 ? RiskLevel::Blocker : RiskLevel::Info;
            break;
        case RiskKind::NullsBlockNotNull:
            risk.reason = n > 0 ? QStringLiteral("%1 hold NULL in this column: SET NOT NULL would "
                                                 "fail.")
                                      .arg(rows(n))
                                : QStringLiteral("No row holds NULL; SET NOT NULL still scans the "
                                                 "table under an ACCESS EXCLUSIVE lock.");
            risk.level = n > 0 ? RiskLevel::Blocker : RiskLevel::Info;
            break;
        case RiskKind::VarcharNarrowing:
            risk.reason = n > 0 ? QStringLiteral("%1 hold values longer than the new bound: the "
                                                 "change would fail.")
                                      .arg(rows(n))
                                : QStringLiteral("Every value fits the new bound.");
            risk.level = n > 0 ? RiskLevel::Blocker : RiskLevel::Info;
            break;
        case RiskKind::ForeignKeyValidation:
            if (n > 0) {
                risk.reason = QStringLiteral("%1 reference keys that do not exist in the target: "
                                             "adding the foreign key would fail.")
                                  .arg(rows(n));
                risk.level = RiskLevel::Blocker;
            } else if (auto total = tableRows(op)) {
                risk.level = bySize(*total, RiskLevel::Info);
                risk.reason = QStringLiteral("Every row has its target; validation scans %1 "
                                             "under lock.")
                                  .arg(rows(*total));
            }
            break;
        case RiskKind::ConstraintViolations:
            risk.reason = n > 0
                              ? (op.after.check
                                     ? QStringLiteral("%1 violate the check: adding it would fail.")
                                     : QStringLiteral("%1 duplicate another row's key: the unique "
                                                      "build would fail."))
                                    .arg(rows(n))
                              : QStringLiteral("No existing row violates it.");
            risk.level = n > 0 ? RiskLevel::Blocker : RiskLevel::Info;
            break;
        default:
            break;
        }
    }

private:
    RiskProbe &m_probe;
    FunctionVolatility m_known;
    QHash<QString, qint64> m_rows;
    QHash<QString, QList<ColumnChange>> m_changes; // by tableKey
};

// The defaults of columns added to existing tables: the ones whose volatility decides a rewrite.
QList<Operation *> addedWithDefault(Plan &plan)
{
    QList<Operation *> out;
    for (Operation &op : plan.operations) {
        if (op.kind == OperationKind::AddColumn && op.onExistingTable && op.after.column
            && op.after.column->serverDefault && !isNullDefault(op.after.column->serverDefault))
            out.append(&op);
    }
    return out;
}

// Asks the database, in one round trip, how volatile the functions the defaults call are, and
// re-judges each added column's rewrite risk with the answer. If the database cannot say, the
// diff's conservative guess (every call is volatile) stands and its reason says why.
FunctionVolatility judgeDefaults(Plan &plan, RiskProbe &probe)
{
    const QList<Operation *> ops = addedWithDefault(plan);
    QStringList names;
    for (const Operation *op : ops) {
        for (const QString &name : calledFunctions(*op->after.column->serverDefault)) {
            if (!names.contains(name))
                names.append(name);
        }
    }
    if (names.isEmpty())
        return {};
    auto known = probe.functionVolatility(names);
    for (Operation *op : ops) {
        const QString &expression = *op->after.column->serverDefault;
        const bool isVolatile = !known || isVolatileDefault(expression, *known);
        for (qsizetype i = op->risks.size() - 1; i >= 0; --i) {
            Risk &risk = op->risks[i];
            if (risk.kind != RiskKind::TableRewrite)
                continue;
            if (!known)
                risk.reason += QStringLiteral(" (%1)").arg(known.error().message);
            else if (!isVolatile)
                op->risks.removeAt(i);
            else
                risk.reason = volatileDefaultReason(expression, true) + u'.';
        }
    }
    return known ? *known : FunctionVolatility();
}

} // namespace

VoidResult assessRisks(Plan &plan, RiskProbe &probe, const CancelToken &cancel)
{
    Assessor assessor(probe, judgeDefaults(plan, probe));
    assessor.learnPlannedColumns(plan);
    for (Operation &op : plan.operations) {
        if (!op.onExistingTable)
            continue;
        for (Risk &risk : op.risks) {
            if (cancel.isCancelled())
                return fail(ErrorCode::Cancelled, QStringLiteral("Risk analysis was cancelled."));
            // Refusals (protection, destructive not allowed, blocked drops) stand as they are.
            if (risk.level == RiskLevel::Blocker)
                continue;
            assessor.judge(op, risk);
        }
    }
    return {};
}

} // namespace Core::Migrate
