// SPDX-License-Identifier: MIT
// The migration review on a real PostgreSQL: the demo's v1 -> v2 plan with counted risks, live
// figures and locks; the predicted lock of every operation checked against what a rehearsal
// sees in pg_locks; a rehearsal that leaves the database byte-identical; and an apply that
// waits behind another session's lock, shows that session, and is cancelled with nothing
// changed.
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/locks.h>
#include <core/migrate/review.h>
#include <core/workspace/migrationrun.h>

#include <QThreadPool>
#include <QtTest>

#include <atomic>
#include <mutex>
#include <thread>

#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Migrate;

class TestReviewPg : public QObject
{
    Q_OBJECT

private slots:
    void reviewCountsRisksAndFigures();
    void predictedLocksMatchRehearsal();
    void rehearsalStopsAtTheFailingStatement();
    void cancelWhileBlockedChangesNothing();

private:
    static ProviderManifest v2()
    {
        auto doc = readManifestFile(TestSupport::demoManifestV2());
        if (!doc)
            qFatal("%s", qPrintable(doc.error().toText()));
        return doc->manifest;
    }
    static const Operation *find(const Plan &plan, OperationKind kind, const QString &table)
    {
        for (const Operation &op : plan.operations) {
            if (op.kind == kind && op.table == table)
                return &op;
        }
        return nullptr;
    }
};

void TestReviewPg::reviewCountsRisksAndFigures()
{
    METATABLE_DEMO_DATABASE(db, "review");
    auto session = TestSupport::openSession(db);
    auto review = reviewUpgrade(*session, v2(), ReviewOptions{});
    QVERIFY2(review, review ? "" : qPrintable(review.error().toText()));

    const QString spreads = QStringLiteral("example_project__spreads");
    const Operation *notNull = find(review->plan, OperationKind::AlterColumnNullability, spreads);
    QVERIFY(notNull);
    QCOMPARE(notNull->highestRisk(), RiskLevel::Blocker);
    bool counted = false;
    for (const Risk &r : notNull->risks)
        counted = counted
                  || (r.kind == RiskKind::NullsBlockNotNull
                      && r.affectedRows == TestSupport::DemoNullBaseValues);
    QVERIFY(counted);

    const TableFigures figures
        = review->figures.value(figuresKey(QStringLiteral("public"), spreads));
    QCOMPARE(figures.rows, std::optional<qint64>(TestSupport::DemoSpreadRows));
    QVERIFY(figures.rowsExact);
    QVERIFY(figures.totalBytes > 0);
    // The foreign key's target is counted too, so both tables' figures can be shown.
    QCOMPARE(
        review->figures
            .value(figuresKey(QStringLiteral("public"), QStringLiteral("example_project__account")))
            .rows,
        std::optional<qint64>(TestSupport::DemoAccounts));

    const Operation *fk = find(review->plan, OperationKind::AddForeignKey, spreads);
    QVERIFY(fk);
    const QList<TableLock> fkLocks = locksFor(*fk);
    QCOMPARE(fkLocks.size(), 2);
    QCOMPARE(fkLocks.at(0).mode, LockMode::ShareRowExclusive);
    QCOMPARE(fkLocks.at(1).table, QStringLiteral("example_project__account"));
    const Operation *add = find(review->plan, OperationKind::AddColumn, spreads);
    QVERIFY(add);
    QCOMPARE(locksFor(*add).value(0).mode, LockMode::AccessExclusive);

    // One snapshot: the status agrees with the plan, and the v1 classes are bound.
    QCOMPARE(review->status.classes.size(), review->boundManifest.storageClasses.size());
    for (const StorageClass &sc : review->boundManifest.storageClasses)
        QVERIFY2(sc.binding, qPrintable(sc.tableName()));
}

