// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QByteArray>
#include <QString>

namespace Core::Steward {

// Writes a patched Python source file (ModulePatch::patched) over `sourceFile`, keeping what
// was there as <file>.bak (<file>.bak.1, .bak.2, ... when that exists) and returning the
// backup's path. Conflict, and nothing written, when the file no longer holds
// `expectedOriginal` (it changed since the diff was shown); InvalidInput when the patch
// changes nothing; Io with the system's reason otherwise. The file is replaced atomically.
[[nodiscard]] Result<QString> applyPythonPatch(const QString &sourceFile,
                                               const QByteArray &expectedOriginal,
                                               const QByteArray &patched);

} // namespace Core::Steward
