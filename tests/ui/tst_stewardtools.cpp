// SPDX-License-Identifier: MIT
// The data steward's tools, with real keys and clicks: a label added to three classes selected
// in the workspace tree is one undo step; a 3×2 block pasted into the column texts spreadsheet
// changes exactly those cells, as one undo step; labels are chips added with completion and
// removed with their button; a comment changed directly in the database shows as a provenance
// difference, and its copy can be taken into the manifest.
#include <core/db/session.h>
#include <core/models/roles.h>
#include <core/steward/stewardedits.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCompleter>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>

using Core::Steward::TextField;

class TestStewardTools : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void aLabelAddedToThreeClassesIsOneUndoStep();
    void aPastedBlockChangesExactlyItsCells();
    void labelChipsAddWithCompletionAndRemove();
    void aCommentChangedInTheDatabaseIsAProvenanceDifference();
    void editedTextsExportForThePythonProject();

private:
    std::unique_ptr<Gui::MainWindow> openDemo(const QString &conninfo = {});
    QStringList labelsOf(Gui::MainWindow &window, const QString &classPath);
    static void clickTab(QTabWidget *tabs, int index);
    QTemporaryDir m_dir;
};

const QString Daily = QStringLiteral("example_project.storage:DailyMetricsStorage");
const QString Account = QStringLiteral("example_project.storage:Account");
const QString Positions = QStringLiteral("example_project.storage:AccountPositions");

void TestStewardTools::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("METATABLE_DRAFTS_DIR", m_dir.filePath(QStringLiteral("drafts")).toUtf8());
}

