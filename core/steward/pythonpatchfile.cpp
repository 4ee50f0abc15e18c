// SPDX-License-Identifier: MIT
#include "pythonpatchfile.h"

#include <core/util/atomicfile.h>

#include <QFileInfo>
#include <QObject>

namespace Core::Steward {

namespace {

// <file>.bak, else the first free <file>.bak.N: an earlier backup is never overwritten.
QString freeBackupPath(const QString &file)
{
    const QString base = file + QStringLiteral(".bak");
    QString path = base;
    for (int n = 1; QFileInfo::exists(path); ++n)
        path = base + QLatin1Char('.') + QString::number(n);
    return path;
}

} // namespace

Result<QString> applyPythonPatch(const QString &sourceFile,
                                 const QByteArray &expectedOriginal,
                                 const QByteArray &patched)
{
    if (patched == expectedOriginal)
        return fail(ErrorCode::InvalidInput,
                    QObject::tr("The patch does not change %1; there is nothing to write.")
                        .arg(sourceFile));
    // Through a symbolic link, the file it points to is the one patched (and backed up beside).
    const QFileInfo info(sourceFile);
    const QString target = info.isSymLink() ? info.canonicalFilePath() : sourceFile;
    const auto current = readWholeFile(target);
    if (!current)
        return fail(current.error());
    if (*current != expectedOriginal)
        return fail(ErrorCode::Conflict,
                    QObject::tr("%1 changed since its patch was made; nothing was written. "
                                "Export the changes again to patch the file as it is now.")
                        .arg(sourceFile));
    const QString backup = freeBackupPath(target);
    if (auto saved = writeFileAtomically(backup, *current); !saved)
        return fail(ErrorCode::Io,
                    QObject::tr("Cannot keep a backup of %1 as %2, so it was not patched: %3")
                        .arg(sourceFile, backup, saved.error().message));
    if (auto written = writeFileAtomically(target, patched); !written)
        return fail(ErrorCode::Io,
                    QObject::tr("Cannot write the patched %1 (it is unchanged; the backup %2 "
                                "holds the same text): %3")
                        .arg(sourceFile, backup, written.error().message));
    return backup;
}

} // namespace Core::Steward
