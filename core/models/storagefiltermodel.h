// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace Core {

// Filters a StorageTreeModel: a leaf stays when every whitespace-separated term of the filter
// occurs in its ModelRole::SearchText (already lower-case); a group stays when one of its
// children does. Rows keep the source order.
class StorageFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit StorageFilterModel(QObject *parent = nullptr);

    // Re-filters once, and only when the terms change (case and spacing do not count).
    void setFilterText(const QString &text);
    QStringList filterTerms() const { return m_terms; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_terms;
};

} // namespace Core
