// SPDX-License-Identifier: MIT
#include "ndjsonparser.h"

namespace Core::Run {

namespace {

bool blank(std::string_view s)
{
    return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

} // namespace

NdjsonParser::NdjsonParser(std::vector<std::string> columns, RowSink &sink)
    : m_columns(columns)
    , m_sink(sink)
{}

void NdjsonParser::feed(std::string_view chunk)
{
    m_splitter.feed(chunk, [this](const RecordSplitter::Record &r) { record(r); });
}

void NdjsonParser::finish()
{
    m_splitter.finish([this](const RecordSplitter::Record &r) { record(r); });
}

void NdjsonParser::record(const RecordSplitter::Record &r)
{
    if (blank(r.text))
        return;
    if (!r.validUtf8) {
        m_sink.malformed(r.line, "the line is not valid UTF-8", r.text);
        return;
    }
    if (m_first) {
        m_first = false;
        bool badCount = false;
        if (readAnnouncement(r.text, badCount)) {
            if (badCount)
                m_sink.malformed(r.line, "expected_rows must be a non-negative integer", r.text);
            return;
        }
    }
    if (!m_scanner.scanObject(r.text, m_members)) {
        m_sink.malformed(r.line, m_scanner.error(), r.text);
        return;
    }
    m_fields.clear();
    for (std::size_t i = 0; i < m_members.size(); ++i) {
        FieldView f = m_members[i].value;
        f.key = m_members[i].key;
        f.column = m_columns.column(f.key, i);
        m_fields.push_back(f);
    }
    m_sink.row(RowView{r.line, m_fields});
}

} // namespace Core::Run
