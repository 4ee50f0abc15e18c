// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/contract/providermanifest.h>
#include <core/sdk/pyvalue.h>
#include <core/util/result.h>

#include <QString>

#include <functional>
#include <optional>

namespace Core::Config {

// The bound TimeIndexMetaTable uid of a storage class, or nullopt while it is not registered.
using StorageClassLookup = std::function<std::optional<QString>(const ClassRef &)>;

// Looks storage classes up by class path in the manifest's bindings.
StorageClassLookup lookupFromManifest(const ProviderManifest &manifest);

struct CoerceContext
{
    Json rootSchema = Json::object(); // holds "$defs"
    StorageClassLookup lookup;        // empty = every storage class is unbound
    QString defaultModule;            // module of nested models without "x-metatable-class"
};

// From JSON configuration values to the Python values pydantic v2 would hold
// (sdk-contract.md 7.4), driven by the model's JSON schema:
//  * integer / number / boolean / string: pydantic's lax coercions (3.0 → 3, 1 → 1.0,
//    "yes" → True, "3" → 3); strings are never made from numbers.
//  * format date-time: ISO 8601 text ("Z" → +00:00, other offsets kept, fractions beyond
//    microseconds truncated, a date alone → naive midnight) or a Unix time number, UTC, read
//    as milliseconds beyond 2e10. format date → date; format uuid → lowercase UUID.
//  * "$ref" to a "$defs" entry with "enum" → that enum's member, matched by value; an inline
//    "enum"/"const" (a Literal) → the plain value.
//  * "$ref" to a model (an object with "properties") → a model instance; its import path is the
//    definition's "x-metatable-class" {"module", "qualname"}, else the configuration class's
//    module and the definition's title.
//  * arrays: "prefixItems" → a fixed-length tuple; "x-python-type": "tuple" (or an annotation
//    starting with "tuple[") → a variable-length tuple, because pydantic writes tuple[int, ...]
//    and list[int] as the same schema; "uniqueItems" → a set; otherwise a list.
//  * anyOf / oneOf: null picks the null branch; otherwise the branch whose JSON type matches
//    exactly, else the first branch that accepts the value.
//  * "x-metatable-storage-class": true → {"__type__": "platform_time_index_meta_table",
//    "module", "qualname"} resolved to its bound uid through the lookup.
// `path` names the value in errors ("config.window[1]").
[[nodiscard]] Result<Py::Value> coerceJsonValue(const Json &schema,
                                                const Json &value,
                                                const CoerceContext &context,
                                                const QString &path);

// The model instance for a whole configuration: fields in the schema's declaration order,
// values coerced; a missing value takes the schema's "default" without validation (a float
// field declared "= 1" holds the int 1), except where JSON cannot spell the Python default
// (datetimes, UUIDs, tuples, models, enums, storage classes), which are read as their type.
// A field without value and default is an error naming it; so is a key that is not a field.
[[nodiscard]] Result<Py::Value> buildConfigModel(const ClassRef &configClass,
                                                 const Json &configSchema,
                                                 const Json &config,
                                                 const StorageClassLookup &lookup);

// The pydantic JSON schema of a Python annotation ("int", "tuple[int, ...]",
// "Optional[datetime]", "dict[str, list[float]]"...), with "x-python-type": "tuple" on
// variable-length tuples. Used for schemas that give the annotation as "x-python-type".
[[nodiscard]] Result<Json> schemaFromAnnotation(const QString &annotation);

} // namespace Core::Config
