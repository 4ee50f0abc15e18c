// SPDX-License-Identifier: MIT
// bench-ingest: the row path of a node run on rows written by metatable-sample-node (5 M rows
// of time_index, entity_identifier and three float columns). Each measurement runs in a fresh
// child process of this program, so its peak resident memory is its own.
//
// Sides measured today: parse + validate alone, one thread, NDJSON and CSV, at 1 M and 5 M rows;
// and the NDJSON parser candidates side by side. The writer (COPY into PostgreSQL) and the
// psql \copy and pandas references are further sides of the same run once the writer exists.
#include "parsercompare.h"

#include <core/manifest/manifestio.h>
#include <core/run/rowparser.h>
#include <core/run/rowvalidator.h>
#include <core/util/atomicfile.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <chrono>
#include <cstdio>

#include <fcntl.h>
#include <sched.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

namespace {

using namespace Core::Run;

struct Settings
{
    QList<qint64> rows = {1000000, 5000000};
    qint64 compareRows = 1000000;
    QString work = QDir::temp().filePath(QStringLiteral("metatable-bench-ingest"));
    double targetRowsPerSecond = 1.5e6;
    double targetRssMb = 200;
};

void die(const QString &message)
{
    std::fprintf(stderr, "bench-ingest: %s\n", qPrintable(message));
    std::exit(2);
}

Core::StorageClass loadClass()
{
    const auto bytes = Core::readWholeFile(QStringLiteral(METATABLE_BENCH_CLASS));
    if (!bytes)
        die(bytes.error().message);
    const auto sc = Core::storageClassFromJson(Core::Json::parse(bytes->toStdString()),
                                               QStringLiteral(METATABLE_BENCH_CLASS));
    if (!sc)
        die(sc.error().message);
    return *sc;
}

// rows-N.FORMAT in the work folder, written by the sample node unless a previous run left it.
QString dataFile(const Settings &s, qint64 rows, const QString &format)
{
    const QString path = QDir(s.work).filePath(QStringLiteral("rows-%1.%2").arg(rows).arg(format));
    if (QFileInfo::exists(path))
        return path;
    QDir().mkpath(s.work);
    const QString config = QDir(s.work).filePath(QStringLiteral("config.json"));
    {
        QFile f(config);
        if (!f.open(QIODevice::WriteOnly) || f.write("{}") != 2)
            die(QStringLiteral("cannot write %1").arg(config));
    }
    std::fprintf(stderr,
                 "bench-ingest: writing %lld %s rows with metatable-sample-node...\n",
                 rows,
                 qPrintable(format));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("METATABLE_CONTRACT_FILE"), QStringLiteral(METATABLE_BENCH_CLASS));
    env.insert(QStringLiteral("METATABLE_CONFIG_FILE"), config);
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(path + QStringLiteral(".part"));
    p.setStandardErrorFile(QProcess::nullDevice());
    // 100 entities per minute: 5 M rows span about 35 days.
    p.start(QStringLiteral(METATABLE_SAMPLE_NODE),
            {QStringLiteral("--rows"),
             QString::number(rows),
             QStringLiteral("--format"),
             format,
             QStringLiteral("--entities"),
             QStringLiteral("100"),
             QStringLiteral("--seed"),
             QStringLiteral("1")});
    if (!p.waitForFinished(-1) || p.exitCode() != 0)
        die(QStringLiteral("metatable-sample-node failed writing %1").arg(path));
    if (!QFile::rename(path + QStringLiteral(".part"), path))
        die(QStringLiteral("cannot rename to %1").arg(path));
    return path;
}

double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

class NullWriter : public AcceptedRowSink
{
public:
    std::size_t bytes = 0;
    void accepted(std::string_view copyLine, std::int64_t) override { bytes += copyLine.size(); }
};

// Child: parse + validate FILE as FORMAT, read in 64 KiB chunks as from a pipe; one JSON line.
int measure(const QString &format, const QString &path)
{
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    sched_setaffinity(0, sizeof one, &one); // one core, and no migrations mid-measurement
    const Core::StorageClass sc = loadClass();
    NullWriter writer;
    auto validator = RowValidator::create(sc, writer);
    if (!validator)
        die(validator.error().message);
    auto parser = makeRowParser(
        *rowFormatFromName(format.toStdString()), validator->columnNames(), *validator);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        die(QStringLiteral("cannot open %1").arg(path));
    std::vector<char> buffer(65536);
    const auto start = std::chrono::steady_clock::now();
    const double cpu0 = cpuSeconds();
    while (true) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n <= 0)
            break;
        parser->feed(std::string_view(buffer.data(), std::size_t(n)));
    }
    parser->finish();
    const double cpu = cpuSeconds() - cpu0;
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ::close(fd);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const QJsonObject result{
        {QStringLiteral("rows"), double(validator->rowsRead())},
        {QStringLiteral("accepted"), double(validator->rowsAccepted())},
        {QStringLiteral("rejected"), double(validator->rejects().total())},
        {QStringLiteral("wall"), wall},
        {QStringLiteral("cpu"), cpu},
        {QStringLiteral("maxrss_kb"), double(usage.ru_maxrss)},
        {QStringLiteral("grain_set_bytes"), double(validator->grainSetBytes())},
        {QStringLiteral("copy_bytes"), double(writer.bytes)},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

int compare(const QString &path, qint64 rows)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        die(QStringLiteral("cannot open %1").arg(path));
    QByteArray data = f.readAll();
    const Core::StorageClass sc = loadClass();
    std::vector<std::string> columns;
    for (const Core::Column &c : sc.registration.columns)
        columns.push_back(c.name.toStdString());
    std::printf("NDJSON parsers, parse only (keys mapped to columns, values as text), %lld rows, "
                "%.0f MB in memory, best of 3:\n",
                rows,
                double(data.size()) / 1e6);
    std::vector<ParserFigure> best;
    for (int round = 0; round < 3; ++round) {
        const auto figures = compareNdjsonParsers(data, columns);
        if (best.empty())
            best = figures;
        for (std::size_t i = 0; i < figures.size(); ++i) {
            if (figures[i].seconds < best[i].seconds)
                best[i] = figures[i];
        }
    }
    for (const ParserFigure &p : best)
        std::printf("  %-62s %6.3f s  %5.2f M rows/s  (%lld rows)\n",
                    qPrintable(p.name),
                    p.seconds,
                    double(p.rows) / p.seconds / 1e6,
                    p.rows);
    return 0;
}

