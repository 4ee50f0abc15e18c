// SPDX-License-Identifier: MIT
#include "columntexts.h"

#include <core/util/csvtext.h>

#include <QHash>
#include <QSet>

namespace Core::Steward {

namespace {

std::optional<QString> textOrNone(const QString &field)
{
    return field.isEmpty() ? std::nullopt : std::optional<QString>(field);
}

} // namespace

QList<ColumnTextRow> columnTextRows(const ProviderManifest &manifest, const QStringList &classPaths)
{
    QList<ColumnTextRow> rows;
    for (const StorageClass &sc : manifest.storageClasses) {
        const QString path = sc.classRef.path();
        if (!classPaths.isEmpty() && !classPaths.contains(path))
            continue;
        for (const Column &column : sc.registration.columns)
            rows.append({path, sc.tableName(), column.name});
    }
    return rows;
}

QByteArray columnTextsCsv(const ProviderManifest &manifest, const QStringList &classPaths)
{
    QByteArray out = "table,column,label,description\r\n";
    for (const StorageClass &sc : manifest.storageClasses) {
        if (!classPaths.isEmpty() && !classPaths.contains(sc.classRef.path()))
            continue;
        for (const Column &column : sc.registration.columns)
            out += csvLine({sc.tableName(),
                            column.name,
                            column.label.value_or(QString()),
                            column.description.value_or(QString())});
    }
    return out;
}

Result<QList<QStringList>> parseDelimited(const QString &text, QChar delimiter)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int quoteLine = 0;
    const auto endField = [&] {
        row.append(field);
        field.clear();
        fieldStarted = false;
    };
    const auto endRow = [&] {
        endField();
        rows.append(row);
        row.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            quoteLine = line;
        } else if (c == delimiter) {
            endField();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size()
                   && text.at(i + 1) == QLatin1Char('\n')) {
            continue; // the \n ends the row
        } else if (c == QLatin1Char('\n')) {
            endRow();
            ++line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Line %1: a quoted field is not closed; end it with a "
                                   "double quote.")
                        .arg(quoteLine));
    if (fieldStarted || !field.isEmpty() || !row.isEmpty())
        endRow();
    return rows;
}

Result<QList<PlannedChange>> planCsvImport(const ProviderManifest &manifest, const QByteArray &csv)
{
    auto rows = parseDelimited(QString::fromUtf8(csv), QLatin1Char(','));
    if (!rows)
        return fail(rows.error());
    if (rows->isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("The CSV file is empty."));
    const QStringList header = rows->first();
    const auto column = [&](const char *name) {
        for (int i = 0; i < header.size(); ++i) {
            if (header.at(i).trimmed().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return i;
        }
        return -1;
    };
    const int tableAt = column("table"), columnAt = column("column");
    const int labelAt = column("label"), descriptionAt = column("description");
    if (tableAt < 0 || columnAt < 0)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Line 1: the header must name the columns 'table' and "
                                   "'column' (and 'label' and/or 'description'); it reads '%1'.")
                        .arg(header.join(QLatin1Char(','))));
    if (labelAt < 0 && descriptionAt < 0)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Line 1: the header names neither 'label' nor "
                                   "'description': there is nothing to import."));

    QHash<QString, const StorageClass *> byTable;
    for (const StorageClass &sc : manifest.storageClasses)
        byTable.insert(sc.tableName(), &sc);
    QList<PlannedChange> plan;
    QSet<QString> seen;
    for (int i = 1; i < rows->size(); ++i) {
        const QStringList &row = rows->at(i);
        const int line = i + 1;
        if (row.size() == 1 && row.first().isEmpty())
            continue; // a blank line
        const auto field
            = [&](int at) { return at >= 0 && at < row.size() ? row.at(at) : QString(); };
        const QString table = field(tableAt).trimmed(), name = field(columnAt).trimmed();
        const StorageClass *sc = byTable.value(table);
        if (!sc)
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("Line %1: the manifest has no table '%2'.").arg(line).arg(table));
        const Column *col = sc->column(name);
        if (!col)
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("Line %1: table %2 has no column '%3'.").arg(line).arg(table, name));
        const QString rowKey = table + QLatin1Char('.') + name;
        if (seen.contains(rowKey))
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Line %1: %2 is listed twice; keep one line per column.")
                            .arg(line)
                            .arg(rowKey));
        seen.insert(rowKey);
        const QString path = sc->classRef.path();
        if (labelAt >= 0) {
            const TextValue before{col->label, {}}, after{textOrNone(field(labelAt)), {}};
            if (before != after)
                plan.append({{path, name, TextField::ColumnLabel}, before, after});
        }
        if (descriptionAt >= 0) {
            const TextValue before{col->description, {}},
                after{textOrNone(field(descriptionAt)), {}};
            if (before != after)
                plan.append({{path, name, TextField::ColumnDescription}, before, after});
        }
    }
    return plan;
}

} // namespace Core::Steward
