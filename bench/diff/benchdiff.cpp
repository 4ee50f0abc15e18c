// SPDX-License-Identifier: MIT
// bench-diff: `metatable diff MANIFEST --db CONNINFO` on a 1,000-class schema after a 10 % change,
// timed as a whole process the way a user runs it, against Alembic's compare_metadata in a whole
// `python3 alembic_compare.py` process, for each Alembic / SQLAlchemy given with --peer.
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>
#include <core/migrate/diff.h>
#include <core/migrate/render.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <tests/support/manifestgenerator.h>
#include <time.h>

using namespace Core;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

int die(const QString &message)
{
    QTextStream(stderr) << "bench-diff: " << message << "\n";
    return 2;
}

QString option(const QStringList &args, const QString &name, const QString &fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

QStringList options(const QStringList &args, const QString &name)
{
    QStringList values;
    for (qsizetype i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == name)
            values.append(args[++i]);
    }
    return values;
}

struct Stats
{
    double min = 0, median = 0, max = 0;
};

Stats stats(QList<double> values)
{
    if (values.isEmpty())
        return {};
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    const double mid = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    return {values.first(), mid, values.last()};
}

QString ms(double value)
{
    return QString::number(value, 'f', value < 100 ? 1 : 0);
}

QString range(const Stats &s)
{
    return ms(s.min) + QStringLiteral(" / **") + ms(s.median) + QStringLiteral("** / ") + ms(s.max);
}

double seconds(const timespec &t)
{
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

double cpuMs(const rusage &u)
{
    return (double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3)
           + (double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3);
}

struct Finished
{
    int exitCode = -1;
    double wallMs = 0;
    double cpuMs = 0; // user + system of the child itself, not of the server it talks to
    QString errors;   // its stderr
};

// Starts `argv` with `environment`, stdout to `stdoutPath`, and waits. posix_spawn + wait4
// rather than QProcess: no event loop or pipes in the measured interval, and wait4 gives the
// child's own CPU time.
std::optional<Finished> run(const QStringList &argv,
                            const QStringList &environment,
                            const QString &stdoutPath,
                            const QString &stderrPath,
                            QString *why)
{
    std::vector<QByteArray> argBytes, envBytes;
    for (const QString &a : argv)
        argBytes.push_back(a.toLocal8Bit());
    for (const QString &e : environment)
        envBytes.push_back(e.toLocal8Bit());
    std::vector<char *> cargv, cenv;
    for (QByteArray &a : argBytes)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    for (QByteArray &e : envBytes)
        cenv.push_back(e.data());
    cenv.push_back(nullptr);
    const QByteArray outPath = stdoutPath.toLocal8Bit(), errPath = stderrPath.toLocal8Bit();

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(
        &actions, 1, outPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(
        &actions, 2, errPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    timespec started{}, ended{};
    clock_gettime(CLOCK_MONOTONIC, &started);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), cenv.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        *why = QStringLiteral("cannot start %1: %2").arg(argv.first(), qt_error_string(spawned));
        return std::nullopt;
    }
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            *why = QStringLiteral("wait4: %1").arg(qt_error_string(errno));
            return std::nullopt;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &ended);

    Finished f;
    f.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    f.wallMs = (seconds(ended) - seconds(started)) * 1e3;
    f.cpuMs = cpuMs(usage);
    QFile err(stderrPath);
    if (err.open(QIODevice::ReadOnly))
        f.errors = QString::fromLocal8Bit(err.readAll()).trimmed();
    return f;
}

// One measured command: the console, its process floor, or one Alembic / SQLAlchemy.
struct Side
{
    QString name;
    QStringList argv;
    QStringList environment;
    QList<int> okExitCodes;
    QString reportPath; // the Alembic script's own timings, re-read after each run
    QList<double> wall, cpu, inProcess;
    QJsonObject report; // the last one
    QMap<QString, QList<double>> phases;
};

