// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>
#include <core/sdk/pyvalue.h>
#include <core/util/result.h>

#include <QString>

#include <optional>

namespace Core::Config {

// What DataNode.__init__ computes from its configuration (sdk-contract.md section 7).
struct NodeHashes
{
    QString updateHash;
    QString storageHash;
    QString updatePayloadJson;      // the exact text fed to MD5 for update_hash
    QString storagePayloadJson;     // the exact text fed to MD5 for storage_hash
    QString buildConfigurationJson; // json.dumps(serialized kwargs, sort_keys=True)
};

// 7.2: one value as the SDK serializes it before hashing (pydantic models become import-path
// wrappers, storage classes their bound uid reference, datetimes isoformat(), UUIDs lowercase,
// enums their value, tuples a "__type__": "tuple" wrapper). Errors carry the SDK's message
// (an unbound storage class, a non-bool hash_excluded).
[[nodiscard]] Result<Py::Value> serializeValue(const Py::Value &value);

// 7.3 step 1 on the serialized kwargs: references collapse to their identifiers, recursing
// through dict values only.
[[nodiscard]] Result<Py::Dict> replaceReferences(const Py::Dict &serialized);

// 7.3 step 2: model wrappers lose their hash-excluded fields and the "hash_excluded" key.
Py::Value stripHashExcluded(const Py::Value &value);

// lower(className)[:30] without trailing "_", or "hash".
QString hashPrefix(const QString &className);

// create_config(ts_class_name, kwargs): `kwargs` is the finished kwargs dict of 7.1 (already
// holding hash_namespace and time_series_class_import_path). projectBranchUid, when set, is
// added to the update payload only.
[[nodiscard]] Result<NodeHashes> hashKwargs(const QString &className,
                                            const Py::Dict &kwargs,
                                            const std::optional<QString> &projectBranchUid);

// A DataNode construction: the bound __init__ arguments (without storage_table) and context.
struct NodeCall
{
    ClassRef nodeClass;                   // cls.__module__ / cls.__qualname__
    Py::Dict initKwargs;                  // parameter name -> value, after defaults
    std::optional<QString> hashNamespace; // raw, stripped here; blank = none
    std::optional<QString> projectBranchUid;
    // cls.__name__: the last part of the qualname.
    QString className() const;
};

// 7.1 steps 3-6 and 7.3: kwargs without a None config, plus the namespace and the class
// import path, hashed.
[[nodiscard]] Result<NodeHashes> computeNodeHashes(const NodeCall &call);

} // namespace Core::Config
