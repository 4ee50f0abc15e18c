// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/util/result.h>

#include <QString>

#include <optional>

namespace Core {

// The file name (a digest: provider keys and class paths hold ':' and '.') that the per-node
// stores give the file of one node of one provider.
QString nodeStoreFileName(const QString &providerKey, const QString &nodePath);

// Where unsaved configuration drafts live, so closing the editor, switching nodes or restarting
// the console loses nothing: one JSON file per (provider, node) under the application's data
// folder (METATABLE_DRAFTS_DIR overrides), written atomically.
class DraftStore
{
public:
    explicit DraftStore(QString directory = {}); // empty: the default folder

    [[nodiscard]] Result<std::optional<Json>> load(const QString &providerKey,
                                                   const QString &nodePath) const;
    [[nodiscard]] VoidResult
    save(const QString &providerKey, const QString &nodePath, const Json &config) const;
    [[nodiscard]] VoidResult discard(const QString &providerKey, const QString &nodePath) const;

    QString fileFor(const QString &providerKey, const QString &nodePath) const;

private:
    QString m_directory;
};

} // namespace Core
