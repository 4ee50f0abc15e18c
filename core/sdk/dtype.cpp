// SPDX-License-Identifier: MIT
#include "dtype.h"

#include <core/sdk/pystring.h>

#include <QRegularExpression>
#include <QStringList>

#include <initializer_list>

namespace Core::Sdk {

namespace {

tl::unexpected<Error> valueError(const QString &message)
{
    return fail(ErrorCode::InvalidInput, message, QStringLiteral("ValueError"));
}

bool oneOf(const QString &s, std::initializer_list<const char *> options)
{
    for (const char *option : options) {
        if (s == QLatin1String(option))
            return true;
    }
    return false;
}

} // namespace

Result<QString> normalizeDtypeToken(const QString &value, bool remote, bool allowNaiveDatetime)
{
    const QString token = Py::strip(value);
    if (token.isEmpty())
        return valueError(QStringLiteral("DType token is required."));
    QString low = Py::lower(token);
    low.replace(QLatin1Char('_'), QLatin1Char(' '));
    low = Py::splitWhitespace(low).join(QLatin1Char(' '));
    const QString compact = QString(low).remove(QLatin1Char(' '));

    if (oneOf(low, {"date", "datetime.date"}))
        return QString::fromLatin1(DtypeDate);
    if (oneOf(low,
              {"datetime",
               "datetime.datetime",
               "datetime64[ns, utc]",
               "timestamp with time zone",
               "timestamptz"}))
        return QString::fromLatin1(DtypeTimestampTz);
    if (oneOf(low,
              {"datetime64[ns]",
               "timestamp",
               "timestamp without time zone",
               "datetime without time zone",
               "datetime naive"})) {
        if (remote && !allowNaiveDatetime)
            return valueError(QStringLiteral(
                "Timezone-naive datetime dtypes are local-backend-only. Remote writes require "
                "'timestamp with time zone'."));
        return QString::fromLatin1(DtypeNaiveDatetime);
    }
    if (oneOf(low,
              {"object",
               "str",
               "string",
               "text",
               "varchar",
               "char",
               "character",
               "character varying",
               "unicode"})
        || low.contains(QLatin1String("varchar"))
        || low.startsWith(QLatin1String("character varying"))
        || low.startsWith(QLatin1String("character(")))
        return QStringLiteral("string");
    if (oneOf(compact, {"uuid", "uuidtype", "uuid_", "postgresqluuid"}))
        return QStringLiteral("uuid");
    if (low == QLatin1String("json"))
        return QStringLiteral("json");
    if (low == QLatin1String("jsonb"))
        return QStringLiteral("jsonb");
    if (oneOf(low, {"bool", "boolean"}))
        return QStringLiteral("bool");
    if (oneOf(low, {"int16", "smallint", "int2"}))
        return QStringLiteral("int16");
    if (oneOf(low, {"int32", "integer", "int", "int4"}))
        return QStringLiteral("int32");
    if (oneOf(low, {"int64", "biginteger", "bigint", "int8", "uint16", "uint32", "uint64"}))
        return QStringLiteral("int64");
    if (oneOf(low, {"float32", "real", "float4"}))
        return QStringLiteral("float32");
    if (oneOf(low, {"float", "float64", "double", "double precision", "float8"}))
        return QStringLiteral("float64");
    if (low == QLatin1String("numeric") || low.startsWith(QLatin1String("numeric"))
        || low == QLatin1String("decimal"))
        return QStringLiteral("numeric");
    return token;
}

bool isTemporalToken(const QString &token)
{
    return token == QLatin1String(DtypeDate) || token == QLatin1String(DtypeTimestampTz)
           || token == QLatin1String(DtypeNaiveDatetime);
}

Result<std::optional<QString>> normalizeBackendType(const std::optional<QString> &backendType)
{
    if (!backendType || Py::strip(*backendType).isEmpty())
        return std::optional<QString>();
    const auto token = normalizeDtypeToken(*backendType, true, false);
    if (!token)
        return tl::unexpected(token.error());
    if (*token == QLatin1String(DtypeTimestampTz))
        return std::optional<QString>(QStringLiteral("TIMESTAMP WITH TIME ZONE"));
    if (*token == QLatin1String(DtypeDate))
        return std::optional<QString>(QStringLiteral("DATE"));
    return backendType;
}

namespace {

struct ParsedType
{
    QString base;       // upper case, single spaces: "CHARACTER VARYING", "TIMESTAMP"
    QList<int> args;    // "(255)" → {255}; "(10, 2)" → {10, 2}
    QString zone;       // "", "WITH TIME ZONE" or "WITHOUT TIME ZONE"
    bool array = false; // trailing "[]"
};

std::optional<ParsedType> parseBackendType(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^([A-Z][A-Z0-9_]*(?: [A-Z][A-Z0-9_]*)*?)\s*)"
                       R"((?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*)"
                       R"((WITH TIME ZONE|WITHOUT TIME ZONE)?\s*(\[\])?$)"));
    const QString normalized = Py::splitWhitespace(text.toUpper()).join(QLatin1Char(' '));
    const QRegularExpressionMatch m = pattern.match(normalized);
    if (!m.hasMatch())
        return std::nullopt;
    ParsedType parsed;
    parsed.base = m.captured(1);
    for (int group : {2, 3}) {
        if (!m.captured(group).isEmpty()) {
            bool ok = false;
            const int v = m.captured(group).toInt(&ok);
            if (!ok)
                return std::nullopt;
            parsed.args.append(v);
        }
    }
    parsed.zone = m.captured(4);
    parsed.array = !m.captured(5).isEmpty();
    return parsed;
}

