// SPDX-License-Identifier: MIT
#pragma once

#include <core/config/configserialize.h>
#include <core/contract/providermanifest.h>
#include <core/run/noderun.h>
#include <core/run/rowparser.h>

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Core::Run {

// Everything a run needs from the manifest, checked before anything touches the database.
struct RunSetup
{
    const NodeDefinition *node = nullptr;
    const StorageClass *storageClass = nullptr;
    RowFormat format = RowFormat::Ndjson;
    Json config = Json::object(); // the effective configuration, defaults filled in
    Config::NodeHashes hashes;
    QStringList grainColumns; // time index + index_names: the unique grain index
    QString timeIndex;
    QString program; // runner.command[0]; a path once resolveRunner() found it
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment; // without METATABLE_* files, which the run adds
};

// Refuses (ErrorCode::Refused) a node without a storage class or a runner, a storage class that
// is not time-indexed, and a configuration the schema or the hashing refuses; NotFound for an
// unknown node or working directory.
[[nodiscard]] Result<RunSetup>
prepareRun(const ProviderManifest &manifest, const QString &nodePath, const RunOptions &options);

// Finds the runner's program on the PATH it gets (NotFound when it is not there). Separate from
// prepareRun so a run against an unregistered storage class says that first.
[[nodiscard]] VoidResult resolveRunner(RunSetup &setup);

// The storage class's name in records and messages: its registration identifier, else its
// class path.
QString storageClassName(const StorageClass &storageClass);

} // namespace Core::Run
