// SPDX-License-Identifier: MIT
#include "badrows.h"

namespace SampleNode {

namespace {

// Text no parser reads as a value of the type: "not-a-number" in a float64 column.
QString wrongValueFor(const QString &dataType)
{
    if (dataType.startsWith(QLatin1String("int")) || dataType.startsWith(QLatin1String("float"))
        || dataType == QLatin1String("numeric"))
        return QStringLiteral("not-a-number");
    if (dataType == QLatin1String("bool"))
        return QStringLiteral("not-a-bool");
    if (dataType == QLatin1String("uuid"))
        return QStringLiteral("not-a-uuid");
    return QStringLiteral("not-a-date");
}

// Any text is a valid string, and a JSON string is a valid json value.
bool textIsValid(const QString &dataType)
{
    return dataType == QLatin1String("string") || dataType == QLatin1String("json")
           || dataType == QLatin1String("jsonb");
}

QString shown(const Core::Json &value)
{
    return QString::fromStdString(value.dump());
}

} // namespace

Core::Result<BadRowInjector> BadRowInjector::create(const Core::StorageClass &storageClass,
                                                    const QList<BadKind> &kinds)
{
    const Core::Registration &reg = storageClass.registration;
    BadRowInjector b;
    b.m_timeIndex = reg.timeIndexName;
    b.m_indexNames = reg.indexNames;
    if (!b.m_indexNames.contains(b.m_timeIndex))
        b.m_indexNames.prepend(b.m_timeIndex);

    // missing-index-column drops an index column other than the time index when there is one,
    // so the row breaks that rule and no timestamp rule.
    b.m_missingIndexColumn = b.m_indexNames.size() > 1 ? b.m_indexNames.at(1) : b.m_timeIndex;

    // wrong-type prefers a payload column, then an index column, then the time index.
    auto pickWrongType = [&](bool indexColumns) {
        for (const Core::Column &c : reg.columns) {
            if (b.m_indexNames.contains(c.name) == indexColumns && !textIsValid(c.dataType)
                && c.name != b.m_timeIndex && b.m_wrongTypeColumn.isEmpty())
                b.m_wrongTypeColumn = c.name;
        }
    };
    pickWrongType(false);
    if (b.m_wrongTypeColumn.isEmpty())
        pickWrongType(true);
    if (b.m_wrongTypeColumn.isEmpty())
        b.m_wrongTypeColumn = b.m_timeIndex;
    b.m_wrongTypeValue = wrongValueFor(storageClass.column(b.m_wrongTypeColumn)->dataType);

    for (const Core::Column &c : reg.columns) {
        if (!c.nullable && !b.m_indexNames.contains(c.name)) {
            b.m_nullColumn = c.name;
            break;
        }
    }
    if (b.m_nullColumn.isEmpty() && kinds.contains(BadKind::NullInNonNull))
        return Core::fail(Core::ErrorCode::InvalidInput,
                          QStringLiteral("--bad null-in-non-null: storage class %1 has no "
                                         "non-nullable column outside index_names; use "
                                         "--bad missing-index-column to write a null index column")
                              .arg(storageClass.tableName()));

    b.m_extraColumn = QStringLiteral("unexpected_column");
    while (storageClass.column(b.m_extraColumn))
        b.m_extraColumn += QLatin1Char('_');
    return b;
}

QString BadRowInjector::apply(BadKind kind, Row &row, const Row *lastGood) const
{
    switch (kind) {
    case BadKind::NaiveTimestamp:
    case BadKind::NonUtcOffset: {
        Cell *cell = row.cell(m_timeIndex);
        const QDateTime utc
            = QDateTime::fromString(QString::fromStdString(cell->value.get<std::string>()),
                                    Qt::ISODate)
                  .toUTC();
        const QString local
            = utc.toOffsetFromUtc(2 * 3600).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
        cell->value = kind == BadKind::NaiveTimestamp
                          ? utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toStdString()
                          : (local + QStringLiteral("+02:00")).toStdString();
        return QStringLiteral("%1 = %2").arg(m_timeIndex, shown(cell->value));
    }
    case BadKind::MissingIndexColumn:
        row.cells.removeIf([&](const Cell &c) { return c.column == m_missingIndexColumn; });
        return QStringLiteral("no %1").arg(m_missingIndexColumn);
    case BadKind::ExtraColumn:
        row.cells.append({m_extraColumn, "not in the contract"});
        return QStringLiteral("%1 = %2").arg(m_extraColumn, shown(row.cells.last().value));
    case BadKind::WrongType:
        row.cell(m_wrongTypeColumn)->value = m_wrongTypeValue.toStdString();
        return QStringLiteral("%1 = \"%2\"").arg(m_wrongTypeColumn, m_wrongTypeValue);
    case BadKind::NullInNonNull:
        row.cell(m_nullColumn)->value = nullptr;
        return QStringLiteral("%1 = null").arg(m_nullColumn);
    case BadKind::DuplicateIndex: {
        QStringList tuple;
        for (const QString &name : m_indexNames) {
            row.cell(name)->value = lastGood->cell(name)->value;
            tuple << shown(row.cell(name)->value);
        }
        return QStringLiteral("repeats the index tuple (%1)").arg(tuple.join(QLatin1String(", ")));
    }
    case BadKind::MalformedLine:
        row.malformed = true;
        return QStringLiteral("a line that does not parse");
    }
    return {};
}

} // namespace SampleNode
