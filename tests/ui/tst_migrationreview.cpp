// SPDX-License-Identifier: MIT
// The migration review on the demo workspace and a real PostgreSQL, driven through the real
// widgets with mouse clicks: the v1 -> v2 plan with each operation's lock and live figures; a
// NOT NULL over NULLs refused with the count; a rehearsal that leaves the database
// byte-identical; an apply after which every badge says registered; and an apply that waits
// behind another session's lock, shows it, and is cancelled with nothing changed.
#include <core/db/session.h>
#include <core/models/lockholdersmodel.h>
#include <core/models/planmodel.h>
#include <core/models/storagetreemodel.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>
#include <QtTest>

#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>

class TestMigrationReview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void listsOperationsWithLocksAndFigures();
    void refusesNotNullOverNullsWithTheCount();
    void rehearsalLeavesTheDatabaseIdentical();
    void applyRegistersEveryClass();
    void showsTheBlockerAndCancels();
    void clickingAForeignKeyTargetSelectsIt();

private:
    // A window on demo v2, connected to `db`, showing the migration review with a live plan.
    std::unique_ptr<Gui::MainWindow> openReview(const QString &db);
    static void waitForReview(Core::WorkspaceDocument *document);
    static void clickAction(Gui::MainWindow &window, const QString &actionName);
    static void confirmNextApply();
    static void waitForMigration(Core::WorkspaceDocument *document);
    static int findOperation(const Core::PlanModel &model, const QString &summaryPart);
};

std::unique_ptr<Gui::MainWindow> TestMigrationReview::openReview(const QString &db)
{
    auto window = std::make_unique<Gui::MainWindow>();
    window->show();
    QSignalSpy loaded(window.get(), &Gui::MainWindow::manifestLoaded);
    window->openManifest(TestSupport::demoManifestV2());
    if (!loaded.wait(20000))
        qFatal("demo v2 did not load");
    window->connectTo(db);
    waitForReview(window->document());
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(2).center());
    if (tabs->currentIndex() != 2)
        qFatal("the review tab did not open on a click");
    return window;
}

void TestMigrationReview::waitForReview(Core::WorkspaceDocument *document)
{
    QTRY_VERIFY_WITH_TIMEOUT(!document->isRefreshing() && document->review(), 30000);
}