QString withArgs(const QString &name, const QList<int> &args)
{
    if (args.isEmpty())
        return name;
    QStringList parts;
    for (int a : args)
        parts.append(QString::number(a));
    return name + QLatin1Char('(') + parts.join(QLatin1Char(',')) + QLatin1Char(')');
}

// The format_type() spelling of one parsed SQLAlchemy type name, or an empty string when the
// name or its arguments have no PostgreSQL equivalent.
QString formatType(const ParsedType &t)
{
    const QString &b = t.base;
    const qsizetype argc = t.args.size();
    const bool zoned = !t.zone.isEmpty();
    if (zoned && !oneOf(b, {"TIMESTAMP", "DATETIME", "TIME"}))
        return {};

    if (oneOf(b, {"VARCHAR", "CHARACTER VARYING", "NVARCHAR", "STRING", "UNICODE"}) && argc <= 1)
        return withArgs(QStringLiteral("character varying"), t.args);
    if (oneOf(b, {"CHAR", "CHARACTER", "NCHAR", "BPCHAR"}) && argc <= 1)
        return withArgs(QStringLiteral("character"), argc ? t.args : QList<int>{1});
    if (argc == 0) {
        if (oneOf(b, {"TEXT", "UNICODETEXT"}))
            return QStringLiteral("text");
        if (oneOf(b, {"INTEGER", "INT", "INT4"}))
            return QStringLiteral("integer");
        if (oneOf(b, {"BIGINT", "BIGINTEGER", "INT8"}))
            return QStringLiteral("bigint");
        if (oneOf(b, {"SMALLINT", "SMALLINTEGER", "INT2"}))
            return QStringLiteral("smallint");
        if (oneOf(b, {"DOUBLE", "DOUBLE PRECISION", "DOUBLE_PRECISION", "FLOAT8"}))
            return QStringLiteral("double precision");
        if (oneOf(b, {"REAL", "FLOAT4"}))
            return QStringLiteral("real");
        if (oneOf(b, {"BOOLEAN", "BOOL"}))
            return QStringLiteral("boolean");
        if (b == QLatin1String("DATE"))
            return QStringLiteral("date");
        if (oneOf(b, {"UUID", "UUIDTYPE"}))
            return QStringLiteral("uuid");
        if (b == QLatin1String("JSON"))
            return QStringLiteral("json");
        if (b == QLatin1String("JSONB"))
            return QStringLiteral("jsonb");
        if (b == QLatin1String("INTERVAL"))
            return QStringLiteral("interval");
        // SQLAlchemy's LargeBinary compiles to BLOB generically and to BYTEA on PostgreSQL.
        if (oneOf(b, {"BLOB", "BYTEA", "LARGEBINARY"}))
            return QStringLiteral("bytea");
        if (b == QLatin1String("TIMESTAMPTZ"))
            return QStringLiteral("timestamp with time zone");
        if (b == QLatin1String("TIMETZ"))
            return QStringLiteral("time with time zone");
    }
    // SQLAlchemy's Float(precision=p) follows PostgreSQL's FLOAT(p): up to 24 bits is real.
    if (b == QLatin1String("FLOAT") && argc <= 1) {
        if (argc == 0 || (t.args.front() >= 25 && t.args.front() <= 53))
            return QStringLiteral("double precision");
        if (t.args.front() >= 1 && t.args.front() <= 24)
            return QStringLiteral("real");
        return {};
    }
    if (oneOf(b, {"NUMERIC", "DECIMAL"})) {
        if (argc == 1)
            return withArgs(QStringLiteral("numeric"), {t.args.front(), 0});
        return withArgs(QStringLiteral("numeric"), t.args);
    }
    if (oneOf(b, {"TIMESTAMP", "DATETIME", "TIME"}) && argc <= 1) {
        const QString name
            = b == QLatin1String("TIME") ? QStringLiteral("time") : QStringLiteral("timestamp");
        const QString zone = t.zone == QLatin1String("WITH TIME ZONE")
                                 ? QStringLiteral(" with time zone")
                                 : QStringLiteral(" without time zone");
        return withArgs(name, t.args) + zone;
    }
    return {};
}

