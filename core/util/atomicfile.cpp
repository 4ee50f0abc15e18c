// SPDX-License-Identifier: MIT
#include "atomicfile.h"

#include <QFile>
#include <QSaveFile>

namespace Core {

VoidResult writeFileAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot write %1: %2. Check that the folder exists and is "
                                   "writable.")
                        .arg(path, file.errorString()));
    // QFileDevice buffers writes, and QSaveFile::commit() does not look at errors of the flush
    // it does on close: without this flush a full disk or a file-size limit would replace the
    // old file with a truncated new one.
    if (file.write(data) != data.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot write %1: %2. The previous file is unchanged.")
                        .arg(path, reason));
    }
    if (!file.commit())
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot replace %1: %2. The previous file is unchanged.")
                        .arg(path, file.errorString()));
    return {};
}

Result<QByteArray> readWholeFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("%1 does not exist. Check the path.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot read %1: %2.").arg(path, file.errorString()));
    return file.readAll();
}

} // namespace Core
