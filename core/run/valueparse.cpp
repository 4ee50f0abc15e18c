// SPDX-License-Identifier: MIT
#include "valueparse.h"

#include <charconv>
#include <cmath>

namespace Core::Run {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != b[i])
            return false;
    }
    return true;
}

// Exactly `n` digits at text[pos], as a number.
bool digits(std::string_view text, std::size_t pos, int n, int &value)
{
    if (pos + static_cast<std::size_t>(n) > text.size())
        return false;
    value = 0;
    for (int i = 0; i < n; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

bool leapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leapYear(y) ? 29 : days[m - 1];
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
std::int32_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

} // namespace

bool parseInteger(std::string_view text, std::int64_t &value)
{
    std::size_t start = 0;
    if (!text.empty() && text.front() == '+')
        start = 1; // from_chars reads '-' but not '+'
    if (start == text.size() || (start == 1 && text.size() > 1 && text[1] == '-'))
        return false;
    const char *first = text.data() + start;
    const char *last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    return ec == std::errc() && ptr == last;
}

FloatText parseFloat(std::string_view text, double &value)
{
    std::string_view body = text;
    bool negative = false;
    if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    if (equalsNoCase(body, "nan")) {
        value = std::nan("");
        return FloatText::NonFinite;
    }
    if (equalsNoCase(body, "inf") || equalsNoCase(body, "infinity")) {
        value = negative ? -HUGE_VAL : HUGE_VAL;
        return FloatText::NonFinite;
    }
    // from_chars would also read "inf", "nan" and hex in other spellings: only digits here.
    if (body.empty() || (!isDigit(body.front()) && body.front() != '.'))
        return FloatText::Invalid;
    const char *first = text.data() + (text.front() == '+' ? 1 : 0);
    const char *last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
    if (ptr != last)
        return FloatText::Invalid;
    if (ec == std::errc::result_out_of_range)
        return FloatText::OutOfRange;
    return ec == std::errc() ? FloatText::Finite : FloatText::Invalid;
}

bool parseDecimal(std::string_view text, std::string &canonical, int &integerDigits)
{
    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
        negative = text[pos++] == '-';
    // Collect the significant digits and where the point falls.
    canonical.clear();
    int pointAt = 0; // digits before the point, counted after leading zeros are dropped
    bool anyDigit = false;
    bool seenPoint = false;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '.' && !seenPoint) {
            seenPoint = true;
            continue;
        }
        if (!isDigit(c))
            break;
        anyDigit = true;
        if (canonical.empty() && c == '0') {
            if (seenPoint)
                --pointAt; // a leading zero after the point shifts the value down
            continue;
        }
        canonical.push_back(c);
        if (!seenPoint)
            ++pointAt;
    }
    if (!anyDigit)
        return false;
    long exponent = 0;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        std::int64_t e = 0;
        const std::string_view rest = text.substr(pos);
        if (rest.empty() || !parseInteger(rest, e) || e > 100000 || e < -100000)
            return false;
        exponent = static_cast<long>(e);
        pos = text.size();
    }
    if (pos != text.size())
        return false;
    while (!canonical.empty() && canonical.back() == '0')
        canonical.pop_back();
    if (canonical.empty()) {
        canonical = "0";
        integerDigits = 0;
        return true;
    }
    const long point = pointAt + exponent;
    integerDigits = point > 0 ? static_cast<int>(point) : 0;
    canonical.insert(0, negative ? "-." : ".");
    canonical += 'E';
    canonical += std::to_string(point);
    return true;
}

std::optional<bool> parseBoolText(std::string_view text)
{
    if (equalsNoCase(text, "true") || equalsNoCase(text, "t") || text == "1")
        return true;
    if (equalsNoCase(text, "false") || equalsNoCase(text, "f") || text == "0")
        return false;
    return std::nullopt;
}

bool parseUuid(std::string_view text, char canonical[36])
{
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}')
        text = text.substr(1, text.size() - 2);
    const bool hyphenated = text.size() == 36;
    if (!hyphenated && text.size() != 32)
        return false;
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t out = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (hyphenated && (i == 8 || i == 13 || i == 18 || i == 23)) {
            if (text[i] != '-')
                return false;
            canonical[out++] = '-';
            continue;
        }
        const int v = hexValue(text[i]);
        if (v < 0)
            return false;
        if (!hyphenated && (out == 8 || out == 13 || out == 18 || out == 23))
            canonical[out++] = '-';
        canonical[out++] = hex[v];
    }
    return true;
}

std::optional<std::int32_t> parseDate(std::string_view text)
{
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, y)
        || !digits(text, 5, 2, m) || !digits(text, 8, 2, d))
        return std::nullopt;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
        return std::nullopt;
    return daysFromCivil(y, m, d);
}

Timestamp parseTimestamp(std::string_view text)
{
    Timestamp t;
    const auto day = parseDate(text.substr(0, 10));
    if (!day)
        return t;
    if (text.size() == 10) {
        t.status = Timestamp::Status::Naive; // a date alone: no time, no offset
        t.utcMicros = std::int64_t{*day} * 86400000000LL;
        return t;
    }
    int hh = 0, mm = 0, ss = 0;
    if ((text[10] != 'T' && text[10] != ' ') || !digits(text, 11, 2, hh) || text.size() < 16
        || text[13] != ':' || !digits(text, 14, 2, mm))
        return t;
    std::size_t pos = 16;
    if (pos < text.size() && text[pos] == ':') {
        if (!digits(text, pos + 1, 2, ss))
            return t;
        pos += 3;
    }
    if (hh > 23 || mm > 59 || ss > 59)
        return t;
    std::int64_t micros = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        std::int64_t scale = 100000;
        bool roundUp = false;
        for (; pos < text.size() && isDigit(text[pos]); ++pos) {
            const int digit = text[pos] - '0';
            if (scale > 0)
                micros += digit * scale;
            else if (scale == 0 && pos - start == 6)
                roundUp = digit >= 5;
            scale /= 10;
        }
        if (pos == start)
            return t;
        micros += roundUp ? 1 : 0;
    }
    t.utcMicros = (std::int64_t{*day} * 86400 + hh * 3600 + mm * 60 + ss) * 1000000 + micros;
    if (pos == text.size()) {
        t.status = Timestamp::Status::Naive;
        return t;
    }
    const char sign = text[pos];
    if (sign == 'Z' && pos + 1 == text.size()) {
        t.status = Timestamp::Status::Ok;
        return t;
    }
    if (sign != '+' && sign != '-')
        return t;
    int oh = 0, om = 0;
    const std::string_view offset = text.substr(pos + 1);
    const bool colon = offset.size() == 5 && offset[2] == ':' && digits(offset, 0, 2, oh)
                       && digits(offset, 3, 2, om);
    const bool compact = offset.size() == 4 && digits(offset, 0, 2, oh) && digits(offset, 2, 2, om);
    if ((!colon && !compact) || oh > 15 || om > 59)
        return t;
    t.offsetMinutes = (sign == '-' ? -1 : 1) * (oh * 60 + om);
    t.utcMicros -= std::int64_t{t.offsetMinutes} * 60 * 1000000;
    t.status = Timestamp::Status::Ok;
    return t;
}

std::size_t utf8Length(std::string_view text)
{
    std::size_t n = 0;
    for (const char c : text)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string_view utf8Prefix(std::string_view text, std::size_t maxChars)
{
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == maxChars)
            return text.substr(0, i);
    }
    return text;
}

} // namespace Core::Run
