// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/migrate/plan.h>

#include <QString>

namespace Core::Migrate {

// A PostgreSQL script: the operations' statements in execution order inside BEGIN/COMMIT,
// each preceded by a comment with its summary and risks. Catalog-only operations appear as
// comments (the catalog is written by the apply engine with bound values).
QString renderSqlScript(const Plan &plan);

// The plan as JSON: summary, operations (kind, table, names, before/after, statements, risks),
// unmanaged tables, findings, rename candidates.
Json planToJson(const Plan &plan);

// The plan for a terminal: one line per operation with its risks underneath, then findings and
// unmanaged tables, then the summary.
QString renderText(const Plan &plan);

} // namespace Core::Migrate
