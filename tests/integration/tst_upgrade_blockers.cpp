// SPDX-License-Identifier: MIT
// An upgrade counts what its DDL would meet before it runs any: a counted blocker (NULLs before
// SET NOT NULL, duplicates before a unique index) is refused with the count, the table and the
// safer way, without a table lock stronger than ACCESS SHARE. And the CLI's exit statuses tell
// "changes pending" from "could not check".
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>

#include <QProcess>
#include <QtTest>

#include <atomic>
#include <functional>
#include <thread>

#include <tests/support/manifestgenerator.h>
#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Migrate;

namespace {

// Rows inserted before the v2 upgrade: 3 NULL labels, and quantity 0 or 1, so a unique index
// over quantity meets 10 - 2 = 8 duplicates.
constexpr int NullLabels = 3;
constexpr int Duplicates = 8;

ProviderManifest parse(const Json &json)
{
    auto doc = parseManifest(QByteArray::fromStdString(json.dump()), QStringLiteral("generated"));
    if (!doc)
        qFatal("generated manifest does not parse: %s", qPrintable(doc.error().toText()));
    return doc->manifest;
}

struct Fixture
{
    TestSupport::TreeSchemaOptions options;
    Json v1;
    Json v2; // label NOT NULL, a unique index over quantity
    QString table;
    QString qualified;

    Fixture()
    {
        options.classCount = 1;
        v1 = TestSupport::generateTreeManifest(options);
        table = TestSupport::treeTableName(options, 0);
        qualified = Db::quoteQualified(options.schema, table);
        v2 = v1;
        Json &cls = v2["storage_classes"][0];
        for (Json &col : cls["registration"]["table_contract"]["columns"]) {
            if (col["name"] == "label")
                col["nullable"] = false;
        }
        Json unique = cls["ddl"]["indexes"][1];
        unique["name"] = "uix__" + table.toStdString() + "__quantity";
        unique["columns"] = Json::array({"quantity"});
        unique["unique"] = true;
        cls["ddl"]["indexes"].push_back(unique);
    }

    QString fillSql() const
    {
        return QStringLiteral("INSERT INTO %1 (uid, name, label, quantity, active, created_at) "
                              "SELECT gen_random_uuid(), 'n' || g, CASE WHEN g <= %2 THEN NULL "
                              "ELSE 'l' END, mod(g, 2), true, now() FROM generate_series(1, 10) g")
            .arg(qualified)
            .arg(NullLabels);
    }
};

qint64 scalar(Db::Session &s, const QString &sql, const Db::Params &params = {})
{
    auto r = s.query(sql, params);
    if (!r)
        qFatal("%s: %s", qPrintable(sql), qPrintable(r.error().toText()));
    return r->text(0, 0).toLongLong();
}

// Watches, from its own session, the locks other backends hold or wait for on one table while
// something runs. `holder` (the session that holds the conflicting lock) is left out.
class LockWatcher
{
public:
    LockWatcher(const QString &conninfo, QString qualifiedTable, qint64 holderPid)
        : m_session(TestSupport::openSession(conninfo))
        , m_table(std::move(qualifiedTable))
        , m_holderPid(holderPid)
    {}

    // Polls until `finished` says so; calls `onStrongLock` once the first time some backend
    // holds or waits for a lock on the table stronger than ACCESS SHARE.
    void watch(const std::function<bool()> &finished, const std::function<void()> &onStrongLock)
    {
        while (!finished()) {
            auto rows = m_session->query(
                QStringLiteral("SELECT l.pid, l.mode, l.granted FROM pg_catalog.pg_locks l "
                               "WHERE l.locktype = 'relation' AND l.relation = $1::regclass "
                               "AND l.pid <> pg_backend_pid() AND l.pid <> $2"),
                {m_table, m_holderPid});
            if (!rows)
                qFatal("pg_locks: %s", qPrintable(rows.error().toText()));
            for (qsizetype i = 0; i < rows->size(); ++i) {
                const QString mode = rows->text(i, 1);
                const QString seen = QStringLiteral("pid %1 %2 %3")
                                         .arg(rows->text(i, 0),
                                              mode,
                                              rows->boolean(i, 2) ? QStringLiteral("granted")
                                                                  : QStringLiteral("waiting"));
                if (mode == u"AccessShareLock") {
                    m_accessShare.append(seen);
                    continue;
                }
                if (m_strong.isEmpty())
                    onStrongLock();
                m_strong.append(seen);
            }
            QThread::msleep(5);
        }
    }

    const QStringList &strongLocks() const { return m_strong; }

private:
    std::unique_ptr<Db::Session> m_session;
    QString m_table;
    qint64 m_holderPid = 0;
    QStringList m_strong;
    QStringList m_accessShare;
};

// A session holding ROW EXCLUSIVE on the table: it conflicts with the SHARE lock CREATE INDEX
// takes and the ACCESS EXCLUSIVE lock SET NOT NULL takes, never with the ACCESS SHARE lock of a
// count. An upgrade that reached its DDL would wait here (and be seen waiting).
struct Holder
{
    std::unique_ptr<Db::Session> session;
    qint64 pid = 0;

