// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/sdk/pyvalue.h>

#include <QString>

#include <tl/expected.hpp>

#include <optional>
#include <string>

namespace Core::Config {

// pydantic v2 (speedate) reading a datetime from JSON: ISO 8601 text with "T", "t", "_" or a
// space between date and time, optional seconds, fractions truncated to microseconds, "Z" or
// an offset (+HH:MM, +HHMM, +HH) kept as given; a date alone is naive midnight; a number (or
// numeric text) is Unix time in UTC, milliseconds when its magnitude exceeds 2e10.
// The error is what was expected, for the caller's message.
tl::expected<Py::DateTime, QString> parseDateTime(const Json &value);

// YYYY-MM-DD with a valid calendar day.
std::optional<Py::Date> parseDate(const std::string &text);

// uuid.UUID(text) → lowercase hyphenated form; accepts braces, "urn:uuid:" and missing hyphens.
std::optional<std::string> parseUuid(const std::string &text);

} // namespace Core::Config
