// SPDX-License-Identifier: MIT
// The storage browser and the storage class view driven with real key and mouse events.
#include <core/lint/lint.h>
#include <core/manifest/manifestio.h>
#include <core/models/roles.h>
#include <core/models/storagetreemodel.h>
#include <ui/storagebrowser.h>
#include <ui/storageclassview.h>

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QtTest>

#include <tests/support/testsupport.h>

using Core::WorkspaceItemKind;

namespace {

const QString Account = QStringLiteral("example_project__account");
const QString Positions = QStringLiteral("example_project__account_positions");
constexpr int PositionsIndex = 2; // in the demo manifest

Core::ProviderManifest demoManifest()
{
    const auto doc = Core::readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    if (!doc)
        qFatal("%s", qPrintable(doc.error().toText()));
    return doc->manifest;
}

// Storage-class names the view shows, in order.
QStringList visibleClasses(const QTreeView *tree)
{
    const QAbstractItemModel *model = tree->model();
    QStringList names;
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        for (int r = 0; r < model->rowCount(group); ++r) {
            const QModelIndex leaf = model->index(r, 0, group);
            if (leaf.data(int(Core::ModelRole::ItemKind)).toInt()
                == int(WorkspaceItemKind::StorageClass))
                names << leaf.data().toString();
        }
    }
    return names;
}

// Clicks the tab whose page is (or holds) `page`, as a user would.
void clickTab(QTabWidget *tabs, QWidget *page)
{
    int i = tabs->indexOf(page);
    for (QWidget *w = page; i < 0 && w; w = w->parentWidget())
        i = tabs->indexOf(w);
    QVERIFY(i >= 0);
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(i).center());
    QCOMPARE(tabs->currentIndex(), i);
}

} // namespace

class TestStorageBrowser : public QObject
{
    Q_OBJECT

private slots:
    void filterFindsClassByColumnAndEscapeClears();
    void clickingALeafReportsIt();
    void foreignKeyTargetLeadsToItsTable();
    void lintFindingSelectsItsColumn();
    void showsContractHashAndIndexes();
};

void TestStorageBrowser::filterFindsClassByColumnAndEscapeClears()
{
    Gui::StorageBrowser browser;
    browser.setManifest(demoManifest());
    browser.show();
    QVERIFY(QTest::qWaitForWindowActive(&browser));
    auto *filter = browser.findChild<QLineEdit *>(QStringLiteral("storageFilter"));
    auto *tree = browser.findChild<QTreeView *>(QStringLiteral("storageTree"));
    QVERIFY(filter && tree);
    QCOMPARE(visibleClasses(tree).size(), 6);

    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(filter->hasFocus());
    QTest::keyClicks(filter, QStringLiteral("market_value"));
    QCOMPARE(visibleClasses(tree), QStringList{Positions});
    QVERIFY(tree->isExpanded(tree->model()->index(0, 0))); // the match is visible, not folded

    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QCOMPARE(visibleClasses(tree).size(), 6);
}

void TestStorageBrowser::clickingALeafReportsIt()
{
    Gui::StorageBrowser browser;
    browser.setManifest(demoManifest());
    browser.resize(500, 600);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    auto *tree = browser.findChild<QTreeView *>(QStringLiteral("storageTree"));
    QSignalSpy current(&browser, &Gui::StorageBrowser::currentChanged);
    const QModelIndex positions = tree->model()->index(0, 0, tree->model()->index(2, 0));
    QCOMPARE(positions.data().toString(), Positions);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(positions).center());
    QCOMPARE(current.size(), 1);
    QCOMPARE(current[0][0].value<WorkspaceItemKind>(), WorkspaceItemKind::StorageClass);
    QCOMPARE(current[0][1].toInt(), PositionsIndex);
}

