// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Core::Migrate {

struct Plan;

// The Alembic revision id of a plan: 12 lower-case hex digits, like Alembic's own ids, but
// derived from the plan's content (provider key, and per DDL operation its kind, table, object,
// summary and statements; catalog-only operations do not count) instead of a random UUID. The
// apply engine stamps it into the provider's version table and the Alembic renderer writes it
// as `revision`, so the same plan always gets the same id and an upgrade done by the console
// reads as the revision Alembic would have run.
QString revisionIdFor(const Plan &plan);

} // namespace Core::Migrate
