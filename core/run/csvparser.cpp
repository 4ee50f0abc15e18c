// SPDX-License-Identifier: MIT
#include "csvparser.h"

#include <QString>

#include <algorithm>

namespace Core::Run {

CsvParser::CsvParser(std::vector<std::string> columns, RowSink &sink)
    : m_columns(std::move(columns))
    , m_sink(sink)
{}

void CsvParser::feed(std::string_view chunk)
{
    if (m_failure)
        return;
    m_splitter.feed(chunk, [this](const RecordSplitter::Record &r) { record(r); });
}

void CsvParser::finish()
{
    if (m_failure)
        return;
    m_splitter.finish([this](const RecordSplitter::Record &r) { record(r); });
}

bool CsvParser::split(std::string_view s)
{
    m_fields.clear();
    m_unescaped.clear();
    m_spans.clear();
    m_scratch.clear();
    std::size_t pos = 0;
    while (true) {
        FieldView f;
        if (pos < s.size() && s[pos] == '"') {
            const std::size_t start = ++pos;
            bool doubled = false;
            while (true) {
                const std::size_t q = s.find('"', pos);
                if (q == std::string_view::npos) {
                    m_error = "a quoted field is not closed";
                    return false;
                }
                if (q + 1 < s.size() && s[q + 1] == '"') {
                    doubled = true;
                    pos = q + 2;
                    continue;
                }
                pos = q + 1;
                break;
            }
            const std::string_view inner = s.substr(start, pos - 1 - start);
            f.kind = ValueKind::Text;
            f.text = inner;
            if (doubled) {
                const std::size_t offset = m_scratch.size();
                for (std::size_t i = 0; i < inner.size(); ++i) {
                    m_scratch.push_back(inner[i]);
                    if (inner[i] == '"')
                        ++i; // the second quote of a pair
                }
                m_unescaped.push_back(m_fields.size());
                m_spans.emplace_back(offset, m_scratch.size() - offset);
            }
            if (pos < s.size() && s[pos] != ',') {
                m_error = "text after a closing quote (only a comma or the line end may follow)";
                return false;
            }
        } else {
            const std::size_t comma = std::min(s.find(',', pos), s.size());
            const std::string_view text = s.substr(pos, comma - pos);
            if (text.find('"') != std::string_view::npos) {
                m_error = "a quote inside an unquoted field";
                return false;
            }
            f.kind = text.empty() ? ValueKind::Null : ValueKind::Text;
            f.text = text;
            pos = comma;
        }
        f.raw = f.text;
        m_fields.push_back(f);
        if (pos >= s.size())
            break;
        ++pos; // the comma
    }
    for (std::size_t i = 0; i < m_unescaped.size(); ++i) {
        FieldView &f = m_fields[m_unescaped[i]];
        f.text = std::string_view(m_scratch.data() + m_spans[i].first, m_spans[i].second);
    }
    return true;
}

void CsvParser::readHeader(const RecordSplitter::Record &r)
{
    auto fail = [&](const QString &why) {
        m_failure = Error{ErrorCode::InvalidInput,
                          QStringLiteral("CSV row stream, line %1: the header row %2; no rows "
                                         "can be read without it")
                              .arg(r.line)
                              .arg(why),
                          {}};
    };
    if (!r.validUtf8)
        return fail(QStringLiteral("is not valid UTF-8"));
    if (r.unterminated || !split(r.text))
        return fail(
            QStringLiteral("is not valid CSV (%1)")
                .arg(QLatin1String(r.unterminated ? "a quoted field is not closed" : m_error)));
    for (const FieldView &f : m_fields) {
        const std::string name(f.text);
        if (name.empty())
            return fail(
                QStringLiteral("has an empty column name at position %1").arg(m_header.size() + 1));
        if (std::find(m_header.begin(), m_header.end(), name) != m_header.end())
            return fail(
                QStringLiteral("names column \"%1\" twice").arg(QString::fromStdString(name)));
        m_header.push_back(name);
        const auto it = std::find(m_columns.begin(), m_columns.end(), name);
        m_fieldColumn.push_back(it == m_columns.end() ? -1
                                                      : static_cast<int>(it - m_columns.begin()));
    }
    m_haveHeader = true;
}

void CsvParser::record(const RecordSplitter::Record &r)
{
    if (m_failure)
        return;
    if (r.text.empty() && !r.unterminated)
        return;
    if (m_first) {
        m_first = false;
        bool badCount = false;
        if (r.validUtf8 && !r.text.empty() && r.text.front() == '{'
            && readAnnouncement(r.text, badCount)) {
            if (badCount)
                m_sink.malformed(r.line, "expected_rows must be a non-negative integer", r.text);
            return;
        }
    }
    if (!m_haveHeader)
        return readHeader(r);
    if (r.unterminated) {
        m_sink.malformed(r.line, "the stream ends inside a quoted field", r.text);
        return;
    }
    if (!r.validUtf8) {
        m_sink.malformed(r.line, "the line is not valid UTF-8", r.text);
        return;
    }
    if (!split(r.text)) {
        m_sink.malformed(r.line, m_error, r.text);
        return;
    }
    if (m_fields.size() < m_header.size()) {
        m_sink.malformed(r.line, "the row has fewer fields than the header has columns", r.text);
        return;
    }
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        FieldView &f = m_fields[i];
        if (i < m_header.size()) {
            f.column = m_fieldColumn[i];
            f.key = m_header[i];
        }
    }
    m_sink.row(RowView{r.line, m_fields});
}

} // namespace Core::Run
