// SPDX-License-Identifier: MIT
#include "provenancemodel.h"

#include "roles.h"

namespace Core {

ProvenanceModel::ProvenanceModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ProvenanceModel::setCopies(const QList<Steward::TextCopies> &copies)
{
    beginResetModel();
    m_copies = copies;
    endResetModel();
}

const Steward::TextCopies *ProvenanceModel::copies(int row) const
{
    return row >= 0 && row < m_copies.size() ? &m_copies.at(row) : nullptr;
}

int ProvenanceModel::differing() const
{
    return int(std::count_if(
        m_copies.cbegin(), m_copies.cend(), [](const auto &c) { return c.differs(); }));
}

int ProvenanceModel::rowOf(const Steward::TextKey &key) const
{
    for (int row = 0; row < m_copies.size(); ++row) {
        if (m_copies.at(row).key == key)
            return row;
    }
    return -1;
}

int ProvenanceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_copies.size());
}

int ProvenanceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QVariant ProvenanceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Steward::TextCopies &c = m_copies.at(index.row());
    const std::optional<Steward::TextValue> copy = index.column() == Manifest
                                                       ? std::optional(c.manifest)
                                                   : index.column() == Catalog  ? c.catalog
                                                   : index.column() == Database ? c.database
                                                                                : std::nullopt;
    const bool differs = (index.column() == Catalog && c.catalogDiffers())
                         || (index.column() == Database && c.databaseDiffers());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Text)
            return c.key.column.isEmpty()
                       ? Steward::fieldName(c.key.field)
                       : c.key.column + QStringLiteral(": ") + Steward::fieldName(c.key.field);
        return copy ? copy->display(c.key.field) : QStringLiteral("—");
    case Qt::ToolTipRole:
        if (index.column() == Text || index.column() == Manifest)
            return {};
        if (!copy)
            return index.column() == Catalog
                       ? tr("The catalog keeps no such text (or has no row for the class).")
                       : tr("PostgreSQL keeps no such text (or the table does not exist).");
        return differs ? tr("Differs from the manifest: the next migration writes the "
                            "manifest's text here, unless you take this one.")
                       : tr("The same as the manifest.");
    case int(ModelRole::Missing):
        return differs;
    case int(ModelRole::Emphasis):
        return index.column() == Text && c.differs();
    default:
        return {};
    }
}

QVariant ProvenanceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Section(section)) {
    case Text:
        return tr("Text");
    case Manifest:
        return tr("Manifest");
    case Catalog:
        return tr("Catalog row");
    case Database:
        return tr("Database (COMMENT ON)");
    case SectionCount:
        break;
    }
    return {};
}

} // namespace Core
