// SPDX-License-Identifier: MIT
#include "alembictype.h"

#include <core/sdk/dtype.h>

#include <QRegularExpression>

namespace Core::Migrate {

namespace {

// A type split into its words and its parenthesised modifiers: "timestamp(3) with time zone"
// -> {"timestamp with time zone", [3]}, "NUMERIC(18, 6)" -> {"numeric", [18, 6]}.
struct ParsedType
{
    QString base;
    QList<int> modifiers;
    bool valid = true;
};

ParsedType parseType(const QString &text)
{
    ParsedType parsed;
    QString rest = text.trimmed().toLower();
    static const QRegularExpression modifierRe(QStringLiteral("\\(([^()]*)\\)"));
    const QRegularExpressionMatch m = modifierRe.match(rest);
    if (m.hasMatch()) {
        for (const QString &part : m.captured(1).split(QLatin1Char(','))) {
            bool ok = false;
            const int value = part.trimmed().toInt(&ok);
            if (!ok || value < 0)
                parsed.valid = false;
            parsed.modifiers.append(value);
        }
        rest.remove(m.capturedStart(), m.capturedLength());
        if (rest.contains(QLatin1Char('(')) || rest.contains(QLatin1Char(')')))
            parsed.valid = false;
    }
    parsed.base = rest.simplified();
    return parsed;
}

QString withLength(const QString &type, const QList<int> &mods)
{
    if (mods.isEmpty())
        return type + QStringLiteral("()");
    return type + QStringLiteral("(length=%1)").arg(mods.first());
}

// postgresql.TIMESTAMP / TIME / INTERVAL carry a fractional-seconds precision; the generic
// sa.DateTime / sa.Time / sa.Interval do not, so they are used only without one.
QString
temporal(const QString &generic, const QString &pgType, bool timezone, const QList<int> &mods)
{
    QStringList args;
    if (timezone)
        args << QStringLiteral("timezone=True");
    if (mods.isEmpty())
        return generic + QLatin1Char('(') + args.join(QLatin1String(", ")) + QLatin1Char(')');
    args << QStringLiteral("precision=%1").arg(mods.first());
    return pgType + QLatin1Char('(') + args.join(QLatin1String(", ")) + QLatin1Char(')');
}

std::optional<QString> scalarType(const ParsedType &t)
{
    const QString &b = t.base;
    const QList<int> &m = t.modifiers;
    const auto is = [&b](std::initializer_list<const char *> names) {
        for (const char *name : names) {
            if (b == QLatin1String(name))
                return true;
        }
        return false;
    };
    const bool noModifiers = m.isEmpty();
    if (is({"timestamp with time zone", "timestamptz"}))
        return temporal(
            QStringLiteral("sa.DateTime"), QStringLiteral("postgresql.TIMESTAMP"), true, m);
    if (is({"timestamp", "timestamp without time zone", "datetime"}))
        return temporal(
            QStringLiteral("sa.DateTime"), QStringLiteral("postgresql.TIMESTAMP"), false, m);
    if (is({"time with time zone", "timetz"}))
        return temporal(QStringLiteral("sa.Time"), QStringLiteral("postgresql.TIME"), true, m);
    if (is({"time", "time without time zone"}))
        return temporal(QStringLiteral("sa.Time"), QStringLiteral("postgresql.TIME"), false, m);
    if (is({"interval"}))
        return temporal(
            QStringLiteral("sa.Interval"), QStringLiteral("postgresql.INTERVAL"), false, m);
    if (is({"date"}) && noModifiers)
        return QStringLiteral("sa.Date()");
    if (is({"character varying", "varchar"}) && m.size() <= 1)
        return withLength(QStringLiteral("sa.String"), m);
    if (is({"character", "char", "bpchar"}) && m.size() <= 1)
        return withLength(QStringLiteral("sa.CHAR"), m);
    if (!noModifiers && !is({"numeric", "decimal", "float"}))
        return std::nullopt;
    if (is({"text"}))
        return QStringLiteral("sa.Text()");
    if (is({"uuid"}))
        return QStringLiteral("postgresql.UUID(as_uuid=True)");
    if (is({"json"}))
        return QStringLiteral("sa.JSON()");
    if (is({"jsonb"}))
        return QStringLiteral("postgresql.JSONB()");
    if (is({"boolean", "bool"}))
        return QStringLiteral("sa.Boolean()");
    if (is({"smallint", "int2"}))
        return QStringLiteral("sa.SmallInteger()");
    if (is({"integer", "int", "int4"}))
        return QStringLiteral("sa.Integer()");
    if (is({"bigint", "int8"}))
        return QStringLiteral("sa.BigInteger()");
    // PostgreSQL's FLOAT without precision is double precision, and so is sa.Float().
    if (is({"double precision", "float8", "double", "float"}) && noModifiers)
        return QStringLiteral("sa.Float()");
    if (is({"float"}) && m.size() == 1)
        return QStringLiteral("sa.Float(precision=%1)").arg(m.first());
    if (is({"real", "float4"}))
        return QStringLiteral("sa.REAL()");
    if (is({"numeric", "decimal"})) {
        if (m.isEmpty())
            return QStringLiteral("sa.Numeric()");
        if (m.size() == 1)
            return QStringLiteral("sa.Numeric(precision=%1)").arg(m.first());
        if (m.size() == 2)
            return QStringLiteral("sa.Numeric(precision=%1, scale=%2)").arg(m[0]).arg(m[1]);
        return std::nullopt;
    }
    if (is({"bytea", "blob"}))
        return QStringLiteral("sa.LargeBinary()");
    if (is({"inet"}))
        return QStringLiteral("postgresql.INET()");
    if (is({"cidr"}))
        return QStringLiteral("postgresql.CIDR()");
    if (is({"macaddr"}))
        return QStringLiteral("postgresql.MACADDR()");
    return std::nullopt;
}

} // namespace

Result<QString> sqlalchemyType(const QString &sqlType)
{
    QString text = sqlType.trimmed();
    int dimensions = 0;
    while (text.endsWith(QLatin1String("[]"))) {
        text.chop(2);
        text = text.trimmed();
        ++dimensions;
    }
    const ParsedType parsed = parseType(text);
    std::optional<QString> type;
    if (parsed.valid && !parsed.base.isEmpty())
        type = scalarType(parsed);
    if (!type) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The type \"%1\" has no SQLAlchemy equivalent for an Alembic "
                                   "revision. Use one of the SDK's data types (date, timestamp "
                                   "with time zone, string, uuid, json, jsonb, bool, int16, "
                                   "int32, int64, float32, float64, numeric) or write this "
                                   "migration step by hand.")
                        .arg(sqlType));
    }
    QString result = *type;
    if (dimensions > 0) {
        result = QStringLiteral("postgresql.ARRAY(%1, dimensions=%2)").arg(result).arg(dimensions);
        if (dimensions == 1)
            result = QStringLiteral("postgresql.ARRAY(%1)").arg(*type);
    }
    return result;
}

Result<QString> sqlalchemyColumnType(const ColumnSpec &column)
{
    QString pgType = column.sqlType;
    if (pgType.trimmed().isEmpty()) {
        const Result<QString> fromManifest
            = Sdk::postgresTypeForColumn(column.dataType, column.backendType);
        if (!fromManifest) {
            return fail(
                fromManifest.error().code,
                QStringLiteral("Column \"%1\": %2").arg(column.name, fromManifest.error().message),
                fromManifest.error().detail);
        }
        pgType = *fromManifest;
    }
    Result<QString> type = sqlalchemyType(pgType);
    if (!type) {
        return fail(type.error().code,
                    QStringLiteral("Column \"%1\": %2").arg(column.name, type.error().message));
    }
    return type;
}

} // namespace Core::Migrate
