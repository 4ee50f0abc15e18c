// SPDX-License-Identifier: MIT
#pragma once

#include "columncheck.h"
#include "jsonscan.h"
#include "rejectlog.h"
#include "rowview.h"

#include <QString>

#include <cstdint>
#include <string>

namespace Core::Run {

// What to do with NaN and ±Infinity in float and numeric columns. The SDK turns ±inf into NaN
// and NaN into NULL before it writes (sdk-contract.md section 8), so that is the default.
enum class NonFinitePolicy {
    StoreNull, // the value is NULL (and so refused in an index or non-nullable column)
    Reject,    // bad-value
    Keep,      // written as NaN / Infinity / -Infinity, which PostgreSQL stores
};

// Why a value does not fit its column.
enum class Problem : std::uint8_t {
    WrongJsonKind, // e.g. a JSON number for a string column
    NotInteger,
    IntegerOutOfRange,
    NotNumber,
    FloatOutOfRange,
    NonFinite,
    NotDecimal,
    NumericOverflow,
    NotBool,
    NotUuid,
    NotDate,
    NotTimestamp,
    NaiveTimestamp,
    NonUtcTimeIndex,
    OffsetOnNaiveColumn,
    NotJson,
    JsonNonFinite,
    JsonbNul,
    NulInText,
    TooLong,
};

RejectRule ruleFor(Problem problem);
// The reason shown with a reject, e.g. "2147483648 is outside the range of integer
// (-2147483648..2147483647)".
QString describe(Problem problem, const ColumnCheck &column, const FieldView &field);

struct CheckOutcome
{
    enum class Status : std::uint8_t { Ok, Null, Rejected };
    Status status = Status::Ok;
    Problem problem = Problem::WrongJsonKind;
};

// Checks one non-null value against its column. On success appends the value in COPY text
// format to `copy` and, when `grain` is given, its normalized form (equal for equal values:
// "…Z" and "…+00:00", "1.50" and "1.5", an upper- and a lowercase UUID) to `grain`.
class ValueChecker
{
public:
    explicit ValueChecker(NonFinitePolicy policy)
        : m_policy(policy)
    {}

    CheckOutcome
    check(const ColumnCheck &column, const FieldView &field, std::string &copy, std::string *grain);

private:
    CheckOutcome
    checkFloat(const ColumnCheck &c, const FieldView &f, std::string &copy, std::string *grain);
    CheckOutcome
    checkNumeric(const ColumnCheck &c, const FieldView &f, std::string &copy, std::string *grain);
    CheckOutcome
    checkTimestamp(const ColumnCheck &c, const FieldView &f, std::string &copy, std::string *grain);
    CheckOutcome
    checkJson(const ColumnCheck &c, const FieldView &f, std::string &copy, std::string *grain);
    CheckOutcome nonFinite(const FieldView &f, std::string &copy, std::string *grain);

    NonFinitePolicy m_policy;
    JsonScanner m_json;
    std::string m_decimal;
};

} // namespace Core::Run
