// SPDX-License-Identifier: MIT
// A manual run from the Runs tab on a real PostgreSQL holding the demo at v1, with real clicks:
// the demo's DailyMetricsNode launched with bad rows injected by its runner. The live counters,
// the summary ("succeeded with N rejects", never a plain success) and the rejects-by-rule list
// match the run's record as `metatable runs --format json` reports it; the history lists the run
// under the update identity the editor shows.
#include <core/models/rejectsmodel.h>
#include <core/run/noderun.h>
#include <core/workspace/noderuns.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <tests/support/clirun.h>
#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>

class TestRunPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void runWithRejectsMatchesTheCli();
    void checklistItemFifteenIsDoneAfterARun();

private:
    QTemporaryDir m_dir;
};

void TestRunPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("METATABLE_DRAFTS_DIR", m_dir.filePath(QStringLiteral("drafts")).toUtf8());
    // The demo's runner is `metatable-sample-node`, found on PATH as a user's would be.
    QVERIFY2(TestSupport::putSampleNodeOnPath(), "METATABLE_SAMPLE_NODE is not set by CTest");
}

void TestRunPanel::runWithRejectsMatchesTheCli()
{
    METATABLE_DEMO_DATABASE(db, "mt_runpanel");
    // The demo manifest with bad rows injected by the node's runner: every 40th row breaks a rule.
    QFile demo(TestSupport::demoManifestV1());
    QVERIFY(demo.open(QIODevice::ReadOnly));
    Core::Json manifest = Core::Json::parse(demo.readAll().toStdString());
    for (Core::Json &node : manifest.at("nodes")) {
        if (node.at("class").at("qualname") == "DailyMetricsNode")
            node["runner"]["command"] = {"metatable-sample-node",
                                         "--rows",
                                         "400",
                                         "--bad",
                                         "wrong-type",
                                         "--bad",
                                         "naive-timestamp",
                                         "--bad",
                                         "extra-column",
                                         "--bad-every",
                                         "40"};
    }
    const QString path = m_dir.filePath(QStringLiteral("demo.json"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(QByteArray::fromStdString(manifest.dump(2)));
    out.close();

    Gui::MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    window.openManifest(path);
    QVERIFY(loaded.wait(20000));
    Core::WorkspaceDocument *document = window.document();
    window.connectTo(db);
    QTRY_VERIFY_WITH_TIMEOUT(document->review() && !document->isRefreshing(), 30000);
    QVERIFY(window.selectItem(QStringLiteral("DailyMetricsNode")));
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("nodeTabs"));
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(2).center());
    auto *start = window.findChild<QPushButton *>(QStringLiteral("startRun"));
    QVERIFY(start);
    QTRY_VERIFY(start->isEnabled());
    auto *rejectsView = window.findChild<QTreeView *>(QStringLiteral("rejectsView"));
    QAbstractItemModelTester tester(rejectsView->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    QSignalSpy finished(document->nodeRuns(), &Core::NodeRuns::runFinished);
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(!start->isEnabled()); // one run of a node at a time
    QVERIFY(finished.wait(60000));
    QApplication::processEvents();

    const Core::NodeRunSession *session
        = document->nodeRuns()->last(QStringLiteral("example_project.nodes:DailyMetricsNode"));
    QVERIFY(session && session->outcome() && session->outcome()->has_value());
    const Core::Run::RunRecord &record = **session->outcome();
    QCOMPARE(record.status, Core::Run::RunStatus::SucceededWithRejects);
    QCOMPARE(record.counters.rowsRead, 400);
    QCOMPARE(record.counters.rejected, 10);

    // The panel shows the record's figures.
    const auto label = [&](const char *name) {
        return window.findChild<QLabel *>(QLatin1String(name))
            ->text()
            .remove(QLocale().groupSeparator());
    };
    QCOMPARE(label("runRead"), QString::number(record.counters.rowsRead));
    QCOMPARE(label("runAccepted"), QString::number(record.counters.accepted));
    QCOMPARE(label("runRejected"), QString::number(record.counters.rejected));
    QVERIFY2(label("nodeRunSummary").contains(QStringLiteral("Succeeded with 10 rejects")),
             qPrintable(label("nodeRunSummary")));

    // The same run as the command line reports it.
    const auto cli = TestSupport::runCli({QStringLiteral("runs"),
                                          QStringLiteral("--db"),
                                          db,
                                          QStringLiteral("--node"),
                                          QStringLiteral("example_project.nodes:DailyMetricsNode"),
                                          QStringLiteral("--format"),
                                          QStringLiteral("json")});
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    const Core::Json runs = Core::Json::parse(cli.out.toStdString());
    const Core::Json &newest = runs.is_array() ? runs.at(0) : runs.at("runs").at(0);
    // The catalog's record of that run is what the CLI printed, and what the panel followed.
    const auto stored
        = Core::Run::listRuns(db, QStringLiteral("example_project.nodes:DailyMetricsNode"));
    QVERIFY(stored && !stored->isEmpty());
    QCOMPARE(newest, stored->first().toJson());
    QCOMPARE(stored->first().runId, record.runId);
    QCOMPARE(stored->first().counters.accepted, record.counters.accepted);
    QCOMPARE(stored->first().rejectCounts, record.rejectCounts);

    // Rejects by rule: each rule of the record, with its count and its rows underneath.
    const QAbstractItemModel *rejects = rejectsView->model();
    QCOMPARE(rejects->rowCount(), record.rejectCounts.size());
    for (int row = 0; row < rejects->rowCount(); ++row) {
        const QString rule = rejects->index(row, Core::RejectsModel::Rule).data().toString();
        const qint64 count = rejects->index(row, Core::RejectsModel::Count).data().toLongLong();
        bool found = false;
        for (const auto &[r, n] : record.rejectCounts) {
            if (QLatin1String(Core::Run::ruleId(r)) == rule) {
                QCOMPARE(count, n);
                found = true;
            }
        }
        QVERIFY2(found, qPrintable(rule));
        QCOMPARE(rejects->rowCount(rejects->index(row, 0)), int(count)); // all kept (under 50)
    }

    // The history lists it, under the identity the configuration editor shows.
    auto *history = window.findChild<QTableView *>(QStringLiteral("runHistory"));
    QTRY_VERIFY(history->model()->rowCount() >= 1);
    auto *matching = window.findChild<QLabel *>(QStringLiteral("matchingRuns"));
    QTRY_VERIFY2(matching->text().contains(QStringLiteral("1 recorded run")),
                 qPrintable(matching->text()));
}

void TestRunPanel::checklistItemFifteenIsDoneAfterARun()
{
    // The guide's last item, "run the migration, then one live update", on the demo at v1: the
    // checklist offers the run, the run is made from the Runs tab, and the item is done.
    METATABLE_DEMO_DATABASE(db, "mt_checklist");
    Gui::MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    window.openManifest(TestSupport::demoManifestV1());
    QVERIFY(loaded.wait(20000));
    Core::WorkspaceDocument *document = window.document();
    window.connectTo(db);
    QTRY_VERIFY_WITH_TIMEOUT(document->review() && !document->isRefreshing(), 30000);
    QVERIFY(window.selectItem(QStringLiteral("DailyMetricsNode")));
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("nodeTabs"));
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(3).center());
    auto *view = window.findChild<QTableView *>(QStringLiteral("checklistView"));
    QVERIFY(view);
    QAbstractItemModelTester tester(view->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto itemRow = [&](int number) {
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            if (view->model()->index(row, 0).data().toInt() == number)
                return row;
        }
        return -1;
    };
    QTRY_COMPARE(view->model()->rowCount(), 15);
    const int fifteen = itemRow(15);
    const auto state = [&] { return view->model()->index(fifteen, 2).data().toString(); };
    QTRY_COMPARE(state(), QStringLiteral("not done")); // registered, never run
    const QModelIndex cell = view->model()->index(fifteen, 1);
    view->scrollTo(cell);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell).center());
    auto *action = window.findChild<QPushButton *>(QStringLiteral("checklistAction"));
    QTRY_VERIFY(action->isVisible());
    QCOMPARE(action->text(), QStringLiteral("Run the node"));
    QTest::mouseClick(action, Qt::LeftButton);
    QCOMPARE(tabs->currentIndex(), 2);

    auto *start = window.findChild<QPushButton *>(QStringLiteral("startRun"));
    QTRY_VERIFY(start->isEnabled());
    QSignalSpy finished(document->nodeRuns(), &Core::NodeRuns::runFinished);
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("done"), 10000);
    QVERIFY(
        view->model()->index(fifteen, 3).data().toString().contains(QStringLiteral("succeeded")));
}

QTEST_MAIN(TestRunPanel)
#include "tst_runpanel.moc"
