// SPDX-License-Identifier: MIT
#include "columncheck.h"

#include <core/sdk/dtype.h>

#include <QRegularExpression>

#include <limits>

namespace Core::Run {

namespace {

struct IntRange
{
    std::int64_t min;
    std::int64_t max;
};

std::optional<IntRange> integerRange(const QString &name)
{
    if (name == QLatin1String("int16") || name == QLatin1String("smallint"))
        return IntRange{std::numeric_limits<std::int16_t>::min(),
                        std::numeric_limits<std::int16_t>::max()};
    if (name == QLatin1String("int32") || name == QLatin1String("integer"))
        return IntRange{std::numeric_limits<std::int32_t>::min(),
                        std::numeric_limits<std::int32_t>::max()};
    if (name == QLatin1String("int64") || name == QLatin1String("bigint"))
        return IntRange{std::numeric_limits<std::int64_t>::min(),
                        std::numeric_limits<std::int64_t>::max()};
    return std::nullopt;
}

std::optional<ValueType> valueType(const QString &token)
{
    if (token == QLatin1String("string"))
        return ValueType::String;
    if (token == QLatin1String("uuid"))
        return ValueType::Uuid;
    if (token == QLatin1String("bool"))
        return ValueType::Bool;
    if (integerRange(token))
        return ValueType::Integer;
    if (token == QLatin1String("float32") || token == QLatin1String("float64"))
        return ValueType::Float;
    if (token == QLatin1String("numeric"))
        return ValueType::Numeric;
    if (token == QLatin1String(Sdk::DtypeDate))
        return ValueType::Date;
    if (token == QLatin1String(Sdk::DtypeTimestampTz))
        return ValueType::TimestampTz;
    if (token == QLatin1String(Sdk::DtypeNaiveDatetime))
        return ValueType::NaiveTimestamp;
    if (token == QLatin1String("json"))
        return ValueType::Json;
    if (token == QLatin1String("jsonb"))
        return ValueType::Jsonb;
    return std::nullopt;
}

// "character varying(255)" -> 255; "numeric(10,2)" -> {10, 2}.
QList<int> typeArgs(const QString &postgresType)
{
    static const QRegularExpression re(QStringLiteral("\\(([0-9, ]+)\\)$"));
    QList<int> args;
    const auto m = re.match(postgresType);
    if (m.hasMatch()) {
        for (const QString &part : m.captured(1).split(QLatin1Char(',')))
            args << part.trimmed().toInt();
    }
    return args;
}

} // namespace

Result<std::vector<ColumnCheck>> compileColumnChecks(const StorageClass &storageClass)
{
    const Registration &reg = storageClass.registration;
    const QString table = storageClass.tableName();
    auto refuse = [&](const QString &why) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Storage class %1: %2; rows cannot be validated against it.")
                        .arg(table, why));
    };
    if (reg.columns.isEmpty())
        return refuse(QStringLiteral("table_contract.columns is empty"));
    if (!reg.timeIndexName.isEmpty() && !storageClass.column(reg.timeIndexName))
        return refuse(QStringLiteral("time_index_name \"%1\" is not a contract column")
                          .arg(reg.timeIndexName));
    for (const QString &name : reg.indexNames) {
        if (!storageClass.column(name))
            return refuse(QStringLiteral("index_names lists \"%1\", which is not a contract column")
                              .arg(name));
    }

    std::vector<ColumnCheck> checks;
    for (const Column &c : reg.columns) {
        ColumnCheck check;
        check.name = c.name.toStdString();
        check.dataType = c.dataType;
        check.nullable = c.nullable;
        check.indexPosition = static_cast<int>(reg.indexNames.indexOf(c.name));
        check.timeIndex = c.name == reg.timeIndexName;
        const auto token = Sdk::normalizeDtypeToken(c.dataType, false, true);
        const auto type = token ? valueType(*token) : std::nullopt;
        const auto postgres = Sdk::postgresTypeForColumn(c.dataType, c.backendType);
        if (!type || !postgres)
            return refuse(QStringLiteral("column \"%1\" has data_type \"%2\" (backend type "
                                         "\"%3\"), a type the row validator cannot check")
                              .arg(c.name, c.dataType, c.backendType.value_or(QString())));
        check.type = *type;
        check.postgresType = *postgres;
        const QList<int> args = typeArgs(*postgres);
        switch (check.type) {
        case ValueType::Integer: {
            // SQLAlchemy's Integer is data_type int64 but INTEGER in the table: the narrower wins.
            const IntRange byToken = *integerRange(*token);
            const IntRange range = integerRange(*postgres).value_or(byToken);
            check.minInteger = std::max(byToken.min, range.min);
            check.maxInteger = std::min(byToken.max, range.max);
            break;
        }
        case ValueType::Float:
            check.real = *token == QLatin1String("float32") || *postgres == QLatin1String("real");
            break;
        case ValueType::String:
            if ((postgres->startsWith(QLatin1String("character varying"))
                 || postgres->startsWith(QLatin1String("character(")))
                && args.size() == 1)
                check.maxChars = args.front();
            break;
        case ValueType::Numeric:
            if (args.size() == 2)
                check.maxIntegerDigits = args.at(0) - args.at(1);
            break;
        default:
            break;
        }
        checks.push_back(std::move(check));
    }
    return checks;
}

} // namespace Core::Run
