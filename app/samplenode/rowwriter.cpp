// SPDX-License-Identifier: MIT
#include "rowwriter.h"

namespace SampleNode {

namespace {

QByteArray csvField(const QByteArray &text)
{
    const bool quote
        = text.contains(',') || text.contains('"') || text.contains('\n') || text.contains('\r');
    if (!quote)
        return text;
    QByteArray q = text;
    q.replace('"', "\"\"");
    return '"' + q + '"';
}

QByteArray csvText(const Core::Json &value)
{
    if (value.is_null())
        return {};
    if (value.is_string())
        return QByteArray::fromStdString(value.get<std::string>());
    return QByteArray::fromStdString(value.dump());
}

} // namespace

RowWriter::RowWriter(RowFormat format, const QStringList &columns)
    : m_format(format)
    , m_columns(columns)
{}

QByteArray RowWriter::header() const
{
    if (m_format == RowFormat::Ndjson)
        return {};
    QByteArrayList fields;
    for (const QString &c : m_columns)
        fields << csvField(c.toUtf8());
    return fields.join(',') + '\n';
}

QByteArray RowWriter::line(const Row &row) const
{
    return m_format == RowFormat::Ndjson ? ndjsonLine(row) : csvLine(row);
}

QByteArray RowWriter::ndjsonLine(const Row &row) const
{
    Core::Json object = Core::Json::object();
    for (const Cell &c : row.cells)
        object[c.column.toStdString()] = c.value;
    QByteArray text = QByteArray::fromStdString(object.dump());
    if (row.malformed)
        text.truncate(text.size() / 2); // an object cut off in the middle: never valid JSON
    return text + '\n';
}

QByteArray RowWriter::csvLine(const Row &row) const
{
    QByteArrayList fields;
    for (const QString &column : m_columns) {
        const Cell *cell = row.cell(column);
        fields << (cell ? csvField(csvText(cell->value)) : QByteArray());
    }
    // A cell outside the header (extra-column) becomes one field more than the header has.
    for (const Cell &c : row.cells) {
        if (!m_columns.contains(c.column))
            fields << csvField(csvText(c.value));
    }
    if (row.malformed && !fields.isEmpty()) {
        // Text after a closing quote: RFC 4180 allows only a comma or the line end there.
        const Cell *cell = row.cell(m_columns.first());
        QByteArray first = cell ? csvText(cell->value) : QByteArray("?");
        first.replace('"', "\"\"");
        fields.first() = '"' + first + "\"x";
    }
    return fields.join(',') + '\n';
}

} // namespace SampleNode
