// SPDX-License-Identifier: MIT
// The main window on the demo workspace: loads off the GUI thread, lists storage classes and
// nodes, shows a class's columns and a node's configuration fields with the excluded ones marked.
#include <core/config/nodehash.h>
#include <core/manifest/manifestio.h>
#include <core/models/roles.h>
#include <core/models/storagetreemodel.h>
#include <ui/mainwindow.h>

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <tests/support/testsupport.h>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsDemoWorkspace();
    void showsNodeConfigurationWithExcludedFields();
    void reportsBadManifestWithoutLosingTheOpenOne();
    void opensPythonProject();
    void saysWhenTheManifestChangesOnDisk();
    void reportsPythonProjectFailure();

private:
    QString demoPath() const
    {
        return TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json"));
    }
    static QModelIndex
    findLeaf(QAbstractItemModel *model, Core::WorkspaceItemKind kind, const QString &name);
    static int countLeaves(QAbstractItemModel *model, Core::WorkspaceItemKind kind);
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // recent-files settings stay out of the user's
}

QModelIndex TestMainWindow::findLeaf(QAbstractItemModel *model,
                                     Core::WorkspaceItemKind kind,
                                     const QString &name)
{
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        for (int r = 0; r < model->rowCount(group); ++r) {
            const QModelIndex leaf = model->index(r, 0, group);
            if (leaf.data(int(Core::ModelRole::ItemKind)).toInt() == int(kind)
                && leaf.data().toString() == name)
                return leaf;
        }
    }
    return {};
}

int TestMainWindow::countLeaves(QAbstractItemModel *model, Core::WorkspaceItemKind kind)
{
    int n = 0;
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        for (int r = 0; r < model->rowCount(group); ++r)
            n += model->index(r, 0, group).data(int(Core::ModelRole::ItemKind)).toInt()
                 == int(kind);
    }
    return n;
}

void TestMainWindow::loadsDemoWorkspace()
{
    Gui::MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    window.openManifest(demoPath());
    QVERIFY(loaded.wait(10000));

    auto *tree = window.findChild<QTreeView *>(QStringLiteral("storageTree"));
    QVERIFY(tree);
    QAbstractItemModelTester tester(tree->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(countLeaves(tree->model(), Core::WorkspaceItemKind::StorageClass), 6);
    QVERIFY(findLeaf(tree->model(),
                     Core::WorkspaceItemKind::StorageClass,
                     QStringLiteral("example_project__daily_metrics"))
                .isValid());

    // The first storage class is selected: its page opens on the overview, its columns loaded.
    auto *overview = window.findChild<QWidget *>(QStringLiteral("overviewTab"));
    QVERIFY(overview);
    QVERIFY(overview->isVisible());
    auto *columns = window.findChild<QTableView *>(QStringLiteral("columnsView"));
    QVERIFY(columns);
    QVERIFY(columns->model()->rowCount() > 0);
    QAbstractItemModelTester columnsTester(columns->model(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);

    const QModelIndex daily = findLeaf(tree->model(),
                                       Core::WorkspaceItemKind::StorageClass,
                                       QStringLiteral("example_project__daily_metrics"));
    tree->setCurrentIndex(daily);
    auto *title = window.findChild<QLabel *>(QStringLiteral("storageTitle"));
    QCOMPARE(title->text(), QStringLiteral("example_project__daily_metrics"));
    QStringList names;
    for (int r = 0; r < columns->model()->rowCount(); ++r)
        names << columns->model()->index(r, 0).data().toString();
    QVERIFY2(names.startsWith(QStringLiteral("time_index")), qPrintable(names.join(',')));
    QVERIFY(names.contains(QStringLiteral("entity_identifier")));
    // The sandbox's state is looked up off the GUI thread and shown in the status bar.
    auto *sandbox = window.findChild<QLabel *>(QStringLiteral("sandboxStatus"));
    QVERIFY(sandbox);
    QTRY_VERIFY_WITH_TIMEOUT(sandbox->text().startsWith(QStringLiteral("Sandbox: "))
                                 && !sandbox->text().contains(QStringLiteral("checking")),
                             15000);

    // Ctrl+F from the detail pane reaches the filter; a column name finds its class; Escape
    // clears the filter (the window's own Escape, Cancel, is idle and does not take it).
    columns->setFocus();
    QTest::keyClick(columns, Qt::Key_F, Qt::ControlModifier);
    auto *filter = window.findChild<QLineEdit *>(QStringLiteral("storageFilter"));
    QTRY_VERIFY(filter->hasFocus());
    QTest::keyClicks(filter, QStringLiteral("market_value"));
    QCOMPARE(countLeaves(tree->model(), Core::WorkspaceItemKind::StorageClass), 1);
    QVERIFY(findLeaf(tree->model(),
                     Core::WorkspaceItemKind::StorageClass,
                     QStringLiteral("example_project__account_positions"))
                .isValid());
    QTest::keyClick(filter, Qt::Key_Escape);
    QVERIFY(filter->text().isEmpty());
    QCOMPARE(countLeaves(tree->model(), Core::WorkspaceItemKind::StorageClass), 6);

    // The time index column is marked as such.
    QCOMPARE(columns->model()->index(0, 5).data().toString(), QStringLiteral("time index"));
}

void TestMainWindow::showsNodeConfigurationWithExcludedFields()
{
    Gui::MainWindow window;
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    window.openManifest(demoPath());
    QVERIFY(loaded.wait(10000));
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("storageTree"));
    const QModelIndex node = findLeaf(
        tree->model(), Core::WorkspaceItemKind::Node, QStringLiteral("DailyMetricsNode"));
    QVERIFY(node.isValid());
    tree->setCurrentIndex(node);

    auto *fields = window.findChild<QTableView *>(QStringLiteral("configFieldsView"));
    QVERIFY(fields);
    QAbstractItemModelTester tester(fields->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QHash<QString, bool> excluded;
    for (int r = 0; r < fields->model()->rowCount(); ++r) {
        const QModelIndex name = fields->model()->index(r, 0);
        excluded.insert(name.data().toString(),
                        name.data(int(Core::ModelRole::HashExcluded)).toBool());
    }
    QVERIFY(excluded.contains(QStringLiteral("display_label")));
    QVERIFY(excluded.value(QStringLiteral("display_label")));
    QVERIFY(excluded.contains(QStringLiteral("source_scope")));
    QVERIFY(!excluded.value(QStringLiteral("source_scope")));

    // The node's live update_hash is the one core computes for the manifest.
    const auto document = Core::readManifestFile(demoPath());
    QVERIFY(document);
    const Core::NodeDefinition *definition = document->manifest.nodeByClassPath(
        QStringLiteral("example_project.nodes:DailyMetricsNode"));
    QVERIFY(definition);
    const auto hashes = Core::Config::computeNodeHashes(
        *definition, Core::Config::lookupFromManifest(document->manifest));
    QVERIFY(hashes);
    auto *hashLabel = window.findChild<QLabel *>(QStringLiteral("updateHash"));
    QVERIFY(hashLabel);
    QVERIFY2(hashLabel->text().contains(hashes->updateHash), qPrintable(hashLabel->text()));
}

void TestMainWindow::reportsBadManifestWithoutLosingTheOpenOne()
{
    Gui::MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    QSignalSpy failed(&window, &Gui::MainWindow::loadFailed);
    window.openManifest(demoPath());
    QVERIFY(loaded.wait(10000));

    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"metatable-provider/1\", \"provider\": 42}");
    file.close();
    window.openManifest(bad);
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("/provider")),
             qPrintable(failed.first().first().toString()));
    auto *banner = window.findChild<QLabel *>(QStringLiteral("errorBanner"));
    QVERIFY(banner->isVisible());
    // The workspace that was open stays open.
    QCOMPARE(QFileInfo(window.manifestPath()).canonicalFilePath(),
             QFileInfo(demoPath()).canonicalFilePath());
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("storageTree"));
    QVERIFY(tree->model()->rowCount(tree->model()->index(0, 0)) > 0);
}

