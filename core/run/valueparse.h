// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Core::Run {

// Strict readers of the row stream's scalar texts. None allocates; none accepts surrounding
// whitespace (a runner that pads values is wrong, and silently trimming would hide it).

// [+-]?[0-9]+ into an int64; false on other text or overflow.
bool parseInteger(std::string_view text, std::int64_t &value);

enum class FloatText { Finite, NonFinite, Invalid, OutOfRange };
// A decimal float (as strtod reads it, without hex) or a NaN/Infinity spelling (nan, inf,
// infinity, any case, signed; Python's NaN/Infinity/-Infinity among them).
FloatText parseFloat(std::string_view text, double &value);

// A decimal number for PostgreSQL numeric: [+-]?digits[.digits][e[+-]digits] or [+-]?.digits.
// `canonical` gets a form equal for equal values ("-12.5E3" and "-12500" alike); `integerDigits`
// the count of digits before the point once the exponent is applied (0 for |x| < 1).
bool parseDecimal(std::string_view text, std::string &canonical, int &integerDigits);

// true/false/t/f/1/0 in any case (what PostgreSQL's boolean input reads, minus yes/no/on/off).
std::optional<bool> parseBoolText(std::string_view text);

// 8-4-4-4-12 hex digits (any case), or 32 hex digits, optionally in braces; `canonical` gets
// the lowercase hyphenated form (36 bytes).
bool parseUuid(std::string_view text, char canonical[36]);

// YYYY-MM-DD, a real calendar day of years 0001-9999; days since 1970-01-01.
std::optional<std::int32_t> parseDate(std::string_view text);

struct Timestamp
{
    enum class Status { Ok, Naive, Invalid };
    Status status = Status::Invalid;
    std::int64_t utcMicros = 0; // the instant (for naive values: as if it were UTC)
    int offsetMinutes = 0;      // east of UTC; 0 for "Z", "+00:00", "-00:00"
};

// YYYY-MM-DD[T ]HH:MM[:SS[.fraction]] followed by Z, +HH:MM or +HHMM (the SDK's rule: a value
// without one of those offsets is naive). A date alone is naive too. Fractions beyond
// microseconds are rounded, as PostgreSQL rounds them.
Timestamp parseTimestamp(std::string_view text);

// Code points of valid UTF-8 text.
std::size_t utf8Length(std::string_view text);
// The longest prefix of at most `maxChars` code points, cut on a code point boundary.
std::string_view utf8Prefix(std::string_view text, std::size_t maxChars);

} // namespace Core::Run