void TestMigrationReview::clickAction(Gui::MainWindow &window, const QString &actionName)
{
    auto *bar = window.findChild<QToolBar *>(QStringLiteral("reviewToolBar"));
    QAction *action = window.findChild<QAction *>(actionName);
    QVERIFY(bar && action);
    QTRY_VERIFY(action->isEnabled());
    QWidget *button = bar->widgetForAction(action);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestMigrationReview::confirmNextApply()
{
    // The confirmation is modal: click its Apply button once it is up.
    QTimer::singleShot(0, [] {
        QWidget *dialog = QApplication::activeModalWidget();
        QTRY_VERIFY(dialog = QApplication::activeModalWidget());
        auto *apply = dialog->findChild<QPushButton *>(QStringLiteral("confirmApplyButton"));
        QVERIFY(apply);
        QTest::mouseClick(apply, Qt::LeftButton);
    });
}

void TestMigrationReview::waitForMigration(Core::WorkspaceDocument *document)
{
    QTRY_VERIFY_WITH_TIMEOUT(document->runningMigration()
                                     == Core::WorkspaceDocument::Migration::None
                                 && document->lastMigration(),
                             60000);
}

int TestMigrationReview::findOperation(const Core::PlanModel &model, const QString &summaryPart)
{
    for (int i = 0; i < model.plan().operations.size(); ++i) {
        if (model.plan().operations.at(i).summary.contains(summaryPart))
            return i;
    }
    return -1;
}

void TestMigrationReview::listsOperationsWithLocksAndFigures()
{
    METATABLE_DEMO_DATABASE(db, "guireview");
    auto window = openReview(db);
    auto *tree = window->findChild<QTreeView *>(QStringLiteral("planTree"));
    QVERIFY(tree);
    auto *model = qobject_cast<Core::PlanModel *>(tree->model());
    QVERIFY(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // The demo's v2 operations, each with its lock and the live figures of its table.
    struct Expected
    {
        const char *summary;
        const char *lock;
        QStringList figures;
    };
    const QString rows = QStringLiteral("%1 rows").arg(TestSupport::DemoSpreadRows);
    const QList<Expected> expected = {
        {"add column \"source\"", "ACCESS EXCLUSIVE", {QStringLiteral("30 rows")}},
        {"add column \"account_uid\"", "ACCESS EXCLUSIVE", {rows}},
        {"\"base_value\" NOT NULL",
         "ACCESS EXCLUSIVE",
         {rows, QStringLiteral("%1 NULLs").arg(TestSupport::DemoNullBaseValues)}},
        {"add foreign key",
         "SHARE ROW EXCLUSIVE on example_project__spreads; SHARE ROW EXCLUSIVE on "
         "example_project__account",
         {rows,
          QStringLiteral("target example_project__account: %1 rows")
              .arg(TestSupport::DemoAccounts)}},
        {"add index \"ix__example_project__account_positions__account_uid\"", "SHARE", {}},
        {"set comment of column \"value\"", "SHARE UPDATE EXCLUSIVE", {}},
    };
    for (const Expected &e : expected) {
        const int op = findOperation(*model, QString::fromUtf8(e.summary));
        QVERIFY2(op >= 0, e.summary);
        QCOMPARE(model->indexOfOperation(op, Core::PlanModel::Lock).data().toString(),
                 QString::fromUtf8(e.lock));
        const QString figures
            = model->indexOfOperation(op, Core::PlanModel::Figures).data().toString();
        for (const QString &f : e.figures)
            QVERIFY2(figures.contains(f), qPrintable(figures));
    }

    // Clicking the risky operation shows its details and DDL.
    const int notNull = findOperation(*model, QStringLiteral("\"base_value\" NOT NULL"));
    QCOMPARE(model->indexOfOperation(notNull, Core::PlanModel::Risk).data().toString(),
             QStringLiteral("blocker"));
    const QModelIndex cell = model->indexOfOperation(notNull);
    tree->scrollTo(cell);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(cell).center());
    QCOMPARE(model->operationAt(tree->currentIndex()), notNull);
    auto *details = window->findChild<QTextBrowser *>(QStringLiteral("operationDetails"));
    QVERIFY(details->toPlainText().contains(QStringLiteral("blocks every read and write")));
    QVERIFY(details->toPlainText().contains(QString::number(TestSupport::DemoNullBaseValues)));
    auto *sql = window->findChild<QPlainTextEdit *>(QStringLiteral("operationSql"));
    QVERIFY2(sql->toPlainText().contains(QStringLiteral("SET NOT NULL")),
             qPrintable(sql->toPlainText()));
    auto *script = window->findChild<QPlainTextEdit *>(QStringLiteral("fullScript"));
    QVERIFY(script->toPlainText().contains(QStringLiteral("FOREIGN KEY")));
}

void TestMigrationReview::refusesNotNullOverNullsWithTheCount()
{
    METATABLE_DEMO_DATABASE(db, "guireview");
    const QByteArray before = TestSupport::dumpDatabase(db);
    auto window = openReview(db);
    confirmNextApply();
    clickAction(*window, QStringLiteral("applyAction"));
    waitForMigration(window->document());
    const auto &outcome = *window->document()->lastMigration();
    QVERIFY(!outcome);
    QCOMPARE(outcome.error().code, Core::ErrorCode::Refused);
    auto *banner = window->findChild<QLabel *>(QStringLiteral("reviewBanner"));
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(
                 QStringLiteral("%1 rows hold NULL").arg(TestSupport::DemoNullBaseValues)),
             qPrintable(banner->text()));
    QCOMPARE(TestSupport::dumpDatabase(db), before);
}

void TestMigrationReview::rehearsalLeavesTheDatabaseIdentical()
{
    METATABLE_DEMO_DATABASE(db, "guireview");
    TestSupport::fillDemoNulls(db);
    const QByteArray before = TestSupport::dumpDatabase(db);
    auto window = openReview(db);
    clickAction(*window, QStringLiteral("rehearseAction"));
    waitForMigration(window->document());
    const auto &outcome = *window->document()->lastMigration();
    QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toText()));
    QVERIFY(outcome->rehearsed && !outcome->failed());
    auto *statements = window->findChild<QTableView *>(QStringLiteral("statementsView"));
    QCOMPARE(statements->model()->rowCount(), outcome->statements.size());
    QVERIFY(statements->model()->rowCount() >= 8);
    for (int r = 0; r < statements->model()->rowCount(); ++r)
        QCOMPARE(statements->model()->index(r, 5).data().toString(), QStringLiteral("ok"));
    QCOMPARE(TestSupport::dumpDatabase(db), before);
}

