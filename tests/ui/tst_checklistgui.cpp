// SPDX-License-Identifier: MIT
// The migration assistant in the console, with real clicks and keys on a real PostgreSQL: the
// demo project reaches "fully migrated" after the migration is applied from the review and each
// node is run once from its Runs tab; the guide's validation tests are generated into a copy of
// the demo project from the Checklist tab and run there, and a factory that lost its lru_cache
// fails exactly the memoization test.
#include <core/db/session.h>
#include <core/models/testresultsmodel.h>
#include <core/workspace/noderuns.h>
#include <core/workspace/validationtests.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QtTest>

#include <tests/support/testsupport.h>

class TestChecklistGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyDemoNodeIsFullyMigratedAfterApplyAndOneRun();
    void generatedTestsRunFromTheChecklist();

private:
    static void openTab(Gui::MainWindow &window, const char *tabsName, int index);
    static bool openDemo(Gui::MainWindow &window);
    QTemporaryDir m_dir;
};

void TestChecklistGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("METATABLE_DRAFTS_DIR", m_dir.filePath(QStringLiteral("drafts")).toUtf8());
    QVERIFY2(TestSupport::putSampleNodeOnPath(), "METATABLE_SAMPLE_NODE is not set by CTest");
    // The project's Python: pyenv's python3 (pydantic 2) with Debian's SQLAlchemy and pandas.
    qputenv("PYTHONPATH",
            TestSupport::sourcePath(QStringLiteral("tests/python/debian-site")).toUtf8());
}