    Holder(const QString &conninfo, const QString &qualified)
        : session(TestSupport::openSession(conninfo))
    {
        pid = scalar(*session, QStringLiteral("SELECT pg_backend_pid()"));
        if (!session->begin()
            || !session->execute(
                QStringLiteral("LOCK TABLE %1 IN ROW EXCLUSIVE MODE").arg(qualified)))
            qFatal("cannot take the ROW EXCLUSIVE lock");
    }
    void release() { session->rollback(); }
};

bool labelIsNullable(Db::Session &s, const Fixture &f)
{
    return scalar(s,
                  QStringLiteral("SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = "
                                 "$1::regclass AND attname = 'label' AND NOT attnotnull"),
                  {f.qualified})
           == 1;
}

qint64 quantityIndexes(Db::Session &s, const Fixture &f)
{
    return scalar(s,
                  QStringLiteral("SELECT count(*) FROM pg_catalog.pg_indexes WHERE schemaname = "
                                 "$1 AND tablename = $2 AND indexname LIKE 'uix%quantity'"),
                  {f.options.schema, f.table});
}

void checkRefusalText(const QString &text, const Fixture &f)
{
    const QString where = f.options.schema + u'.' + f.table;
    QVERIFY2(text.contains(QStringLiteral("%1 rows hold NULL").arg(NullLabels)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("%1 rows duplicate").arg(Duplicates)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("on table ") + where), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Safer: Backfill the NULLs")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Safer: Remove the duplicates")), qPrintable(text));
}

struct Cli
{
    int exitCode = -1;
    QString out;
    QString err;
};

Cli metatable(const QStringList &args)
{
    QProcess p;
    p.start(TestSupport::cliPath(), args);
    Cli r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestUpgradeBlockers : public QObject
{
    Q_OBJECT

private slots:
    void coreApiRefusesCountedBlockersBeforeAnyDdl();
    void cliRefusesWithCountsEvenWithYes();
    void exitStatusTellsPendingFromError();
};

void TestUpgradeBlockers::coreApiRefusesCountedBlockersBeforeAnyDdl()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "upg_blockers");
    const Fixture f;
    auto s = TestSupport::openSession(conninfo);
    {
        auto first = applyUpgrade(*s, parse(f.v1), ApplyOptions{});
        QVERIFY2(first, qPrintable(first ? QString() : first.error().toText()));
    }
    QVERIFY(s->execute(f.fillSql()));
    const ProviderManifest v2 = parse(f.v2);

    // The plan the GUI and the CLI show before confirmation carries the live counts.
    PlanOptions planning;
    planning.countRisks = true;
    auto reviewed = planUpgrade(*s, v2, planning);
    QVERIFY2(reviewed, qPrintable(reviewed ? QString() : reviewed.error().toText()));
    QVERIFY(reviewed->hasBlockers());
    QStringList counted;
    for (const Operation &op : reviewed->operations) {
        for (const Risk &risk : op.risks) {
            if (risk.affectedRows && risk.level == RiskLevel::Blocker)
                counted.append(QString::number(*risk.affectedRows));
        }
    }
    counted.sort();
    QCOMPARE(counted, (QStringList{QString::number(NullLabels), QString::number(Duplicates)}));

    Holder holder(conninfo, f.qualified);
    ApplyOptions options;
    options.lockTimeoutMs = 20000; // far longer than a refusal may take
    std::atomic<bool> done{false};
    std::optional<Result<ApplyResult>> result;
    std::thread worker([&] {
        auto upgrader = TestSupport::openSession(conninfo);
        result = applyUpgrade(*upgrader, v2, options);
        done = true;
    });
    QElapsedTimer timer;
    timer.start();
    LockWatcher watcher(conninfo, f.qualified, holder.pid);
    // Had the upgrade gone on to its DDL, it would wait behind the holder: let it go then, so a
    // regression fails here quickly instead of hanging for the lock timeout.
    watcher.watch([&] { return done.load(); }, [&] { holder.release(); });
    worker.join();
    const qint64 elapsed = timer.elapsed();
    holder.release();

    QVERIFY2(watcher.strongLocks().isEmpty(), qPrintable(watcher.strongLocks().join(u", ")));
    QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed)));
    QVERIFY(result && !*result);
    QCOMPARE(result->error().code, ErrorCode::Refused);
    checkRefusalText(result->error().message, f);
    QVERIFY(labelIsNullable(*s, f));
    QCOMPARE(quantityIndexes(*s, f), 0);

    // Control: once the data is fixed the same upgrade does reach its DDL, and the watcher sees
    // it wait for the holder's lock, so the check above can tell.
    QVERIFY(s->execute(QStringLiteral("UPDATE %1 SET label = 'l' WHERE label IS NULL; UPDATE %1 "
                                      "SET quantity = u.n FROM (SELECT uid, row_number() OVER () "
                                      "AS n FROM %1) u WHERE u.uid = %1.uid")
                           .arg(f.qualified)));
    Holder again(conninfo, f.qualified);
    done = false;
    result.reset();
    std::thread second([&] {
        auto upgrader = TestSupport::openSession(conninfo);
        result = applyUpgrade(*upgrader, v2, options);
        done = true;
    });
    LockWatcher control(conninfo, f.qualified, again.pid);
    control.watch([&] { return done.load(); }, [&] { again.release(); });
    second.join();
    again.release();
    QVERIFY2(!control.strongLocks().isEmpty(), "the watcher never saw the DDL's lock");
    QVERIFY2(result && *result,
             qPrintable(result && !*result ? result->error().toText() : QString()));
    QVERIFY(!labelIsNullable(*s, f));
    QCOMPARE(quantityIndexes(*s, f), 1);
}

