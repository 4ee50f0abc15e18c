// SPDX-License-Identifier: MIT
#include "providermanifest.h"

namespace Core {

const StorageClass *ProviderManifest::storageClassByTable(const QString &tableName) const
{
    for (const StorageClass &s : storageClasses) {
        if (s.tableName() == tableName)
            return &s;
    }
    return nullptr;
}

const NodeDefinition *ProviderManifest::nodeByClassPath(const QString &moduleColonQualname) const
{
    for (const NodeDefinition &n : nodes) {
        if (n.classRef.path() == moduleColonQualname)
            return &n;
    }
    return nullptr;
}

} // namespace Core
