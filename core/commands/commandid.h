// SPDX-License-Identifier: MIT
#pragma once

namespace Core {

// QUndoCommand::id() of the commands that merge: repeated edits of one value (typing) become
// one undo step.
enum class CommandId : int {
    SetConfigValue = 1,
};

} // namespace Core