std::unique_ptr<Gui::MainWindow> TestStewardTools::openDemo(const QString &conninfo)
{
    const QString path = m_dir.filePath(QStringLiteral("demo.json"));
    QFile::remove(path);
    QFile::copy(TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")),
                path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    auto window = std::make_unique<Gui::MainWindow>();
    window->resize(1280, 800);
    window->show();
    QSignalSpy loaded(window.get(), &Gui::MainWindow::manifestLoaded);
    window->openManifest(path);
    if (!loaded.wait(20000))
        qFatal("the demo did not load");
    if (!conninfo.isEmpty()) {
        window->connectTo(conninfo);
        Core::WorkspaceDocument *document = window->document();
        if (!QTest::qWaitFor([&] { return document->review() && !document->isRefreshing(); },
                             30000))
            qFatal("the review did not come");
    }
    return window;
}

QStringList TestStewardTools::labelsOf(Gui::MainWindow &window, const QString &classPath)
{
    return window.document()->stewardEdits()->text({classPath, {}, TextField::Labels})->labels;
}

void TestStewardTools::clickTab(QTabWidget *tabs, int index)
{
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
}

void TestStewardTools::aLabelAddedToThreeClassesIsOneUndoStep()
{
    auto window = openDemo();
    auto *tree = window->findChild<QTreeView *>(QStringLiteral("storageTree"));
    QVERIFY(tree);
    // Three classes, Ctrl-clicked in the tree.
    const auto rowOf = [&](const QString &table) {
        const QModelIndexList found = tree->model()->match(tree->model()->index(0, 0),
                                                           Qt::DisplayRole,
                                                           table,
                                                           1,
                                                           Qt::MatchExactly | Qt::MatchRecursive);
        return found.value(0);
    };
    bool first = true;
    for (const char *table : {"example_project__daily_metrics",
                              "example_project__account",
                              "example_project__account_positions"}) {
        const QModelIndex index = rowOf(QLatin1String(table));
        QVERIFY2(index.isValid(), table);
        tree->scrollTo(index);
        QTest::mouseClick(tree->viewport(),
                          Qt::LeftButton,
                          first ? Qt::KeyboardModifiers() : Qt::ControlModifier,
                          tree->visualRect(index).center());
        first = false;
    }
    QCOMPARE(tree->selectionModel()->selectedRows().size(), 3);

    const QStringList dailyBefore = labelsOf(*window, Daily);
    QTimer::singleShot(0, [] {
        QWidget *dialog = nullptr;
        QTRY_VERIFY((dialog = QApplication::activeModalWidget()));
        QCOMPARE(dialog->objectName(), QStringLiteral("bulkEditDialog"));
        auto *label = dialog->findChild<QLineEdit *>(QStringLiteral("bulkLabel"));
        QTest::keyClicks(label, QStringLiteral("curated"));
        auto *preview = dialog->findChild<QTableView *>(QStringLiteral("bulkPreview"));
        QAbstractItemModelTester tester(preview->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(preview->model()->rowCount(), 3); // one change per class, previewed
        QVERIFY(
            preview->model()->index(0, 2).data().toString().contains(QStringLiteral("curated")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("applyBulkEdit")),
                          Qt::LeftButton);
    });
    QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(!QApplication::activeModalWidget());
    window->activateWindow(); // as a click on it would, so that its shortcuts reach it again
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    for (const QString &path : {Daily, Account, Positions})
        QVERIFY2(labelsOf(*window, path).contains(QStringLiteral("curated")), qPrintable(path));
    QCOMPARE(window->document()->stewardEdits()->pending().size(), 3);

    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier); // one step undoes all three
    for (const QString &path : {Daily, Account, Positions})
        QVERIFY(!labelsOf(*window, path).contains(QStringLiteral("curated")));
    QCOMPARE(labelsOf(*window, Daily), dailyBefore);
    QVERIFY(window->document()->stewardEdits()->pending().isEmpty());
    const QKeyCombination redo = QKeySequence(QKeySequence::Redo)[0];
    QTest::keyClick(window.get(), redo.key(), redo.keyboardModifiers());
    for (const QString &path : {Daily, Account, Positions})
        QVERIFY(labelsOf(*window, path).contains(QStringLiteral("curated")));
}

void TestStewardTools::aPastedBlockChangesExactlyItsCells()
{
    auto window = openDemo();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    clickTab(tabs, 3);
    auto *every = window->findChild<QCheckBox *>(QStringLiteral("columnTextsEveryClass"));
    QTest::mouseClick(every, Qt::LeftButton, {}, QPoint(8, every->height() / 2));
    QVERIFY(every->isChecked());
    auto *view = window->findChild<QTableView *>(QStringLiteral("columnTextsView"));
    QAbstractItemModelTester tester(view->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModel *model = view->model();
    QVERIFY(model->rowCount() > 6);
    const auto snapshot = [&] {
        QList<QStringList> cells;
        for (int r = 0; r < model->rowCount(); ++r) {
            QStringList row;
            for (int c = 0; c < model->columnCount(); ++c)
                row << model->index(r, c).data().toString();
            cells << row;
        }
        return cells;
    };
    const QList<QStringList> before = snapshot();

    // A 3×2 block from a spreadsheet, its top-left cell on row 2's label.
    QApplication::clipboard()->setText(
        QStringLiteral("Alpha\tFirst text\nBeta\t\"Second, with\ttab\"\nGamma\tThird text\n"));
    const QModelIndex at = model->index(2, 2);
    view->scrollTo(at);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(at).center());
    QCOMPARE(view->currentIndex(), at);
    QTest::keyClick(view, Qt::Key_V, Qt::ControlModifier);

    const QList<QStringList> after = snapshot();
    const QList<QStringList> block = {{QStringLiteral("Alpha"), QStringLiteral("First text")},
                                      {QStringLiteral("Beta"), QStringLiteral("Second, with\ttab")},
                                      {QStringLiteral("Gamma"), QStringLiteral("Third text")}};
    for (int r = 0; r < after.size(); ++r) {
        for (int c = 0; c < after.at(r).size(); ++c) {
            const bool inBlock = r >= 2 && r <= 4 && c >= 2 && c <= 3;
            QCOMPARE(after.at(r).at(c), inBlock ? block.at(r - 2).at(c - 2) : before.at(r).at(c));
            QCOMPARE(model->index(r, c).data(int(Core::ModelRole::Pending)).toBool(),
                     inBlock && before.at(r).at(c) != block.at(r - 2).at(c - 2));
        }
    }
    auto *message = window->findChild<QLabel *>(QStringLiteral("columnTextsMessage"));
    QVERIFY2(message->text().startsWith(QStringLiteral("6 cell(s) changed")),
             qPrintable(message->text()));

    // One undo step takes the whole block back.
    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(snapshot(), before);

    // A block that does not fit changes nothing and says why.
    QApplication::clipboard()->setText(QStringLiteral("a\tb\tc\n"));
    QTest::keyClick(view, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(snapshot(), before);
    QVERIFY(message->text().contains(QStringLiteral("Nothing was pasted")));
}

void TestStewardTools::labelChipsAddWithCompletionAndRemove()
{
    auto window = openDemo();
    QVERIFY(window->selectItem(QStringLiteral("example_project__account")));
    auto *newLabel = window->findChild<QLineEdit *>(QStringLiteral("newLabel"));
    QVERIFY(newLabel);
    QTRY_VERIFY(newLabel->isVisible());
    QTest::mouseClick(newLabel, Qt::LeftButton);
    QTest::keyClicks(newLabel, QStringLiteral("posi")); // completes from the labels in use
    QTRY_VERIFY(newLabel->completer()->popup()->isVisible());
    QCOMPARE(newLabel->completer()->currentCompletion(), QStringLiteral("positions"));
    QTest::keyClick(newLabel->completer()->popup(), Qt::Key_Down);
    QTest::keyClick(newLabel->completer()->popup(), Qt::Key_Return);
    QTRY_COMPARE(newLabel->text(), QStringLiteral("positions"));
    QTest::keyClick(newLabel, Qt::Key_Return);
    QCOMPARE(labelsOf(*window, Account),
             (QStringList{QStringLiteral("accounts"), QStringLiteral("positions")}));
    QVERIFY(window->document()->stewardEdits()->isPending({Account, {}, TextField::Labels}));

    QToolButton *chip = nullptr;
    QTRY_VERIFY((chip = window->findChild<QToolButton *>(QStringLiteral("label_accounts"))));
    QTRY_VERIFY(chip->isVisible());
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(labelsOf(*window, Account), QStringList{QStringLiteral("positions")});

    // The description, typed and committed with Ctrl+Return, with the steward's lint below.
    auto *description = window->findChild<QPlainTextEdit *>(QStringLiteral("classDescription"));
    QTest::mouseClick(description->viewport(), Qt::LeftButton);
    QTest::keyClick(description, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(description, QStringLiteral("TODO"));
    QTest::keyClick(description, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(window->document()->stewardEdits()->text({Account, {}, TextField::Description})->text,
             std::optional<QString>(QStringLiteral("TODO")));
    auto *lint = window->findChild<QLabel *>(QStringLiteral("classTextsLint"));
    QTRY_VERIFY(lint->isVisible());
    QVERIFY2(lint->text().contains(QStringLiteral("TODO")), qPrintable(lint->text()));
}

void TestStewardTools::aCommentChangedInTheDatabaseIsAProvenanceDifference()
{
    METATABLE_DEMO_DATABASE(db, "mt_provenance");
    auto session = TestSupport::openSession(db);
    QVERIFY(session->execute(
        QStringLiteral("COMMENT ON COLUMN public.example_project__daily_metrics.value IS 'Set by "
                       "hand in psql.'")));
    auto window = openDemo(db);
    QVERIFY(window->selectItem(QStringLiteral("example_project__daily_metrics")));
    auto *provenance = window->findChild<QTableView *>(QStringLiteral("provenanceView"));
    QVERIFY(provenance);
    auto *tabs
        = qobject_cast<QTabWidget *>(provenance->parentWidget()->parentWidget()->parentWidget());
    QVERIFY(tabs);
    const int tab = tabs->indexOf(provenance->parentWidget());
    QTRY_COMPARE(tabs->tabText(tab), QStringLiteral("Provenance (1 differ)"));
    // The Overview says so, with a link to the copies side by side.
    auto *note = window->findChild<QLabel *>(QStringLiteral("classTextsProvenance"));
    QTRY_VERIFY(note->isVisible());
    clickTab(tabs, tab);
    QAbstractItemModelTester tester(provenance->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModel *model = provenance->model();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, 0).data().toString() == QStringLiteral("value: description"))
            row = r;
    }
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, 1).data().toString(),
             QStringLiteral("\"Daily numeric value produced by the source system.\""));
    QCOMPARE(model->index(row, 2).data().toString(), model->index(row, 1).data().toString());
    QCOMPARE(model->index(row, 3).data().toString(), QStringLiteral("\"Set by hand in psql.\""));
    QVERIFY(model->index(row, 3).data(int(Core::ModelRole::Missing)).toBool());
    for (int r = 0; r < model->rowCount(); ++r) // nothing else differs
        QCOMPARE(model->index(r, 3).data(int(Core::ModelRole::Missing)).toBool(), r == row);

    // Taking the database's copy makes it the manifest's text (a pending edit).
    const QModelIndex cell = model->index(row, 3);
    QTest::mouseClick(
        provenance->viewport(), Qt::LeftButton, {}, provenance->visualRect(cell).center());
    auto *take = window->findChild<QPushButton *>(QStringLiteral("takeDatabaseText"));
    QTRY_VERIFY(take->isEnabled());
    QTest::mouseClick(take, Qt::LeftButton);
    QCOMPARE(window->document()
                 ->stewardEdits()
                 ->text({Daily, QStringLiteral("value"), TextField::ColumnDescription})
                 ->text,
             std::optional<QString>(QStringLiteral("Set by hand in psql.")));
}

