// SPDX-License-Identifier: MIT
// Node runs on a real PostgreSQL: the sample node's bad rows rejected under their rules and
// never written, a second run that updates instead of duplicating, Atomic runs that leave the
// table as it was when the runner fails or is cancelled, Batched runs whose committed count is
// what the table holds, the refusal of an unregistered storage class, the per-node lock, and the
// Python runner adapter end to end through `metatable run`.
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>
#include <core/run/noderun.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

#include <tests/support/clirun.h>
#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Run;

namespace {

const QString Daily = QStringLiteral("example_project.nodes:DailyMetricsNode");
const QString Spreads = QStringLiteral("example_project.nodes:SpreadNode");
const QString Observations = QStringLiteral("example_project.nodes:ObservationNode");

QString errorText(const Result<RunRecord> &r)
{
    return r ? QString() : r.error().toText();
}

} // namespace

class TstNodeRunPg : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachRejectRuleIsReportedAndNotWritten_data();
    void eachRejectRuleIsReportedAndNotWritten();
    void secondRunUpdatesAndInsertsNothing();
    void atomicFailureLeavesTableAsBefore();
    void atomicCancelLeavesTableAsBefore();
    void batchedCommittedIsWhatTheTableHolds();
    void unregisteredStorageClassIsRefused();
    void sameNodeRefusedWhileOtherNodesRun();
    void pythonRunnerThroughTheCli();

private:
    // The demo manifest with `node`'s runner replaced by the sample node and `args`.
    ProviderManifest withSampleNode(const QString &node, const QStringList &args) const;
    Result<RunRecord> run(const QString &node,
                          const QStringList &args,
                          RunOptions options = {},
                          const RunCallbacks &callbacks = {},
                          const CancelToken &cancel = {}) const;
    qint64 count(const QString &sql) const;
    QString tableChecksum(const QString &table) const;

    QString m_db;
    QString m_sampleNode;
    ProviderManifest m_manifest; // bound to m_db's catalog
};

void TstNodeRunPg::initTestCase()
{
    m_sampleNode = qEnvironmentVariable("METATABLE_SAMPLE_NODE");
    QVERIFY2(!m_sampleNode.isEmpty(), "METATABLE_SAMPLE_NODE is not set (CTest sets it)");
    METATABLE_DEMO_DATABASE(db, "noderun");
    m_db = db;
    auto doc = readManifestFile(TestSupport::demoManifestV1());
    QVERIFY(doc);
    auto session = TestSupport::openSession(m_db);
    auto bound = Migrate::bindManifest(*session, doc->manifest);
    QVERIFY2(bound, bound ? "" : qPrintable(bound.error().toText()));
    m_manifest = *bound;
}

ProviderManifest TstNodeRunPg::withSampleNode(const QString &node, const QStringList &args) const
{
    ProviderManifest m = m_manifest;
    for (NodeDefinition &n : m.nodes) {
        if (n.classRef.path() == node)
            n.runner.command = QStringList{m_sampleNode} + args;
    }
    return m;
}

Result<RunRecord> TstNodeRunPg::run(const QString &node,
                                    const QStringList &args,
                                    RunOptions options,
                                    const RunCallbacks &callbacks,
                                    const CancelToken &cancel) const
{
    options.graceMs = 1000;
    return runNode(m_db, withSampleNode(node, args), node, options, callbacks, cancel);
}

qint64 TstNodeRunPg::count(const QString &sql) const
{
    auto session = TestSupport::openSession(m_db);
    auto r = session->query(sql);
    if (!r)
        qFatal("%s: %s", qPrintable(sql), qPrintable(r.error().toText()));
    return r->text(0, 0).toLongLong();
}

QString TstNodeRunPg::tableChecksum(const QString &table) const
{
    auto session = TestSupport::openSession(m_db);
    auto r = session->query(
        QStringLiteral("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY "
                       "t::text)), '') FROM public.%1 t")
            .arg(table));
    if (!r)
        qFatal("%s", qPrintable(r.error().toText()));
    return r->text(0, 0);
}

