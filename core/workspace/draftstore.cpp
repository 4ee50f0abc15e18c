// SPDX-License-Identifier: MIT
#include "draftstore.h"

#include <core/util/atomicfile.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Core {

DraftStore::DraftStore(QString directory)
    : m_directory(std::move(directory))
{
    if (m_directory.isEmpty())
        m_directory = qEnvironmentVariable("METATABLE_DRAFTS_DIR");
    if (m_directory.isEmpty())
        m_directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                      + QStringLiteral("/drafts");
}

QString nodeStoreFileName(const QString &providerKey, const QString &nodePath)
{
    const QByteArray digest = QCryptographicHash::hash((providerKey + u'\n' + nodePath).toUtf8(),
                                                       QCryptographicHash::Sha1)
                                  .toHex()
                                  .left(20);
    return QString::fromLatin1(digest) + QStringLiteral(".json");
}

QString DraftStore::fileFor(const QString &providerKey, const QString &nodePath) const
{
    return QDir(m_directory).filePath(nodeStoreFileName(providerKey, nodePath));
}

Result<std::optional<Json>> DraftStore::load(const QString &providerKey,
                                             const QString &nodePath) const
{
    const QString path = fileFor(providerKey, nodePath);
    if (!QFile::exists(path))
        return std::optional<Json>();
    auto bytes = readWholeFile(path);
    if (!bytes)
        return fail(bytes.error());
    try {
        const Json document = Json::parse(bytes->toStdString());
        if (document.value("node", "") != nodePath.toStdString() || !document.contains("config"))
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("The draft %1 is not the draft of %2; discard it.")
                            .arg(path, nodePath));
        return std::optional<Json>(document.at("config"));
    } catch (const Json::exception &e) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The draft %1 cannot be read (%2); discard it.")
                        .arg(path, QString::fromUtf8(e.what())));
    }
}

VoidResult
DraftStore::save(const QString &providerKey, const QString &nodePath, const Json &config) const
{
    if (!QDir().mkpath(m_directory))
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot create the drafts folder %1.").arg(m_directory));
    const Json document = {{"provider", providerKey.toStdString()},
                           {"node", nodePath.toStdString()},
                           {"config", config}};
    return writeFileAtomically(fileFor(providerKey, nodePath),
                               QByteArray::fromStdString(document.dump(2)));
}

VoidResult DraftStore::discard(const QString &providerKey, const QString &nodePath) const
{
    const QString path = fileFor(providerKey, nodePath);
    if (QFile::exists(path) && !QFile::remove(path))
        return fail(ErrorCode::Io, QStringLiteral("Cannot remove the draft %1.").arg(path));
    return {};
}

} // namespace Core
