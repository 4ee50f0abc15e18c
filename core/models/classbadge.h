// SPDX-License-Identifier: MIT
#pragma once

#include <core/models/roles.h>

#include <QString>

namespace Core {

// A storage class's badge and why it has it (one line per reason).
struct ClassBadgeInfo
{
    ClassBadge badge = ClassBadge::Unknown;
    QString reason;
    bool operator==(const ClassBadgeInfo &) const = default;
};

QString classBadgeName(ClassBadge badge); // "registered", "changes pending", ...

} // namespace Core
