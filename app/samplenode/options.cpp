// SPDX-License-Identifier: MIT
#include "options.h"

#include <algorithm>
#include <array>
#include <utility>

namespace SampleNode {

namespace {

constexpr std::array<std::pair<BadKind, const char *>, 8> badKinds = {{
    {BadKind::NaiveTimestamp, "naive-timestamp"},
    {BadKind::NonUtcOffset, "non-utc-offset"},
    {BadKind::MissingIndexColumn, "missing-index-column"},
    {BadKind::ExtraColumn, "extra-column"},
    {BadKind::WrongType, "wrong-type"},
    {BadKind::NullInNonNull, "null-in-non-null"},
    {BadKind::DuplicateIndex, "duplicate-index"},
    {BadKind::MalformedLine, "malformed-line"},
}};

tl::unexpected<Core::Error> usage(const QString &message)
{
    return Core::fail(Core::ErrorCode::InvalidInput, message);
}

Core::Result<qint64> integerValue(const QString &option, const QString &text, qint64 minimum)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum)
        return usage(QStringLiteral("%1: expected an integer >= %2, found \"%3\"")
                         .arg(option)
                         .arg(minimum)
                         .arg(text));
    return value;
}

Core::Result<RowFormat> formatValue(const QString &where, const QString &text)
{
    if (text == QLatin1String("ndjson"))
        return RowFormat::Ndjson;
    if (text == QLatin1String("csv"))
        return RowFormat::Csv;
    return usage(
        QStringLiteral("%1: expected \"ndjson\" or \"csv\", found \"%2\"").arg(where, text));
}

Core::Result<QDateTime> startValue(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return usage(QStringLiteral("--start: expected an ISO-8601 timestamp such as "
                                    "2024-01-01T00:00:00Z, found \"%1\"")
                         .arg(text));
    if (t.timeSpec() == Qt::LocalTime)
        return usage(QStringLiteral("--start: \"%1\" has no UTC offset; add Z or +00:00 (the time "
                                    "index of every row is UTC)")
                         .arg(text));
    return t.toUTC();
}

Core::VoidResult checkPlan(const Options &o)
{
    const bool positions = o.badEvery > 0 || !o.badAt.isEmpty();
    if (!o.bad.isEmpty() && !positions)
        return usage(QStringLiteral("--bad needs --bad-every K or --bad-at N to say which rows"));
    if (o.bad.isEmpty() && positions)
        return usage(QStringLiteral("--bad-every and --bad-at need --bad KIND (one of: %1)")
                         .arg(badKindNames().join(QLatin1String(", "))));
    if (o.rows == 0)
        return {};
    for (qint64 row : o.badAt) {
        if (row > o.rows)
            return usage(QStringLiteral("--bad-at %1: only %2 rows are written (--rows)")
                             .arg(row)
                             .arg(o.rows));
    }
    return {};
}

} // namespace

QString badKindName(BadKind kind)
{
    for (const auto &[k, name] : badKinds) {
        if (k == kind)
            return QLatin1String(name);
    }
    return {};
}

std::optional<BadKind> badKindFromName(const QString &name)
{
    for (const auto &[k, n] : badKinds) {
        if (name == QLatin1String(n))
            return k;
    }
    return std::nullopt;
}

QStringList badKindNames()
{
    QStringList names;
    for (const auto &entry : badKinds)
        names << QLatin1String(entry.second);
    return names;
}

std::optional<BadKind> Options::badKindAt(qint64 row) const
{
    const bool every = badEvery > 0 && row % badEvery == 0;
    if (bad.isEmpty() || (!every && !badAt.contains(row)))
        return std::nullopt;
    // Bad rows, in order, take the --bad kinds in turn: count the bad rows up to this one.
    qint64 ordinal = badEvery > 0 ? row / badEvery : 0;
    for (qint64 r : badAt) {
        if (r <= row && !(badEvery > 0 && r % badEvery == 0))
            ++ordinal;
    }
    return bad.at(static_cast<qsizetype>((ordinal - 1) % bad.size()));
}