Side side(const QString &name,
          const QStringList &argv,
          const QStringList &environment,
          int okExitCode,
          const QString &reportPath = {})
{
    Side s;
    s.name = name;
    s.argv = argv;
    s.environment = environment;
    s.okExitCodes = {okExitCode};
    s.reportPath = reportPath;
    return s;
}

// The Alembic script's phases, in the order they happen.
const QStringList Phases{QStringLiteral("imports_ms"),
                         QStringLiteral("manifest_ms"),
                         QStringLiteral("connect_ms"),
                         QStringLiteral("compare_ms"),
                         QStringLiteral("print_ms")};

// Runs a side once; `stdoutPath` is /dev/null for timed runs, as a user discarding the output.
bool runSide(
    Side &s, const QString &stdoutPath, const QString &stderrPath, bool timed, QString *why)
{
    auto f = run(s.argv, s.environment, stdoutPath, stderrPath, why);
    if (!f)
        return false;
    if (!s.okExitCodes.contains(f->exitCode) || !f->errors.isEmpty()) {
        *why = QStringLiteral("%1 exited with %2: %3")
                   .arg(s.argv.join(u' '))
                   .arg(f->exitCode)
                   .arg(f->errors);
        return false;
    }
    if (!s.reportPath.isEmpty()) {
        QFile file(s.reportPath);
        if (!file.open(QIODevice::ReadOnly)) {
            *why = QStringLiteral("%1 wrote no report").arg(s.name);
            return false;
        }
        s.report = QJsonDocument::fromJson(file.readAll()).object();
        if (timed) {
            s.inProcess.append(s.report.value(QStringLiteral("compare_ms")).toDouble());
            for (const QString &phase : Phases)
                s.phases[phase].append(s.report.value(phase).toDouble());
        }
    }
    if (timed) {
        s.wall.append(f->wallMs);
        s.cpu.append(f->cpuMs);
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString server = option(args, QStringLiteral("--db"), QString());
    const QString metatable
        = option(args, QStringLiteral("--metatable"), QStringLiteral(METATABLE_CLI));
    const QStringList peers = options(args, QStringLiteral("--peer"));
    if (server.isEmpty() || metatable.isEmpty() || peers.isEmpty())
        return die(QStringLiteral(
            "usage: bench-diff --db CONNINFO --peer PYTHONPATH [--peer ...] [--classes N] "
            "[--runs N] [--target X] [--metatable PATH] [--python PATH] [--script PATH] "
            "[--label TEXT] [--save-manifest PATH]\n"
            "  --peer: the PYTHONPATH of one Alembic / SQLAlchemy; the first is the headline"));
    const int classes = option(args, QStringLiteral("--classes"), QStringLiteral("1000")).toInt();
    const int runs
        = std::max(1, option(args, QStringLiteral("--runs"), QStringLiteral("7")).toInt());
    const double target = option(args, QStringLiteral("--target"), QStringLiteral("20")).toDouble();
    const QString python
        = option(args, QStringLiteral("--python"), QStringLiteral("/usr/bin/python3"));
    const QString script
        = option(args,
                 QStringLiteral("--script"),
                 QCoreApplication::applicationDirPath() + QStringLiteral("/alembic_compare.py"));
    const QString label = option(args, QStringLiteral("--label"), QStringLiteral("metatable"));

    // A database of its own, recreated each run.
    const QString dbName = QStringLiteral("metatable_bench_diff");
    QString serverVersion;
    {
        auto admin = Db::Session::open(server);
        if (!admin)
            return die(admin.error().toText());
        for (const QString &sql : {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)"),
                                   QStringLiteral("CREATE DATABASE %1")}) {
            if (auto r = (*admin)->execute(sql.arg(dbName)); !r)
                return die(r.error().toText());
        }
        if (auto r = (*admin)->query(QStringLiteral("SHOW server_version")); r && !r->isEmpty())
            serverVersion = r->text(0, 0);
    }
    const QString conninfo = server + QStringLiteral(" dbname=") + dbName;

    TestSupport::TreeSchemaOptions tree;
    tree.classCount = classes;
    const Json v1json = TestSupport::generateTreeManifest(tree);
    QStringList changed;
    const Json v2json = TestSupport::changeTreeManifest(v1json, &changed);
    const QByteArray v2text = QByteArray::fromStdString(v2json.dump(2));
    auto v1 = parseManifest(QByteArray::fromStdString(v1json.dump()), QStringLiteral("v1"));
    auto v2 = parseManifest(v2text, QStringLiteral("v2"));
    if (!v1 || !v2)
        return die(QStringLiteral("generated manifest does not parse"));

    QTemporaryDir dir;
    if (!dir.isValid())
        return die(QStringLiteral("no temporary directory: %1").arg(dir.errorString()));
    // Indented like a provider's exported manifest, which is what users hand to the CLI.
    const QString manifestPath = dir.filePath(QStringLiteral("v2.json"));
    {
        QFile f(manifestPath);
        if (!f.open(QIODevice::WriteOnly) || f.write(v2text) != v2text.size())
            return die(QStringLiteral("cannot write %1").arg(manifestPath));
    }
    // A copy to profile `metatable diff` with afterwards (the database stays until the server
    // goes).
    if (const QString keep = option(args, QStringLiteral("--save-manifest"), QString());
        !keep.isEmpty()) {
        QFile::remove(keep);
        if (!QFile::copy(manifestPath, keep))
            return die(QStringLiteral("cannot write %1").arg(keep));
    }

    {
        auto session = Db::Session::open(conninfo);
        if (!session)
            return die(session.error().toText());
        QElapsedTimer timer;
        timer.start();
        auto applied = Migrate::applyUpgrade(**session, v1->manifest, {});
        if (!applied)
            return die(applied.error().toText());
        out() << "schema: " << classes << " storage classes (10 columns, 2 indexes, 1 FK each), "
              << applied->statementsExecuted << " statements applied in " << timer.elapsed()
              << " ms\n";
    }
    out() << "change: " << changed.size() << " classes changed (column added, varchar widened, "
          << "index added); manifest " << QString::number(double(v2text.size()) / 1e6, 'f', 1)
          << " MB\n";
    out().flush();

    // The sides. Each Alembic process gets the PYTHONPATH of its peer and nothing else changed.
    const QProcessEnvironment base = QProcessEnvironment::systemEnvironment();
    Side console
        = side(QStringLiteral("console"),
               {metatable, QStringLiteral("diff"), manifestPath, QStringLiteral("--db"), conninfo},
               base.toStringList(),
               1); // the exit status of a plan that is not empty
    Side versionOnly = side(QStringLiteral("metatable --version"),
                            {metatable, QStringLiteral("--version")},
                            base.toStringList(),
                            0);
    std::vector<Side> alembic;
    for (qsizetype i = 0; i < peers.size(); ++i) {
        QProcessEnvironment env = base;
        env.insert(QStringLiteral("PYTHONPATH"), peers[i]);
        const QString report = dir.filePath(QStringLiteral("alembic-%1.json").arg(i));
        alembic.push_back(side(QStringLiteral("alembic #%1").arg(i + 1),
                               {python,
                                script,
                                QStringLiteral("--manifest"),
                                manifestPath,
                                QStringLiteral("--dsn"),
                                conninfo,
                                QStringLiteral("--report"),
                                report},
                               env.toStringList(),
                               0,
                               report));
    }
    std::vector<Side *> sides{&console, &versionOnly};
    for (Side &s : alembic)
        sides.push_back(&s);

    // Warm-up, untimed: every side then finds its binaries, libraries, bytecode and the
    // server's catalog in cache. The console's output is kept to show what was measured.
    QString why;
    const QString errPath = dir.filePath(QStringLiteral("stderr.txt"));
    const QString consoleOutput = dir.filePath(QStringLiteral("console.txt"));
    for (Side *s : sides) {
        const QString sink = s == &console ? consoleOutput : QStringLiteral("/dev/null");
        if (!runSide(*s, sink, errPath, false, &why))
            return die(why);
    }
    QFile consoleText(consoleOutput);
    const qint64 consoleBytes = consoleText.size();

    // Interleaved rounds, so that load from other work on the machine falls on every side alike.
    for (int round = 0; round < runs; ++round) {
        for (Side *s : sides) {
            if (!runSide(*s, QStringLiteral("/dev/null"), errPath, true, &why))
                return die(why);
        }
    }

    // The engine alone in this process on a warm session, as the earlier benchmark reported it:
    // introspect + diff + render of the SQL script, without process start, manifest reading,
    // connecting or the risk queries.
    qsizetype operations = 0;
    {
        auto session = Db::Session::open(conninfo);
        if (!session)
            return die(session.error().toText());
        const Db::IntrospectOptions introspectOptions = Migrate::introspectOptionsFor(v2->manifest);
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            auto snapshot = Db::introspect(**session, introspectOptions);
            if (!snapshot)
                return die(snapshot.error().toText());
            auto diffed = Migrate::diffManifest(**session, v2->manifest, *snapshot);
            if (!diffed)
                return die(diffed.error().toText());
            const Migrate::Plan &plan = *diffed;
            const QString sql = Migrate::renderSqlScript(plan);
            console.inProcess.append(double(t.nsecsElapsed()) / 1e6);
            operations = plan.operations.size();
        }
    }

    const Stats consoleWall = stats(console.wall);
    const Stats consoleIn = stats(console.inProcess);
    out() << "\nversions: " << label << "; PostgreSQL " << serverVersion << "; Python "
          << alembic.front().report.value(QStringLiteral("python")).toString() << "\n";
    out() << "runs: 1 untimed warm-up per side, then " << runs
          << " interleaved rounds (console, `metatable --version`, each Alembic in turn); "
          << "min / **median** / max in ms, wall clock per run\n\n";
    out() << "| side | whole process | CPU user+sys (median) | in-process | whole-process "
             "ratio | in-process ratio |\n";
    out() << "| --- | --- | --- | --- | --- | --- |\n";
    out() << "| `metatable diff` (" << operations << " operations, " << consoleBytes
          << " bytes of text) | " << range(consoleWall) << " | " << ms(stats(console.cpu).median)
          << " | " << range(consoleIn)
          << " (introspect + diff + render, warm session) | 1x | 1x |\n";
    for (const Side &s : alembic) {
        const Stats wall = stats(s.wall);
        const Stats in = stats(s.inProcess);
        out() << "| Alembic " << s.report.value(QStringLiteral("alembic")).toString()
              << " / SQLAlchemy " << s.report.value(QStringLiteral("sqlalchemy")).toString() << " ("
              << s.report.value(QStringLiteral("differences")).toInt() << " differences) | "
              << range(wall) << " | " << ms(stats(s.cpu).median) << " | " << range(in)
              << " (compare_metadata) | "
              << QString::number(wall.median / consoleWall.median, 'f', 1) << "x | "
              << QString::number(in.median / consoleIn.median, 'f', 1) << "x |\n";
    }
    out() << "| `metatable --version` (process floor) | " << range(stats(versionOnly.wall)) << " | "
          << ms(stats(versionOnly.cpu).median) << " | | | |\n\n";
    for (const Side &s : alembic) {
        out() << "Alembic " << s.report.value(QStringLiteral("alembic")).toString()
              << " phases (median ms, from the script's first line): ";
        QStringList parts;
        for (const QString &phase : Phases)
            parts.append(QString(phase).remove(QStringLiteral("_ms")) + QStringLiteral(" ")
                         + ms(stats(s.phases.value(phase)).median));
        out() << parts.join(QStringLiteral(", ")) << "\n";
    }

    const double ratio = stats(alembic.front().wall).median / consoleWall.median;
    const bool met = ratio >= target;
    out() << "\nheadline: whole `metatable diff` process is " << QString::number(ratio, 'f', 1)
          << "x faster than the whole Alembic "
          << alembic.front().report.value(QStringLiteral("alembic")).toString() << " process"
          << " (median vs median)\n";
    out() << "target (>= " << target << "x): " << (met ? "met" : "NOT met") << "\n";
    out().flush();
    return met ? 0 : 1;
}
