// SPDX-License-Identifier: MIT
#include "command.h"

namespace Cli {

const QList<Command> &commands()
{
    static const QList<Command> table = {
    };
    return table;
}

} // namespace Cli
