// SPDX-License-Identifier: MIT
#pragma once

#include <core/lint/lint.h>
#include <core/migrate/plan.h>
#include <core/migrate/status.h>
#include <core/models/classbadge.h>

#include <QHash>

namespace Core {

// The badge of every storage class ("module:qualname" -> badge), from the lint of the manifest
// and, when connected, the status and plan of one review. Lint errors win: such a class cannot be
// planned. Then: no table and no row -> not created; operations on its table -> changes pending;
// registered but different -> drifted; else registered.
QHash<QString, ClassBadgeInfo> classBadges(const ProviderManifest &manifest,
                                           const QList<LintFinding> &lint,
                                           const Migrate::ProviderStatus *status,
                                           const Migrate::Plan *plan);

} // namespace Core
