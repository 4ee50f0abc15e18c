// SPDX-License-Identifier: MIT
// `metatable history --db CONNINFO`: the catalog's audit trail of the stewards' texts, who
// changed which description or label, when, from what to what, and with which tool.
#include "command.h"
#include "historyreport.h"
#include "options.h"

#include <core/db/session.h>
#include <core/db/textaudit.h>

#include <QDateTime>
#include <QTimeZone>

namespace Cli {

namespace {

const QString Name = QStringLiteral("history");

QString checkFormat(const QString &option, const QString &value)
{
    if (value == u"text" || value == u"csv" || value == u"json")
        return {};
    return QStringLiteral("%1 must be text, csv or json, not '%2'").arg(option, value);
}

bool isDateOnly(const QString &value)
{
    return value.size() == 10 && QDate::fromString(value, Qt::ISODate).isValid();
}

// An ISO 8601 date or date and time; without an offset it is UTC, as the history prints times.
QDateTime parseTime(const QString &value)
{
    if (isDateOnly(value))
        return QDateTime(QDate::fromString(value, Qt::ISODate), QTime(0, 0), QTimeZone::utc());
    const QDateTime parsed = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!parsed.isValid() || parsed.timeSpec() != Qt::LocalTime)
        return parsed;
    return QDateTime(parsed.date(), parsed.time(), QTimeZone::utc());
}

QString checkTime(const QString &option, const QString &value)
{
    if (parseTime(value).isValid())
        return {};
    return QStringLiteral("%1 expects an ISO 8601 date or time (2026-11-30, "
                          "2026-11-30T09:30:00Z), not '%2'")
        .arg(option, value);
}

const Syntax Line
    = Syntax({Option::once({QStringLiteral("--db")})
                  .needing(QStringLiteral("a connection string"))
                  .required(QStringLiteral("--db CONNINFO is missing")),
              Option::once({QStringLiteral("--storage")}).needing(QStringLiteral("a table name")),
              Option::once({QStringLiteral("--column")}).needing(QStringLiteral("a column name")),
              Option::once({QStringLiteral("--person")})
                  .needing(QStringLiteral("an OS user or a database role")),
              Option::once({QStringLiteral("--since")}).checkedBy(checkTime),
              Option::once({QStringLiteral("--until")}).checkedBy(checkTime),
              Option::once({QStringLiteral("--format")}).checkedBy(checkFormat),
              Option::flag({QStringLiteral("--json")})
                  .storing(QStringLiteral("--format"), QStringLiteral("json"))});

} // namespace

int runHistory(const QStringList &args)
{
    const auto o = parseArguments(Line, args);
    if (!o)
        return usageError(Name, o.error());
    const QString format = o->value(QStringLiteral("--format"), QStringLiteral("text"));
    const bool json = format == u"json";

    Core::Db::TextAuditFilter filter;
    filter.storage = o->value(QStringLiteral("--storage"));
    filter.column = o->value(QStringLiteral("--column"));
    filter.person = o->value(QStringLiteral("--person"));
    if (o->has(QStringLiteral("--since")))
        filter.since = parseTime(o->value(QStringLiteral("--since")));
    if (o->has(QStringLiteral("--until"))) {
        // The filter's end is exclusive: a date alone keeps the whole of that day.
        const QString until = o->value(QStringLiteral("--until"));
        filter.until = isDateOnly(until) ? parseTime(until).addDays(1) : parseTime(until);
    }

    auto session = Core::Db::Session::open(o->value(QStringLiteral("--db")));
    if (!session) {
        reportError(Name, session.error(), json);
        return ExitError;
    }
    auto records = Core::Db::readTextAudit(**session, filter);
    if (!records) {
        reportError(Name, records.error(), json);
        return ExitError;
    }
    if (json)
        out() << QString::fromStdString(historyJson(*records).dump(2)) << "\n";
    else if (format == u"csv")
        printHistoryCsv(out(), *records);
    else
        printHistoryText(out(), *records);
    return ExitOk;
}

} // namespace Cli
