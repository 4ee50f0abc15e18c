// SPDX-License-Identifier: MIT
#include "valuecheck.h"

#include "copytext.h"
#include "valueparse.h"

#include <cfloat>
#include <cmath>
#include <cstring>

namespace Core::Run {

namespace {

using Status = CheckOutcome::Status;

constexpr CheckOutcome ok{Status::Ok, Problem::WrongJsonKind};
constexpr CheckOutcome null{Status::Null, Problem::WrongJsonKind};

CheckOutcome reject(Problem p)
{
    return {Status::Rejected, p};
}

template <class T>
void appendBytes(std::string *grain, const T &value)
{
    if (grain)
        grain->append(reinterpret_cast<const char *>(&value), sizeof value);
}

void appendText(std::string *grain, std::string_view text)
{
    if (grain)
        grain->append(text);
}

bool isText(const FieldView &f)
{
    return f.kind == ValueKind::Text || f.kind == ValueKind::String;
}

bool isNumberText(const FieldView &f)
{
    return f.kind == ValueKind::Text || f.kind == ValueKind::Number;
}

const char *kindName(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Null:
        return "null";
    case ValueKind::Text:
        return "text";
    case ValueKind::String:
        return "string";
    case ValueKind::Number:
        return "number";
    case ValueKind::Bool:
        return "boolean";
    case ValueKind::Json:
        return "object or array";
    }
    return "value";
}

QString expectedFor(const ColumnCheck &c)
{
    switch (c.type) {
    case ValueType::Bool:
        return QStringLiteral("true or false");
    case ValueType::Integer:
    case ValueType::Float:
        return QStringLiteral("a JSON number");
    case ValueType::Numeric:
        return QStringLiteral("a JSON number or a string holding one");
    case ValueType::Json:
    case ValueType::Jsonb:
        return QStringLiteral("a JSON value");
    default:
        return QStringLiteral("a JSON string");
    }
}

} // namespace

RejectRule ruleFor(Problem problem)
{
    switch (problem) {
    case Problem::NaiveTimestamp:
        return RejectRule::NaiveTimestamp;
    case Problem::NonUtcTimeIndex:
        return RejectRule::NonUtcTimeIndex;
    case Problem::TooLong:
        return RejectRule::StringTooLong;
    default:
        return RejectRule::BadValue;
    }
}

QString describe(Problem problem, const ColumnCheck &c, const FieldView &f)
{
    const QString type = QStringLiteral("%1 (%2)").arg(c.dataType, c.postgresType);
    switch (problem) {
    case Problem::WrongJsonKind:
        return QStringLiteral("expected %1 for a %2 column, found a JSON %3")
            .arg(expectedFor(c), type, QLatin1String(kindName(f.kind)));
    case Problem::NotInteger:
        return QStringLiteral("not an integer; the column is %1").arg(type);
    case Problem::IntegerOutOfRange:
        return QStringLiteral("outside the range of %1 (%2..%3)")
            .arg(type)
            .arg(c.minInteger)
            .arg(c.maxInteger);
    case Problem::NotNumber:
        return QStringLiteral("not a number; the column is %1").arg(type);
    case Problem::FloatOutOfRange:
        return QStringLiteral("outside the range of %1").arg(type);
    case Problem::NonFinite:
        return QStringLiteral("NaN and Infinity are refused for %1 columns by this run's policy")
            .arg(type);
    case Problem::NotDecimal:
        return QStringLiteral("not a decimal number; the column is %1").arg(type);
    case Problem::NumericOverflow:
        return QStringLiteral("more than %1 digits before the decimal point do not fit %2")
            .arg(c.maxIntegerDigits)
            .arg(type);
    case Problem::NotBool:
        return QStringLiteral("not a boolean (true/false, t/f, 1/0); the column is %1").arg(type);
    case Problem::NotUuid:
        return QStringLiteral("not a UUID (8-4-4-4-12 hex digits); the column is %1").arg(type);
    case Problem::NotDate:
        return QStringLiteral("not a calendar date YYYY-MM-DD; the column is %1").arg(type);
    case Problem::NotTimestamp:
        return QStringLiteral("not an ISO-8601 timestamp YYYY-MM-DDTHH:MM:SS[.ffffff] with Z, "
                              "+HH:MM or +HHMM; the column is %1")
            .arg(type);
    case Problem::NaiveTimestamp:
        return QStringLiteral("a timestamp without a UTC offset; %1 needs one (Z or +00:00), "
                              "and the console does not guess the zone")
            .arg(type);
    case Problem::NonUtcTimeIndex:
        return QStringLiteral("the time index must be UTC (Z or +00:00); this value has another "
                              "offset and is not converted silently");
    case Problem::OffsetOnNaiveColumn:
        return QStringLiteral("a timestamp with an offset in a naive %1 column").arg(type);
    case Problem::NotJson:
        return QStringLiteral("not valid JSON");
    case Problem::JsonNonFinite:
        return QStringLiteral("NaN or Infinity inside a JSON value (not JSON; the SDK refuses it "
                              "with allow_nan=False)");
    case Problem::JsonbNul:
        return QStringLiteral("\\u0000 inside a jsonb value, which PostgreSQL refuses");
    case Problem::NulInText:
        return QStringLiteral("a NUL character, which no PostgreSQL text value can hold");
    case Problem::TooLong:
        return QStringLiteral("%1 characters; the column is %2")
            .arg(utf8Length(f.text))
            .arg(c.postgresType);
    }
    return {};
}

