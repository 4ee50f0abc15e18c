// SPDX-License-Identifier: MIT
#include "pydatetime.h"

#include <QRegularExpression>

#include <cctype>
#include <cmath>
#include <cstdint>

namespace Core::Config {

namespace {

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

bool validDate(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
void civilFromDays(std::int64_t z, int &y, int &m, int &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

const QString kExpected = QStringLiteral(
    "a datetime (ISO 8601 text such as 2024-01-31T00:00:00Z, or a Unix time number)");

tl::expected<Py::DateTime, QString> fromUnixTime(double seconds)
{
    if (!std::isfinite(seconds))
        return tl::unexpected(kExpected);
    if (std::fabs(seconds) > 2e10)
        seconds /= 1000.0;
    double whole = std::floor(seconds);
    std::int64_t micro = std::llround((seconds - whole) * 1e6);
    if (micro >= 1000000) {
        whole += 1;
        micro -= 1000000;
    }
    const auto total = static_cast<std::int64_t>(whole);
    std::int64_t days = total / 86400;
    std::int64_t rest = total % 86400;
    if (rest < 0) {
        rest += 86400;
        days -= 1;
    }
    Py::DateTime dt;
    civilFromDays(days, dt.year, dt.month, dt.day);
    if (dt.year < 1 || dt.year > 9999)
        return tl::unexpected(kExpected);
    dt.hour = static_cast<int>(rest / 3600);
    dt.minute = static_cast<int>(rest % 3600 / 60);
    dt.second = static_cast<int>(rest % 60);
    dt.microsecond = static_cast<int>(micro);
    dt.utcOffsetSeconds = 0;
    return dt;
}

} // namespace

std::optional<Py::Date> parseDate(const std::string &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})$"));
    const auto m = re.match(QString::fromStdString(text));
    if (!m.hasMatch())
        return std::nullopt;
    Py::Date date{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
    if (!validDate(date.year, date.month, date.day))
        return std::nullopt;
    return date;
}

tl::expected<Py::DateTime, QString> parseDateTime(const Json &value)
{
    if (value.is_number())
        return fromUnixTime(value.get<double>());
    if (!value.is_string())
        return tl::unexpected(kExpected);
    const QString text = QString::fromStdString(value.get<std::string>());
    static const QRegularExpression numeric(QStringLiteral("^[+-]?\\d+(\\.\\d+)?$"));
    if (numeric.match(text).hasMatch())
        return fromUnixTime(text.toDouble());
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})"
                       "(?:[Tt_ ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?"
                       "(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?)?$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return tl::unexpected(kExpected);
    Py::DateTime dt;
    dt.year = m.captured(1).toInt();
    dt.month = m.captured(2).toInt();
    dt.day = m.captured(3).toInt();
    if (!validDate(dt.year, dt.month, dt.day))
        return tl::unexpected(kExpected);
    if (m.captured(4).isEmpty())
        return dt; // a date alone: naive midnight
    dt.hour = m.captured(4).toInt();
    dt.minute = m.captured(5).toInt();
    dt.second = m.captured(6).isEmpty() ? 0 : m.captured(6).toInt();
    if (dt.hour > 23 || dt.minute > 59 || dt.second > 59)
        return tl::unexpected(kExpected);
    if (!m.captured(7).isEmpty())
        dt.microsecond = (m.captured(7) + QStringLiteral("00000")).left(6).toInt();
    if (!m.captured(8).isEmpty()) {
        dt.utcOffsetSeconds = 0;
    } else if (!m.captured(9).isEmpty()) {
        const int hours = m.captured(10).toInt();
        const int minutes = m.captured(11).isEmpty() ? 0 : m.captured(11).toInt();
        if (hours > 23 || minutes > 59)
            return tl::unexpected(kExpected);
        const int offset = hours * 3600 + minutes * 60;
        dt.utcOffsetSeconds = m.captured(9) == QLatin1String("-") ? -offset : offset;
    }
    return dt;
}

std::optional<std::string> parseUuid(const std::string &text)
{
    std::string rest = text;
    if (rest.rfind("urn:uuid:", 0) == 0)
        rest = rest.substr(9);
    if (rest.size() >= 2 && rest.front() == '{' && rest.back() == '}')
        rest = rest.substr(1, rest.size() - 2);
    std::string hex;
    for (char c : rest) {
        if (c == '-')
            continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
        hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (hex.size() != 32)
        return std::nullopt;
    return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-'
           + hex.substr(16, 4) + '-' + hex.substr(20);
}

} // namespace Core::Config
