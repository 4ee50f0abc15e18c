// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QString>

#include <optional>

namespace Core::Sdk {

// The SDK's data type tokens (sdk-contract.md section 2). Errors carry the SDK's exact message
// and, as detail, the Python exception class ("ValueError").

// Canonical tokens.
inline constexpr char DtypeDate[] = "date";
inline constexpr char DtypeTimestampTz[] = "timestamp with time zone";
inline constexpr char DtypeNaiveDatetime[] = "datetime64[ns]";

// normalize_dtype_token(value, remote, allow_naive_datetime): maps the many spellings of a type
// onto a canonical token. Unknown spellings come back stripped but otherwise unchanged; only
// an empty token and a naive datetime on a remote backend are errors.
[[nodiscard]] Result<QString>
normalizeDtypeToken(const QString &value, bool remote = true, bool allowNaiveDatetime = false);

// The token is date, timestamp with time zone or datetime64[ns].
bool isTemporalToken(const QString &token);

// The client's re-normalization of a column contract's backend_type before it is sent:
// blank → nullopt; a timestamptz spelling → "TIMESTAMP WITH TIME ZONE"; a date spelling →
// "DATE"; anything else unchanged. A naive timestamp is the remote naive-datetime error.
[[nodiscard]] Result<std::optional<QString>>
normalizeBackendType(const std::optional<QString> &backendType);

// The PostgreSQL type a column gets in DDL, spelled as PostgreSQL's format_type() prints it
// ("character varying(255)", "double precision", "numeric(10,2)", "timestamp with time zone"),
// so that it compares equal to what introspection reads. The backend type (SQLAlchemy's
// compiled name, e.g. "VARCHAR(255)", "FLOAT", "NUMERIC(10, 2)") decides when present;
// otherwise the canonical data type does. Unknown types are an InvalidInput error.
[[nodiscard]] Result<QString> postgresTypeForColumn(const QString &dataType,
                                                    const std::optional<QString> &backendType = {});

} // namespace Core::Sdk
