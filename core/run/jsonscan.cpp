// SPDX-License-Identifier: MIT
#include "jsonscan.h"

#include <cstdio>
#include <cstring>

namespace Core::Run {

namespace {

constexpr int maxDepth = 64;

// Bytes that end the plain part of a string: the closing quote, a backslash, control characters.
struct StringStops
{
    bool table[256] = {};
    constexpr StringStops()
    {
        for (int c = 0; c < 0x20; ++c)
            table[c] = true;
        table[static_cast<unsigned char>('"')] = true;
        table[static_cast<unsigned char>('\\')] = true;
    }
};
constexpr StringStops stringStops;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string &out, unsigned cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

} // namespace

bool JsonScanner::fail(const char *what)
{
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "%s at byte %zu", what, m_pos + 1);
    m_error = buffer;
    return false;
}

void JsonScanner::skipSpace()
{
    // Runners mostly write compact JSON: leave at once when no space follows.
    if (m_pos < m_s.size() && static_cast<unsigned char>(m_s[m_pos]) > ' ')
        return;
    while (m_pos < m_s.size()) {
        const char c = m_s[m_pos];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return;
        ++m_pos;
    }
}

bool JsonScanner::unicodeEscape(unsigned &cp)
{
    auto hex4 = [&](unsigned &v) {
        if (m_pos + 4 > m_s.size())
            return false;
        v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_s[m_pos + static_cast<std::size_t>(i)]);
            if (h < 0)
                return false;
            v = v * 16 + static_cast<unsigned>(h);
        }
        m_pos += 4;
        return true;
    };
    if (!hex4(cp))
        return fail("bad \\u escape");
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail("a lone low surrogate in a \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned low = 0;
        if (m_pos + 2 > m_s.size() || m_s[m_pos] != '\\' || m_s[m_pos + 1] != 'u')
            return fail("a high surrogate without its low surrogate");
        m_pos += 2;
        if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
            return fail("a high surrogate without its low surrogate");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    return true;
}

// A string at m_pos (on its opening quote). Without escapes `out` views the line; with escapes
// the unescaped text goes to m_scratch and the view is resolved later (m_scratch may move).
bool JsonScanner::string(std::string_view &out, std::size_t member, bool isKey)
{
    const std::size_t start = ++m_pos;
    while (m_pos < m_s.size()) {
        const char c = m_s[m_pos];
        if (!stringStops.table[static_cast<unsigned char>(c)]) {
            ++m_pos;
            continue;
        }
        if (c == '"') {
            out = m_s.substr(start, m_pos - start);
            ++m_pos;
            return true;
        }
        if (c == '\\')
            break;
        return fail("a control character inside a string");
    }
    if (m_pos >= m_s.size())
        return fail("an unterminated string");
    const std::size_t offset = m_scratch.size();
    m_scratch.append(m_s.substr(start, m_pos - start));
    while (m_pos < m_s.size()) {
        const char c = m_s[m_pos];
        if (c == '"') {
            ++m_pos;
            m_pending.push_back({member, isKey, offset, m_scratch.size() - offset});
            out = {};
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            return fail("a control character inside a string");
        if (c != '\\') {
            m_scratch.push_back(c);
            ++m_pos;
            continue;
        }
        if (++m_pos >= m_s.size())
            break;
        const char e = m_s[m_pos++];
        switch (e) {
        case '"':
            m_scratch.push_back('"');
            break;
        case '\\':
            m_scratch.push_back('\\');
            break;
        case '/':
            m_scratch.push_back('/');
            break;
        case 'b':
            m_scratch.push_back('\b');
            break;
        case 'f':
            m_scratch.push_back('\f');
            break;
        case 'n':
            m_scratch.push_back('\n');
            break;
        case 'r':
            m_scratch.push_back('\r');
            break;
        case 't':
            m_scratch.push_back('\t');
            break;
        case 'u': {
            unsigned cp = 0;
            if (!unicodeEscape(cp))
                return false;
            appendUtf8(m_scratch, cp);
            break;
        }
        default:
            --m_pos;
            return fail("an unknown escape in a string");
        }
    }
    return fail("an unterminated string");
}

bool JsonScanner::literal(std::string_view word)
{
    // The first byte rules most candidates out without a call to memcmp.
    if (m_pos >= m_s.size() || m_s[m_pos] != word.front() || m_s.substr(m_pos, word.size()) != word)
        return false;
    m_pos += word.size();
    return true;
}

bool JsonScanner::number(std::string_view &out, bool &nonFinite)
{
    const std::size_t start = m_pos;
    const char first = m_pos < m_s.size() ? m_s[m_pos] : '\0';
    const bool word = first == 'N' || first == 'I'
                      || (first == '-' && m_pos + 1 < m_s.size() && m_s[m_pos + 1] == 'I');
    if (word && (literal("NaN") || literal("Infinity") || literal("-Infinity"))) {
        nonFinite = true;
        out = m_s.substr(start, m_pos - start);
        return true;
    }
    if (m_pos < m_s.size() && m_s[m_pos] == '-')
        ++m_pos;
    if (m_pos >= m_s.size() || !isDigit(m_s[m_pos]))
        return fail("a malformed number");
    if (m_s[m_pos] == '0')
        ++m_pos;
    else
        while (m_pos < m_s.size() && isDigit(m_s[m_pos]))
            ++m_pos;
    if (m_pos < m_s.size() && m_s[m_pos] == '.') {
        ++m_pos;
        if (m_pos >= m_s.size() || !isDigit(m_s[m_pos]))
            return fail("a malformed number");
        while (m_pos < m_s.size() && isDigit(m_s[m_pos]))
            ++m_pos;
    }
    if (m_pos < m_s.size() && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < m_s.size() && (m_s[m_pos] == '+' || m_s[m_pos] == '-'))
            ++m_pos;
        if (m_pos >= m_s.size() || !isDigit(m_s[m_pos]))
            return fail("a malformed number");
        while (m_pos < m_s.size() && isDigit(m_s[m_pos]))
            ++m_pos;
    }
    out = m_s.substr(start, m_pos - start);
    return true;
}

