// SPDX-License-Identifier: MIT
#include "presetstore.h"

#include <core/util/atomicfile.h>
#include <core/workspace/draftstore.h>

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Core {

PresetStore::PresetStore(QString directory)
    : m_directory(std::move(directory))
{
    if (m_directory.isEmpty())
        m_directory = qEnvironmentVariable("METATABLE_PRESETS_DIR");
    if (m_directory.isEmpty())
        m_directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                      + QStringLiteral("/presets");
}

Result<Json> PresetStore::read(const QString &providerKey, const QString &nodePath) const
{
    const QString path = QDir(m_directory).filePath(nodeStoreFileName(providerKey, nodePath));
    if (!QFile::exists(path))
        return Json::object();
    auto bytes = readWholeFile(path);
    if (!bytes)
        return fail(bytes.error());
    try {
        const Json document = Json::parse(bytes->toStdString());
        if (document.value("node", "") != nodePath.toStdString()
            || !document.value("presets", Json()).is_object())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("The presets file %1 does not hold the presets of %2; "
                                       "move it aside to start again.")
                            .arg(path, nodePath));
        return document.at("presets");
    } catch (const Json::exception &e) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The presets file %1 cannot be read (%2); move it aside to "
                                   "start again.")
                        .arg(path, QString::fromUtf8(e.what())));
    }
}

VoidResult
PresetStore::write(const QString &providerKey, const QString &nodePath, const Json &presets) const
{
    if (!QDir().mkpath(m_directory))
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot create the presets folder %1.").arg(m_directory));
    const Json document = {{"provider", providerKey.toStdString()},
                           {"node", nodePath.toStdString()},
                           {"presets", presets}};
    return writeFileAtomically(QDir(m_directory).filePath(nodeStoreFileName(providerKey, nodePath)),
                               QByteArray::fromStdString(document.dump(2)));
}

Result<QStringList> PresetStore::names(const QString &providerKey, const QString &nodePath) const
{
    auto presets = read(providerKey, nodePath);
    if (!presets)
        return fail(presets.error());
    QStringList out;
    for (auto it = presets->begin(); it != presets->end(); ++it)
        out.append(QString::fromStdString(it.key()));
    return out;
}

Result<Json>
PresetStore::load(const QString &providerKey, const QString &nodePath, const QString &name) const
{
    auto presets = read(providerKey, nodePath);
    if (!presets)
        return fail(presets.error());
    const auto it = presets->find(name.toStdString());
    if (it == presets->end() || !it->is_object())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("No preset named \"%1\" for %2.").arg(name, nodePath));
    return *it;
}

VoidResult PresetStore::save(const QString &providerKey,
                             const QString &nodePath,
                             const QString &name,
                             const Json &config) const
{
    if (name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("A preset needs a name: type one before saving."));
    auto presets = read(providerKey, nodePath);
    if (!presets)
        return fail(presets.error());
    (*presets)[name.trimmed().toStdString()] = config;
    return write(providerKey, nodePath, *presets);
}

VoidResult
PresetStore::remove(const QString &providerKey, const QString &nodePath, const QString &name) const
{
    auto presets = read(providerKey, nodePath);
    if (!presets)
        return fail(presets.error());
    if (presets->erase(name.toStdString()) == 0)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("No preset named \"%1\" for %2.").arg(name, nodePath));
    return write(providerKey, nodePath, *presets);
}

} // namespace Core
