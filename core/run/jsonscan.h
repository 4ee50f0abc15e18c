// SPDX-License-Identifier: MIT
#pragma once

#include "rowview.h"

#include <string>
#include <string_view>
#include <vector>

namespace Core::Run {

// A hand-written scanner for the row stream's JSON: one flat object per line, whose values are
// scalars or, for json columns, nested objects and arrays (validated, kept as source text).
// It is strict RFC 8259 except for Python's NaN, Infinity and -Infinity tokens, which
// json.dumps writes by default; values holding them are flagged so the validator can apply its
// policy. It allocates nothing once its buffers have grown to the longest line.
class JsonScanner
{
public:
    struct Member
    {
        std::string_view key;
        FieldView value; // kind, nonFinite, text, raw; column and key left to the caller
    };

    // Reads `line` as one JSON object into `members`. Returns false with error() set when the
    // line is not a JSON object or not valid JSON.
    bool scanObject(std::string_view line, std::vector<Member> &members);

    // Whether `text` is exactly one JSON value (surrounding whitespace allowed); `nonFinite`
    // tells whether it holds a NaN/Infinity token.
    bool isValue(std::string_view text, bool &nonFinite);

    // What was wrong, with the byte offset: "expected ':' after the key at byte 17".
    std::string_view error() const { return m_error; }

private:
    struct Pending
    {
        std::size_t member;
        bool isKey;
        std::size_t offset;
        std::size_t length;
    };

    bool fail(const char *what);
    void skipSpace();
    bool string(std::string_view &out, std::size_t member, bool isKey);
    bool number(std::string_view &out, bool &nonFinite);
    bool literal(std::string_view word);
    bool nested(int depth, bool &nonFinite);
    bool scalar(FieldView &value, std::size_t member);
    bool unicodeEscape(unsigned &codePoint);

    std::string_view m_s;
    std::size_t m_pos = 0;
    std::string m_scratch;          // unescaped strings of the current line
    std::vector<Pending> m_pending; // views into m_scratch, resolved once the line is read
    std::string m_error;
};

} // namespace Core::Run
