// SPDX-License-Identifier: MIT
#include "rowparser.h"

#include "csvparser.h"
#include "jsonscan.h"
#include "ndjsonparser.h"

#include <charconv>

namespace Core::Run {

std::optional<RowFormat> rowFormatFromName(std::string_view name)
{
    if (name == "ndjson")
        return RowFormat::Ndjson;
    if (name == "csv")
        return RowFormat::Csv;
    return std::nullopt;
}

bool RowParser::readAnnouncement(std::string_view line, bool &badCount)
{
    badCount = false;
    // Cheap test first: the announcement is a one-key object.
    if (line.find("\"expected_rows\"") == std::string_view::npos)
        return false;
    JsonScanner scanner;
    std::vector<JsonScanner::Member> members;
    if (!scanner.scanObject(line, members) || members.size() != 1
        || members.front().key != "expected_rows")
        return false;
    const FieldView &v = members.front().value;
    std::int64_t n = -1;
    const char *end = v.text.data() + v.text.size();
    const bool integer = v.kind == ValueKind::Number && !v.nonFinite
                         && std::from_chars(v.text.data(), end, n).ptr == end;
    if (!integer || n < 0) {
        badCount = true;
        return true;
    }
    m_expectedRows = n;
    return true;
}

std::unique_ptr<RowParser>
makeRowParser(RowFormat format, std::vector<std::string> columns, RowSink &sink)
{
    if (format == RowFormat::Csv)
        return std::make_unique<CsvParser>(std::move(columns), sink);
    return std::make_unique<NdjsonParser>(std::move(columns), sink);
}

} // namespace Core::Run
