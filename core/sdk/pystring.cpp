// SPDX-License-Identifier: MIT
#include "pystring.h"

#include <QChar>

#include <algorithm>

namespace Core::Py {

std::u32string toCodePoints(const QString &s)
{
    std::u32string out;
    out.reserve(static_cast<size_t>(s.size()));
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = s.at(i).unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < n
            && QChar::isLowSurrogate(s.at(i + 1).unicode())) {
            out.push_back(QChar::surrogateToUcs4(u, s.at(i + 1).unicode()));
            ++i;
        } else {
            // A lone surrogate is kept as its own code point, as Python keeps it.
            out.push_back(u);
        }
    }
    return out;
}

QString fromCodePoints(const std::u32string &s)
{
    QString out;
    out.reserve(static_cast<qsizetype>(s.size()));
    for (const char32_t c : s) {
        if (QChar::requiresSurrogates(c)) {
            out.append(QChar(QChar::highSurrogate(c)));
            out.append(QChar(QChar::lowSurrogate(c)));
        } else {
            out.append(QChar(static_cast<char16_t>(c)));
        }
    }
    return out;
}

bool isSpace(char32_t c)
{
    if ((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20))
        return true;
    if (c < 0x85)
        return false;
    switch (c) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

bool isAsciiAlnum(char32_t c)
{
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
}

bool isAlnum(char32_t c)
{
    if (c < 0x80)
        return isAsciiAlnum(c);
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
        return true;
    default:
        return false;
    }
}

// Unicode "Cased": Lowercase, Uppercase or Titlecase letters plus Other_Lowercase /
// Other_Uppercase. Those are characters with a case mapping, modifier letters (which are also
// case-ignorable, so the sigma rule never asks) and the few listed here that have neither.
bool isCased(char32_t c)
{
    if (c == 0xAA || c == 0xBA || (c >= 0x1F130 && c <= 0x1F149) || (c >= 0x1F150 && c <= 0x1F169)
        || (c >= 0x1F170 && c <= 0x1F189))
        return true;
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
        return true;
    default:
        return QChar::toLower(c) != c || QChar::toUpper(c) != c;
    }
}

// Unicode "Case_Ignorable": marks, format characters, modifiers and the word-internal
// punctuation of Word_Break MidLetter / MidNumLet / Single_Quote.
bool isCaseIgnorable(char32_t c)
{
    switch (c) {
    case U'\'':
    case U'.':
    case U':':
    case U'^':
    case U'`':
    case 0x00A8:
    case 0x00AD:
    case 0x00AF:
    case 0x00B4:
    case 0x00B7:
    case 0x00B8:
    case 0x0387:
    case 0x055F:
    case 0x05F4:
    case 0x2018:
    case 0x2019:
    case 0x2024:
    case 0x2027:
    case 0xFE13:
    case 0xFE52:
    case 0xFE55:
    case 0xFF07:
    case 0xFF0E:
    case 0xFF1A:
        return true;
    default:
        break;
    }
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
    case QChar::Letter_Modifier:
    case QChar::Symbol_Modifier:
        return true;
    default:
        return false;
    }
}

QString strip(const QString &s)
{
    const std::u32string cps = toCodePoints(s);
    size_t begin = 0;
    size_t end = cps.size();
    while (begin < end && isSpace(cps[begin]))
        ++begin;
    while (end > begin && isSpace(cps[end - 1]))
        --end;
    return fromCodePoints(cps.substr(begin, end - begin));
}

namespace {

bool inSet(const std::u32string &set, char32_t c)
{
    return set.find(c) != std::u32string::npos;
}

// Python's handle_capital_sigma: Σ lowercases to ς at the end of a word.
char32_t lowerSigma(const std::u32string &cps, size_t i)
{
    size_t j = i;
    bool finalSigma = false;
    while (j > 0) {
        --j;
        if (!isCaseIgnorable(cps[j])) {
            finalSigma = isCased(cps[j]);
            break;
        }
    }
    if (finalSigma) {
        for (size_t k = i + 1; k < cps.size(); ++k) {
            if (!isCaseIgnorable(cps[k])) {
                finalSigma = !isCased(cps[k]);
                break;
            }
        }
    }
    return finalSigma ? char32_t(0x3C2) : char32_t(0x3C3);
}

} // namespace

QString strip(const QString &s, const QString &chars)
{
    const std::u32string cps = toCodePoints(s);
    const std::u32string set = toCodePoints(chars);
    size_t begin = 0;
    size_t end = cps.size();
    while (begin < end && inSet(set, cps[begin]))
        ++begin;
    while (end > begin && inSet(set, cps[end - 1]))
        --end;
    return fromCodePoints(cps.substr(begin, end - begin));
}