void TestStorageBrowser::foreignKeyTargetLeadsToItsTable()
{
    const Core::ProviderManifest manifest = demoManifest();
    Gui::StorageBrowser browser;
    browser.setManifest(manifest);
    browser.show();
    Gui::StorageClassView view;
    view.setStorageClass(manifest.storageClasses[PositionsIndex], PositionsIndex, {});
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    auto *tabs = view.findChild<QTabWidget *>();
    auto *keys = view.findChild<QTableView *>(QStringLiteral("foreignKeysView"));
    QVERIFY(tabs && keys);
    clickTab(tabs, keys);
    QCOMPARE(keys->model()->rowCount(), 1);
    const QModelIndex target = keys->model()->index(0, 2);
    QCOMPARE(target.data(int(Core::ModelRole::Link)).toString(),
             QStringLiteral("public.") + Account);
    QVERIFY(keys->model()->index(0, 5).data().toString().startsWith(
        QStringLiteral("ALTER TABLE \"public\".\"%1\" ADD CONSTRAINT \"").arg(Positions)));

    QSignalSpy activated(&view, &Gui::StorageClassView::foreignKeyTargetActivated);
    // A click elsewhere in the row is no navigation.
    QTest::mouseClick(keys->viewport(),
                      Qt::LeftButton,
                      {},
                      keys->visualRect(keys->model()->index(0, 1)).center());
    QCOMPARE(activated.size(), 0);
    QTest::mouseClick(keys->viewport(), Qt::LeftButton, {}, keys->visualRect(target).center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated[0][0].toString(), QStringLiteral("public"));
    QCOMPARE(activated[0][1].toString(), Account);

    // The browser shows the target even when its filter hides it.
    browser.setFilterText(QStringLiteral("market_value"));
    QSignalSpy current(&browser, &Gui::StorageBrowser::currentChanged);
    QVERIFY(browser.selectTable(activated[0][0].toString(), activated[0][1].toString()));
    QCOMPARE(browser.filterText(), QString());
    auto *tree = browser.findChild<QTreeView *>(QStringLiteral("storageTree"));
    QCOMPARE(tree->currentIndex().data().toString(), Account);
    QCOMPARE(current.size(), 1);
    QCOMPARE(current[0][1].toInt(), 1);
    QVERIFY(!browser.selectTable(QStringLiteral("public"), QStringLiteral("no_such_table")));
}

void TestStorageBrowser::lintFindingSelectsItsColumn()
{
    Core::ProviderManifest manifest = demoManifest();
    manifest.storageClasses[PositionsIndex].registration.columns[2].label.reset();
    const QList<Core::LintFinding> findings = Core::lintManifest(manifest);
    Gui::StorageClassView view;
    view.setStorageClass(manifest.storageClasses[PositionsIndex], PositionsIndex, findings);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    auto *tabs = view.findChild<QTabWidget *>();
    auto *lint = view.findChild<QTableView *>(QStringLiteral("lintView"));
    auto *columns = view.findChild<QTableView *>(QStringLiteral("columnsView"));
    QVERIFY(lint && columns);
    clickTab(tabs, lint);
    QModelIndex finding;
    for (int r = 0; r < lint->model()->rowCount() && !finding.isValid(); ++r) {
        const QModelIndex i = lint->model()->index(r, 2);
        if (i.data(int(Core::ModelRole::ColumnRow)).toInt() == 2)
            finding = i;
    }
    QVERIFY2(finding.isValid(), "no lint finding points at the column without a label");
    QVERIFY(finding.data().toString().contains(QStringLiteral("quantity")));
    // Through the window, as the platform delivers it: press, release, press (a double click).
    const QPoint at = lint->viewport()->mapTo(&view, lint->visualRect(finding).center());
    QTest::mouseDClick(view.windowHandle(), Qt::LeftButton, {}, at);
    QCOMPARE(tabs->currentWidget(), columns);
    QVERIFY(columns->selectionModel()->isRowSelected(2, {}));
    QCOMPARE(columns->selectionModel()->selectedRows().size(), 1);
}

void TestStorageBrowser::showsContractHashAndIndexes()
{
    const Core::ProviderManifest manifest = demoManifest();
    Gui::StorageClassView view;
    view.setStorageClass(manifest.storageClasses[0], 0, {});
    const QString contract
        = view.findChild<QPlainTextEdit *>(QStringLiteral("contractView"))->toPlainText();
    QVERIFY(contract.contains(QStringLiteral("\"table_contract\"")));
    QVERIFY(!contract.contains(QStringLiteral("foreign_keys")));
    QVERIFY(!contract.contains(QStringLiteral("\"indexes\"")));
    const QString hash
        = view.findChild<QPlainTextEdit *>(QStringLiteral("contractHashView"))->toPlainText();
    QVERIFY2(hash.startsWith(QStringLiteral("mt_example_data_")), qPrintable(hash.left(80)));
    auto *indexes = view.findChild<QTableView *>(QStringLiteral("indexesView"));
    bool grain = false;
    for (int r = 0; r < indexes->model()->rowCount(); ++r)
        grain = grain || indexes->model()->index(r, 4).data().toString().contains(u"grain");
    QVERIFY(grain);
    QVERIFY(view.findChild<QWidget *>(QStringLiteral("overviewTab")));
    QVERIFY(view.findChild<QWidget *>(QStringLiteral("liveTableTab")));
}

QTEST_MAIN(TestStorageBrowser)
#include "tst_storagebrowser.moc"
