// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace Core::Run {

// Cuts a byte stream fed in arbitrary chunks into records: lines for NDJSON, and for CSV lines
// whose line ends inside double quotes belong to the same record. A record is handed out as a
// view into the chunk when it lies inside one (the common case, no copy); only a record that
// straddles chunks is assembled in a carry buffer, whose capacity is reused.
//
// Each record comes with the line it starts on and whether its bytes are valid UTF-8, checked
// once per chunk for the records inside it (PostgreSQL refuses invalid UTF-8, and one bad byte
// must reject its row only).
class RecordSplitter
{
public:
    struct Record
    {
        std::string_view text; // without the line end ("\n" or "\r\n")
        std::int64_t line = 0;
        bool validUtf8 = true;
        bool unterminated = false; // the stream ended inside a quoted CSV field
    };

    explicit RecordSplitter(bool quoteAware)
        : m_quoteAware(quoteAware)
    {}

    template <class F>
    void feed(std::string_view chunk, F &&onRecord);
    // The last record when the stream does not end with a line end.
    template <class F>
    void finish(F &&onRecord);

    std::int64_t linesSeen() const { return m_nextLine - 1; }

private:
    // Where a CSV scan stands: a quote opens a quoted field only at the start of a field, and
    // a line end ends the record everywhere but inside one.
    enum class Csv { FieldStart, Unquoted, Quoted, QuoteInQuoted };

    // The index of the line end that closes the record, scanning from `state`; npos if the
    // chunk ends first (then `state` and `newlines` say where the scan stopped).
    std::size_t findEnd(std::string_view s, std::size_t from, Csv &state, int &newlines) const;
    static bool utf8(std::string_view s);
    Record make(std::string_view text, bool valid, int newlines);

    bool m_quoteAware;
    std::string m_carry;
    Csv m_carryState = Csv::FieldStart;
    int m_carryNewlines = 0;
    std::int64_t m_nextLine = 1;
};

template <class F>
void RecordSplitter::feed(std::string_view chunk, F &&onRecord)
{
    std::size_t pos = 0;
    if (!m_carry.empty()) {
        Csv state = m_carryState;
        int newlines = 0;
        const std::size_t end = findEnd(chunk, 0, state, newlines);
        if (end == std::string_view::npos) {
            m_carry.append(chunk);
            m_carryState = state;
            m_carryNewlines += newlines;
            return;
        }
        m_carry.append(chunk.substr(0, end));
        const int inner = m_carryNewlines + newlines;
        m_carryState = Csv::FieldStart;
        m_carryNewlines = 0;
        onRecord(make(m_carry, utf8(m_carry), inner));
        m_carry.clear();
        pos = end + 1;
    }
    // Every record that ends at or before the chunk's last line end lies inside this span.
    const std::size_t last = chunk.rfind('\n');
    const bool spanValid
        = last == std::string_view::npos || last < pos || utf8(chunk.substr(pos, last + 1 - pos));
    while (pos < chunk.size()) {
        Csv state = Csv::FieldStart;
        int newlines = 0;
        const std::size_t end = findEnd(chunk, pos, state, newlines);
        if (end == std::string_view::npos) {
            m_carry.assign(chunk.substr(pos));
            m_carryState = state;
            m_carryNewlines = newlines;
            return;
        }
        const std::string_view text = chunk.substr(pos, end - pos);
        onRecord(make(text, spanValid || utf8(text), newlines));
        pos = end + 1;
    }
}

template <class F>
void RecordSplitter::finish(F &&onRecord)
{
    if (m_carry.empty())
        return;
    Record r = make(m_carry, utf8(m_carry), m_carryNewlines);
    r.unterminated = m_carryState == Csv::Quoted;
    onRecord(r);
    m_carry.clear();
    m_carryState = Csv::FieldStart;
    m_carryNewlines = 0;
}

} // namespace Core::Run
