// SPDX-License-Identifier: MIT
// A steward's save reaching the database, with real keys and clicks on a real PostgreSQL holding
// the demo at v1: a column description edited in place, undone, redone and saved with Ctrl+S is
// in the manifest, in the catalog and in pg_description, and the append-only audit trail has one
// record of it, old and new, from the console's save, which the History tab lists.
#include <core/db/session.h>
#include <core/db/textaudit.h>
#include <core/manifest/manifestio.h>
#include <core/steward/stewardtext.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QAbstractItemModelTester>
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
#include <QtTest>

#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>

class TestStewardSave : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void aSavedDescriptionReachesTheDatabaseAndTheAuditTrail();
    void aCatalogChangedMeanwhileShowsTheThreeWayView();

private:
    // A copy of the demo at `path`, opened and reviewed against `db`, the window active (so that
    // its shortcuts reach it as after a click on it), the daily metrics class selected.
    static void openDailyMetrics(Gui::MainWindow &window, const QString &path, const QString &db);
    QTemporaryDir m_dir;
};

void TestStewardSave::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("METATABLE_DRAFTS_DIR", m_dir.filePath(QStringLiteral("drafts")).toUtf8());
}

void TestStewardSave::openDailyMetrics(Gui::MainWindow &window,
                                       const QString &path,
                                       const QString &db)
{
    QVERIFY(QFile::copy(TestSupport::demoManifestV1(), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    window.resize(1280, 800);
    window.show();
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    window.openManifest(path);
    QVERIFY(loaded.wait(20000));
    Core::WorkspaceDocument *document = window.document();
    window.connectTo(db);
    QTRY_VERIFY_WITH_TIMEOUT(document->review() && !document->isRefreshing(), 30000);
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.selectItem(QStringLiteral("example_project__daily_metrics")));
}

void TestStewardSave::aSavedDescriptionReachesTheDatabaseAndTheAuditTrail()
{
    METATABLE_DEMO_DATABASE(db, "mt_stewardsave");
    const QString path = m_dir.filePath(QStringLiteral("demo.json"));
    Gui::MainWindow window;
    openDailyMetrics(window, path, db);
    if (QTest::currentTestFailed())
        return;
    Core::WorkspaceDocument *document = window.document();
    auto *view = window.findChild<QTableView *>(QStringLiteral("columnsView"));
    auto *tabs = qobject_cast<QTabWidget *>(view->parentWidget()->parentWidget());
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
    const auto valueDescription = [&] {
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            if (view->model()->index(row, 0).data().toString() == u"value")
                return view->model()->index(row, 6);
        }
        return QModelIndex();
    };
    const QString before = valueDescription().data().toString();
    const QString text = QStringLiteral("Closing value, in the source's units.");

    // Edit in place, undo, redo.
    const QPoint at = view->visualRect(valueDescription()).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    auto *editor = view->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(!view->indexWidget(valueDescription())); // committed once the event loop ran
    QCOMPARE(valueDescription().data().toString(), text);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(valueDescription().data().toString(), before);
    const QKeyCombination redo = QKeySequence(QKeySequence::Redo)[0];
    QTest::keyClick(&window, redo.key(), redo.keyboardModifiers());
    QCOMPARE(valueDescription().data().toString(), text);

    // Save: the manifest, then the database as a texts-only migration.
    QSignalSpy applied(document, &Core::WorkspaceDocument::stewardTextsApplied);
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(applied.wait(30000));
    QVERIFY(document->lastMigration());
    if (!document->lastMigration()->has_value())
        QFAIL(qPrintable(document->lastMigration()->error().message));

    auto written = Core::readManifestFile(path);
    QVERIFY(written);
    const QString daily = QStringLiteral("example_project.storage:DailyMetricsStorage");
    QCOMPARE(Core::Steward::readText(
                 written->manifest,
                 {daily, QStringLiteral("value"), Core::Steward::TextField::ColumnDescription})
                 ->text,
             std::optional<QString>(text));
    auto session = TestSupport::openSession(db);
    const auto one = [&](const QString &sql) {
        auto r = session->query(sql);
        return r && r->size() == 1 ? r->text(0, 0) : QStringLiteral("<none>");
    };
    QCOMPARE(one(QStringLiteral(
                 "SELECT col_description(c.oid, a.attnum) FROM pg_class c JOIN pg_attribute a ON "
                 "a.attrelid = c.oid WHERE c.relname = 'example_project__daily_metrics' AND "
                 "a.attname = 'value'")),
             text);
    QCOMPARE(
        one(QStringLiteral(
            "SELECT column_texts -> 'value' ->> 'description' FROM metatable_catalog.meta_tables "
            "WHERE physical_table_name = 'example_project__daily_metrics'")),
        text);
    auto audit = Core::Db::readTextAudit(*session, {});
    QVERIFY(audit);
    QCOMPARE(audit->size(), 1);
    const Core::Db::TextAuditRecord &record = audit->first();
    QCOMPARE(record.source, QStringLiteral("console save"));
    QCOMPARE(record.physicalTableName, QStringLiteral("example_project__daily_metrics"));
    QCOMPARE(record.column, QStringLiteral("value"));
    QCOMPARE(record.field, QStringLiteral("description"));
    QCOMPARE(record.oldValue.toString(), before);
    QCOMPARE(record.newValue.toString(), text);
    QCOMPARE(record.osUser, Core::Db::currentOsUser());

    // The History tab of Texts lists it.
    auto *mainTabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    QTest::mouseClick(
        mainTabs->tabBar(), Qt::LeftButton, {}, mainTabs->tabBar()->tabRect(3).center());
    auto *textsTabs = window.findChild<QTabWidget *>(QStringLiteral("textsPage"));
    QTest::mouseClick(
        textsTabs->tabBar(), Qt::LeftButton, {}, textsTabs->tabBar()->tabRect(1).center());
    auto *history = window.findChild<QTableView *>(QStringLiteral("historyView"));
    QAbstractItemModelTester tester(history->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(history->model()->rowCount(), 1);
    QCOMPARE(history->model()->index(0, 2).data().toString(), QStringLiteral("console save"));
    QCOMPARE(history->model()->index(0, 6).data().toString(),
             QLatin1Char('"') + text + QLatin1Char('"'));
    // Filtered by a person who changed nothing: empty.
    auto *person = window.findChild<QLineEdit *>(QStringLiteral("historyPerson"));
    QTest::mouseClick(person, Qt::LeftButton);
    QTest::keyClicks(person, QStringLiteral("nobody-here"));
    QTest::keyClick(person, Qt::Key_Return);
    QTRY_COMPARE(history->model()->rowCount(), 0);
}

void TestStewardSave::aCatalogChangedMeanwhileShowsTheThreeWayView()
{
    METATABLE_DEMO_DATABASE(db, "mt_stewardcatalog");
    const QString path = m_dir.filePath(QStringLiteral("catalog.json"));
    Gui::MainWindow window;
    openDailyMetrics(window, path, db);
    if (QTest::currentTestFailed())
        return;
    Core::WorkspaceDocument *document = window.document();

    // The steward edits the class description while someone changes it in the catalog.
    const QString original = QStringLiteral(
        "Daily metric observations keyed by entity identifier for downstream analytics.");
    const QString mine = QStringLiteral("Daily metrics per entity, as the source closes them.");
    const QString theirs = QStringLiteral("Theirs, set in psql.");
    auto *description = window.findChild<QPlainTextEdit *>(QStringLiteral("classDescription"));
    QTRY_VERIFY(description->isVisible());
    QTest::mouseClick(description->viewport(), Qt::LeftButton);
    QTest::keyClick(description, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(description, mine);
    QTest::keyClick(description, Qt::Key_Return, Qt::ControlModifier);
    auto session = TestSupport::openSession(db);
    QVERIFY(session->execute(
        QStringLiteral("UPDATE metatable_catalog.meta_tables SET description = $1 "
                       "WHERE physical_table_name = 'example_project__daily_metrics'"),
        {theirs}));

    QStringList seen;
    auto *poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [&, poll] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        QCOMPARE(dialog->objectName(), QStringLiteral("conflictView"));
        auto *table = dialog->findChild<QTableView *>(QStringLiteral("conflictTable"));
        QAbstractItemModelTester tester(table->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(table->model()->rowCount(), 1);
        for (int column = 1; column < 4; ++column)
            seen << table->model()->index(0, column).data().toString();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("saveResolution")),
                          Qt::LeftButton); // yours
    });
    poll->start();
    QSignalSpy conflict(document, &Core::WorkspaceDocument::stewardCatalogConflict);
    QSignalSpy applied(document, &Core::WorkspaceDocument::stewardTextsApplied);
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(conflict.wait(30000));
    QVERIFY(applied.wait(30000));
    QCOMPARE(seen,
             (QStringList{QLatin1Char('"') + original + QLatin1Char('"'),
                          QLatin1Char('"') + theirs + QLatin1Char('"'),
                          QLatin1Char('"') + mine + QLatin1Char('"')}));
    if (!document->lastMigration()->has_value())
        QFAIL(qPrintable(document->lastMigration()->error().message));
    auto catalog = session->query(
        QStringLiteral("SELECT description FROM metatable_catalog.meta_tables "
                       "WHERE physical_table_name = 'example_project__daily_metrics'"));
    QVERIFY(catalog && catalog->size() == 1);
    QCOMPARE(catalog->text(0, 0), mine);
    auto audit = Core::Db::readTextAudit(*session, {});
    QVERIFY(audit);
    QCOMPARE(audit->size(), 1); // the refused apply wrote nothing
    QCOMPARE(audit->first().oldValue.toString(), theirs);
    QCOMPARE(audit->first().newValue.toString(), mine);
}

QTEST_MAIN(TestStewardSave)
#include "tst_stewardsave.moc"