// An object or array at m_pos, validated and skipped; strings inside need no unescaping.
bool JsonScanner::nested(int depth, bool &nonFinite)
{
    if (depth > maxDepth)
        return fail("JSON nested too deeply");
    const char open = m_s[m_pos++];
    const char close = open == '{' ? '}' : ']';
    skipSpace();
    if (m_pos < m_s.size() && m_s[m_pos] == close) {
        ++m_pos;
        return true;
    }
    const std::size_t scratchMark = m_scratch.size();
    const std::size_t pendingMark = m_pending.size();
    while (true) {
        skipSpace();
        std::string_view ignored;
        if (open == '{') {
            if (m_pos >= m_s.size() || m_s[m_pos] != '"')
                return fail("expected a key");
            if (!string(ignored, 0, true))
                return false;
            skipSpace();
            if (m_pos >= m_s.size() || m_s[m_pos] != ':')
                return fail("expected ':' after a key");
            ++m_pos;
            skipSpace();
        }
        if (m_pos >= m_s.size())
            return fail("a value is missing");
        const char c = m_s[m_pos];
        if (c == '{' || c == '[') {
            if (!nested(depth + 1, nonFinite))
                return false;
        } else if (c == '"') {
            if (!string(ignored, 0, false))
                return false;
        } else if (!literal("true") && !literal("false") && !literal("null")) {
            if (!number(ignored, nonFinite))
                return false;
        }
        // Strings inside a nested value are kept as source text: drop their unescaped copies.
        m_scratch.resize(scratchMark);
        m_pending.resize(pendingMark);
        skipSpace();
        if (m_pos < m_s.size() && m_s[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        if (m_pos < m_s.size() && m_s[m_pos] == close) {
            ++m_pos;
            return true;
        }
        return fail(open == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

bool JsonScanner::scalar(FieldView &v, std::size_t member)
{
    const std::size_t start = m_pos;
    const char c = m_s[m_pos];
    bool ok = true;
    if (c == '"') {
        v.kind = ValueKind::String;
        ok = string(v.text, member, false);
    } else if (c == '{' || c == '[') {
        v.kind = ValueKind::Json;
        ok = nested(1, v.nonFinite);
    } else if (literal("true") || literal("false")) {
        v.kind = ValueKind::Bool;
    } else if (literal("null")) {
        v.kind = ValueKind::Null;
    } else {
        v.kind = ValueKind::Number;
        ok = number(v.text, v.nonFinite);
    }
    v.raw = m_s.substr(start, m_pos - start);
    if (v.kind != ValueKind::String && v.kind != ValueKind::Number)
        v.text = v.raw;
    return ok;
}

bool JsonScanner::scanObject(std::string_view line, std::vector<Member> &members)
{
    m_s = line;
    m_pos = 0;
    m_scratch.clear();
    m_pending.clear();
    members.clear();
    skipSpace();
    if (m_pos >= m_s.size() || m_s[m_pos] != '{')
        return fail("not a JSON object: expected '{'");
    ++m_pos;
    skipSpace();
    if (m_pos < m_s.size() && m_s[m_pos] == '}') {
        ++m_pos;
    } else {
        while (true) {
            skipSpace();
            if (m_pos >= m_s.size() || m_s[m_pos] != '"')
                return fail("expected a key");
            Member &m = members.emplace_back();
            if (!string(m.key, members.size() - 1, true))
                return false;
            skipSpace();
            if (m_pos >= m_s.size() || m_s[m_pos] != ':')
                return fail("expected ':' after the key");
            ++m_pos;
            skipSpace();
            if (m_pos >= m_s.size())
                return fail("a value is missing");
            if (!scalar(m.value, members.size() - 1))
                return false;
            skipSpace();
            if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_s.size() && m_s[m_pos] == '}') {
                ++m_pos;
                break;
            }
            return fail("expected ',' or '}'");
        }
    }
    skipSpace();
    if (m_pos != m_s.size())
        return fail("text after the object");
    for (const Pending &p : m_pending) {
        const std::string_view text(m_scratch.data() + p.offset, p.length);
        if (p.isKey)
            members[p.member].key = text;
        else
            members[p.member].value.text = text;
    }
    return true;
}

bool JsonScanner::isValue(std::string_view text, bool &nonFinite)
{
    m_s = text;
    m_pos = 0;
    m_scratch.clear();
    m_pending.clear();
    nonFinite = false;
    skipSpace();
    if (m_pos >= m_s.size())
        return fail("no JSON value");
    FieldView v;
    if (!scalar(v, 0))
        return false;
    nonFinite = v.nonFinite;
    skipSpace();
    if (m_pos != m_s.size())
        return fail("text after the JSON value");
    return true;
}

} // namespace Core::Run
