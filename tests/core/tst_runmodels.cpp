// SPDX-License-Identifier: MIT
// The run panel's models under QAbstractItemModelTester: rejects by rule growing in place as a
// run goes (rules and rows inserted, counts changed, never a reset that would collapse the
// view), their CSV export, and the run history marking the runs of the current update_hash.
#include <core/models/rejectsmodel.h>
#include <core/models/roles.h>
#include <core/models/runhistorymodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Core;
using Run::RejectRule;

class TestRunModels : public QObject
{
    Q_OBJECT

private slots:
    void rejectsGrowInPlace();
    void rejectsCsvQuotesWhatNeedsIt();
    void historyMarksTheCurrentIdentity();
};

namespace {

void reject(Run::RejectLog &log, RejectRule rule, qint64 line, const QString &value)
{
    if (log.count(rule))
        log.keep(
            rule,
            {line, QStringLiteral("value"), value, QStringLiteral("why"), QStringLiteral("k=1")});
}

} // namespace

void TestRunModels::rejectsGrowInPlace()
{
    RejectsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    Run::RejectLog log(2);
    reject(log, RejectRule::BadValue, 7, QStringLiteral("abc"));
    model.setRejects(log);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, RejectsModel::Rule).data().toString(), QStringLiteral("bad-value"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);

    // A rule that comes first in rule order appears above; more rows under the first rule.
    reject(log, RejectRule::MalformedLine, 9, QStringLiteral("{"));
    reject(log, RejectRule::BadValue, 11, QStringLiteral("x"));
    reject(log, RejectRule::BadValue, 12, QStringLiteral("y")); // counted, not kept (2 per rule)
    model.setRejects(log);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, RejectsModel::Rule).data().toString(),
             QStringLiteral("malformed-line"));
    const QModelIndex bad = model.index(1, 0);
    QCOMPARE(model.index(1, RejectsModel::Count).data().toLongLong(), 3);
    QCOMPARE(model.rowCount(bad), 2);
    QCOMPARE(model.index(1, RejectsModel::Line, bad).data().toLongLong(), 11);
    QCOMPARE(model.index(1, RejectsModel::Line).data().toString(), QStringLiteral("first 2 kept"));
    QCOMPARE(model.total(), 4);
    QCOMPARE(resets.count(), 0);
}

void TestRunModels::rejectsCsvQuotesWhatNeedsIt()
{
    Run::RejectLog log;
    log.count(RejectRule::BadValue);
    log.keep(RejectRule::BadValue,
             {3,
              QStringLiteral("value"),
              QStringLiteral("1,5 \"x\""),
              QStringLiteral("not a number"),
              QStringLiteral("time_index=2024-01-01T00:00:00Z, entity_identifier=e1")});
    const QByteArray csv = rejectsToCsv(log);
    QCOMPARE(csv,
             QByteArray("rule,rows_refused,line,column,value,reason,grain_key\r\n"
                        "bad-value,1,3,value,\"1,5 \"\"x\"\"\",not a number,"
                        "\"time_index=2024-01-01T00:00:00Z, entity_identifier=e1\"\r\n"));
}

void TestRunModels::historyMarksTheCurrentIdentity()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Run::RunRecord a;
    a.runId = QStringLiteral("a");
    a.updateHash = QStringLiteral("node_1");
    a.status = Run::RunStatus::SucceededWithRejects;
    a.counters.rejected = 3;
    Run::RunRecord b = a;
    b.runId = QStringLiteral("b");
    b.updateHash = QStringLiteral("node_2");
    b.status = Run::RunStatus::Succeeded;
    model.setRuns({a, b});
    model.setCurrentUpdateHash(QStringLiteral("node_2"));
    QCOMPARE(model.matchingRuns(), 1);
    QVERIFY(!model.index(0, 0).data(int(ModelRole::Emphasis)).toBool());
    QVERIFY(model.index(1, 0).data(int(ModelRole::Emphasis)).toBool());
    // Never a plain "succeeded" over refused rows.
    QCOMPARE(model.index(0, RunHistoryModel::Status).data().toString(),
             QStringLiteral("succeeded with 3 reject(s)"));
    QCOMPARE(model.index(1, RunHistoryModel::Status).data().toString(),
             QStringLiteral("succeeded"));
}

QTEST_GUILESS_MAIN(TestRunModels)
#include "tst_runmodels.moc"