// Runs this program again with `args` and returns what it printed.
QByteArray runChild(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QCoreApplication::applicationFilePath(), args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0)
        die(QStringLiteral("measurement %1 failed").arg(args.join(QLatin1Char(' '))));
    return p.readAllStandardOutput();
}

Settings parseArgs(const QStringList &args)
{
    Settings s;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto value = [&]() {
            if (i + 1 >= args.size())
                die(QStringLiteral("%1 needs a value").arg(a));
            return args.at(++i);
        };
        if (a == QLatin1String("--rows")) {
            s.rows.clear();
            for (const QString &n : value().split(QLatin1Char(',')))
                s.rows << n.toLongLong();
        } else if (a == QLatin1String("--compare-rows")) {
            s.compareRows = value().toLongLong();
        } else if (a == QLatin1String("--work")) {
            s.work = value();
        } else {
            die(QStringLiteral("unknown option %1; usage: bench-ingest [--rows 1000000,5000000] "
                               "[--compare-rows N] [--work DIR]")
                    .arg(a));
        }
    }
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() == 3 && args.first() == QLatin1String("--measure"))
        return measure(args.at(1), args.at(2));
    if (args.size() == 3 && args.first() == QLatin1String("--compare"))
        return compare(args.at(1), args.at(2).toLongLong());
    const Settings s = parseArgs(args);

    // Data first, so the sample node's progress lines do not cut into the tables.
    for (const qint64 rows : s.rows) {
        dataFile(s, rows, QStringLiteral("ndjson"));
        dataFile(s, rows, QStringLiteral("csv"));
    }
    std::printf("bench-ingest: rows from metatable-sample-node (%s), in %s\n\n",
                METATABLE_BENCH_CLASS,
                qPrintable(s.work));
    std::fputs(runChild({QStringLiteral("--compare"),
                         dataFile(s, s.compareRows, QStringLiteral("ndjson")),
                         QString::number(s.compareRows)})
                   .constData(),
               stdout);
    std::printf("\nparse + validate, one thread, 64 KiB reads from a file, each in a fresh process "
                "(target %.1f M rows/s, peak RSS < %.0f MB):\n",
                s.targetRowsPerSecond / 1e6,
                s.targetRssMb);
    std::printf("  %-7s %9s %8s %8s %12s %10s %12s  %s\n",
                "format",
                "rows",
                "wall s",
                "cpu s",
                "M rows/s",
                "peak MB",
                "grain set MB",
                "target");
    bool met = true;
    for (const QString &format : {QStringLiteral("ndjson"), QStringLiteral("csv")}) {
        for (const qint64 rows : s.rows) {
            const QJsonObject r
                = QJsonDocument::fromJson(
                      runChild({QStringLiteral("--measure"), format, dataFile(s, rows, format)}))
                      .object();
            const double rate
                = r[QStringLiteral("rows")].toDouble() / r[QStringLiteral("wall")].toDouble();
            const double rssMb = r[QStringLiteral("maxrss_kb")].toDouble() / 1024.0;
            const bool ok = rate >= s.targetRowsPerSecond && rssMb < s.targetRssMb
                            && r[QStringLiteral("rejected")].toDouble() == 0;
            met = met && ok;
            std::printf("  %-7s %9.0f %8.3f %8.3f %12.2f %10.1f %12.1f  %s\n",
                        qPrintable(format),
                        r[QStringLiteral("rows")].toDouble(),
                        r[QStringLiteral("wall")].toDouble(),
                        r[QStringLiteral("cpu")].toDouble(),
                        rate / 1e6,
                        rssMb,
                        r[QStringLiteral("grain_set_bytes")].toDouble() / 1048576.0,
                        ok ? "met" : "NOT MET");
        }
    }
    std::printf("\ntargets: %s\n", met ? "met" : "not met");
    return met ? 0 : 1;
}
