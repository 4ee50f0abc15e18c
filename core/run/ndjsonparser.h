// SPDX-License-Identifier: MIT
#pragma once

#include "columnmap.h"
#include "jsonscan.h"
#include "recordsplitter.h"
#include "rowparser.h"
#include "rowview.h"

namespace Core::Run {

// NDJSON rows: one JSON object per line, keys are column names. Blank lines are skipped.
class NdjsonParser final : public RowParser
{
public:
    NdjsonParser(std::vector<std::string> columns, RowSink &sink);

    void feed(std::string_view chunk) override;
    void finish() override;
    std::int64_t linesRead() const override { return m_splitter.linesSeen(); }

private:
    void record(const RecordSplitter::Record &r);

    RecordSplitter m_splitter{false};
    ColumnMap m_columns;
    JsonScanner m_scanner;
    std::vector<JsonScanner::Member> m_members;
    std::vector<FieldView> m_fields;
    RowSink &m_sink;
    bool m_first = true;
};

} // namespace Core::Run
