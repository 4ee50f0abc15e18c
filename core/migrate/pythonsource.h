// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace Core::Migrate {

// Building blocks for Python source text (Alembic revisions). Every value that comes from a
// manifest or a database (names, comments, SQL expressions) goes through one of these, so that
// quotes, backslashes, newlines and non-ASCII text always give a valid literal.

// A Python str literal with the value `text` (repr(text)).
QString pythonString(const QString &text);

// A Python list of str literals: ['a', 'b'].
QString pythonStringList(const QStringList &items);

// True / False.
QString pythonBool(bool value);

// The SQL text as SQLAlchemy's text() must be given it so that the SQL sent to the server is
// exactly `sql`: text() reads ":name" as a bind parameter and drops a backslash before a colon,
// so such colons get a backslash that SQLAlchemy removes again. Casts ("::text") are untouched.
QString escapeForTextClause(const QString &sql);

// sa.text('...') that compiles to exactly `sql`.
QString pythonSqlText(const QString &sql);

// Text for a line of the revision's docstring: the docstring is a plain """ literal, so
// backslashes and quotes are escaped, line breaks become spaces (one line per field) and other
// non-printable characters become escape sequences.
QString docstringLine(const QString &text);

// Text for a "# ..." comment line: line breaks become spaces and other non-printable
// characters are written as escape sequences, so the comment stays one line of valid source.
QString commentLine(const QString &text);

} // namespace Core::Migrate
