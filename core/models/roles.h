// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

namespace Core {

// Semantic roles the core models expose; ui/ decides how each one looks.
enum class ModelRole : int {
    ItemKind = Qt::UserRole + 1, // WorkspaceItemKind of a workspace tree row
    ItemIndex,                   // position of the item in its manifest list
    Emphasis,                    // bool: the cell deserves attention (index column, excluded field)
    HashExcluded,                // bool: a configuration field that does not change update_hash
    Missing,                     // bool: something the guide requires is absent (no description)
    Badge,                       // int ClassBadge: a storage class's live status
    BadgeReason,                 // QString: why the class has that badge, one line per reason
    SearchText,                  // QString: lower-case text a filter matches (names, labels, ...)
    TableKind,                   // int StorageRowKind: how a storage row is drawn
    RiskLevel,                   // int Migrate::RiskLevel of a plan operation, -1 without risk
    Link,                        // QString: what activating the cell selects ("schema.table")
    ColumnRow,                   // int: the row of the column a lint finding points at, or -1
    Pending,                     // bool: an edit not saved yet (the steward's texts)
    ChecklistState,              // int Assistant::ItemState of a migration checklist item
};

// A storage class's live status, computed from one introspection and diff of the workspace.
enum class ClassBadge : int {
    Unknown,        // not computed yet: no connection, or a refresh is running
    LintErrors,     // the contract lint has errors: nothing can be planned for the class
    NotCreated,     // no physical table and no catalog row
    ChangesPending, // the plan has operations for the class's table
    Drifted,        // registered, but the table or contract hash differs from the manifest
    Registered,     // an active catalog row, hash and table as the manifest says
};

enum class StorageRowKind : int {
    TimeIndexed,
    Relational,
    External,
};

enum class WorkspaceItemKind : int {
    Group,
    StorageClass,
    Node,
    ExternalTable,
};

} // namespace Core
