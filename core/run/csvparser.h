// SPDX-License-Identifier: MIT
#pragma once

#include "recordsplitter.h"
#include "rowparser.h"
#include "rowview.h"

namespace Core::Run {

// CSV rows (RFC 4180): a header row of column names, then one record per row. Fields may be
// quoted; quoted fields may hold commas, doubled quotes and line ends. An empty unquoted field
// is NULL, a quoted empty field ("") the empty string, as PostgreSQL's CSV COPY reads them.
// Fields past the header's count are passed on with no column (the validator rejects them as
// unknown columns); a record with fewer fields than the header is malformed. Empty lines
// between records are skipped.
class CsvParser final : public RowParser
{
public:
    CsvParser(std::vector<std::string> columns, RowSink &sink);

    void feed(std::string_view chunk) override;
    void finish() override;
    std::int64_t linesRead() const override { return m_splitter.linesSeen(); }

    // The header's column names, once read.
    const std::vector<std::string> &header() const { return m_header; }

private:
    void record(const RecordSplitter::Record &r);
    void readHeader(const RecordSplitter::Record &r);
    // Splits `text` into m_fields (text and kind only); false with m_error set on bad CSV.
    bool split(std::string_view text);

    RecordSplitter m_splitter{true};
    std::vector<std::string> m_columns;
    std::vector<std::string> m_header;
    std::vector<int> m_fieldColumn; // header position -> column index, -1 when not a column
    std::vector<FieldView> m_fields;
    std::vector<std::size_t> m_unescaped; // fields whose text lives in m_scratch
    std::vector<std::pair<std::size_t, std::size_t>> m_spans;
    std::string m_scratch;
    const char *m_error = nullptr;
    RowSink &m_sink;
    bool m_first = true;
    bool m_haveHeader = false;
};

} // namespace Core::Run
