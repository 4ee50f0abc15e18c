// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace Gui {

// Maps core's semantic roles to looks: Missing in a warning colour and italic, Emphasis in bold,
// hash-excluded values greyed,
// links (ModelRole::Link) underlined in the link colour. Core models stay free of colours and
// fonts.
class RoleStyleDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Gui
