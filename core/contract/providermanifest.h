// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/nodedefinition.h>
#include <core/contract/storageclass.h>

namespace Core {

struct ProviderInfo
{
    QString package;
    QString migrationNamespace;
    QString schema = QStringLiteral("public");
    QString registryIdentifier; // alembic_registry.identifier
    QString registryTableName;  // alembic_registry.table_name: the Alembic version table

    // The SDK's migration_provider_key: "{package}:{migration_namespace}".
    QString providerKey() const { return package + QLatin1Char(':') + migrationNamespace; }
    bool operator==(const ProviderInfo &) const = default;
};

// One migration provider: the storage classes it owns and the nodes that write into them.
// Order is the manifest's, so JSON pointers can be derived from list positions.
struct ProviderManifest
{
    QString format = QStringLiteral("metatable-provider/1");
    ProviderInfo provider;
    QList<StorageClass> storageClasses;
    QList<ExternalTable> externalTables;
    QList<NodeDefinition> nodes;

    const StorageClass *storageClassByTable(const QString &tableName) const;
    const NodeDefinition *nodeByClassPath(const QString &moduleColonQualname) const;
    bool operator==(const ProviderManifest &) const = default;
};

} // namespace Core