void TestUpgradeBlockers::cliRefusesWithCountsEvenWithYes()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "upg_blockers_cli");
    const Fixture f;
    QTemporaryDir dir;
    const QString v1Path = dir.filePath(QStringLiteral("v1.json"));
    const QString v2Path = dir.filePath(QStringLiteral("v2.json"));
    for (const auto &[path, json] : {std::pair{v1Path, f.v1}, std::pair{v2Path, f.v2}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(json.dump(2)));
    }
    const Cli first = metatable({QStringLiteral("upgrade"),
                                 v1Path,
                                 QStringLiteral("--db"),
                                 conninfo,
                                 QStringLiteral("--yes")});
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    auto s = TestSupport::openSession(conninfo);
    QVERIFY(s->execute(f.fillSql()));

    Holder holder(conninfo, f.qualified);
    QProcess p;
    p.start(TestSupport::cliPath(),
            {QStringLiteral("upgrade"),
             v2Path,
             QStringLiteral("--db"),
             conninfo,
             QStringLiteral("--yes"),
             QStringLiteral("--lock-timeout"),
             QStringLiteral("20")});
    QVERIFY(p.waitForStarted());
    QElapsedTimer timer;
    timer.start();
    LockWatcher watcher(conninfo, f.qualified, holder.pid);
    watcher.watch([&] { return p.state() == QProcess::NotRunning || p.waitForFinished(5); },
                  [&] { holder.release(); });
    p.waitForFinished(60000);
    const qint64 elapsed = timer.elapsed();
    holder.release();
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());

    QVERIFY2(watcher.strongLocks().isEmpty(), qPrintable(watcher.strongLocks().join(u", ")));
    QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed)));
    QCOMPARE(p.exitCode(), 1);
    // The plan printed before applying already shows the counts, and the refusal repeats them.
    QVERIFY2(out.contains(QStringLiteral("%1 rows hold NULL").arg(NullLabels)), qPrintable(out));
    checkRefusalText(err, f);
    QVERIFY(labelIsNullable(*s, f));
    QCOMPARE(quantityIndexes(*s, f), 0);
}

void TestUpgradeBlockers::exitStatusTellsPendingFromError()
{
    QTemporaryDir dir;
    const QString manifest
        = TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json"));
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    {
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": ");
    }
    // A socket directory that does not exist: the connection fails without any server.
    const QString unreachable = QStringLiteral("host=%1 dbname=nothing connect_timeout=2")
                                    .arg(dir.filePath(QStringLiteral("no-such-socket-dir")));
    for (const QString &command : {QStringLiteral("diff"),
                                   QStringLiteral("status"),
                                   QStringLiteral("revision"),
                                   QStringLiteral("upgrade")}) {
        QStringList args{command, manifest, QStringLiteral("--db"), unreachable};
        if (command == u"upgrade")
            args << QStringLiteral("--yes");
        const Cli noServer = metatable(args);
        QVERIFY2(noServer.exitCode == 3, qPrintable(command + QStringLiteral(": ") + noServer.err));
        QVERIFY2(noServer.err.contains(QStringLiteral("Cannot connect")), qPrintable(noServer.err));
        args[1] = broken;
        const Cli badManifest = metatable(args);
        QVERIFY2(badManifest.exitCode == 3,
                 qPrintable(command + QStringLiteral(": ") + badManifest.err));
        QCOMPARE(metatable({command, manifest}).exitCode, 2); // --db missing
    }

    METATABLE_SCRATCH_DATABASE(conninfo, "upg_exit");
    const QStringList diff{QStringLiteral("diff"), manifest, QStringLiteral("--db"), conninfo};
    const QStringList status{QStringLiteral("status"), manifest, QStringLiteral("--db"), conninfo};
    QCOMPARE(metatable(diff).exitCode, 1);   // changes pending
    QCOMPARE(metatable(status).exitCode, 1); // nothing registered yet
    const Cli upgraded = metatable({QStringLiteral("upgrade"),
                                    manifest,
                                    QStringLiteral("--db"),
                                    conninfo,
                                    QStringLiteral("--yes")});
    QVERIFY2(upgraded.exitCode == 0, qPrintable(upgraded.err));
    QCOMPARE(metatable(diff).exitCode, 0);
    QCOMPARE(metatable(status).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestUpgradeBlockers)
#include "tst_upgrade_blockers.moc"