void TstNodeRunPg::eachRejectRuleIsReportedAndNotWritten_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("column");
    QTest::newRow("naive") << "naive-timestamp"
                           << "naive-timestamp"
                           << "time_index";
    QTest::newRow("non-utc") << "non-utc-offset"
                             << "non-utc-time-index"
                             << "time_index";
    QTest::newRow("missing index") << "missing-index-column"
                                   << "missing-index-column"
                                   << "entity_identifier";
    QTest::newRow("extra") << "extra-column"
                           << "unknown-column"
                           << "unexpected_column";
    QTest::newRow("wrong type") << "wrong-type"
                                << "bad-value"
                                << "value";
    QTest::newRow("null") << "null-in-non-null"
                          << "null-in-non-nullable"
                          << "value";
    QTest::newRow("duplicate") << "duplicate-index"
                               << "duplicate-index"
                               << "time_index, entity_identifier";
    QTest::newRow("malformed") << "malformed-line"
                               << "malformed-line"
                               << "";
}

void TstNodeRunPg::eachRejectRuleIsReportedAndNotWritten()
{
    QFETCH(QString, kind);
    QFETCH(QString, rule);
    QFETCH(QString, column);
    // Row 17 of the sample node: 2024-01-06, entity_identifier_1 (3 index tuples per day).
    const auto r = run(Daily,
                       {QStringLiteral("--rows"),
                        QStringLiteral("40"),
                        QStringLiteral("--bad"),
                        kind,
                        QStringLiteral("--bad-at"),
                        QStringLiteral("17")});
    QVERIFY2(r, qPrintable(errorText(r)));
    QCOMPARE(runStatusName(r->status), QStringLiteral("succeeded_with_rejects"));
    QVERIFY2(r->message.contains(QLatin1String("1 rejects")), qPrintable(r->message));
    QCOMPARE(r->rejectCounts.size(), 1);
    QCOMPARE(QString::fromLatin1(ruleId(r->rejectCounts.first().first)), rule);
    QCOMPARE(r->rejectCounts.first().second, 1);
    QCOMPARE(r->samples.size(), 1);
    const RejectSample &s = r->samples.first().second;
    QCOMPARE(s.line, 17);
    QCOMPARE(s.column, column);
    if (kind != u"malformed-line") {
        QVERIFY2(s.grainKey.startsWith(QLatin1String("time_index=2024-01-06T")),
                 qPrintable(s.grainKey));
        const QString entity = kind == u"duplicate-index" ? QStringLiteral("entity_identifier_0")
                               : kind == u"missing-index-column"
                                   ? QString()
                                   : QStringLiteral("entity_identifier_1");
        QVERIFY2(s.grainKey.contains(QStringLiteral("entity_identifier=") + entity),
                 qPrintable(s.grainKey));
    }
    QCOMPARE(r->counters.rowsRead, 40);
    QCOMPARE(r->counters.accepted, 39);
    QCOMPARE(r->counters.committed, 39);
    QCOMPARE(r->counters.inserted + r->counters.updated, 39);
    QCOMPARE(r->exitCode, std::optional<int>(0));
    // The rejected row is not in the table; its neighbours are.
    const QString day = QStringLiteral("SELECT count(*) FROM public.example_project__daily_metrics"
                                       " WHERE time_index = '2024-01-06T00:00:00Z' AND "
                                       "entity_identifier = '%1'");
    QCOMPARE(count(day.arg(QLatin1String("entity_identifier_1"))), 0);
    QCOMPARE(count(day.arg(QLatin1String("entity_identifier_0"))), 1);
    QCOMPARE(count(day.arg(QLatin1String("entity_identifier_2"))), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM public.example_project__daily_metrics "
                                  "WHERE time_index < '2025-01-01'")),
             39);

    // The catalog keeps the same record.
    auto listed = listRuns(m_db, Daily, 1);
    QVERIFY(listed && listed->size() == 1);
    QCOMPARE(listed->first().toJson(), r->toJson());
}

