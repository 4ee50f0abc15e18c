// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/contract/providermanifest.h>
#include <core/util/result.h>

#include <QByteArray>
#include <QString>

namespace Core {

// The format string every provider manifest declares in its top-level "format" key.
inline constexpr char manifestFormat[] = "metatable-provider/1";

// A provider manifest as loaded: the model, plus the document it came from so that keys the
// model does not know (e.g. "x-authoring") and the authored key order survive a save.
struct ManifestDocument
{
    QString path;              // file it came from (empty when parsed from memory)
    ProviderManifest manifest; // the model
    Json raw;                  // the document as loaded (ordered_json), unknown keys included
};

// Errors (ErrorCode::InvalidInput) name the file, the JSON pointer, what was expected and what
// was found, e.g. "demo.json: /storage_classes/3/registration/table_contract/columns/1/nullable:
// expected a boolean, found the string \"no\"". JSON syntax errors give line and column.
[[nodiscard]] Result<ManifestDocument> readManifestFile(const QString &path);
[[nodiscard]] Result<ManifestDocument> parseManifest(const QByteArray &bytes,
                                                     const QString &sourceName);

// The model merged back into `raw`: unknown keys and key order survive a load -> save round
// trip; keys the model owns follow the model (a removed optional value disappears).
QByteArray serializeManifest(const ManifestDocument &doc);

// Writes serializeManifest(doc) atomically: readers see the old file or the new one, never a
// half-written one, and a failed write leaves the old file intact.
[[nodiscard]] VoidResult writeManifestFile(const ManifestDocument &doc, const QString &path);

// Sets the configuration of `node` in `doc` and writes the document to its file atomically; on
// failure the file is as it was and the message says so.
[[nodiscard]] VoidResult
writeNodeConfig(ManifestDocument &doc, const ClassRef &node, const Json &config);

// One STORAGE_CLASS object <-> model (also the format of METATABLE_CONTRACT_FILE for runners).
// `where` prefixes error messages (a file name, or "file: /storage_classes/2").
Json storageClassToJson(const StorageClass &storageClass);
[[nodiscard]] Result<StorageClass> storageClassFromJson(const Json &json, const QString &where);

} // namespace Core
