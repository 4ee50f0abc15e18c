// SPDX-License-Identifier: MIT
#include "pendingtextsmodel.h"

namespace Core {

PendingTextsModel::PendingTextsModel(Steward::StewardEdits *edits, QObject *parent)
    : QAbstractTableModel(parent)
    , m_edits(edits)
    , m_rows(edits->pending())
{
    connect(edits, &Steward::StewardEdits::changed, this, [this] {
        beginResetModel();
        m_rows = m_edits ? m_edits->pending() : QList<Steward::PendingText>();
        endResetModel();
    });
}

std::optional<Steward::TextKey> PendingTextsModel::key(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row).key;
}

int PendingTextsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PendingTextsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant PendingTextsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const Steward::PendingText &p = m_rows.at(index.row());
    switch (index.column()) {
    case Where:
        return m_edits ? p.key.display(m_edits->edited()) : p.key.classPath;
    case Was:
        return p.original.display(p.key.field);
    case Now:
        return p.value.display(p.key.field);
    default:
        return {};
    }
}

QVariant PendingTextsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Where:
        return tr("Text");
    case Was:
        return tr("Manifest says");
    case Now:
        return tr("Will say");
    default:
        return {};
    }
}

} // namespace Core
