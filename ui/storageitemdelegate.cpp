// SPDX-License-Identifier: MIT
#include "storageitemdelegate.h"

#include "storageicons.h"

#include <core/models/roles.h>

#include <QPalette>

namespace Gui {

void StorageItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto kind = Core::WorkspaceItemKind(index.data(int(Core::ModelRole::ItemKind)).toInt());
    if (kind == Core::WorkspaceItemKind::Group) {
        option->font.setBold(index.column() == 0);
        if (index.column() != 0)
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::PlaceholderText));
        return;
    }
    QIcon icon;
    if (index.column() == 0) {
        const QVariant tableKind = index.data(int(Core::ModelRole::TableKind));
        icon = tableKind.isValid() ? tableKindIcon(Core::StorageRowKind(tableKind.toInt()))
                                   : nodeIcon();
    } else if (const QVariant badge = index.data(int(Core::ModelRole::Badge)); badge.isValid()) {
        const auto b = Core::ClassBadge(badge.toInt());
        icon = badgeIcon(b);
        if (b == Core::ClassBadge::Unknown)
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::PlaceholderText));
    }
    if (!icon.isNull()) {
        option->icon = icon;
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
}

} // namespace Gui
