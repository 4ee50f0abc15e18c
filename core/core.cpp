// SPDX-License-Identifier: MIT
#include "core.h"

namespace Core {

QString version()
{
    return QStringLiteral(METATABLE_VERSION);
}

} // namespace Core
