// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/db/dbschema.h>
#include <core/migrate/plan.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

namespace Core::Db {
class Session;
}

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
// * Expressions (checks, partial-index predicates, index expressions, defaults) compare in the
//   form the server prints them when `options.printed` holds them, and only up to case and
//   spacing otherwise: a match is never reported for expressions that differ.
Plan diffManifest(const ProviderManifest &manifest,
                  const Db::DbSnapshot &snapshot,
                  const DiffOptions &options = {});

// The diff against a live database: prints the manifest's expressions on `session`'s server
// first (expressionprinter.h), so that they compare exactly as PostgreSQL reads them. Run it
// with the session that introspected `snapshot`, outside a transaction. Fails when the server
// cannot be reached.
[[nodiscard]] Result<Plan> diffManifest(Db::Session &session,
                                        const ProviderManifest &manifest,
                                        const Db::DbSnapshot &snapshot,
                                        DiffOptions options = {},
                                        const CancelToken &cancel = {});

} // namespace Core::Migrate
