// SPDX-License-Identifier: MIT
// How `metatable checklist` prints a project checklist: text for terminals, JSON for scripts.
#pragma once

#include <core/assistant/checklist.h>
#include <core/contract/json.h>

#include <QString>

namespace Cli {

void printChecklistText(const Core::Assistant::ProjectChecklist &checklist);

// {manifest, database, nodes: [{node, storage_tables, fully_migrated, counts, items: [{number,
// title, state, evidence, fix, rules, pointers, action}]}], fully_migrated, nodes_total,
// all_done}
Core::Json checklistJson(const Core::Assistant::ProjectChecklist &checklist,
                         const QString &manifest,
                         const QString &database);

} // namespace Cli
