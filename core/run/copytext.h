// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace Core::Run {

// PostgreSQL COPY text format (the default of COPY ... FROM STDIN): columns separated by a
// tab, rows ended by a newline, NULL written as \N, and backslash, tab, newline and carriage
// return escaped with a backslash. Accepted rows come out in this form, so a writer appends
// them to its COPY buffer as they are.
inline constexpr std::string_view copyNull = "\\N";

// Appends `text` escaped for COPY. False (and nothing appended) when the text holds a NUL
// byte, which no PostgreSQL text value can store.
bool appendCopyText(std::string &out, std::string_view text);

} // namespace Core::Run
