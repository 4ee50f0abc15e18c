// SPDX-License-Identifier: MIT
#include "expressioncache.h"

#include <core/util/atomicfile.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcExpressionCache, "metatable.core.migrate.cache")

namespace Core::Migrate {

namespace {

// Files kept on disk; the oldest go first. Each holds one manifest's expressions on one server.
constexpr int MaxFiles = 64;

QMutex s_mutex;
QHash<QByteArray, Json> &memory()
{
    static QHash<QByteArray, Json> entries;
    return entries;
}

QString fileFor(const QByteArray &key)
{
    return ExpressionCache::directory() + QLatin1Char('/') + QString::fromLatin1(key.toHex())
           + QStringLiteral(".json");
}

void pruneOldFiles(const QString &directory)
{
    QDir dir(directory);
    const QFileInfoList files
        = dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time);
    for (qsizetype i = MaxFiles; i < files.size(); ++i)
        QFile::remove(files[i].absoluteFilePath());
}

} // namespace

QString ExpressionCache::directory()
{
    const QString configured = qEnvironmentVariable("METATABLE_CACHE_DIR");
    if (!configured.isEmpty())
        return configured;
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
           + QStringLiteral("/metatable-console/expressions");
}

std::optional<Json> ExpressionCache::load(const QByteArray &key)
{
    {
        QMutexLocker lock(&s_mutex);
        const auto it = memory().constFind(key);
        if (it != memory().constEnd())
            return *it;
    }
    const QString path = fileFor(key);
    if (!QFileInfo::exists(path))
        return std::nullopt;
    auto data = readWholeFile(path);
    if (!data)
        return std::nullopt;
    Json value = Json::parse(data->constBegin(), data->constEnd(), nullptr, false);
    if (value.is_discarded() || !value.is_object()) {
        qCWarning(lcExpressionCache) << "ignoring an unreadable cache file" << path;
        return std::nullopt;
    }
    QMutexLocker lock(&s_mutex);
    memory().insert(key, value);
    return value;
}

void ExpressionCache::store(const QByteArray &key, const Json &value)
{
    {
        QMutexLocker lock(&s_mutex);
        memory().insert(key, value);
    }
    const QString dir = directory();
    if (!QDir().mkpath(dir)) {
        qCWarning(lcExpressionCache) << "cannot create the cache directory" << dir;
        return;
    }
    const std::string text = value.dump();
    if (auto r = writeFileAtomically(fileFor(key), QByteArray::fromStdString(text)); !r) {
        qCWarning(lcExpressionCache) << "cannot write to the cache:" << r.error().message;
        return;
    }
    pruneOldFiles(dir);
}

} // namespace Core::Migrate
