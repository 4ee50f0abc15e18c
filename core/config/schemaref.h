// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/util/result.h>

#include <QString>

namespace Core::Config {

// Follows "$ref": "#/$defs/Name" (into `rootSchema`'s "$defs") and the older single-member
// "allOf": [{"$ref": ...}] wrapping until a schema that is neither; keys beside the reference
// (hash_excluded, a description, the storage class marker) are kept. `viaRef` is set when a
// reference was followed. `path` names the value in errors; a missing definition or a cycle is
// an InvalidInput error.
[[nodiscard]] Result<Json> resolveSchema(const Json &rootSchema,
                                         const Json &schema,
                                         const QString &path,
                                         bool *viaRef = nullptr);

// Whether `schema` has `key` set to JSON true ("hash_excluded", "x-metatable-storage-class"):
// any other value a hand-written schema holds there, a string say, does not set the flag.
bool schemaFlag(const Json &schema, const char *key);

} // namespace Core::Config
