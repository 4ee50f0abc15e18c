// SPDX-License-Identifier: MIT
// The demo project reaches "fully migrated" through the CLI: `metatable checklist --db` after
// `metatable upgrade` and one `metatable run` of each node, on a real PostgreSQL.
#include <core/contract/json.h>
#include <core/db/session.h>

#include <QtTest>

#include <tests/support/clirun.h>
#include <tests/support/testsupport.h>

using Core::Json;

class TstChecklistPg : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyDemoNodeIsFullyMigratedAfterUpgradeAndOneRun();
};

void TstChecklistPg::initTestCase()
{
    // The demo's runner command is `metatable-sample-node`, found on the PATH.
    QVERIFY2(TestSupport::putSampleNodeOnPath(), "METATABLE_SAMPLE_NODE is not set by CTest");
}

void TstChecklistPg::everyDemoNodeIsFullyMigratedAfterUpgradeAndOneRun()
{
    METATABLE_SCRATCH_DATABASE(db, "mt_checklist");
    const QString manifest
        = TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json"));
    const auto checklist = [&] {
        const auto run = TestSupport::runCli({QStringLiteral("checklist"),
                                              manifest,
                                              QStringLiteral("--db"),
                                              db,
                                              QStringLiteral("--format"),
                                              QStringLiteral("json")});
        return std::make_pair(run.exitCode, Json::parse(run.out.toStdString(), nullptr, false));
    };
    const auto item15 = [](const Json &doc, int node) {
        return doc.at("nodes").at(node).at("items").at(14).at("state").get<std::string>();
    };

    const auto upgrade = TestSupport::runCli(
        {QStringLiteral("upgrade"), manifest, QStringLiteral("--db"), db, QStringLiteral("--yes")});
    QVERIFY2(upgrade.exitCode == 0, upgrade.out + upgrade.err);
    auto [before, beforeDoc] = checklist();
    QCOMPARE(before, 1);
    QCOMPARE(beforeDoc.at("fully_migrated").get<int>(), 0);
    for (int n = 0; n < 4; ++n) // registered, but no run yet
        QCOMPARE(item15(beforeDoc, n), std::string("not done"));

    auto session = TestSupport::openSession(db);
    QFile seed(TestSupport::sourcePath(QStringLiteral("resources/demo/seed-accounts.sql")));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    QVERIFY(session->execute(QString::fromUtf8(seed.readAll())));

    for (const char *node :
         {"DailyMetricsNode", "ObservationNode", "SpreadNode", "AccountPositionsNode"}) {
        const auto run
            = TestSupport::runCli({QStringLiteral("run"),
                                   manifest,
                                   QStringLiteral("--node"),
                                   QStringLiteral("example_project.nodes:") + QLatin1String(node),
                                   QStringLiteral("--db"),
                                   db});
        QVERIFY2(run.exitCode == 0, run.out + run.err);
    }
    auto [after, afterDoc] = checklist();
    QVERIFY2(after == 0, afterDoc.dump(1).c_str());
    QCOMPARE(afterDoc.at("fully_migrated").get<int>(), 4);
    QVERIFY(afterDoc.at("all_done").get<bool>());
    for (const Json &node : afterDoc.at("nodes"))
        for (const Json &item : node.at("items"))
            QVERIFY2(item.at("state") == "done" || item.at("state") == "n/a",
                     (node.at("node").get<std::string>() + ": item "
                      + std::to_string(item.at("number").get<int>()))
                         .c_str());
}

QTEST_GUILESS_MAIN(TstChecklistPg)
#include "tst_checklist_pg.moc"
