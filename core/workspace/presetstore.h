// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

// Named configurations of one node ("eu backfill", "nightly"), kept by the console between
// sessions: one JSON file per (provider, node) under the application's data folder
// (METATABLE_PRESETS_DIR overrides), written atomically, presets in the order they were made.
class PresetStore
{
public:
    explicit PresetStore(QString directory = {}); // empty: the default folder

    // The preset names of a node; an unreadable file is an error, never an empty list that a
    // save would then overwrite.
    [[nodiscard]] Result<QStringList> names(const QString &providerKey,
                                            const QString &nodePath) const;
    [[nodiscard]] Result<Json>
    load(const QString &providerKey, const QString &nodePath, const QString &name) const;
    // Adds the preset, or replaces the one of that name.
    [[nodiscard]] VoidResult save(const QString &providerKey,
                                  const QString &nodePath,
                                  const QString &name,
                                  const Json &config) const;
    [[nodiscard]] VoidResult
    remove(const QString &providerKey, const QString &nodePath, const QString &name) const;

private:
    [[nodiscard]] Result<Json> read(const QString &providerKey, const QString &nodePath) const;
    [[nodiscard]] VoidResult
    write(const QString &providerKey, const QString &nodePath, const Json &presets) const;

    QString m_directory;
};

} // namespace Core
