// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/db/dbschema.h>
#include <core/migrate/plan.h>

namespace Core::Migrate {

// Compares a provider manifest (desired state) with an introspected database (actual state)
// and returns the operations, in execution order, that make the database match, each with its
// DDL and the risks that can be judged without touching the data (risk.h adds live counts).
//
// * Tables of the manifest's classes are created, altered, or left alone; a table is dropped
//   only when the catalog says this provider registered it and the manifest no longer has it.
// * Indexes, constraints and foreign keys match by structure; a match under another name is a
//   rename.
// * Tables no class owns are reported in Plan::unmanagedTables and never touched; external
//   tables are checked (Plan::findings) and never changed.
// * Problems in the manifest (an unmappable type, an unknown FK action, a name PostgreSQL would
//   truncate) are error findings; the class concerned gets no operations.
Plan diffManifest(const ProviderManifest &manifest,
                  const Db::DbSnapshot &snapshot,
                  const DiffOptions &options = {});

} // namespace Core::Migrate
