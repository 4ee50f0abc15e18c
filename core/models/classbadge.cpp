// SPDX-License-Identifier: MIT
#include "classbadge.h"

namespace Core {

QString classBadgeName(ClassBadge badge)
{
    switch (badge) {
    case ClassBadge::Unknown:
        return QStringLiteral("not computed");
    case ClassBadge::LintErrors:
        return QStringLiteral("lint errors");
    case ClassBadge::NotCreated:
        return QStringLiteral("not created");
    case ClassBadge::ChangesPending:
        return QStringLiteral("changes pending");
    case ClassBadge::Drifted:
        return QStringLiteral("drifted");
    case ClassBadge::Registered:
        return QStringLiteral("registered");
    }
    return {};
}

} // namespace Core
