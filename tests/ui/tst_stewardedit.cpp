// SPDX-License-Identifier: MIT
// The data steward's editing of column texts, with real keys and clicks: a description edited in
// the Columns tab is pending (marked, listed in Pending changes, the file untouched), undoes and
// redoes from the keyboard, saves into the manifest with Ctrl+S, and a manifest changed on disk
// since it was loaded is never overwritten: the save shows yours, theirs and the original, and
// writes only what is chosen over what is on disk.
#include <core/manifest/manifestio.h>
#include <core/models/roles.h>
#include <core/steward/stewardedits.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <tests/support/testsupport.h>

class TestStewardEdit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void editUndoRedoSave();
    void aManifestChangedOnDiskIsNotOverwritten();

private:
    std::unique_ptr<Gui::MainWindow> openDemo(const QString &path);
    QString demoCopy(const QString &name);
    QModelIndex descriptionOf(QTableView *view, const QString &column);
    void typeInto(QTableView *view, const QModelIndex &index, const QString &text);
    QTemporaryDir m_dir;
};

void TestStewardEdit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("METATABLE_DRAFTS_DIR", m_dir.filePath(QStringLiteral("drafts")).toUtf8());
}

QString TestStewardEdit::demoCopy(const QString &name)
{
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    QFile::copy(TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")),
                path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

std::unique_ptr<Gui::MainWindow> TestStewardEdit::openDemo(const QString &path)
{
    auto window = std::make_unique<Gui::MainWindow>();
    window->resize(1280, 800);
    window->show();
    QSignalSpy loaded(window.get(), &Gui::MainWindow::manifestLoaded);
    window->openManifest(path);
    if (!loaded.wait(20000)
        || !window->selectItem(QStringLiteral("example_project__daily_metrics")))
        qFatal("the demo class did not show");
    auto *view = window->findChild<QTableView *>(QStringLiteral("columnsView"));
    auto *tabs = qobject_cast<QTabWidget *>(view->parentWidget()->parentWidget());
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
    return window;
}

QModelIndex TestStewardEdit::descriptionOf(QTableView *view, const QString &column)
{
    const QAbstractItemModel *m = view->model();
    for (int row = 0; row < m->rowCount(); ++row) {
        if (m->index(row, 0).data().toString() == column)
            return m->index(row, 6); // ColumnsModel::Description
    }
    return {};
}

void TestStewardEdit::typeInto(QTableView *view, const QModelIndex &index, const QString &text)
{
    // A double-click opens the cell's editor; the text replaces what it held; Enter commits.
    view->scrollTo(index);
    const QPoint at = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    auto *editor = view->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(!view->indexWidget(index)); // the delegate commits once the event loop runs
}

void TestStewardEdit::editUndoRedoSave()
{
    const QString path = demoCopy(QStringLiteral("edit.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    file.close();
    auto window = openDemo(path);
    auto *view = window->findChild<QTableView *>(QStringLiteral("columnsView"));
    QAbstractItemModelTester tester(view->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString before = descriptionOf(view, QStringLiteral("value")).data().toString();
    const QString text = QStringLiteral("Closing value, in the source's units.");
    typeInto(view, descriptionOf(view, QStringLiteral("value")), text);

    QModelIndex cell = descriptionOf(view, QStringLiteral("value"));
    QCOMPARE(cell.data().toString(), text);
    QVERIFY(cell.data(int(Core::ModelRole::Pending)).toBool());
    auto *pending = window->findChild<QTableView *>(QStringLiteral("pendingTexts"));
    QTRY_VERIFY(pending->isVisible());
    QCOMPARE(pending->model()->rowCount(), 1);
    QVERIFY(pending->model()->index(0, 2).data().toString().contains(text));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), original); // not saved yet
    file.close();

    // Undo and redo from the keyboard.
    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(descriptionOf(view, QStringLiteral("value")).data().toString(), before);
    QCOMPARE(pending->model()->rowCount(), 0);
    const QKeyCombination redo = QKeySequence(QKeySequence::Redo)[0]; // as the platform binds it
    QTest::keyClick(window.get(), redo.key(), redo.keyboardModifiers());
    QCOMPARE(descriptionOf(view, QStringLiteral("value")).data().toString(), text);

    // Ctrl+S writes it into the manifest, and only it.
    QSignalSpy saved(window->document(), &Core::WorkspaceDocument::stewardSaved);
    QSignalSpy loaded(window.get(), &Gui::MainWindow::manifestLoaded);
    QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(saved.wait(10000));
    QVERIFY(loaded.wait(10000));
    auto written = Core::readManifestFile(path);
    QVERIFY(written);
    auto expected = Core::readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    for (Core::StorageClass &sc : expected->manifest.storageClasses) {
        if (sc.tableName() == u"example_project__daily_metrics") {
            for (Core::Column &c : sc.registration.columns) {
                if (c.name == u"value")
                    c.description = text;
            }
        }
    }
    QCOMPARE(written->manifest, expected->manifest);
    QVERIFY(window->document()->stewardEdits()->pending().isEmpty());
}

void TestStewardEdit::aManifestChangedOnDiskIsNotOverwritten()
{
    const QString path = demoCopy(QStringLiteral("conflict.json"));
    auto window = openDemo(path);
    auto *view = window->findChild<QTableView *>(QStringLiteral("columnsView"));
    typeInto(view, descriptionOf(view, QStringLiteral("value")), QStringLiteral("Mine."));
    // Someone else writes the file meanwhile: the same description, and a label elsewhere.
    auto theirs = Core::readManifestFile(path);
    QVERIFY(theirs);
    const QString daily = QStringLiteral("example_project.storage:DailyMetricsStorage");
    QVERIFY(Core::Steward::writeText(
        theirs->manifest,
        {daily, QStringLiteral("value"), Core::Steward::TextField::ColumnDescription},
        {QStringLiteral("Theirs."), {}}));
    QVERIFY(Core::Steward::writeText(
        theirs->manifest,
        {daily, QStringLiteral("time_index"), Core::Steward::TextField::ColumnLabel},
        {QStringLiteral("Observed at"), {}}));
    QVERIFY(Core::writeManifestFile(*theirs, path));
    const auto fileText = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QByteArray theirBytes = fileText();

    // The save shows yours, theirs and the original instead of writing; Keep editing writes
    // nothing and keeps the edit.
    QStringList seen;
    // The view comes up once the file on disk has been read: watch for it without blocking.
    const auto onConflictView = [&](const char *button, bool keepTheirs) {
        auto *poll = new QTimer(this);
        poll->setInterval(20);
        connect(poll, &QTimer::timeout, this, [&, poll, button, keepTheirs] {
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
            for (int column = 0; column < 4; ++column)
                seen << table->model()->index(0, column).data().toString();
            if (keepTheirs) {
                const QModelIndex keep = table->model()->index(0, 4);
                QTest::mouseClick(
                    table->viewport(), Qt::LeftButton, {}, table->visualRect(keep).center());
                QTRY_COMPARE(keep.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
            }
            QTest::mouseClick(dialog->findChild<QPushButton *>(QLatin1String(button)),
                              Qt::LeftButton);
        });
        poll->start();
    };
    QSignalSpy conflict(window->document(), &Core::WorkspaceDocument::stewardSaveConflict);
    onConflictView("cancelResolution", false);
    QTest::mouseClick(window->findChild<QWidget *>(QStringLiteral("saveTexts")), Qt::LeftButton);
    QVERIFY(conflict.wait(10000));
    QTRY_VERIFY(!QApplication::activeModalWidget());
    window->activateWindow(); // as a click on it would, so that its shortcuts reach it again
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QCOMPARE(seen.mid(1),
             (QStringList{QStringLiteral("\"Daily numeric value produced by the source system.\""),
                          QStringLiteral("\"Theirs.\""),
                          QStringLiteral("\"Mine.\"")}));
    QCOMPARE(fileText(), theirBytes);
    QCOMPARE(window->document()->stewardEdits()->pending().size(), 1);

    // Saved with yours: the file keeps their other change and holds yours.
    QSignalSpy saved(window->document(), &Core::WorkspaceDocument::stewardSaved);
    onConflictView("saveResolution", false);
    QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(saved.wait(10000));
    auto written = Core::readManifestFile(path);
    QVERIFY(written);
    const auto text = [&](const QString &column, Core::Steward::TextField field) {
        return Core::Steward::readText(written->manifest, {daily, column, field})->text;
    };
    QCOMPARE(text(QStringLiteral("value"), Core::Steward::TextField::ColumnDescription),
             QStringLiteral("Mine."));
    QCOMPARE(text(QStringLiteral("time_index"), Core::Steward::TextField::ColumnLabel),
             QStringLiteral("Observed at"));
}

QTEST_MAIN(TestStewardEdit)
#include "tst_stewardedit.moc"
