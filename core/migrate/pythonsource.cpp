// SPDX-License-Identifier: MIT
#include "pythonsource.h"

#include <core/sdk/pystring.h>

#include <string>

namespace Core::Migrate {

namespace {

// Python's \w (str.isalnum() or "_"), which SQLAlchemy's bind-parameter patterns use.
bool isWord(char32_t c)
{
    return c == U'_' || Py::isAlnum(c);
}

bool isWordOrDollar(char32_t c)
{
    return c == U'$' || isWord(c);
}

} // namespace

QString pythonString(const QString &text)
{
    return Py::repr(text);
}

QString pythonStringList(const QStringList &items)
{
    return Py::listRepr(items);
}

QString pythonBool(bool value)
{
    return value ? QStringLiteral("True") : QStringLiteral("False");
}

// SQLAlchemy 1.4 compiles text() with two patterns (sql/compiler.py):
//   BIND_PARAMS     (?<![:\w$\\]):([\w$]+)(?![:\w$])  -> replaced by a bind placeholder
//   BIND_PARAMS_ESC \\(:[\w$]*)(?![:\w$])              -> the backslash is removed
// Both only fire when the run of [\w$] after the colon is followed by neither ':' nor [\w$]
// (the end of the text counts as "neither"). For such a colon: when the bind pattern would
// fire, a backslash in front stops it and the escape pattern removes that backslash again;
// when the SQL already has a backslash there, the escape pattern would eat it, so a second
// backslash is added for it to eat instead.
QString escapeForTextClause(const QString &sql)
{
    const std::u32string in = Py::toCodePoints(sql);
    std::u32string out;
    out.reserve(in.size() + 8);
    for (size_t i = 0; i < in.size(); ++i) {
        const char32_t c = in[i];
        if (c == U':') {
            size_t end = i + 1;
            while (end < in.size() && isWordOrDollar(in[end]))
                ++end;
            const bool runEndsCleanly = end == in.size() || in[end] != U':';
            const bool hasRun = end > i + 1;
            const char32_t prev = i > 0 ? in[i - 1] : U'\0';
            if (runEndsCleanly) {
                const bool prevBackslash = prev == U'\\';
                const bool bindWouldFire
                    = hasRun && !prevBackslash && prev != U':' && !isWordOrDollar(prev);
                if (prevBackslash || bindWouldFire)
                    out.push_back(U'\\');
            }
        }
        out.push_back(c);
    }
    return Py::fromCodePoints(out);
}

QString pythonSqlText(const QString &sql)
{
    return QStringLiteral("sa.text(") + pythonString(escapeForTextClause(sql)) + QLatin1Char(')');
}

namespace {

QString oneLine(const QString &text, bool escapeQuotes)
{
    QString out;
    for (const char32_t c : Py::toCodePoints(text)) {
        if (escapeQuotes && (c == U'\\' || c == U'"')) {
            out.append(QLatin1Char('\\'));
            out.append(QChar(static_cast<char16_t>(c)));
        } else if (c == U'\n' || c == U'\r' || c == 0x2028 || c == 0x2029) {
            out.append(QLatin1Char(' '));
        } else {
            // repr() of the single character, without its quotes: printable characters come
            // back as they are, anything else as an escape sequence.
            const QString one = Py::repr(Py::fromCodePoints(std::u32string(1, c)));
            out.append(c == U'\\' ? QStringLiteral("\\") : one.mid(1, one.size() - 2));
        }
    }
    return out;
}

} // namespace

QString docstringLine(const QString &text)
{
    return oneLine(text, true);
}

QString commentLine(const QString &text)
{
    return oneLine(text, false);
}

} // namespace Core::Migrate
