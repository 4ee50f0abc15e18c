// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace Core::Run {

// How a value was written in the row stream. The parser only says what it saw; the validator
// decides whether that fits the column's data_type.
enum class ValueKind : std::uint8_t {
    Null,   // JSON null, or an empty unquoted CSV field
    Text,   // a CSV field (quoted or not): text to be read as the column's type
    String, // a JSON string, unescaped
    Number, // a JSON number, or Python's NaN / Infinity / -Infinity tokens (nonFinite set)
    Bool,   // JSON true or false: text is "true" or "false"
    Json,   // a JSON object or array: text is its source text
};

// One key/value of a row. Views point into the parser's buffers and are valid only during the
// sink call that receives them.
struct FieldView
{
    int column = -1; // index into the parser's column list; -1: the key names no column
    ValueKind kind = ValueKind::Null;
    bool nonFinite = false; // the value (or, for Json, something inside it) is NaN/Infinity
    std::string_view key;   // the key as written (CSV: the header name; empty past the header)
    std::string_view text;  // the value: unescaped string, number text, raw JSON, CSV text
    std::string_view raw;   // the value's source text (JSON: with quotes and escapes)
};

// One row of the stream: its fields in the order written, and the physical line it starts on
// (1-based, counting the expected_rows line and the CSV header).
struct RowView
{
    std::int64_t line = 0;
    std::span<const FieldView> fields;
};

// Receives rows as the parser finds them. Malformed lines (not a JSON object, broken JSON or
// CSV, a CSV row with fewer fields than its header) are reported, never fatal.
class RowSink
{
public:
    virtual ~RowSink() = default;
    virtual void row(const RowView &row) = 0;
    virtual void malformed(std::int64_t line, std::string_view reason, std::string_view text) = 0;
};

} // namespace Core::Run