QString rstrip(const QString &s, const QString &chars)
{
    const std::u32string cps = toCodePoints(s);
    const std::u32string set = toCodePoints(chars);
    size_t end = cps.size();
    while (end > 0 && inSet(set, cps[end - 1]))
        --end;
    return fromCodePoints(cps.substr(0, end));
}

QString lower(const QString &s)
{
    const std::u32string cps = toCodePoints(s);
    std::u32string out;
    out.reserve(cps.size());
    for (size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        if (c < 0x80) {
            out.push_back(c >= U'A' && c <= U'Z' ? c + 32 : c);
        } else if (c == 0x0130) {
            // The one unconditional multi-character lowercase mapping (SpecialCasing.txt).
            out.push_back(U'i');
            out.push_back(0x0307);
        } else if (c == 0x03A3) {
            out.push_back(lowerSigma(cps, i));
        } else {
            out.push_back(QChar::toLower(c));
        }
    }
    return fromCodePoints(out);
}

QStringList splitWhitespace(const QString &s)
{
    QStringList out;
    std::u32string current;
    bool inWord = false;
    for (const char32_t c : toCodePoints(s)) {
        if (isSpace(c)) {
            if (inWord)
                out.append(fromCodePoints(current));
            current.clear();
            inWord = false;
        } else {
            current.push_back(c);
            inWord = true;
        }
    }
    if (inWord)
        out.append(fromCodePoints(current));
    return out;
}

bool containsAlnum(const QString &s)
{
    for (const char32_t c : toCodePoints(s)) {
        if (isAlnum(c))
            return true;
    }
    return false;
}

qsizetype length(const QString &s)
{
    return static_cast<qsizetype>(toCodePoints(s).size());
}

QString slice(const QString &s, qsizetype start, qsizetype stop)
{
    const std::u32string cps = toCodePoints(s);
    const auto n = static_cast<qsizetype>(cps.size());
    const auto clamp = [n](qsizetype i) {
        if (i < 0)
            i += n;
        return std::clamp<qsizetype>(i, 0, n);
    };
    const qsizetype b = clamp(start);
    const qsizetype e = clamp(stop);
    if (e <= b)
        return {};
    return fromCodePoints(cps.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
}

QString sliceFrom(const QString &s, qsizetype start)
{
    return slice(s, start, length(s));
}

namespace {

// Python's Py_UNICODE_ISPRINTABLE: everything except categories Cc, Cf, Cs, Co, Cn, Zl, Zp
// and Zs, but the ASCII space is printable.
bool isPrintable(char32_t c)
{
    if (c == U' ')
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Separator_Space:
        return false;
    default:
        return true;
    }
}

QString hex(char32_t c, int width)
{
    return QStringLiteral("%1").arg(static_cast<uint>(c), width, 16, QLatin1Char('0'));
}

} // namespace

QString repr(const QString &s)
{
    const std::u32string cps = toCodePoints(s);
    const bool hasSingle = cps.find(U'\'') != std::u32string::npos;
    const bool hasDouble = cps.find(U'"') != std::u32string::npos;
    const char32_t quote = hasSingle && !hasDouble ? U'"' : U'\'';
    QString out;
    out.append(QChar(static_cast<char16_t>(quote)));
    for (const char32_t c : cps) {
        if (c == quote || c == U'\\') {
            out.append(QLatin1Char('\\'));
            out.append(QChar(static_cast<char16_t>(c)));
        } else if (c == U'\t') {
            out.append(QLatin1String("\\t"));
        } else if (c == U'\n') {
            out.append(QLatin1String("\\n"));
        } else if (c == U'\r') {
            out.append(QLatin1String("\\r"));
        } else if (c < 0x20 || c == 0x7F) {
            out.append(QLatin1String("\\x") + hex(c, 2));
        } else if (c < 0x7F) {
            out.append(QChar(static_cast<char16_t>(c)));
        } else if (isPrintable(c)) {
            out.append(fromCodePoints(std::u32string(1, c)));
        } else if (c <= 0xFF) {
            out.append(QLatin1String("\\x") + hex(c, 2));
        } else if (c <= 0xFFFF) {
            out.append(QLatin1String("\\u") + hex(c, 4));
        } else {
            out.append(QLatin1String("\\U") + hex(c, 8));
        }
    }
    out.append(QChar(static_cast<char16_t>(quote)));
    return out;
}

QString listRepr(const QStringList &items)
{
    QStringList parts;
    parts.reserve(items.size());
    for (const QString &item : items)
        parts.append(repr(item));
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

} // namespace Core::Py