QString formatDataType(const QString &token)
{
    struct Entry
    {
        const char *token;
        const char *type;
    };
    // SQLAlchemy's default for each canonical token (String() compiles to VARCHAR).
    static constexpr Entry table[] = {
        {"date", "date"},
        {"timestamp with time zone", "timestamp with time zone"},
        {"datetime64[ns]", "timestamp without time zone"},
        {"string", "character varying"},
        {"uuid", "uuid"},
        {"json", "json"},
        {"jsonb", "jsonb"},
        {"bool", "boolean"},
        {"int16", "smallint"},
        {"int32", "integer"},
        {"int64", "bigint"},
        {"float32", "real"},
        {"float64", "double precision"},
        {"numeric", "numeric"},
    };
    for (const Entry &e : table) {
        if (token == QLatin1String(e.token))
            return QString::fromLatin1(e.type);
    }
    return {};
}

} // namespace

Result<QString> postgresTypeForColumn(const QString &dataType,
                                      const std::optional<QString> &backendType)
{
    if (backendType && !Py::strip(*backendType).isEmpty()) {
        const auto parsed = parseBackendType(Py::strip(*backendType));
        const QString type = parsed ? formatType(*parsed) : QString();
        if (type.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Column backend type %1 (data type %2) has no PostgreSQL "
                                       "equivalent. Use a SQLAlchemy type such as VARCHAR(n), "
                                       "TEXT, INTEGER, BIGINT, SMALLINT, FLOAT, DOUBLE PRECISION, "
                                       "REAL, NUMERIC(p, s), BOOLEAN, DATE, TIMESTAMP WITH TIME "
                                       "ZONE, UUID, JSON or JSONB.")
                            .arg(Py::repr(*backendType), Py::repr(dataType)));
        return type + (parsed->array ? QStringLiteral("[]") : QString());
    }
    const auto token = normalizeDtypeToken(dataType, false, true);
    if (!token)
        return tl::unexpected(token.error());
    const QString type = formatDataType(*token);
    if (type.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Column data type %1 has no PostgreSQL equivalent and the "
                                   "column gives no backend type. Use a canonical data type "
                                   "(date, timestamp with time zone, string, uuid, json, jsonb, "
                                   "bool, int16, int32, int64, float32, float64, numeric) or set "
                                   "the backend type.")
                        .arg(Py::repr(dataType)));
    return type;
}

} // namespace Core::Sdk
