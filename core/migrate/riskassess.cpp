// SPDX-License-Identifier: MIT
#include "risk.h"

#include <QHash>
#include <QLocale>

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

class Assessor
{
public:
    explicit Assessor(RiskProbe &probe)
        : m_probe(probe)
    {}

    Result<qint64> tableRows(const Operation &op)
    {
        const QString key = op.schema + u'\x1f' + op.table;
        if (auto it = m_rows.constFind(key); it != m_rows.cend())
            return *it;
        auto n = m_probe.rowCount(op.schema, op.table);
        if (n)
            m_rows.insert(key, *n);
        return n;
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

    void judge(Operation &op, Risk &risk)
    {
        auto counted = countFor(op, risk);
        if (!counted)
            return;
        if (!*counted) {
            risk.reason += QStringLiteral(" (the rows could not be counted: %1)")
                               .arg(counted->error().message);
            return;
        }
        const qint64 n = **counted;
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
    QHash<QString, qint64> m_rows;
};

} // namespace

VoidResult assessRisks(Plan &plan, RiskProbe &probe, const CancelToken &cancel)
{
    Assessor assessor(probe);
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
