// SPDX-License-Identifier: MIT
#include "rolestyledelegate.h"

#include <core/models/roles.h>

#include <QPalette>

namespace Gui {

void RoleStyleDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(int(Core::ModelRole::Emphasis)).toBool())
        option->font.setBold(true);
    if (index.data(int(Core::ModelRole::HashExcluded)).toBool())
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    if (index.data(int(Core::ModelRole::Link)).isValid()) {
        option->font.setUnderline(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Link));
    }
    if (index.data(int(Core::ModelRole::Missing)).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, QColor(0xb0, 0x5a, 0x00));
        if (option->text.isEmpty())
            option->text = tr("missing");
    }
}

} // namespace Gui
