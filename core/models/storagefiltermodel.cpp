// SPDX-License-Identifier: MIT
#include "storagefiltermodel.h"

#include <core/models/roles.h>

#include <QRegularExpression>

namespace Core {

StorageFilterModel::StorageFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    // Badge updates must not re-run the filter over the changed rows' search text: it is fixed
    // per manifest, and a reset re-filters anyway.
    setDynamicSortFilter(false);
}

void StorageFilterModel::setFilterText(const QString &text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QStringList terms = text.toLower().split(space, Qt::SkipEmptyParts);
    terms.removeDuplicates();
    if (terms == m_terms)
        return;
    m_terms = std::move(terms);
    invalidateFilter();
}

bool StorageFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    // Groups are shown through their children (recursive filtering), never on their own.
    if (index.data(int(ModelRole::ItemKind)).toInt() == int(WorkspaceItemKind::Group))
        return false;
    const QString text = index.data(int(ModelRole::SearchText)).toString();
    for (const QString &term : m_terms) {
        if (!text.contains(term))
            return false;
    }
    return true;
}

} // namespace Core
