// SPDX-License-Identifier: MIT
// bench-diff: introspect + diff + render of a 1,000-class schema after a 10 % change, against
// Alembic's compare_metadata(compare_type=True) on the same database.
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
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

#include <tests/support/manifestgenerator.h>

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
    return 1;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

QString option(const QStringList &args, const QString &name, const QString &fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString server = option(args, QStringLiteral("--db"), QString());
    if (server.isEmpty())
        return die(QStringLiteral("usage: bench-diff --db CONNINFO [--classes N] [--runs N] "
                                  "[--alembic-runs N] [--python PATH] [--script PATH]"));
    const int classes = option(args, QStringLiteral("--classes"), QStringLiteral("1000")).toInt();
    const int runs = option(args, QStringLiteral("--runs"), QStringLiteral("7")).toInt();
    const QString alembicRuns = option(args, QStringLiteral("--alembic-runs"), QStringLiteral("3"));
    const QString python
        = option(args, QStringLiteral("--python"), QStringLiteral("/usr/bin/python3"));
    const QString script = option(args, QStringLiteral("--script"), QString());

    // A database of its own, recreated each run.
    const QString dbName = QStringLiteral("metatable_bench_diff");
    {
        auto admin = Db::Session::open(server);
        if (!admin)
            return die(admin.error().toText());
        for (const QString &sql : {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)"),
                                   QStringLiteral("CREATE DATABASE %1")}) {
            if (auto r = (*admin)->execute(sql.arg(dbName)); !r)
                return die(r.error().toText());
        }
    }
    const QString conninfo = server + QStringLiteral(" dbname=") + dbName;
    auto session = Db::Session::open(conninfo);
    if (!session)
        return die(session.error().toText());
    Db::Session &s = **session;

    TestSupport::TreeSchemaOptions tree;
    tree.classCount = classes;
    const Json v1json = TestSupport::generateTreeManifest(tree);
    QStringList changed;
    const Json v2json = TestSupport::changeTreeManifest(v1json, &changed);
    auto v1 = parseManifest(QByteArray::fromStdString(v1json.dump()), QStringLiteral("v1"));
    auto v2 = parseManifest(QByteArray::fromStdString(v2json.dump()), QStringLiteral("v2"));
    if (!v1 || !v2)
        return die(QStringLiteral("generated manifest does not parse"));

    QElapsedTimer timer;
    timer.start();
    auto applied = Migrate::applyUpgrade(s, v1->manifest, {});
    if (!applied)
        return die(applied.error().toText());
    out() << "schema: " << classes << " storage classes (10 columns, 2 indexes, 1 FK each), "
          << applied->statementsExecuted << " statements applied in " << timer.elapsed() << " ms\n";
    out() << "change: " << changed.size() << " classes changed (column added, varchar widened, "
          << "index added)\n";
    out().flush();

    QList<double> times;
    qsizetype operations = 0;
    qsizetype scriptSize = 0;
    const Db::IntrospectOptions options = Migrate::introspectOptionsFor(v2->manifest);
    for (int i = 0; i < std::max(1, runs); ++i) {
        QElapsedTimer t;
        t.start();
        auto snapshot = Db::introspect(s, options);
        if (!snapshot)
            return die(snapshot.error().toText());
        auto diffed = Migrate::diffManifest(s, v2->manifest, *snapshot);
        if (!diffed)
            return die(diffed.error().toText());
        const Migrate::Plan &plan = *diffed;
        const QString sql = Migrate::renderSqlScript(plan);
        times.append(double(t.nsecsElapsed()) / 1e6);
        operations = plan.operations.size();
        scriptSize = sql.size();
    }
    const double console = median(times);
    out() << "console: introspect + diff + render, median of " << times.size()
          << " runs: " << QString::number(console, 'f', 1) << " ms (" << operations
          << " operations, " << scriptSize << " characters of SQL)\n";
    out().flush();

    QTemporaryDir dir;
    const QString manifestPath = dir.filePath(QStringLiteral("v2.json"));
    QFile f(manifestPath);
    if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::fromStdString(v2json.dump())) < 0)
        return die(QStringLiteral("cannot write %1").arg(manifestPath));
    f.close();
    const QString scriptPath = script.isEmpty() ? QCoreApplication::applicationDirPath()
                                                      + QStringLiteral("/alembic_compare.py")
                                                : script;
    QProcess py;
    py.start(python,
             {scriptPath,
              QStringLiteral("--manifest"),
              manifestPath,
              QStringLiteral("--dsn"),
              conninfo,
              QStringLiteral("--runs"),
              alembicRuns});
    if (!py.waitForFinished(30 * 60 * 1000) || py.exitCode() != 0)
        return die(QStringLiteral("the Alembic script failed: %1")
                       .arg(QString::fromUtf8(py.readAllStandardError())));
    const QJsonObject alembic = QJsonDocument::fromJson(py.readAllStandardOutput()).object();
    const double alembicMs = alembic.value(QStringLiteral("median_ms")).toDouble();
    out() << "alembic " << alembic.value(QStringLiteral("alembic")).toString() << " / sqlalchemy "
          << alembic.value(QStringLiteral("sqlalchemy")).toString()
          << ": compare_metadata(compare_type=True), median of " << alembicRuns
          << " runs: " << QString::number(alembicMs, 'f', 1) << " ms ("
          << alembic.value(QStringLiteral("differences")).toInt() << " differences)\n";
    const double ratio = console > 0 ? alembicMs / console : 0;
    out() << "ratio: console is " << QString::number(ratio, 'f', 1) << "x faster than Alembic\n";
    const bool met = console < 1000.0 && ratio >= 30.0;
    out() << "target (< 1000 ms and >= 30x): " << (met ? "met" : "NOT met") << "\n";
    out().flush();
    return met ? 0 : 1;
}