void TestMigrationReview::applyRegistersEveryClass()
{
    METATABLE_DEMO_DATABASE(db, "guireview");
    TestSupport::fillDemoNulls(db);
    auto window = openReview(db);
    Core::WorkspaceDocument *document = window->document();
    QVERIFY(!document->badges().isEmpty());
    confirmNextApply();
    clickAction(*window, QStringLiteral("applyAction"));
    waitForMigration(document);
    const auto &outcome = *document->lastMigration();
    QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toText()));
    QVERIFY(!outcome->rehearsed);
    // The apply refreshes the review: the plan is empty and every badge says registered.
    QTRY_VERIFY_WITH_TIMEOUT(!document->isRefreshing() && document->review()
                                 && document->review()->plan.isEmpty(),
                             30000);
    for (auto it = document->badges().cbegin(); it != document->badges().cend(); ++it)
        QVERIFY2(it->badge == Core::ClassBadge::Registered, qPrintable(it.key() + it->reason));
    // The storage tree shows them: every class row's status column says registered.
    auto *tree = window->findChild<QTreeView *>(QStringLiteral("storageTree"));
    int registered = 0;
    for (int g = 0; g < tree->model()->rowCount(); ++g) {
        const QModelIndex group = tree->model()->index(g, 0);
        for (int r = 0; r < tree->model()->rowCount(group); ++r) {
            const QModelIndex status
                = tree->model()->index(r, Core::StorageTreeModel::Status, group);
            if (status.data(int(Core::ModelRole::ItemKind)).toInt()
                != int(Core::WorkspaceItemKind::StorageClass))
                continue;
            QCOMPARE(status.data().toString(), QStringLiteral("registered"));
            ++registered;
        }
    }
    QCOMPARE(registered, int(document->manifest().storageClasses.size()));
    // Bound from the catalog, a node whose configuration names a storage class has its hash.
    QVERIFY(window->selectItem(QStringLiteral("SpreadNode")));
    auto *hash = window->findChild<QLabel *>(QStringLiteral("updateHash"));
    QVERIFY2(hash->text().startsWith(QStringLiteral("update_hash <b>")), qPrintable(hash->text()));
    auto session = TestSupport::openSession(db);
    auto column = session->query(
        QStringLiteral("select 1 from information_schema.columns where table_name = "
                       "'example_project__spreads' and column_name = 'account_uid'"));
    QVERIFY(column && column->size() == 1);
}

void TestMigrationReview::showsTheBlockerAndCancels()
{
    METATABLE_DEMO_DATABASE(db, "guireview");
    TestSupport::fillDemoNulls(db);
    const QByteArray before = TestSupport::dumpDatabase(db);
    auto window = openReview(db);
    window->document()->setLockTimeoutMs(60000); // Cancel, not the timeout, ends the wait

    auto holder = TestSupport::openSession(db);
    QVERIFY(holder->begin());
    QVERIFY(
        holder->execute(QStringLiteral("SELECT count(*) FROM public.example_project__spreads")));
    confirmNextApply();
    clickAction(*window, QStringLiteral("applyAction"));

    auto *panel = window->findChild<QWidget *>(QStringLiteral("blockerPanel"));
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 20000);
    auto *blockers = window->findChild<QTableView *>(QStringLiteral("blockersView"));
    QVERIFY(blockers->model()->rowCount() >= 1);
    QCOMPARE(blockers->model()->index(0, 0).data().toInt(), holder->backendPid());
    QVERIFY(blockers->model()
                ->index(0, Core::LockHoldersModel::Query)
                .data()
                .toString()
                .contains(QStringLiteral("count(*)")));
    // What the blocker holds on the table: ACCESS SHARE, from its SELECT.
    QCOMPARE(blockers->model()->index(0, Core::LockHoldersModel::Mode).data().toString(),
             QStringLiteral("AccessShareLock"));
    auto *message = window->findChild<QLabel *>(QStringLiteral("blockerMessage"));
    QVERIFY2(message->text().contains(QStringLiteral("example_project__spreads")),
             qPrintable(message->text()));

    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("cancelMigrationButton")),
                      Qt::LeftButton);
    waitForMigration(window->document());
    holder->rollback();
    const auto &outcome = *window->document()->lastMigration();
    QVERIFY(!outcome);
    QCOMPARE(outcome.error().code, Core::ErrorCode::Cancelled);
    QVERIFY(!panel->isVisible());
    QCOMPARE(TestSupport::dumpDatabase(db), before);
}

void TestMigrationReview::clickingAForeignKeyTargetSelectsIt()
{
    Gui::MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    window.openManifest(TestSupport::demoManifestV1());
    QVERIFY(loaded.wait(20000));
    QVERIFY(window.selectItem(QStringLiteral("example_project__account_positions")));
    auto *keys = window.findChild<QTableView *>(QStringLiteral("foreignKeysView"));
    auto *tabs = qobject_cast<QTabWidget *>(keys->parentWidget()->parentWidget());
    QVERIFY(tabs);
    QTest::mouseClick(
        tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(tabs->indexOf(keys)).center());
    QTRY_VERIFY(keys->isVisible());
    const QModelIndex target = keys->model()->index(0, 2); // ForeignKeysModel::Target
    QVERIFY(target.data().toString().contains(QStringLiteral("example_project__account")));
    QTest::mouseClick(keys->viewport(), Qt::LeftButton, {}, keys->visualRect(target).center());
    auto *title = window.findChild<QLabel *>(QStringLiteral("storageTitle"));
    QTRY_COMPARE(title->text(), QStringLiteral("example_project__account"));
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("storageTree"));
    QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("example_project__account"));

    // Not connected, a node over an unregistered storage class says how to get its hash.
    QVERIFY(window.selectItem(QStringLiteral("SpreadNode")));
    auto *hash = window.findChild<QLabel *>(QStringLiteral("updateHash"));
    QVERIFY2(hash->text().contains(QStringLiteral("Connect to a database")),
             qPrintable(hash->text()));
}

QTEST_MAIN(TestMigrationReview)
#include "tst_migrationreview.moc"
