// SPDX-License-Identifier: MIT
#include "recordsplitter.h"

#include <cstring>

#include <simdjson.h>

namespace Core::Run {

std::size_t
RecordSplitter::findEnd(std::string_view s, std::size_t from, Csv &state, int &newlines) const
{
    const void *hit = std::memchr(s.data() + from, '\n', s.size() - from);
    const std::size_t nl
        = hit ? static_cast<std::size_t>(static_cast<const char *>(hit) - s.data()) : s.size();
    // NDJSON, and the common CSV line without quotes: the next line end closes the record.
    if (!m_quoteAware
        || (state != Csv::Quoted && state != Csv::QuoteInQuoted
            && std::memchr(s.data() + from, '"', nl - from) == nullptr)) {
        if (m_quoteAware && nl > from)
            state = s[nl - 1] == ',' ? Csv::FieldStart : Csv::Unquoted;
        return hit ? nl : std::string_view::npos;
    }
    for (std::size_t i = from; i < s.size(); ++i) {
        const char c = s[i];
        switch (state) {
        case Csv::FieldStart:
        case Csv::Unquoted:
            if (c == '\n')
                return i;
            if (c == '"' && state == Csv::FieldStart)
                state = Csv::Quoted;
            else
                state = c == ',' ? Csv::FieldStart : Csv::Unquoted;
            break;
        case Csv::Quoted:
            if (c == '"')
                state = Csv::QuoteInQuoted;
            else if (c == '\n')
                ++newlines; // a line end inside quotes belongs to the field
            break;
        case Csv::QuoteInQuoted: // a doubled quote, or the end of the quoted field
            if (c == '\n')
                return i;
            state = c == '"' ? Csv::Quoted : c == ',' ? Csv::FieldStart : Csv::Unquoted;
            break;
        }
    }
    return std::string_view::npos;
}

bool RecordSplitter::utf8(std::string_view s)
{
    return simdjson::validate_utf8(s.data(), s.size());
}

RecordSplitter::Record RecordSplitter::make(std::string_view text, bool valid, int newlines)
{
    if (!text.empty() && text.back() == '\r')
        text.remove_suffix(1);
    Record r{text, m_nextLine, valid, false};
    m_nextLine += 1 + newlines;
    return r;
}

} // namespace Core::Run
