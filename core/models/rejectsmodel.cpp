// SPDX-License-Identifier: MIT
#include "rejectsmodel.h"

#include <core/util/csvtext.h>

namespace Core {

QByteArray rejectsToCsv(const Run::RejectLog &log)
{
    QByteArray out = "rule,rows_refused,line,column,value,reason,grain_key\r\n";
    for (Run::RejectRule rule : Run::allRules()) {
        for (const Run::RejectSample &s : log.samples(rule)) {
            out += csvLine({QString::fromLatin1(Run::ruleId(rule)),
                            QString::number(log.count(rule)),
                            QString::number(s.line),
                            s.column,
                            s.value,
                            s.reason,
                            s.grainKey});
        }
    }
    return out;
}

RejectsModel::RejectsModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

qint64 RejectsModel::total() const
{
    qint64 sum = 0;
    for (const RuleRow &r : m_rows)
        sum += r.count;
    return sum;
}

void RejectsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void RejectsModel::setRejects(const Run::RejectLog &log)
{
    int position = 0;
    for (Run::RejectRule rule : Run::allRules()) {
        const qint64 count = log.count(rule);
        if (count == 0)
            continue;
        if (position >= m_rows.size() || m_rows.at(position).rule != rule) {
            // A rule seen for the first time: its row goes where the rule order puts it.
            beginInsertRows({}, position, position);
            m_rows.insert(position, RuleRow{rule, 0, {}});
            endInsertRows();
        }
        RuleRow &row = m_rows[position];
        if (row.count != count) {
            row.count = count;
            emit dataChanged(index(position, Count), index(position, Count));
        }
        const QList<Run::RejectSample> &samples = log.samples(rule);
        if (samples.size() > row.samples.size()) {
            const QModelIndex parentIndex = index(position, 0);
            beginInsertRows(parentIndex, int(row.samples.size()), int(samples.size()) - 1);
            row.samples = samples;
            endInsertRows();
        }
        ++position;
    }
}

QModelIndex RejectsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, TopLevel);
    return createIndex(row, column, quintptr(parent.row()));
}

QModelIndex RejectsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
        return {};
    return createIndex(int(child.internalId()), 0, TopLevel);
}

int RejectsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() == TopLevel && parent.column() == 0)
        return int(m_rows.at(parent.row()).samples.size());
    return 0;
}

int RejectsModel::columnCount(const QModelIndex &) const
{
    return SectionCount;
}

QVariant RejectsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    if (index.internalId() == TopLevel) {
        const RuleRow &r = m_rows.at(index.row());
        if (index.column() == Rule)
            return QString::fromLatin1(Run::ruleId(r.rule));
        if (index.column() == Count)
            return r.count;
        if (index.column() == Line && role == Qt::DisplayRole && r.count > r.samples.size())
            return tr("first %1 kept").arg(r.samples.size());
        return {};
    }
    const Run::RejectSample &s = m_rows.at(int(index.internalId())).samples.at(index.row());
    switch (index.column()) {
    case Line:
        return qlonglong(s.line);
    case Column:
        return s.column;
    case Value:
        return s.value;
    case Reason:
        return s.reason;
    case GrainKey:
        return s.grainKey;
    default:
        return {};
    }
}

QVariant RejectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rule:
        return tr("Rule");
    case Count:
        return tr("Rows");
    case Line:
        return tr("Line");
    case Column:
        return tr("Column");
    case Value:
        return tr("Value");
    case Reason:
        return tr("Reason");
    case GrainKey:
        return tr("Grain key");
    default:
        return {};
    }
}

} // namespace Core