void TstNodeRunPg::secondRunUpdatesAndInsertsNothing()
{
    // SpreadNode writes CSV into example_project__spreads, which holds the demo's 2026 rows.
    const QString table = QStringLiteral("example_project__spreads");
    const QString rows = QStringLiteral("SELECT count(*) FROM public.example_project__spreads");
    const qint64 before = count(rows);
    const QStringList args = {QStringLiteral("--rows"), QStringLiteral("500")};
    const auto first = run(Spreads, args);
    QVERIFY2(first, qPrintable(errorText(first)));
    QCOMPARE(first->status, RunStatus::Succeeded);
    QCOMPARE(first->counters.inserted, 500);
    QCOMPARE(first->counters.updated, 0);
    QCOMPARE(count(rows), before + 500);
    const QString afterFirst = tableChecksum(table);

    const auto second = run(Spreads, args);
    QVERIFY2(second, qPrintable(errorText(second)));
    QCOMPARE(second->status, RunStatus::Succeeded);
    QCOMPARE(second->counters.inserted, 0);
    QCOMPARE(second->counters.updated, 500);
    QCOMPARE(second->counters.committed, 500);
    QCOMPARE(count(rows), before + 500);
    QCOMPARE(tableChecksum(table), afterFirst); // same rows, same values

    // 100 more rows after the stored ones: some update, some insert, in one run.
    const auto third = run(Spreads, {QStringLiteral("--rows"), QStringLiteral("600")});
    QVERIFY2(third, qPrintable(errorText(third)));
    QCOMPARE(third->counters.inserted, 100);
    QCOMPARE(third->counters.updated, 500);
    QCOMPARE(count(rows), before + 600);
}

void TstNodeRunPg::atomicFailureLeavesTableAsBefore()
{
    const QString table = QStringLiteral("example_project__daily_metrics");
    const QString before = tableChecksum(table);
    // 30,000 rows reach the server (more than one COPY chunk) before the runner fails.
    const auto r = run(Daily,
                       {QStringLiteral("--rows"),
                        QStringLiteral("40000"),
                        QStringLiteral("--fail-after"),
                        QStringLiteral("30000"),
                        QStringLiteral("--start"),
                        QStringLiteral("1990-01-01T00:00:00Z")});
    QVERIFY2(r, qPrintable(errorText(r)));
    QCOMPARE(r->status, RunStatus::Failed);
    QCOMPARE(r->exitCode, std::optional<int>(3));
    QCOMPARE(r->counters.accepted, 30000);
    QCOMPARE(r->counters.committed, 0);
    QCOMPARE(r->counters.inserted, 0);
    QVERIFY2(r->message.contains(QLatin1String("exited with code 3")), qPrintable(r->message));
    QVERIFY2(r->message.contains(QLatin1String("the table is as it was")), qPrintable(r->message));
    QVERIFY2(r->logTail.contains(QLatin1String("--fail-after")), qPrintable(r->logTail));
    QCOMPARE(tableChecksum(table), before);
}

void TstNodeRunPg::atomicCancelLeavesTableAsBefore()
{
    const QString table = QStringLiteral("example_project__daily_metrics");
    const QString before = tableChecksum(table);
    CancelToken cancel;
    std::atomic<qint64> seenAtCancel = 0;
    RunCallbacks callbacks;
    callbacks.progress = [&](const RunCounters &c) {
        if (c.accepted >= 20000 && !cancel.isCancelled()) {
            seenAtCancel = c.accepted;
            cancel.cancel();
        }
    };
    const auto r = run(Daily,
                       {QStringLiteral("--rows"),
                        QStringLiteral("3000000"),
                        QStringLiteral("--start"),
                        QStringLiteral("1980-01-01T00:00:00Z")},
                       {},
                       callbacks,
                       cancel);
    QVERIFY2(r, qPrintable(errorText(r)));
    QCOMPARE(r->status, RunStatus::Cancelled);
    QVERIFY(seenAtCancel >= 20000);
    QVERIFY2(r->counters.accepted < 3000000, "the run ended before it was cancelled");
    QVERIFY(!r->exitCode);
    QCOMPARE(r->counters.committed, 0);
    QCOMPARE(tableChecksum(table), before);
    auto listed = listRuns(m_db, Daily, 1);
    QVERIFY(listed && !listed->isEmpty());
    QCOMPARE(listed->first().status, RunStatus::Cancelled);
}

void TstNodeRunPg::batchedCommittedIsWhatTheTableHolds()
{
    RunOptions options;
    options.policy = WritePolicy::Batched;
    options.batchRows = 1000;
    const auto r = run(Observations,
                       {QStringLiteral("--rows"),
                        QStringLiteral("5000"),
                        QStringLiteral("--fail-after"),
                        QStringLiteral("3500"),
                        QStringLiteral("--start"),
                        QStringLiteral("2030-01-01T00:00:00Z")},
                       options);
    QVERIFY2(r, qPrintable(errorText(r)));
    QCOMPARE(r->status, RunStatus::Failed);
    QCOMPARE(r->counters.accepted, 3500);
    QCOMPARE(r->counters.committed, 3000);
    QCOMPARE(r->counters.inserted, 3000);
    QVERIFY2(r->message.contains(QLatin1String("3000 rows in 3 committed batches")),
             qPrintable(r->message));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM "
                                  "public.example_project__observations__equities WHERE "
                                  "time_index >= '2030-01-01'")),
             r->counters.committed);
}