CheckOutcome ValueChecker::nonFinite(const FieldView &f, std::string &copy, std::string *grain)
{
    if (m_policy == NonFinitePolicy::StoreNull)
        return null;
    if (m_policy == NonFinitePolicy::Reject)
        return reject(Problem::NonFinite);
    double v = 0;
    parseFloat(f.text, v);
    const std::string_view text = std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    copy.append(text);
    appendText(grain, text);
    return ok;
}

CheckOutcome ValueChecker::checkFloat(const ColumnCheck &c,
                                      const FieldView &f,
                                      std::string &copy,
                                      std::string *grain)
{
    if (!isNumberText(f))
        return reject(Problem::WrongJsonKind);
    double v = 0;
    switch (parseFloat(f.text, v)) {
    case FloatText::Invalid:
        return reject(Problem::NotNumber);
    case FloatText::OutOfRange:
        return reject(Problem::FloatOutOfRange);
    case FloatText::NonFinite:
        return nonFinite(f, copy, grain);
    case FloatText::Finite:
        break;
    }
    if (c.real && std::fabs(v) > FLT_MAX)
        return reject(Problem::FloatOutOfRange);
    copy.append(f.text);
    if (v == 0)
        v = 0; // -0.0 and 0.0 are one grain value
    appendBytes(grain, v);
    return ok;
}

CheckOutcome ValueChecker::checkNumeric(const ColumnCheck &c,
                                        const FieldView &f,
                                        std::string &copy,
                                        std::string *grain)
{
    if (!isNumberText(f) && f.kind != ValueKind::String)
        return reject(Problem::WrongJsonKind);
    double ignored = 0;
    if (parseFloat(f.text, ignored) == FloatText::NonFinite)
        return nonFinite(f, copy, grain);
    int integerDigits = 0;
    if (!parseDecimal(f.text, m_decimal, integerDigits))
        return reject(Problem::NotDecimal);
    if (c.maxIntegerDigits >= 0 && integerDigits > c.maxIntegerDigits)
        return reject(Problem::NumericOverflow);
    copy.append(f.text);
    appendText(grain, m_decimal);
    return ok;
}

CheckOutcome ValueChecker::checkTimestamp(const ColumnCheck &c,
                                          const FieldView &f,
                                          std::string &copy,
                                          std::string *grain)
{
    if (!isText(f))
        return reject(Problem::WrongJsonKind);
    const Timestamp t = parseTimestamp(f.text);
    if (t.status == Timestamp::Status::Invalid)
        return reject(Problem::NotTimestamp);
    if (c.type == ValueType::NaiveTimestamp) {
        if (t.status != Timestamp::Status::Naive)
            return reject(Problem::OffsetOnNaiveColumn);
    } else if (t.status == Timestamp::Status::Naive) {
        return reject(Problem::NaiveTimestamp);
    } else if (c.timeIndex && t.offsetMinutes != 0) {
        return reject(Problem::NonUtcTimeIndex);
    }
    copy.append(f.text);
    appendBytes(grain, t.utcMicros);
    return ok;
}

