// SPDX-License-Identifier: MIT
#include "pyjson.h"

#include <QString>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

namespace Core::Py {

namespace {

tl::unexpected<Error> typeError(const std::string &message)
{
    return fail(
        ErrorCode::InvalidInput, QString::fromStdString(message), QStringLiteral("TypeError"));
}

// ---- floats -------------------------------------------------------------------------------

std::string finiteRepr(double value)
{
    // Shortest round-trip digits, as "d.ddde±X" (C++17 to_chars, same digits as Python's dtoa
    // in mode 0).
    std::array<char, 64> buf{};
    const auto res
        = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
    const std::string_view sci(buf.data(), static_cast<size_t>(res.ptr - buf.data()));
    const size_t ePos = sci.find('e');
    std::string_view mantissa = sci.substr(0, ePos);
    const int exponent = std::atoi(std::string(sci.substr(ePos + 1)).c_str());
    std::string sign;
    if (!mantissa.empty() && mantissa.front() == '-') {
        sign = "-";
        mantissa.remove_prefix(1);
    }
    std::string digits;
    for (const char c : mantissa) {
        if (c != '.')
            digits.push_back(c);
    }

    if (exponent >= -4 && exponent < 16) {
        std::string out = sign;
        if (exponent >= 0) {
            const auto intDigits = static_cast<size_t>(exponent) + 1;
            if (digits.size() <= intDigits) {
                out += digits + std::string(intDigits - digits.size(), '0') + ".0";
            } else {
                out += digits.substr(0, intDigits) + "." + digits.substr(intDigits);
            }
        } else {
            out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
        }
        return out;
    }
    std::string out = sign + digits.substr(0, 1);
    if (digits.size() > 1)
        out += "." + digits.substr(1);
    const int absExp = std::abs(exponent);
    out += exponent < 0 ? "e-" : "e+";
    if (absExp < 10)
        out += "0";
    out += std::to_string(absExp);
    return out;
}

// ---- strings ------------------------------------------------------------------------------

// Decodes UTF-8 into code points; invalid bytes become U+FFFD (Str is always valid UTF-8
// when it comes from our own parsers, so this only guards against misuse).
std::u32string decodeUtf8(const std::string &s)
{
    return QString::fromStdString(s).toStdU32String();
}

void appendHex4(std::string &out, unsigned v)
{
    static const char hex[] = "0123456789abcdef";
    out += "\\u";
    out.push_back(hex[(v >> 12) & 0xF]);
    out.push_back(hex[(v >> 8) & 0xF]);
    out.push_back(hex[(v >> 4) & 0xF]);
    out.push_back(hex[v & 0xF]);
}

void appendString(std::string &out, const std::string &utf8)
{
    out.push_back('"');
    for (const char32_t c : decodeUtf8(utf8)) {
        switch (c) {
        case U'"':
            out += "\\\"";
            break;
        case U'\\':
            out += "\\\\";
            break;
        case U'\n':
            out += "\\n";
            break;
        case U'\r':
            out += "\\r";
            break;
        case U'\t':
            out += "\\t";
            break;
        case U'\b':
            out += "\\b";
            break;
        case U'\f':
            out += "\\f";
            break;
        default:
            if (c >= 0x20 && c <= 0x7E) {
                out.push_back(static_cast<char>(c));
            } else if (c > 0xFFFF) {
                const char32_t v = c - 0x10000;
                appendHex4(out, 0xD800 | ((v >> 10) & 0x3FF));
                appendHex4(out, 0xDC00 | (v & 0x3FF));
            } else {
                appendHex4(out, static_cast<unsigned>(c));
            }
        }
    }
    out.push_back('"');
}

// ---- Python comparison of dict keys ---------------------------------------------------------

// The type's tp_name, which the '<' and dict-key TypeErrors print: C types have a
// module prefix there (datetime.date), unlike __name__ in "Object of type date".
std::string tpName(const Value &v)
{
    if (v.is<Date>())
        return "datetime.date";
    if (v.is<DateTime>())
        return "datetime.datetime";
    if (v.is<Decimal>())
        return "decimal.Decimal";
    return v.pythonTypeName();
}

bool isNumber(const Value &v)
{
    return v.is<bool>() || v.is<Int>() || v.is<double>();
}

// -1, 0, 1 comparing two decimal integer texts.
int compareIntText(const std::string &a, const std::string &b)
{
    const bool negA = !a.empty() && a.front() == '-';
    const bool negB = !b.empty() && b.front() == '-';
    if (negA != negB)
        return negA ? -1 : 1;
    const std::string_view ma = std::string_view(a).substr(negA ? 1 : 0);
    const std::string_view mb = std::string_view(b).substr(negB ? 1 : 0);
    int magnitude = 0;
    if (ma.size() != mb.size())
        magnitude = ma.size() < mb.size() ? -1 : 1;
    else if (ma != mb)
        magnitude = ma < mb ? -1 : 1;
    return negA ? -magnitude : magnitude;
}

std::string intText(const Value &v)
{
    if (v.is<bool>())
        return v.as<bool>() ? "1" : "0";
    return v.as<Int>().digits;
}

// Exact comparison of an integer with a finite double, as Python's float_richcompare does.
int compareIntDouble(const std::string &i, double d)
{
    constexpr double TwoPow53 = 9007199254740992.0;
    if (std::fabs(d) >= TwoPow53) {
        // Integral: its exact decimal text.
        std::array<char, 400> buf{};
        const auto res
            = std::to_chars(buf.data(), buf.data() + buf.size(), d, std::chars_format::fixed, 0);
        return compareIntText(i, std::string(buf.data(), res.ptr));
    }
    // |d| < 2^53: an integer of up to 16 digits converts to double exactly when <= 2^53.
    const std::string_view mag = std::string_view(i).substr(i.front() == '-' ? 1 : 0);
    if (mag.size() <= 16) {
        const double asDouble = std::strtod(i.c_str(), nullptr);
        if (std::fabs(asDouble) <= TwoPow53)
            return asDouble < d ? -1 : (asDouble > d ? 1 : 0);
    }
    return i.front() == '-' ? -1 : 1;
}

// a < b for two numbers; nullopt when unordered (NaN).
std::optional<int> compareNumbers(const Value &a, const Value &b)
{
    if (a.is<double>() && b.is<double>()) {
        const double x = a.as<double>();
        const double y = b.as<double>();
        if (std::isnan(x) || std::isnan(y))
            return std::nullopt;
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (!a.is<double>() && !b.is<double>())
        return compareIntText(intText(a), intText(b));
    const bool aIsDouble = a.is<double>();
    const double d = aIsDouble ? a.as<double>() : b.as<double>();
    if (std::isnan(d))
        return std::nullopt;
    int c = 0;
    if (std::isinf(d))
        c = d > 0 ? -1 : 1; // integer vs infinity
    else
        c = compareIntDouble(intText(aIsDouble ? b : a), d);
    return aIsDouble ? -c : c;
}

bool pyEquals(const Value &a, const Value &b);

Result<bool> pyLess(const Value &a, const Value &b);

template <class Seq>
Result<bool> sequenceLess(const Seq &a, const Seq &b)
{
    const size_t n = std::min(a.items.size(), b.items.size());
    for (size_t i = 0; i < n; ++i) {
        if (!pyEquals(a.items[i], b.items[i]))
            return pyLess(a.items[i], b.items[i]);
    }
    return a.items.size() < b.items.size();
}

bool pyEquals(const Value &a, const Value &b)
{
    if (isNumber(a) && isNumber(b)) {
        const auto c = compareNumbers(a, b);
        return c && *c == 0;
    }
    if (a.index() != b.index())
        return false;
    if (a.is<Uuid>())
        return QString::fromStdString(a.as<Uuid>().text).toLower().remove(QLatin1Char('-'))
               == QString::fromStdString(b.as<Uuid>().text).toLower().remove(QLatin1Char('-'));
    return a == b;
}

Result<bool> pyLess(const Value &a, const Value &b)
{
    if (isNumber(a) && isNumber(b)) {
        const auto c = compareNumbers(a, b);
        return c && *c < 0;
    }
    if (a.is<Str>() && b.is<Str>()) // UTF-8 byte order is code point order
        return a.as<Str>().utf8 < b.as<Str>().utf8;
    if (a.is<Tuple>() && b.is<Tuple>())
        return sequenceLess(a.as<Tuple>(), b.as<Tuple>());
    if (a.is<List>() && b.is<List>())
        return sequenceLess(a.as<List>(), b.as<List>());
    if (a.is<Date>() && b.is<Date>()) {
        const Date &x = a.as<Date>();
        const Date &y = b.as<Date>();
        return std::tie(x.year, x.month, x.day) < std::tie(y.year, y.month, y.day);
    }
    return typeError("'<' not supported between instances of '" + tpName(a) + "' and '" + tpName(b)
                     + "'");
}

using Item = const std::pair<Value, Value> *;

// CPython's list.sort for fewer than 64 items: count_run, then binary insertion sort. The
// order of comparisons matters: with keys that cannot be compared, the first failing pair
// names the types in the TypeError, and NaN keys make the result depend on the algorithm.
// Longer lists go through a stable merge sort, which gives the same order for comparable keys.
Result<std::vector<Item>> pythonSort(std::vector<Item> items)
{
    const auto lt = [](Item x, Item y) { return pyLess(x->first, y->first); };
    const size_t n = items.size();
    if (n < 2)
        return items;
    if (n >= 64) {
        std::optional<Error> failure;
        std::stable_sort(items.begin(), items.end(), [&](Item x, Item y) {
            if (failure)
                return false;
            auto r = lt(x, y);
            if (!r) {
                failure = r.error();
                return false;
            }
            return *r;
        });
        if (failure)
            return tl::unexpected(*failure);
        return items;
    }
    // count_run
    size_t run = 2;
    auto first = lt(items[1], items[0]);
    if (!first)
        return tl::unexpected(first.error());
    if (*first) {
        for (; run < n; ++run) {
            auto r = lt(items[run], items[run - 1]);
            if (!r)
                return tl::unexpected(r.error());
            if (!*r)
                break;
        }
        std::reverse(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(run));
    } else {
        for (; run < n; ++run) {
            auto r = lt(items[run], items[run - 1]);
            if (!r)
                return tl::unexpected(r.error());
            if (*r)
                break;
        }
    }
    // binarysort(lo, hi, start = run)
    for (size_t start = run; start < n; ++start) {
        const Item pivot = items[start];
        size_t l = 0;
        size_t r = start;
        do {
            const size_t p = l + ((r - l) >> 1);
            auto less = lt(pivot, items[p]);
            if (!less)
                return tl::unexpected(less.error());
            if (*less)
                r = p;
            else
                l = p + 1;
        } while (l < r);
        for (size_t k = start; k > l; --k)
            items[k] = items[k - 1];
        items[l] = pivot;
    }
    return items;
}

// ---- encoder ------------------------------------------------------------------------------

VoidResult encode(std::string &out, const Value &value);

VoidResult encodeKey(std::string &out, const Value &key)
{
    if (key.is<Str>()) {
        appendString(out, key.as<Str>().utf8);
    } else if (key.is<bool>()) {
        out += key.as<bool>() ? "\"true\"" : "\"false\"";
    } else if (key.is<Int>()) {
        out += "\"" + key.as<Int>().digits + "\"";
    } else if (key.is<double>()) {
        out += "\"" + floatRepr(key.as<double>()) + "\"";
    } else if (key.is<None>()) {
        out += "\"null\"";
    } else {
        return typeError("keys must be str, int, float, bool or None, not " + tpName(key));
    }
    return {};
}

template <class Seq>
VoidResult encodeArray(std::string &out, const Seq &seq)
{
    out.push_back('[');
    bool firstItem = true;
    for (const Value &item : seq.items) {
        if (!firstItem)
            out += ", ";
        firstItem = false;
        if (auto r = encode(out, item); !r)
            return r;
    }
    out.push_back(']');
    return {};
}

VoidResult encodeDict(std::string &out, const Dict &dict)
{
    std::vector<Item> items;
    items.reserve(dict.items.size());
    for (const auto &kv : dict.items)
        items.push_back(&kv);
    auto sorted = pythonSort(std::move(items));
    if (!sorted)
        return tl::unexpected(sorted.error());
    out.push_back('{');
    bool firstItem = true;
    for (const Item kv : *sorted) {
        if (!firstItem)
            out += ", ";
        firstItem = false;
        if (auto r = encodeKey(out, kv->first); !r)
            return r;
        out += ": ";
        if (auto r = encode(out, kv->second); !r)
            return r;
    }
    out.push_back('}');
    return {};
}

VoidResult encode(std::string &out, const Value &value)
{
    if (value.is<None>()) {
        out += "null";
    } else if (value.is<bool>()) {
        out += value.as<bool>() ? "true" : "false";
    } else if (value.is<Int>()) {
        out += value.as<Int>().digits;
    } else if (value.is<double>()) {
        out += floatRepr(value.as<double>());
    } else if (value.is<Str>()) {
        appendString(out, value.as<Str>().utf8);
    } else if (value.is<List>()) {
        return encodeArray(out, value.as<List>());
    } else if (value.is<Tuple>()) {
        return encodeArray(out, value.as<Tuple>());
    } else if (value.is<Dict>()) {
        return encodeDict(out, value.as<Dict>());
    } else {
        return typeError("Object of type " + value.pythonTypeName() + " is not JSON serializable");
    }
    return {};
}

} // namespace

std::string floatRepr(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0.0)
        return std::signbit(value) ? "-0.0" : "0.0";
    return finiteRepr(value);
}

Result<std::string> dumps(const Value &value)
{
    std::string out;
    if (auto r = encode(out, value); !r)
        return tl::unexpected(r.error());
    return out;
}

} // namespace Core::Py