// The demo's own Python package, exported by the interpreter of this environment; Debian's
// SQLAlchemy is appended behind its pydantic 2 (tests/python/debian-site).
static Core::PythonWorkspace demoProject()
{
    Core::PythonWorkspace w;
    const QString fromEnv = qEnvironmentVariable("METATABLE_PYTHON");
    w.interpreter
        = fromEnv.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("python3")) : fromEnv;
    w.modelsModule = QStringLiteral("example_project.storage");
    w.nodesModule = QStringLiteral("example_project.nodes");
    w.migrationNamespace = QStringLiteral("example-data");
    w.pythonPath = {TestSupport::sourcePath(QStringLiteral("tests/python/debian-site")),
                    TestSupport::sourcePath(QStringLiteral("resources/demo/python"))};
    return w;
}

void TestMainWindow::opensPythonProject()
{
    Gui::MainWindow window;
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    QSignalSpy failed(&window, &Gui::MainWindow::loadFailed);
    window.openPythonProject(demoProject());
    QVERIFY2(loaded.wait(60000),
             qPrintable(failed.isEmpty() ? QStringLiteral("no answer")
                                         : failed.first().first().toString()));
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("storageTree"));
    QCOMPARE(countLeaves(tree->model(), Core::WorkspaceItemKind::StorageClass), 6);
    QVERIFY(
        findLeaf(tree->model(), Core::WorkspaceItemKind::Node, QStringLiteral("DailyMetricsNode"))
            .isValid());
    QVERIFY(window.manifestPath().isEmpty()); // nothing on disk was opened
}

void TestMainWindow::reportsPythonProjectFailure()
{
    Gui::MainWindow window;
    window.show();
    QSignalSpy failed(&window, &Gui::MainWindow::loadFailed);
    Core::PythonWorkspace project = demoProject();
    project.modelsModule = QStringLiteral("example_project.no_such_module");
    window.openPythonProject(project);
    QVERIFY(failed.wait(60000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("no_such_module")), qPrintable(message));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("errorBanner"))->isVisible());
}

void TestMainWindow::saysWhenTheManifestChangesOnDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.json"));
    QVERIFY(QFile::copy(demoPath(), path));
    Gui::MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &Gui::MainWindow::manifestLoaded);
    window.openManifest(path);
    QVERIFY(loaded.wait(10000));
    auto *banner = window.findChild<QLabel *>(QStringLiteral("diskChangedBanner"));
    QVERIFY(banner && !banner->isVisible());

    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write("\n");
    file.close();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QCOMPARE(loaded.count(), 1); // never reloaded behind the user's back
    // F5 reloads; the banner goes.
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
    QVERIFY(!banner->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