void TstNodeRunPg::unregisteredStorageClassIsRefused()
{
    METATABLE_SCRATCH_DATABASE(empty, "noderun_unregistered");
    const auto r = runNode(empty,
                           withSampleNode(Daily, {QStringLiteral("--rows"), QStringLiteral("5")}),
                           Daily,
                           {},
                           {},
                           {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Refused);
    QVERIFY2(r.error().message.contains(QLatin1String("not registered")),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(QLatin1String("applying the migration first")),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(QLatin1String("metatable upgrade")),
             qPrintable(r.error().message));

    const auto cli = TestSupport::runCli({QStringLiteral("run"),
                                          TestSupport::demoManifestV1(),
                                          QStringLiteral("--node"),
                                          Daily,
                                          QStringLiteral("--db"),
                                          empty});
    QCOMPARE(cli.exitCode, 3);
    QVERIFY2(cli.err.contains("applying the migration first"), cli.err.constData());
    QVERIFY(cli.out.isEmpty());
}

void TstNodeRunPg::sameNodeRefusedWhileOtherNodesRun()
{
    // A slow run of DailyMetricsNode (5 ms a row) holds the node's lock while the checks run.
    CancelToken cancel;
    std::atomic<bool> started = false;
    RunCallbacks callbacks;
    callbacks.started = [&](const RunRecord &) { started = true; };
    Result<RunRecord> slow = fail(ErrorCode::Internal, QStringLiteral("did not run"));
    std::thread worker([&] {
        slow = run(Daily,
                   {QStringLiteral("--rows"),
                    QStringLiteral("2000"),
                    QStringLiteral("--sleep-ms"),
                    QStringLiteral("5")},
                   {},
                   callbacks,
                   cancel);
    });
    QTRY_VERIFY_WITH_TIMEOUT(started, 10000);

    const auto second = run(Daily, {QStringLiteral("--rows"), QStringLiteral("5")});
    QVERIFY(!second);
    QCOMPARE(second.error().code, ErrorCode::Conflict);
    QVERIFY2(second.error().message.contains(QLatin1String("is already running")),
             qPrintable(second.error().message));

    const auto other = run(Observations,
                           {QStringLiteral("--rows"),
                            QStringLiteral("50"),
                            QStringLiteral("--start"),
                            QStringLiteral("2031-01-01T00:00:00Z")});
    QVERIFY2(other, qPrintable(errorText(other)));
    QCOMPARE(other->status, RunStatus::Succeeded);
    const bool stillRunning
        = count(QStringLiteral("SELECT count(*) FROM metatable_catalog.node_runs WHERE "
                               "status = 'running' AND node_identifier = '%1'")
                    .arg(Daily))
          == 1;

    cancel.cancel();
    worker.join();
    QVERIFY2(stillRunning, "the first run ended before the other node's run: not in parallel");
    QVERIFY2(slow, qPrintable(errorText(slow)));
    QCOMPARE(slow->status, RunStatus::Cancelled);

    // The lock is gone with the run.
    const auto again = run(Daily, {QStringLiteral("--rows"), QStringLiteral("5")});
    QVERIFY2(again, qPrintable(errorText(again)));
    QCOMPARE(again->status, RunStatus::Succeeded);
}

void TstNodeRunPg::pythonRunnerThroughTheCli()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile nodes(dir.filePath(QStringLiteral("runner_nodes.py")));
    QVERIFY(nodes.open(QIODevice::WriteOnly));
    nodes.write(R"(import pandas as pd
from pydantic import BaseModel, Field


class FrameConfig(BaseModel):
    rows: int = Field(default=4, description="How many rows to write.")


class FrameNode:
    def __init__(self, config: FrameConfig):
        self.config = config

    def update(self):
        n = self.config.rows
        index = pd.MultiIndex.from_arrays(
            [pd.date_range("2020-01-01", periods=n, freq="D", tz="UTC"), [f"py_{i}" for i in range(n)]],
            names=["time_index", "entity_identifier"],
        )
        return pd.DataFrame({"value": [i * 0.5 for i in range(n)]}, index=index)


class RaisingNode(FrameNode):
    def update(self):
        raise RuntimeError("the upstream feed is unreachable")
)");
    nodes.close();

    // The demo manifest with its DailyMetricsNode replaced by the two Python nodes.
    auto doc = readManifestFile(TestSupport::demoManifestV1());
    QVERIFY(doc);
    Json raw = doc->raw;
    const QString python = qEnvironmentVariable("METATABLE_PYTHON3", QStringLiteral("python3"));
    const QString path
        = QStringList{TestSupport::sourcePath(QStringLiteral("tests/python/debian-site")),
                      TestSupport::sourcePath(QStringLiteral("resources/python")),
                      dir.path()}
              .join(QLatin1Char(':'));
    Json node = raw["nodes"][0];
    raw["nodes"] = Json::array();
    for (const char *qualname : {"FrameNode", "RaisingNode"}) {
        node["class"] = {{"module", "runner_nodes"}, {"qualname", qualname}};
        node["config_class"] = {{"module", "runner_nodes"}, {"qualname", "FrameConfig"}};
        node["config_schema"] = Json::parse(R"({"properties": {"rows": {"default": 4,
            "description": "How many rows to write.", "title": "Rows", "type": "integer"}},
            "title": "FrameConfig", "type": "object"})");
        node["config"] = {{"rows", 6}};
        node["runner"] = {{"command",
                           {python.toStdString(),
                            "-m",
                            "metatable_runner",
                            "--node",
                            std::string("runner_nodes:") + qualname}},
                          {"row_format", "ndjson"},
                          {"working_directory", nullptr},
                          {"environment", {{"PYTHONPATH", path.toStdString()}}}};
        raw["nodes"].push_back(node);
    }
    const QString manifest = dir.filePath(QStringLiteral("manifest.json"));
    QFile file(manifest);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(raw.dump(2)));
    file.close();

    const QString pyRows
        = QStringLiteral("SELECT count(*) FROM public.example_project__daily_metrics "
                         "WHERE entity_identifier LIKE 'py\\_%'");
    const auto frame = TestSupport::runCli({QStringLiteral("run"),
                                            manifest,
                                            QStringLiteral("--node"),
                                            QStringLiteral("runner_nodes:FrameNode"),
                                            QStringLiteral("--db"),
                                            m_db,
                                            QStringLiteral("--format"),
                                            QStringLiteral("json")});
    QVERIFY2(frame.exitCode == 0, frame.err.constData());
    const QJsonObject record = QJsonDocument::fromJson(frame.out).object();
    QCOMPARE(record.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    const QJsonObject counters = record.value(QStringLiteral("counters")).toObject();
    QCOMPARE(counters.value(QStringLiteral("accepted")).toInt(), 6);
    QCOMPARE(counters.value(QStringLiteral("inserted")).toInt(), 6);
    QCOMPARE(count(pyRows), 6);
    QCOMPARE(count(QStringLiteral("SELECT (sum(value) * 10)::bigint FROM "
                                  "public.example_project__daily_metrics WHERE "
                                  "entity_identifier LIKE 'py\\_%'")),
             75); // 0 + 0.5 + ... + 2.5

    const QString before = tableChecksum(QStringLiteral("example_project__daily_metrics"));
    const auto raising = TestSupport::runCli({QStringLiteral("run"),
                                              manifest,
                                              QStringLiteral("--node"),
                                              QStringLiteral("runner_nodes:RaisingNode"),
                                              QStringLiteral("--db"),
                                              m_db});
    QCOMPARE(raising.exitCode, 3);
    QVERIFY2(raising.out.contains("FAILED: The runner exited with code 1"),
             raising.out.constData());
    QVERIFY2(raising.err.contains("RuntimeError: the upstream feed is unreachable"),
             raising.err.constData());
    QCOMPARE(tableChecksum(QStringLiteral("example_project__daily_metrics")), before);
    auto listed = listRuns(m_db, QStringLiteral("runner_nodes:RaisingNode"), 1);
    QVERIFY(listed && listed->size() == 1);
    QCOMPARE(listed->first().status, RunStatus::Failed);
    QCOMPARE(listed->first().exitCode, std::optional<int>(1));
    QVERIFY(listed->first().logTail.contains(QLatin1String("RuntimeError")));
}

QTEST_GUILESS_MAIN(TstNodeRunPg)
#include "tst_noderun_pg.moc"
