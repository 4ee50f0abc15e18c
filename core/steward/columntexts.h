// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/bulkedit.h>

#include <QByteArray>

namespace Core::Steward {

// Column labels and descriptions as a table: the spreadsheet view's rows, their CSV and what a
// pasted or imported block changes.

struct ColumnTextRow
{
    QString classPath;
    QString table; // physical table name
    QString column;
};

// Every column of the classes (by class path; empty: every class), in manifest order.
QList<ColumnTextRow> columnTextRows(const ProviderManifest &manifest,
                                    const QStringList &classPaths);

// RFC 4180 text with the header "table,column,label,description", one line per column; a text
// that is not set is an empty field.
QByteArray columnTextsCsv(const ProviderManifest &manifest, const QStringList &classPaths);

// Fields separated by `delimiter` (',' for CSV, a tab for what spreadsheets put on the
// clipboard), with RFC 4180 quoting (a quoted field may hold the delimiter, quotes doubled and
// line breaks). An unterminated quote is InvalidInput naming the line. A final line break does
// not make an empty row.
[[nodiscard]] Result<QList<QStringList>> parseDelimited(const QString &text, QChar delimiter);

// The changes a CSV of that shape makes: rows are matched by table and column; a label or
// description column may be left out of the header. An unknown table or column, a missing
// table/column header or a repeated row is InvalidInput naming the line, and nothing is planned.
// An empty field clears the text.
[[nodiscard]] Result<QList<PlannedChange>> planCsvImport(const ProviderManifest &manifest,
                                                         const QByteArray &csv);

} // namespace Core::Steward
