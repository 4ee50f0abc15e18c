// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace Core::Py {

// Python str semantics on Unicode code points. The SDK's names and hashes are computed with
// Python's string methods, whose idea of "whitespace", "alphanumeric", "lowercase" and "length"
// differs from Qt's (QString::trimmed() keeps U+001C..U+001F, QString::size() counts UTF-16
// units), so the naming and hashing code goes through these functions only.

std::u32string toCodePoints(const QString &s);
QString fromCodePoints(const std::u32string &s);

// str.isspace() of one code point (the set listed in sdk-contract.md "Conventions").
bool isSpace(char32_t c);
// str.isalnum() of one code point: general category L* or N*.
bool isAlnum(char32_t c);
// Unicode properties Cased and Case_Ignorable (they decide where "Σ" ends a word).
bool isCased(char32_t c);
bool isCaseIgnorable(char32_t c);
// The character is ASCII [A-Za-z0-9].
bool isAsciiAlnum(char32_t c);

// str.strip() with no argument.
QString strip(const QString &s);
// str.strip(chars) / rstrip(chars) for a set of characters.
QString strip(const QString &s, const QString &chars);
QString rstrip(const QString &s, const QString &chars);
// str.lower(): full lowercase mapping incl. "İ" → "i̇" and the final-sigma rule.
QString lower(const QString &s);
// str.split() with no argument: runs of whitespace separate, no empty pieces.
QStringList splitWhitespace(const QString &s);
// True when any code point is alnum (any(ch.isalnum() for ch in s)).
bool containsAlnum(const QString &s);

// len(s) in code points.
qsizetype length(const QString &s);
// s[start:stop] in code points, with Python's clamping; negative indices count from the end.
QString slice(const QString &s, qsizetype start, qsizetype stop);
QString sliceFrom(const QString &s, qsizetype start);

// repr(s), e.g. 'abc', "it's", '\x1c', '\u200b' (Python's quote choice and escapes).
QString repr(const QString &s);
// repr(list_of_str): ['a', 'b'].
QString listRepr(const QStringList &items);

} // namespace Core::Py
