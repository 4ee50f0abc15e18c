// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Core {

// The console's version, as the CLI and the About box print it.
QString version();

} // namespace Core
