// SPDX-License-Identifier: MIT
#include "rowgenerator.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QUuid>

#include <cmath>

namespace SampleNode {

namespace {

const QStringList supportedTypes = {
    QStringLiteral("timestamp with time zone"),
    QStringLiteral("date"),
    QStringLiteral("datetime64[ns]"),
    QStringLiteral("string"),
    QStringLiteral("uuid"),
    QStringLiteral("json"),
    QStringLiteral("jsonb"),
    QStringLiteral("bool"),
    QStringLiteral("int16"),
    QStringLiteral("int32"),
    QStringLiteral("int64"),
    QStringLiteral("float32"),
    QStringLiteral("float64"),
    QStringLiteral("numeric"),
};

// splitmix64: a fixed, portable mixer, so a seed means the same rows on every platform.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

quint64 cellRandom(quint64 seed, qint64 index, int position)
{
    return mix(seed
               ^ mix(static_cast<quint64>(index) * 1000003ULL + static_cast<quint64>(position)));
}

std::optional<int> varcharLength(const Core::Column &column)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:VARCHAR|CHARACTER VARYING|CHAR)\\((\\d+)\\)$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(column.backendType.value_or(QString()).trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toInt();
}

QString fitText(const Core::Column &column, const QString &text)
{
    const auto limit = varcharLength(column);
    return limit && text.size() > *limit ? text.left(*limit) : text;
}

QString offsetText(const QDateTime &t)
{
    return t.toString(t.time().msec() ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")
                                      : QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
}

double rounded(double v, double scale)
{
    return std::round(v * scale) / scale;
}

bool isTemporal(const QString &dataType)
{
    return dataType == QLatin1String("timestamp with time zone")
           || dataType == QLatin1String("date");
}

} // namespace

Cell *Row::cell(const QString &column)
{
    for (Cell &c : cells) {
        if (c.column == column)
            return &c;
    }
    return nullptr;
}

const Cell *Row::cell(const QString &column) const
{
    return const_cast<Row *>(this)->cell(column);
}

Core::Result<RowGenerator> RowGenerator::create(const Core::StorageClass &storageClass,
                                                quint64 seed,
                                                const QDateTime &start,
                                                int entities)
{
    const QString table = storageClass.tableName();
    auto invalid = [&](const QString &what) {
        return Core::fail(Core::ErrorCode::InvalidInput,
                          QStringLiteral("storage class %1: %2").arg(table, what));
    };
    if (!storageClass.isTimeIndexed())
        return invalid(QStringLiteral("is relational (\"kind\": \"relational\"); "
                                      "metatable-sample-node writes rows for time-indexed storage "
                                      "classes only"));
    const Core::Registration &reg = storageClass.registration;
    if (reg.columns.isEmpty())
        return invalid(QStringLiteral("table_contract.columns is empty"));
    const Core::Column *timeColumn = storageClass.column(reg.timeIndexName);
    if (!timeColumn)
        return invalid(QStringLiteral("time_index_name \"%1\" is not a contract column")
                           .arg(reg.timeIndexName));
    if (!isTemporal(timeColumn->dataType))
        return invalid(
            QStringLiteral("time index column \"%1\" has data_type \"%2\"; the row stream "
                           "needs \"timestamp with time zone\" or \"date\"")
                .arg(timeColumn->name, timeColumn->dataType));
    for (const QString &name : reg.indexNames) {
        if (!storageClass.column(name))
            return invalid(
                QStringLiteral("index_names lists \"%1\", which is not a contract column")
                    .arg(name));
    }
    for (const Core::Column &c : reg.columns) {
        if (!supportedTypes.contains(c.dataType))
            return invalid(
                QStringLiteral("column \"%1\" has data_type \"%2\", which is not a dtype "
                               "token of the SDK's codec (expected one of: %3)")
                    .arg(c.name, c.dataType, supportedTypes.join(QLatin1String(", "))));
    }

    RowGenerator g;
    g.m_class = storageClass;
    // Two tables written with one seed still get different values.
    const QByteArray tableDigest
        = QCryptographicHash::hash(table.toUtf8(), QCryptographicHash::Md5);
    quint64 tableBits = 0;
    for (int i = 0; i < 8; ++i)
        tableBits = (tableBits << 8) | static_cast<quint8>(tableDigest.at(i));
    g.m_seed = mix(seed ^ tableBits);
    g.m_start = start.toUTC();

    const QString cadence = reg.cadence.value_or(QString()).trimmed().toLower();
    static const QRegularExpression cadenceRe(QStringLiteral("^([1-9][0-9]*)(mo|s|m|h|d|w|q|y)$"));
    if (cadence.isEmpty()) {
        g.m_stepSeconds = 86400;
        g.m_stepText = QStringLiteral("1d (no cadence)");
    } else if (const auto m = cadenceRe.match(cadence); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QString unit = m.captured(2);
        if (unit == QLatin1String("mo") || unit == QLatin1String("q") || unit == QLatin1String("y"))
            g.m_stepMonths = static_cast<int>(n
                                              * (unit == QLatin1String("mo")  ? 1
                                                 : unit == QLatin1String("q") ? 3
                                                                              : 12));
        else
            g.m_stepSeconds = n
                              * (unit == QLatin1String("s")   ? 1
                                 : unit == QLatin1String("m") ? 60
                                 : unit == QLatin1String("h") ? 3600
                                 : unit == QLatin1String("d") ? 86400
                                                              : 604800);
        g.m_stepText = cadence;
    } else {
        return invalid(QStringLiteral("cadence \"%1\" is not an interval token such as 1m, 5m, 1h, "
                                      "1d, 1w, 1mo, 1q, or 1y")
                           .arg(*reg.cadence));
    }
    // A date time index cannot hold two timestamps of one day.
    if (timeColumn->dataType == QLatin1String("date") && g.m_stepMonths == 0
        && g.m_stepSeconds < 86400) {
        g.m_stepSeconds = 86400;
        g.m_stepText += QStringLiteral(", widened to 1d for a date time index");
    }

    // Each boolean index column holds two values, which bounds the tuples per timestamp.
    qint64 capacity = 1;
    bool bounded = true;
    for (const QString &name : reg.indexNames) {
        if (name == reg.timeIndexName)
            continue;
        if (storageClass.column(name)->dataType == QLatin1String("bool"))
            capacity *= 2;
        else
            bounded = false;
    }
    g.m_entities = bounded ? static_cast<int>(std::min<qint64>(entities, capacity)) : entities;

    for (const Core::ForeignKeyDef &fk : storageClass.ddl.foreignKeys) {
        for (qsizetype i = 0; i < fk.columns.size() && i < fk.targetColumns.size(); ++i)
            g.m_fkTargets.insert(fk.columns.at(i),
                                 fk.targetTable + QLatin1Char('.') + fk.targetColumns.at(i));
    }
    return g;
}

QStringList RowGenerator::columnNames() const
{
    QStringList names;
    for (const Core::Column &c : m_class.registration.columns)
        names << c.name;
    return names;
}

QString RowGenerator::utcText(const QDateTime &t)
{
    return offsetText(t.toUTC()) + QLatin1Char('Z');
}

QDateTime RowGenerator::timeAt(qint64 step) const
{
    if (m_stepMonths > 0)
        return m_start.addMonths(static_cast<int>(step * m_stepMonths));
    return m_start.addSecs(step * m_stepSeconds);
}

// The same n gives the same UUID in every table pointing at one target column, so foreign keys
// from different storage classes draw from one pool of parent keys.
QString RowGenerator::poolUuid(const QString &column, quint64 n) const
{
    const QString key = m_fkTargets.value(column, m_class.tableName() + QLatin1Char('.') + column);
    QByteArray bytes = QCryptographicHash::hash(
        (key + QLatin1Char('/') + QString::number(n)).toUtf8(), QCryptographicHash::Md5);
    bytes[6] = static_cast<char>((bytes[6] & 0x0F) | 0x30); // version 3: name-based, MD5
    bytes[8] = static_cast<char>((bytes[8] & 0x3F) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

Core::Json RowGenerator::indexValue(const Core::Column &c, const QDateTime &time, int tuple) const
{
    const QString &t = c.dataType;
    if (t == QLatin1String("string"))
        return fitText(c, c.name + QLatin1Char('_') + QString::number(tuple)).toStdString();
    if (t == QLatin1String("uuid"))
        return poolUuid(c.name, static_cast<quint64>(tuple)).toStdString();
    if (t == QLatin1String("bool"))
        return tuple % 2 == 1;
    if (t.startsWith(QLatin1String("int")))
        return tuple;
    if (t.startsWith(QLatin1String("float")) || t == QLatin1String("numeric"))
        return static_cast<double>(tuple) + 0.5;
    if (t == QLatin1String("date"))
        return time.date().addDays(tuple).toString(Qt::ISODate).toStdString();
    if (t == QLatin1String("timestamp with time zone"))
        return utcText(time.addSecs(tuple)).toStdString();
    if (t == QLatin1String("datetime64[ns]"))
        return offsetText(time.addSecs(tuple)).toStdString();
    return Core::Json{{"tuple", tuple}}; // json / jsonb
}

Core::Json RowGenerator::payloadValue(const Core::Column &c,
                                      int position,
                                      const QDateTime &time,
                                      qint64 index) const
{
    const quint64 r = cellRandom(m_seed, index, position);
    if (c.nullable && (r >> 56) % 10 == 0)
        return nullptr;
    const double unit = static_cast<double>(r >> 11) / 9007199254740992.0; // [0, 1)
    const QString &t = c.dataType;
    if (t == QLatin1String("float64") || t == QLatin1String("numeric"))
        return rounded(unit * 1000.0, 1e4);
    if (t == QLatin1String("float32"))
        return rounded(unit * 1000.0, 1e2);
    if (t == QLatin1String("int16"))
        return static_cast<qint64>(r % 32768);
    if (t == QLatin1String("int32"))
        return static_cast<qint64>(r % 100000);
    if (t == QLatin1String("int64"))
        return static_cast<qint64>(r % 1000000);
    if (t == QLatin1String("bool"))
        return (r & 1) == 1;
    if (t == QLatin1String("string"))
        return fitText(
                   c,
                   QStringLiteral("%1-%2").arg(c.name).arg(r & 0xFFFFFF, 6, 16, QLatin1Char('0')))
            .toStdString();
    if (t == QLatin1String("uuid")) {
        if (m_fkTargets.contains(c.name))
            return poolUuid(c.name, r % static_cast<quint64>(m_entities)).toStdString();
        QByteArray bytes(16, '\0');
        for (int i = 0; i < 16; ++i)
            bytes[i] = static_cast<char>(mix(r + static_cast<quint64>(i / 8)) >> ((i % 8) * 8));
        bytes[6] = static_cast<char>((bytes[6] & 0x0F) | 0x40);
        bytes[8] = static_cast<char>((bytes[8] & 0x3F) | 0x80);
        return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces).toStdString();
    }
    const QDateTime shifted = time.addSecs(static_cast<qint64>(r % 3600));
    if (t == QLatin1String("timestamp with time zone")) // the other UTC spelling, on purpose
        return (offsetText(shifted) + QStringLiteral("+00:00")).toStdString();
    if (t == QLatin1String("datetime64[ns]"))
        return offsetText(shifted).toStdString();
    if (t == QLatin1String("date"))
        return shifted.date().toString(Qt::ISODate).toStdString();
    return Core::Json{{"row", index}, {"tag", QString::number(r & 0xFFFF, 16).toStdString()}};
}

Row RowGenerator::row(qint64 index) const
{
    const QDateTime time = timeAt(index / m_entities);
    const int tuple = static_cast<int>(index % m_entities);
    const Core::Registration &reg = m_class.registration;
    Row row;
    row.cells.reserve(reg.columns.size());
    for (qsizetype i = 0; i < reg.columns.size(); ++i) {
        const Core::Column &c = reg.columns.at(i);
        Core::Json value;
        if (c.name == reg.timeIndexName)
            value = c.dataType == QLatin1String("date")
                        ? time.date().toString(Qt::ISODate).toStdString()
                        : utcText(time).toStdString();
        else if (reg.indexNames.contains(c.name))
            value = indexValue(c, time, tuple);
        else
            value = payloadValue(c, static_cast<int>(i), time, index);
        row.cells.append({c.name, std::move(value)});
    }
    return row;
}

} // namespace SampleNode
