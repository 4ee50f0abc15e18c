// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/error.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Core::Run {

class RowSink;

enum class RowFormat { Ndjson, Csv };

// "ndjson" or "csv" (the manifest's runner.row_format).
std::optional<RowFormat> rowFormatFromName(std::string_view name);

// An incremental row-stream parser (provider-manifest.md, "Row stream"). Feed it the runner's
// standard output in chunks of any size, then call finish(); it reports every row and every
// malformed line to its sink as it goes. Keys are mapped to indexes of `columns`, the storage
// contract's columns.
class RowParser
{
public:
    virtual ~RowParser() = default;

    virtual void feed(std::string_view chunk) = 0;
    virtual void finish() = 0;

    // N from a first line {"expected_rows": N}, once that line has been read.
    std::optional<std::int64_t> expectedRows() const { return m_expectedRows; }
    // Physical lines consumed so far.
    virtual std::int64_t linesRead() const = 0;
    // Set when the stream cannot be read at all (a CSV header that is not usable); the parser
    // then ignores the rest of its input. Single bad rows never set it.
    const std::optional<Error> &failure() const { return m_failure; }

protected:
    // Whether `line` is the announcement {"expected_rows": N}; sets expectedRows() if so.
    // A line whose only key is expected_rows but whose value is no count is reported through
    // `badCount`.
    bool readAnnouncement(std::string_view line, bool &badCount);

    std::optional<std::int64_t> m_expectedRows;
    std::optional<Error> m_failure;
};

std::unique_ptr<RowParser>
makeRowParser(RowFormat format, std::vector<std::string> columns, RowSink &sink);

} // namespace Core::Run
