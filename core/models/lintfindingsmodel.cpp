// SPDX-License-Identifier: MIT
#include "lintfindingsmodel.h"

#include <core/models/roles.h>

namespace Core {

namespace {

// "/registration/table_contract/columns/3/label" (relative to the class) -> 3, else -1.
int columnRowOf(QStringView relativePointer)
{
    static const QString prefix = QStringLiteral("/registration/table_contract/columns/");
    if (!relativePointer.startsWith(prefix))
        return -1;
    QStringView rest = relativePointer.mid(prefix.size());
    if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0)
        rest = rest.left(slash);
    bool ok = false;
    const int row = rest.toInt(&ok);
    return ok ? row : -1;
}

} // namespace

LintFindingsModel::LintFindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LintFindingsModel::setFindings(const QList<LintFinding> &manifestFindings, int storagePosition)
{
    beginResetModel();
    m_rows.clear();
    const QString classPointer = QStringLiteral("/storage_classes/%1").arg(storagePosition);
    for (const LintFinding &f : manifestFindings) {
        if (storagePosition < 0 || !f.pointer.startsWith(classPointer))
            continue;
        const QStringView rest = QStringView(f.pointer).mid(classPointer.size());
        if (!rest.isEmpty() && !rest.startsWith(u'/'))
            continue; // "/storage_classes/12" is not under "/storage_classes/1"
        m_rows.append({f, columnRowOf(rest)});
    }
    endResetModel();
}

int LintFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LintFindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant LintFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const LintFinding &f = row.finding;
    if (role == int(ModelRole::ColumnRow))
        return row.columnRow;
    if (role == int(ModelRole::Emphasis))
        return index.column() == Severity && f.severity == LintSeverity::Error;
    if (role == Qt::ToolTipRole)
        return f.pointer;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Rule:
        return f.ruleId + u' ' + f.slug;
    case Severity:
        return lintSeverityName(f.severity);
    case Message:
        return f.message;
    case Fix:
        return f.fix;
    }
    return {};
}

QVariant LintFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Rule:
        return tr("Rule");
    case Severity:
        return tr("Severity");
    case Message:
        return tr("Finding");
    case Fix:
        return tr("How to fix");
    }
    return {};
}

} // namespace Core