void TestStewardTools::editedTextsExportForThePythonProject()
{
    const QString project = m_dir.filePath(QStringLiteral("project"));
    QVERIFY(TestSupport::copyDirectory(
        TestSupport::sourcePath(QStringLiteral("resources/demo/python")), project));
    auto window = openDemo();
    QVERIFY(window->selectItem(QStringLiteral("example_project__daily_metrics")));
    auto *description = window->findChild<QPlainTextEdit *>(QStringLiteral("classDescription"));
    QTRY_VERIFY(description->isVisible());
    QTest::mouseClick(description->viewport(), Qt::LeftButton);
    QTest::keyClick(description, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(description, QStringLiteral("Daily metrics, \"curated\" by the data team."));
    QTest::keyClick(description, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(window->document()->stewardEdits()->isPending({Daily, {}, TextField::Description}));

    QString shown;
    bool applyVisible = true;
    QTimer::singleShot(0, [&] {
        QWidget *dialog = nullptr;
        QTRY_VERIFY((dialog = QApplication::activeModalWidget()));
        QCOMPARE(dialog->objectName(), QStringLiteral("pythonExportDialog"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("pythonProjectFolder")),
                         project);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("makePythonExport")),
                          Qt::LeftButton);
        auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("pythonExportText"));
        QTRY_VERIFY_WITH_TIMEOUT(!text->toPlainText().isEmpty(), 30000);
        shown = text->toPlainText();
        applyVisible
            = dialog->findChild<QPushButton *>(QStringLiteral("applyPythonPatch"))->isVisible();
        dialog->close();
    });
    QTest::keyClick(window.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QVERIFY2(shown.contains(QStringLiteral("__metatable_description__ = (")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("curated\\\" by the data team")));
    QVERIFY(shown.contains(QStringLiteral("--- a/storage.py")));
    QVERIFY(!applyVisible); // files are patched only from a workspace made from the project
}

QTEST_MAIN(TestStewardTools)
#include "tst_stewardtools.moc"
