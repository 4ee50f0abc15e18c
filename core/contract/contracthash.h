// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>
#include <core/sdk/pyvalue.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

// The time-index metadata of a storage class after the SDK's resolution rules
// (sdk-contract.md section 3): defaults applied, cadence normalized.
struct TimeIndexContract
{
    QString timeIndexName;
    QStringList indexNames;
    std::optional<QString> cadence; // stripped and lower-cased; nullopt when blank
    Json storageLayout = Json::object();
};

// The unique index over index_names that gives a time-indexed table its grain.
struct GrainIndex
{
    IndexDef index;
    // True when the DDL does not declare it and the SDK adds it when the table is built
    // (named schema_index_name(table, index_names, unique=True)).
    bool derived = false;
};

// Resolves and validates the time-index contract with the SDK's checks, in the SDK's order
// and with its exact messages (InvalidInput). Only for time-indexed classes.
[[nodiscard]] Result<TimeIndexContract> validateTimeIndexContract(const StorageClass &storageClass);

// The grain index of a time-indexed class: a unique index, unique constraint or unique column
// whose column set equals index_names, else the one the SDK adds. nullopt for relational
// classes. No validation: lint and the migration engine call it on contracts that may be wrong.
std::optional<GrainIndex> grainIndexFor(const StorageClass &storageClass);

// The table storage identity of sections 5.1/5.2 (validated for time-indexed classes), with
// "physical_table_name" first when includeTableName is set.
[[nodiscard]] Result<Py::Value> tableStorageIdentity(const StorageClass &storageClass,
                                                     bool includeTableName);

struct ContractHash
{
    QString hash;        // e.g. mt_mainsequence_examples_95ee2b4c0621e0ceb7a3975500552d36
    QString payloadJson; // the exact text fed to MD5
    bool grainIndexAdded = false;
};

// compute_metatable_contract_hash (section 5.3). `extraComponents` is a JSON object merged at
// the top level of the payload, or null. `hashNamespace` nullopt or empty means none.
[[nodiscard]] Result<ContractHash> computeContractHash(const StorageClass &storageClass,
                                                       const std::optional<QString> &hashNamespace,
                                                       bool includeTableName = true,
                                                       const Json &extraComponents = Json());

} // namespace Core
