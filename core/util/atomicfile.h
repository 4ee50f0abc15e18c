// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QByteArray>
#include <QString>

namespace Core {

// Writes `data` to `path` so that readers see either the old file or the whole new one, never
// a half-written file: write a temporary file beside it, flush, then rename over the target.
[[nodiscard]] VoidResult writeFileAtomically(const QString &path, const QByteArray &data);

// Reads a whole file; the error names the file and the system's reason.
[[nodiscard]] Result<QByteArray> readWholeFile(const QString &path);

} // namespace Core
