// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>

namespace Core {

// How the console launches a node's updater: an argv run without a shell.
struct RunnerSpec
{
    QStringList command;
    QString rowFormat = QStringLiteral("ndjson"); // "ndjson" or "csv"
    std::optional<QString> workingDirectory;
    QList<QPair<QString, QString>> environment;
    bool operator==(const RunnerSpec &) const = default;
};

// A DataNode: its class, output storage class, configuration schema and values.
struct NodeDefinition
{
    ClassRef classRef;
    std::optional<QString> storageClass; // output table name; nullopt = chosen at launch
    ClassRef configClass;
    Json configSchema = Json::object(); // pydantic v2 model_json_schema()
    Json config = Json::object();       // values as authored
    std::optional<QString> hashNamespace;
    RunnerSpec runner;
    bool operator==(const NodeDefinition &) const = default;
};

} // namespace Core
