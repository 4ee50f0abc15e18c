// SPDX-License-Identifier: MIT
#include "storageicons.h"

#include <array>

namespace Gui {

namespace {

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace

QIcon tableKindIcon(Core::StorageRowKind kind)
{
    static const std::array<QIcon, 3> icons{
        icon("table-time-indexed"), icon("table-relational"), icon("table-external")};
    const auto i = std::size_t(kind);
    return i < icons.size() ? icons[i] : QIcon();
}

QIcon nodeIcon()
{
    static const QIcon node = icon("node");
    return node;
}

QIcon badgeIcon(Core::ClassBadge badge)
{
    static const std::array<QIcon, 6> icons{icon("badge-unknown"),
                                            icon("badge-lint-errors"),
                                            icon("badge-not-created"),
                                            icon("badge-changes-pending"),
                                            icon("badge-drifted"),
                                            icon("badge-registered")};
    const auto i = std::size_t(badge);
    return i < icons.size() ? icons[i] : QIcon();
}

} // namespace Gui
