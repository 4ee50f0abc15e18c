// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace Gui {

// Draws the storage tree's roles: a table-kind (or node) icon beside names, a badge icon beside
// statuses, group rows in bold and statuses not computed yet greyed.
class StorageItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Gui
