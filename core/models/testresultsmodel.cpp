// SPDX-License-Identifier: MIT
#include "testresultsmodel.h"

#include "roles.h"

#include <core/assistant/checklist.h>

#include <QRegularExpression>

namespace Core {

TestResultsModel::TestResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TestResultsModel::setOutcomes(const QList<Assistant::TestOutcome> &outcomes)
{
    beginResetModel();
    m_outcomes = outcomes;
    endResetModel();
}

void TestResultsModel::addOutcome(const Assistant::TestOutcome &outcome)
{
    const int row = int(m_outcomes.size());
    beginInsertRows({}, row, row);
    m_outcomes << outcome;
    endInsertRows();
}

const Assistant::TestOutcome *TestResultsModel::outcome(int row) const
{
    return row >= 0 && row < m_outcomes.size() ? &m_outcomes.at(row) : nullptr;
}

int TestResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_outcomes.size());
}

int TestResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QVariant TestResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Assistant::TestOutcome &t = m_outcomes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Section(index.column())) {
        case Test:
            return describeTestName(t.test);
        case Outcome:
            return t.outcome;
        case Seconds:
            return QString::number(t.seconds, 'f', 2);
        case SectionCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return t.detail.isEmpty() ? t.description
                                  : t.description + QStringLiteral("\n\n") + t.detail;
    case Qt::TextAlignmentRole:
        return index.column() == Seconds ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case int(ModelRole::ChecklistState):
        if (t.passed())
            return int(Assistant::ItemState::Done);
        return int(t.outcome == QLatin1String("skipped") ? Assistant::ItemState::CannotTell
                                                         : Assistant::ItemState::NotDone);
    default:
        return {};
    }
}

QVariant TestResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Section(section)) {
    case Test:
        return tr("Test");
    case Outcome:
        return tr("Outcome");
    case Seconds:
        return tr("Seconds");
    case SectionCount:
        break;
    }
    return {};
}

QString describeTestName(const QString &testName)
{
    static const QRegularExpression prefix(QStringLiteral("^test_(\\d+_)?"));
    QString text = testName;
    const auto match = prefix.match(text);
    const QString number = match.captured(1).chopped(match.captured(1).isEmpty() ? 0 : 1);
    text.remove(prefix).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return number.isEmpty() ? text : number + QStringLiteral(". ") + text;
}

} // namespace Core