bool TestChecklistGui::openDemo(Gui::MainWindow &window)
{
    window.show();
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    window.openManifest(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    return loaded.wait(20000);
}

void TestChecklistGui::openTab(Gui::MainWindow &window, const char *tabsName, int index)
{
    auto *tabs = window.findChild<QTabWidget *>(QLatin1String(tabsName));
    QVERIFY(tabs);
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
    QCOMPARE(tabs->currentIndex(), index);
}

void TestChecklistGui::everyDemoNodeIsFullyMigratedAfterApplyAndOneRun()
{
    METATABLE_SCRATCH_DATABASE(db, "mt_checklistgui");
    Gui::MainWindow window;
    QVERIFY(openDemo(window));
    Core::WorkspaceDocument *document = window.document();
    window.connectTo(db);
    QTRY_VERIFY_WITH_TIMEOUT(document->review() && !document->isRefreshing(), 30000);

    // The migration, from the review: Apply, then the confirmation's Apply.
    openTab(window, "mainTabs", 2);
    QTimer::singleShot(0, [] {
        QWidget *dialog = nullptr;
        QTRY_VERIFY(dialog = QApplication::activeModalWidget());
        auto *apply = dialog->findChild<QPushButton *>(QStringLiteral("confirmApplyButton"));
        QVERIFY(apply);
        QTest::mouseClick(apply, Qt::LeftButton);
    });
    auto *bar = window.findChild<QToolBar *>(QStringLiteral("reviewToolBar"));
    QAction *applyAction = window.findChild<QAction *>(QStringLiteral("applyAction"));
    QTRY_VERIFY(applyAction->isEnabled());
    QTest::mouseClick(bar->widgetForAction(applyAction), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(document->runningMigration()
                                     == Core::WorkspaceDocument::Migration::None
                                 && document->lastMigration(),
                             60000);
    if (!document->lastMigration()->has_value())
        QFAIL(qPrintable(document->lastMigration()->error().message));
    QTRY_VERIFY_WITH_TIMEOUT(document->review() && !document->isRefreshing(), 30000);

    // AccountPositionsNode's rows point at accounts: the demo's seed provides them.
    auto database = TestSupport::openSession(db);
    QFile seed(TestSupport::sourcePath(QStringLiteral("resources/demo/seed-accounts.sql")));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    QVERIFY(database->execute(QString::fromUtf8(seed.readAll())));

    openTab(window, "mainTabs", 0);
    for (const char *node :
         {"DailyMetricsNode", "ObservationNode", "SpreadNode", "AccountPositionsNode"}) {
        QVERIFY(window.selectItem(QLatin1String(node)));
        openTab(window, "nodeTabs", 2);
        auto *start = window.findChild<QPushButton *>(QStringLiteral("startRun"));
        QTRY_VERIFY_WITH_TIMEOUT(start && start->isVisible() && start->isEnabled(), 10000);
        QSignalSpy finished(document->nodeRuns(), &Core::NodeRuns::runFinished);
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY2(finished.wait(60000), node);
        const auto *session = document->nodeRuns()->last(QStringLiteral("example_project.nodes:")
                                                         + QLatin1String(node));
        QVERIFY(session && session->outcome() && session->outcome()->has_value());
    }

    openTab(window, "nodeTabs", 3);
    auto *project = window.findChild<QLabel *>(QStringLiteral("projectChecklist"));
    auto *nodeLabel = window.findChild<QLabel *>(QStringLiteral("nodeChecklist"));
    QTRY_COMPARE_WITH_TIMEOUT(project->text(),
                              QStringLiteral("4 of 4 node(s) of this project are fully migrated."),
                              15000);
    QVERIFY2(nodeLabel->text().contains(QStringLiteral("is fully migrated")),
             qPrintable(nodeLabel->text()));
}

void TestChecklistGui::generatedTestsRunFromTheChecklist()
{
    // A copy of the demo project, so that the tests are written there, never into the sources.
    const QString project = m_dir.filePath(QStringLiteral("project"));
    QVERIFY(TestSupport::copyDirectory(
        TestSupport::sourcePath(QStringLiteral("resources/demo/python")), project));
    const QString folder = project + QStringLiteral("/tests");

    Gui::MainWindow window;
    QVERIFY(openDemo(window));
    Core::WorkspaceDocument *document = window.document();
    QVERIFY(window.selectItem(QStringLiteral("ObservationNode")));
    openTab(window, "nodeTabs", 3);

    auto *folderEdit = window.findChild<QLineEdit *>(QStringLiteral("testsFolder"));
    auto *generate = window.findChild<QPushButton *>(QStringLiteral("generateTests"));
    auto *status = window.findChild<QLabel *>(QStringLiteral("testsStatus"));
    auto *view = window.findChild<QTableView *>(QStringLiteral("testResults"));
    auto *detail = window.findChild<QPlainTextEdit *>(QStringLiteral("testDetail"));
    QVERIFY(folderEdit && generate && status && view && detail);
    QAbstractItemModelTester tester(view->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(folderEdit->isVisible());
    folderEdit->selectAll();
    QTest::keyClick(folderEdit, Qt::Key_Delete);
    QTest::keyClicks(folderEdit, folder);

    QSignalSpy finished(document->validationTests(), &Core::ValidationTests::finished);
    QTest::mouseClick(generate, Qt::LeftButton);
    QVERIFY(!generate->isEnabled()); // one run at a time
    QVERIFY(finished.wait(120000));
    QVERIFY2(status->text().startsWith(QStringLiteral("All 9 test(s) passed")),
             qPrintable(status->text()));
    QCOMPARE(view->model()->rowCount(), 9);
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/test_example_project_metatable.py")));
    QCOMPARE(view->model()->index(4, Core::TestResultsModel::Test).data().toString(),
             QStringLiteral("5. Parameterized storage factories are memoized"));

    // The factory loses its lru_cache: exactly the memoization test fails, and says why.
    QFile storage(project + QStringLiteral("/example_project/storage.py"));
    QVERIFY(storage.open(QIODevice::ReadOnly));
    QByteArray source = storage.readAll();
    storage.close();
    QVERIFY(source.contains("@lru_cache(maxsize=None)\n"));
    source.replace("@lru_cache(maxsize=None)\n", "");
    QVERIFY(storage.open(QIODevice::WriteOnly | QIODevice::Truncate));
    storage.write(source);
    storage.close();
    QTRY_VERIFY(generate->isEnabled());
    QTest::mouseClick(generate, Qt::LeftButton);
    QVERIFY(finished.wait(120000));
    QVERIFY2(status->text().startsWith(QStringLiteral("1 of 9 test(s) failed")),
             qPrintable(status->text()));
    int failedRow = -1;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, Core::TestResultsModel::Outcome).data()
            != QStringLiteral("passed")) {
            QCOMPARE(failedRow, -1);
            failedRow = row;
        }
    }
    QCOMPARE(failedRow, 4);
    const QModelIndex cell = view->model()->index(failedRow, Core::TestResultsModel::Test);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell).center());
    QTRY_VERIFY(detail->toPlainText().contains(QStringLiteral("lru_cache")));
    QVERIFY(detail->toPlainText().contains(QStringLiteral("observation_storage('equities')")));
}

QTEST_MAIN(TestChecklistGui)
#include "tst_checklistgui.moc"
