// SPDX-License-Identifier: MIT
#include "textauditmodel.h"

#include <QDateTime>
#include <QJsonArray>

namespace Core {

TextAuditModel::TextAuditModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TextAuditModel::setRecords(const QList<Db::TextAuditRecord> &records)
{
    beginResetModel();
    m_records = records;
    std::reverse(m_records.begin(), m_records.end());
    endResetModel();
}

int TextAuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int TextAuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QString describeAuditValue(const QJsonValue &value)
{
    if (value.isString())
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    if (value.isArray()) {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items << item.toString();
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    return QObject::tr("(none)");
}

QVariant TextAuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Db::TextAuditRecord &r = m_records.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == Who)
        return tr("OS user %1, database role %2").arg(r.osUser, r.dbRole);
    if (role == Qt::ToolTipRole && index.column() == Table)
        return r.storageClass;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Section(index.column())) {
    case When:
        return QDateTime::fromString(r.changedAt, Qt::ISODateWithMs)
            .toLocalTime()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Who:
        return r.osUser == r.dbRole ? r.osUser : r.osUser + QStringLiteral(" / ") + r.dbRole;
    case Source:
        return r.source;
    case Table:
        return r.physicalTableName;
    case Text:
        return r.column.isEmpty() ? r.field : r.column + QStringLiteral(": ") + r.field;
    case Old:
        return describeAuditValue(r.oldValue);
    case New:
        return describeAuditValue(r.newValue);
    case SectionCount:
        break;
    }
    return {};
}

QVariant TextAuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Section(section)) {
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case Source:
        return tr("From");
    case Table:
        return tr("Table");
    case Text:
        return tr("Text");
    case Old:
        return tr("Old");
    case New:
        return tr("New");
    case SectionCount:
        break;
    }
    return {};
}

} // namespace Core
