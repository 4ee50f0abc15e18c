// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>
#include <core/util/result.h>

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace Core::Run {

// What a column's values must be, read once from the storage contract: the data_type family
// decides how a value is read, the PostgreSQL type (from backend_type) narrows what fits.
enum class ValueType {
    String,
    Uuid,
    Bool,
    Integer,
    Float,
    Numeric,
    Date,
    TimestampTz,
    NaiveTimestamp, // datetime64[ns]: local backends only; values must carry no offset
    Json,
    Jsonb,
};

struct ColumnCheck
{
    std::string name;
    QString dataType;     // the contract's token, for messages
    QString postgresType; // "integer", "character varying(255)", for messages
    ValueType type = ValueType::String;
    std::int64_t minInteger = 0; // Integer: the range of the stored type
    std::int64_t maxInteger = 0;
    bool real = false;         // Float stored as real (float32): a narrower range
    int maxChars = -1;         // String: VARCHAR(n) / CHAR(n)
    int maxIntegerDigits = -1; // Numeric(p, s): p - s digits before the point
    bool nullable = true;
    int indexPosition = -1; // position in index_names, -1 when not an index column
    bool timeIndex = false;
};

// The checks for every column of `storageClass`, in contract order. Fails (InvalidInput) when a
// column's type is one the validator cannot check, or the time index / index_names name no
// column: a run cannot be validated against such a contract.
[[nodiscard]] Result<std::vector<ColumnCheck>>
compileColumnChecks(const StorageClass &storageClass);

} // namespace Core::Run