CheckOutcome ValueChecker::checkJson(const ColumnCheck &c,
                                     const FieldView &f,
                                     std::string &copy,
                                     std::string *grain)
{
    bool nonFiniteInside = f.nonFinite;
    if (f.kind == ValueKind::Text && !m_json.isValue(f.text, nonFiniteInside))
        return reject(Problem::NotJson);
    if (nonFiniteInside)
        return reject(Problem::JsonNonFinite);
    if (c.type == ValueType::Jsonb && f.raw.find("\\u0000") != std::string_view::npos)
        return reject(Problem::JsonbNul);
    if (!appendCopyText(copy, f.raw))
        return reject(Problem::NulInText);
    appendText(grain, f.raw);
    return ok;
}

CheckOutcome
ValueChecker::check(const ColumnCheck &c, const FieldView &f, std::string &copy, std::string *grain)
{
    switch (c.type) {
    case ValueType::String:
        if (!isText(f))
            return reject(Problem::WrongJsonKind);
        if (c.maxChars >= 0 && f.text.size() > static_cast<std::size_t>(c.maxChars)
            && utf8Length(f.text) > static_cast<std::size_t>(c.maxChars))
            return reject(Problem::TooLong);
        if (!appendCopyText(copy, f.text))
            return reject(Problem::NulInText);
        appendText(grain, f.text);
        return ok;
    case ValueType::Uuid: {
        if (!isText(f))
            return reject(Problem::WrongJsonKind);
        char canonical[36];
        if (!parseUuid(f.text, canonical))
            return reject(Problem::NotUuid);
        copy.append(canonical, sizeof canonical);
        appendText(grain, std::string_view(canonical, sizeof canonical));
        return ok;
    }
    case ValueType::Bool: {
        std::optional<bool> b;
        if (f.kind == ValueKind::Bool)
            b = f.text == "true";
        else if (f.kind == ValueKind::Text)
            b = parseBoolText(f.text);
        else
            return reject(Problem::WrongJsonKind);
        if (!b)
            return reject(Problem::NotBool);
        copy.push_back(*b ? 't' : 'f');
        appendText(grain, *b ? "t" : "f");
        return ok;
    }
    case ValueType::Integer: {
        if (!isNumberText(f))
            return reject(Problem::WrongJsonKind);
        std::int64_t v = 0;
        if (!parseInteger(f.text, v)) {
            // Digits only, yet unreadable: too long for int64.
            const bool digitsOnly
                = !f.text.empty()
                  && f.text.find_first_not_of("+-0123456789") == std::string_view::npos;
            return reject(digitsOnly ? Problem::IntegerOutOfRange : Problem::NotInteger);
        }
        if (v < c.minInteger || v > c.maxInteger)
            return reject(Problem::IntegerOutOfRange);
        copy.append(f.text);
        appendBytes(grain, v);
        return ok;
    }
    case ValueType::Float:
        return checkFloat(c, f, copy, grain);
    case ValueType::Numeric:
        return checkNumeric(c, f, copy, grain);
    case ValueType::Date: {
        if (!isText(f))
            return reject(Problem::WrongJsonKind);
        const auto days = parseDate(f.text);
        if (!days)
            return reject(Problem::NotDate);
        copy.append(f.text);
        appendBytes(grain, *days);
        return ok;
    }
    case ValueType::TimestampTz:
    case ValueType::NaiveTimestamp:
        return checkTimestamp(c, f, copy, grain);
    case ValueType::Json:
    case ValueType::Jsonb:
        return checkJson(c, f, copy, grain);
    }
    return reject(Problem::WrongJsonKind);
}

} // namespace Core::Run
