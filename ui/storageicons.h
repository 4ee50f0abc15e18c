// SPDX-License-Identifier: MIT
#pragma once

#include <core/models/roles.h>

#include <QIcon>

namespace Gui {

// The icons of resources/icons/ that stand for core's TableKind (StorageRowKind) and Badge roles.
QIcon tableKindIcon(Core::StorageRowKind kind);
QIcon nodeIcon();
QIcon badgeIcon(Core::ClassBadge badge);

} // namespace Gui