void TestReviewPg::predictedLocksMatchRehearsal()
{
    METATABLE_DEMO_DATABASE(db, "review");
    TestSupport::fillDemoNulls(db);
    auto session = TestSupport::openSession(db);
    const QByteArray before = TestSupport::dumpDatabase(db);

    ApplyOptions options;
    options.rehearse = true;
    int started = 0;
    options.onStatement = [&](const StatementReport &, bool finished) { started += !finished; };
    auto rehearsal = applyUpgrade(*session, v2(), options);
    QVERIFY2(rehearsal, rehearsal ? "" : qPrintable(rehearsal.error().toText()));
    QVERIFY(rehearsal->rehearsed);
    QVERIFY(!rehearsal->failed());
    QVERIFY(rehearsal->statements.size() >= 5);
    QCOMPARE(started, rehearsal->statements.size());

    // Every lock the review predicts was taken by the operation's statements, or already held
    // by an earlier statement of the same transaction; and no statement took a stronger lock on
    // its table than predicted.
    QList<TableLock> held;
    int checked = 0;
    for (int i = 0; i < rehearsal->plan.operations.size(); ++i) {
        const Operation &op = rehearsal->plan.operations.at(i);
        QList<TableLock> taken;
        for (const StatementReport &r : rehearsal->statements) {
            if (r.operation == i)
                taken += r.locksTaken;
        }
        for (const TableLock &expected : locksFor(op)) {
            QVERIFY2(taken.contains(expected) || held.contains(expected),
                     qPrintable(QStringLiteral("%1: %2 on %3 not taken")
                                    .arg(op.summary, lockModeName(expected.mode), expected.table)));
            ++checked;
        }
        for (const TableLock &t : taken) {
            if (t.table != op.table || !op.onExistingTable)
                continue;
            const QList<TableLock> predicted = locksFor(op);
            QVERIFY2(!predicted.isEmpty() && t.mode <= predicted.first().mode,
                     qPrintable(QStringLiteral("%1 took %2, more than predicted")
                                    .arg(op.summary, lockModeName(t.mode))));
        }
        held += taken;
    }
    QVERIFY(checked >= 4);

    QCOMPARE(TestSupport::dumpDatabase(db), before);
}

void TestReviewPg::rehearsalStopsAtTheFailingStatement()
{
    METATABLE_DEMO_DATABASE(db, "review");
    auto session = TestSupport::openSession(db);
    const QByteArray before = TestSupport::dumpDatabase(db);
    ApplyOptions options;
    options.rehearse = true;
    auto rehearsal = applyUpgrade(*session, v2(), options);
    QVERIFY2(rehearsal, rehearsal ? "" : qPrintable(rehearsal.error().toText()));
    QVERIFY(rehearsal->failed());
    const StatementReport &last = rehearsal->statements.constLast();
    QVERIFY2(last.statement.contains(QStringLiteral("SET NOT NULL")), qPrintable(last.statement));
    QVERIFY2(last.error->detail.contains(QStringLiteral("23502")), qPrintable(last.error->detail));
    QCOMPARE(TestSupport::dumpDatabase(db), before);

    // An apply of the same plan is refused before any DDL, with the count.
    auto applied = applyUpgrade(*session, v2(), ApplyOptions{});
    QVERIFY(!applied);
    QCOMPARE(applied.error().code, ErrorCode::Refused);
    QVERIFY2(applied.error().message.contains(QString::number(TestSupport::DemoNullBaseValues)),
             qPrintable(applied.error().message));
    QCOMPARE(TestSupport::dumpDatabase(db), before);
}

void TestReviewPg::cancelWhileBlockedChangesNothing()
{
    METATABLE_DEMO_DATABASE(db, "review");
    TestSupport::fillDemoNulls(db);
    const QByteArray before = TestSupport::dumpDatabase(db);

    // Another session reads the table in an open transaction: its ACCESS SHARE lock makes every
    // ALTER TABLE on it wait.
    auto holder = TestSupport::openSession(db);
    QVERIFY(holder->begin());
    QVERIFY(
        holder->execute(QStringLiteral("SELECT count(*) FROM public.example_project__spreads")));
    const int holderPid = holder->backendPid();

    QThreadPool pool;
    MigrationRun run;
    run.conninfo = db;
    run.manifest = v2();
    run.options.lockTimeoutMs = 60000; // Cancel, not the timeout, must end the wait
    run.watcherPool = &pool;
    std::mutex mutex;
    std::optional<Db::LockWait> seen;
    run.onLockWait = [&](const std::optional<Db::LockWait> &wait) {
        if (!wait)
            return;
        std::lock_guard lock(mutex);
        seen = wait;
        run.cancel.cancel(); // what the Cancel button does, once the blocker is on screen
    };
    QElapsedTimer timer;
    timer.start();
    Result<ApplyResult> result = fail(ErrorCode::Internal, QStringLiteral("not run"));
    std::thread worker([&] { result = runMigration(run); });
    worker.join();
    holder->rollback();

    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
    QVERIFY2(timer.elapsed() < 30000, "cancel must not wait for the lock timeout");
    std::lock_guard lock(mutex);
    QVERIFY(seen);
    QCOMPARE(seen->relation, QStringLiteral("public.example_project__spreads"));
    QVERIFY(!seen->blockers.isEmpty());
    QCOMPARE(seen->blockers.first().pid, holderPid);
    QCOMPARE(seen->blockers.first().mode, QStringLiteral("AccessShareLock"));
    QVERIFY(seen->blockers.first().granted);
    QVERIFY(seen->blockers.first().query.contains(QStringLiteral("count(*)")));
    QCOMPARE(TestSupport::dumpDatabase(db), before);
}

QTEST_GUILESS_MAIN(TestReviewPg)
#include "tst_review_pg.moc"
