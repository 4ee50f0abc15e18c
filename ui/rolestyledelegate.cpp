// SPDX-License-Identifier: MIT
#include "rolestyledelegate.h"

#include <core/assistant/checklist.h>
#include <core/migrate/plan.h>
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
    const QVariant risk = index.data(int(Core::ModelRole::RiskLevel));
    if (risk.isValid() && risk.toInt() > int(Core::Migrate::RiskLevel::Info)) {
        const bool dark = option->palette.color(QPalette::Base).lightness() < 128;
        switch (Core::Migrate::RiskLevel(risk.toInt())) {
        case Core::Migrate::RiskLevel::Blocker:
            option->font.setBold(true);
            option->palette.setColor(QPalette::Text,
                                     dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb3, 0x1d, 0x1d));
            break;
        case Core::Migrate::RiskLevel::Danger:
            option->palette.setColor(QPalette::Text,
                                     dark ? QColor(0xff, 0xa6, 0x57) : QColor(0xc2, 0x41, 0x0c));
            break;
        default:
            option->palette.setColor(QPalette::Text,
                                     dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00));
            break;
        }
    }
    if (index.data(int(Core::ModelRole::Link)).isValid()) {
        option->font.setUnderline(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Link));
    }
    if (const QVariant state = index.data(int(Core::ModelRole::ChecklistState)); state.isValid()) {
        // Not done stands out; what cannot be told yet is quieter; done and n/a are plain.
        const bool dark = option->palette.color(QPalette::Base).lightness() < 128;
        if (state.toInt() == int(Core::Assistant::ItemState::NotDone))
            option->palette.setColor(QPalette::Text,
                                     dark ? QColor(0xff, 0xa6, 0x57) : QColor(0xc2, 0x41, 0x0c));
        else if (state.toInt() == int(Core::Assistant::ItemState::CannotTell))
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::PlaceholderText));
    }
    if (index.data(int(Core::ModelRole::Pending)).toBool()) {
        // An edit not saved yet: it stands out until it is.
        option->font.setItalic(true);
        option->backgroundBrush = option->palette.color(QPalette::AlternateBase).darker(108);
    }
    if (index.data(int(Core::ModelRole::Missing)).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, QColor(0xb0, 0x5a, 0x00));
        if (option->text.isEmpty())
            option->text = tr("missing");
    }
}

} // namespace Gui
