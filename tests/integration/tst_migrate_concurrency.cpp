// SPDX-License-Identifier: MIT
// `metatable upgrade` processes racing each other, and one killed in the middle of its
// transaction.
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <tests/support/manifestgenerator.h>
#include <tests/support/testsupport.h>

using namespace Core;

namespace {

QString writeManifest(const QTemporaryDir &dir, const QString &name, const Json &json)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::fromStdString(json.dump(2))) < 0)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

ProviderManifest parse(const Json &json)
{
    auto doc = parseManifest(QByteArray::fromStdString(json.dump()), QStringLiteral("generated"));
    if (!doc)
        qFatal("generated manifest does not parse: %s", qPrintable(doc.error().toText()));
    return doc->manifest;
}

void startUpgrade(QProcess &p,
                  const QString &manifest,
                  const QString &conninfo,
                  const QStringList &extra = {})
{
    p.setProgram(TestSupport::cliPath());
    p.setArguments(QStringList{QStringLiteral("upgrade"),
                               manifest,
                               QStringLiteral("--db"),
                               conninfo,
                               QStringLiteral("--yes"),
                               QStringLiteral("--json")}
                   + extra);
    p.start();
}

// Everything an upgrade can write: tables, catalog rows, the Alembic revision.
struct State
{
    QList<Db::DbTable> tables;
    QList<Db::CatalogEntry> catalog;
    std::optional<QString> revision;
    bool operator==(const State &) const = default;
};

State snapshot(Db::Session &s, const ProviderManifest &m)
{
    auto snap = Db::introspect(s, Migrate::introspectOptionsFor(m));
    if (!snap)
        qFatal("introspection failed: %s", qPrintable(snap.error().toText()));
    return State{snap->tables, snap->catalog, snap->alembicRevision};
}

} // namespace

class TestMigrateConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (TestSupport::cliPath().isEmpty())
            QSKIP("METATABLE_CLI is not set: run through ctest");
    }
    void twoUpgradesStartedTogether();
    void killedUpgradeLeavesNothing();
};

void TestMigrateConcurrency::twoUpgradesStartedTogether()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_race");
    QTemporaryDir dir;
    TestSupport::TreeSchemaOptions options;
    options.classCount = 80;
    const QString manifest = writeManifest(
        dir, QStringLiteral("tree.json"), TestSupport::generateTreeManifest(options));

    QProcess a;
    QProcess b;
    startUpgrade(a, manifest, conninfo);
    startUpgrade(b, manifest, conninfo);
    QVERIFY(a.waitForFinished(120000));
    QVERIFY(b.waitForFinished(120000));
    QCOMPARE(a.exitStatus(), QProcess::NormalExit);
    QCOMPARE(b.exitStatus(), QProcess::NormalExit);
    QVERIFY2(a.exitCode() == 0, a.readAllStandardError().constData());
    QVERIFY2(b.exitCode() == 0, b.readAllStandardError().constData());

    const QJsonObject ra = QJsonDocument::fromJson(a.readAllStandardOutput()).object();
    const QJsonObject rb = QJsonDocument::fromJson(b.readAllStandardOutput()).object();
    QStringList statuses{ra.value(QStringLiteral("status")).toString(),
                         rb.value(QStringLiteral("status")).toString()};
    statuses.sort();
    QCOMPARE(statuses, (QStringList{QStringLiteral("applied"), QStringLiteral("nothing_to_do")}));
    QCOMPARE(ra.value(QStringLiteral("revision")), rb.value(QStringLiteral("revision")));
    // Both report the same UIDs for the same tables.
    auto uids = [](const QJsonObject &r) {
        QMap<QString, QString> out;
        for (const QJsonValue &c : r.value(QStringLiteral("classes")).toArray())
            out.insert(c[QStringLiteral("table")].toString(), c[QStringLiteral("uid")].toString());
        return out;
    };
    QCOMPARE(uids(ra).size(), options.classCount);
    QCOMPARE(uids(ra), uids(rb));

    auto s = TestSupport::openSession(conninfo);
    auto rows
        = s->query(QStringLiteral("SELECT count(*), count(DISTINCT (physical_schema, "
                                  "physical_table_name)) FROM metatable_catalog.meta_tables"));
    QVERIFY(rows);
    QCOMPARE(rows->text(0, 0).toInt(), options.classCount);
    QCOMPARE(rows->text(0, 1).toInt(), options.classCount);
}

void TestMigrateConcurrency::killedUpgradeLeavesNothing()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_kill");
    QTemporaryDir dir;
    TestSupport::TreeSchemaOptions options;
    options.classCount = 12;
    const Json v1 = TestSupport::generateTreeManifest(options);
    const Json v2 = TestSupport::changeTreeManifest(v1);
    const QString v2Path = writeManifest(dir, QStringLiteral("v2.json"), v2);

    auto s = TestSupport::openSession(conninfo);
    auto first = Migrate::applyUpgrade(*s, parse(v1), {});
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toText()));
    const State before = snapshot(*s, parse(v2));

    // Hold the first changed table so the upgrade blocks inside its transaction, after its
    // catalog reservations and before its DDL completes.
    auto holder = TestSupport::openSession(conninfo);
    QVERIFY(holder->begin());
    QVERIFY(holder->execute(QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE")
                                .arg(Db::quoteIdentifier(TestSupport::treeTableName(options, 0)))));
    QProcess p;
    startUpgrade(p, v2Path, conninfo, {QStringLiteral("--lock-timeout"), QStringLiteral("0")});
    QVERIFY(p.waitForStarted());

    QString waitingPid;
    QElapsedTimer timer;
    timer.start();
    while (waitingPid.isEmpty() && timer.elapsed() < 30000) {
        auto r = s->query(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE datname = "
                                         "current_database() AND wait_event_type = 'Lock'"));
        QVERIFY(r);
        if (!r->isEmpty())
            waitingPid = r->text(0, 0);
        else
            QThread::msleep(20);
    }
    QVERIFY2(!waitingPid.isEmpty(), "the upgrade never blocked on the held table");
    QCOMPARE(p.state(), QProcess::Running);
    p.kill(); // SIGKILL: no chance to roll back or clean up
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);

    // The server ends the orphaned backend; its transaction rolls back.
    QVERIFY(s->query(QStringLiteral("SELECT pg_terminate_backend($1::int)"), {waitingPid}));
    holder->rollback();
    timer.restart();
    while (timer.elapsed() < 10000) {
        auto r = s->query(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = "
                                         "$1::int"),
                          {waitingPid});
        QVERIFY(r);
        if (r->text(0, 0) == u"0")
            break;
        QThread::msleep(20);
    }
    QCOMPARE(snapshot(*s, parse(v2)), before);

    // The next upgrade completes and leaves nothing to do.
    QProcess again;
    startUpgrade(again, v2Path, conninfo);
    QVERIFY(again.waitForFinished(60000));
    QVERIFY2(again.exitCode() == 0, again.readAllStandardError().constData());
    const QJsonObject r = QJsonDocument::fromJson(again.readAllStandardOutput()).object();
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    auto plan = Migrate::planUpgrade(*s, parse(v2), false);
    QVERIFY(plan);
    QVERIFY(plan->operations.isEmpty());
}

QTEST_GUILESS_MAIN(TestMigrateConcurrency)
#include "tst_migrate_concurrency.moc"
