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
};

enum class WorkspaceItemKind : int {
    Group,
    StorageClass,
    Node,
    ExternalTable,
};

} // namespace Core