Core::Result<Options> parseOptions(const QStringList &args, const QString &envFormat)
{
    Options o;
    if (!envFormat.isEmpty()) {
        auto f = formatValue(QStringLiteral("METATABLE_ROW_FORMAT"), envFormat);
        if (!f)
            return tl::unexpected(f.error());
        o.format = *f;
    }
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString option = args.at(i);
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = option.indexOf(QLatin1Char('='));
            option.startsWith(QLatin1String("--")) && eq > 0) {
            value = option.mid(eq + 1);
            option = option.left(eq);
            hasValue = true;
        }
        if (option == QLatin1String("--help") || option == QLatin1String("-h")) {
            o.help = true;
            continue;
        }
        static const QStringList valued = {
            QStringLiteral("--rows"),
            QStringLiteral("--format"),
            QStringLiteral("--seed"),
            QStringLiteral("--start"),
            QStringLiteral("--entities"),
            QStringLiteral("--bad"),
            QStringLiteral("--bad-every"),
            QStringLiteral("--bad-at"),
            QStringLiteral("--fail-after"),
            QStringLiteral("--sleep-ms"),
        };
        if (!valued.contains(option))
            return usage(QStringLiteral("unknown option \"%1\" (see --help)").arg(args.at(i)));
        if (!hasValue) {
            if (i + 1 >= args.size())
                return usage(QStringLiteral("%1 needs a value").arg(option));
            value = args.at(++i);
        }
        Core::VoidResult ok;
        auto assignInt = [&](qint64 minimum, auto &&store) {
            const auto v = integerValue(option, value, minimum);
            if (!v)
                ok = tl::unexpected(v.error());
            else
                store(*v);
        };
        if (option == QLatin1String("--rows")) {
            assignInt(0, [&](qint64 v) { o.rows = v; });
        } else if (option == QLatin1String("--format")) {
            const auto f = formatValue(option, value);
            if (!f)
                return tl::unexpected(f.error());
            o.format = *f;
        } else if (option == QLatin1String("--seed")) {
            bool parsed = false;
            const quint64 s = value.toULongLong(&parsed);
            if (!parsed)
                return usage(QStringLiteral("--seed: expected a non-negative integer, found \"%1\"")
                                 .arg(value));
            o.seed = s;
        } else if (option == QLatin1String("--start")) {
            const auto t = startValue(value);
            if (!t)
                return tl::unexpected(t.error());
            o.start = *t;
        } else if (option == QLatin1String("--entities")) {
            assignInt(
                1, [&](qint64 v) { o.entities = static_cast<int>(std::min<qint64>(v, 1000000)); });
        } else if (option == QLatin1String("--bad")) {
            const auto kind = badKindFromName(value);
            if (!kind)
                return usage(QStringLiteral("--bad: unknown kind \"%1\"; expected one of: %2")
                                 .arg(value, badKindNames().join(QLatin1String(", "))));
            o.bad << *kind;
        } else if (option == QLatin1String("--bad-every")) {
            assignInt(1, [&](qint64 v) { o.badEvery = v; });
        } else if (option == QLatin1String("--bad-at")) {
            assignInt(1, [&](qint64 v) { o.badAt << v; });
        } else if (option == QLatin1String("--fail-after")) {
            assignInt(0, [&](qint64 v) { o.failAfter = v; });
        } else if (option == QLatin1String("--sleep-ms")) {
            assignInt(
                0, [&](qint64 v) { o.sleepMs = static_cast<int>(std::min<qint64>(v, 3600000)); });
        }
        if (!ok)
            return tl::unexpected(ok.error());
    }
    std::sort(o.badAt.begin(), o.badAt.end());
    o.badAt.erase(std::unique(o.badAt.begin(), o.badAt.end()), o.badAt.end());
    if (auto ok = checkPlan(o); !ok)
        return tl::unexpected(ok.error());
    return o;
}

QString usageText()
{
    return QStringLiteral(
               "Usage: metatable-sample-node [options]\n"
               "\n"
               "Writes deterministic rows for the time-indexed storage contract named by\n"
               "METATABLE_CONTRACT_FILE (one STORAGE_CLASS object of a provider manifest) to\n"
               "standard output, reading the node configuration from METATABLE_CONFIG_FILE.\n"
               "Logs go to standard error.\n"
               "\n"
               "  --rows N            rows to write (default 100)\n"
               "  --format F          ndjson or csv (default: METATABLE_ROW_FORMAT, else ndjson)\n"
               "  --seed S            value seed (default: derived from the configuration)\n"
               "  --start ISO         first timestamp, with Z or an offset (default "
               "2024-01-01T00:00:00Z);\n"
               "                      steps by the contract's cadence, else 1d\n"
               "  --entities E        index tuples per timestamp (default 3)\n"
               "  --bad KIND          write a row that breaks one rule; repeatable, the kinds are\n"
               "                      used in turn: %1\n"
               "  --bad-every K       every K-th row is bad\n"
               "  --bad-at N          row N (1-based) is bad; repeatable\n"
               "  --fail-after N      stop after N rows and exit with status 3\n"
               "  --sleep-ms MS       pause between rows (output is flushed per row)\n"
               "\n"
               "Exit status: 0 all rows written, 1 bad environment or contract, 2 usage error,\n"
               "3 failed on purpose (--fail-after).\n")
        .arg(badKindNames().join(QLatin1String(", ")));
}

} // namespace SampleNode
