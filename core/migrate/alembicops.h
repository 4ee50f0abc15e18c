// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>
#include <core/util/result.h>

#include <QStringList>

namespace Core::Migrate {

// The bodies of upgrade() and downgrade() for a plan: one Python statement per entry (an entry
// may span lines; continuation lines are indented for a function body), comments starting with
// "#". Used by renderAlembicRevision, which wraps them into a revision file.
struct AlembicSteps
{
    QStringList upgrade;
    QStringList downgrade;
    bool usesPostgresqlTypes = false; // the file must import sqlalchemy.dialects.postgresql
};

[[nodiscard]] Result<AlembicSteps> renderAlembicSteps(const Plan &plan);

} // namespace Core::Migrate
