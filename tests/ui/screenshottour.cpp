// SPDX-License-Identifier: MIT
// metatable-screenshot-tour OUTPUT_DIR: drives the real console window through the states the
// documentation shows (welcome page, a class selected, its live table, the migration review
// with a risky operation selected, rehearsal results, an apply blocked by another session) on a
// fresh demo database (METATABLE_TEST_PG), and saves what the screen shows at each one. Run by
// tools/screenshot.sh under Xvfb, from a scratch folder holding copies of the demo manifests.
#include <core/db/session.h>
#include <core/models/planmodel.h>
#include <core/workspace/noderuns.h>
#include <core/workspace/validationtests.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QScrollArea>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>

namespace {

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(50);
    }
    return true;
}

void shoot(const QString &dir, const QString &name)
{
    QTest::qWait(400); // let the last repaint land
    const QPixmap shot = QGuiApplication::primaryScreen()->grabWindow(0);
    const QString path = QDir(dir).filePath(name);
    if (!shot.save(path))
        qFatal("cannot write %s", qPrintable(path));
    qInfo("screenshot: wrote %s", qPrintable(path));
}

void clickTab(QTabWidget *tabs, int index)
{
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
}

void require(bool ok, const char *what)
{
    if (!ok)
        qFatal("screenshot tour: %s", what);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("MetaTable Console"));
    const QString out
        = QDir(QApplication::arguments().value(1, QStringLiteral("."))).absolutePath();
    QString why;
    const QString db = TestSupport::createDemoDatabase(QStringLiteral("demo"), &why);
    require(!db.isEmpty(), qPrintable(why));

    Gui::MainWindow window;
    window.setGeometry(QGuiApplication::primaryScreen()->availableGeometry());
    window.show();
    require(QTest::qWaitForWindowExposed(&window), "the window did not show");
    shoot(out, QStringLiteral("welcome.png"));

    // Copies of the demo manifests in the current (scratch) folder, so no build path shows.
    const QString v2 = QDir::current().filePath(QStringLiteral("example_project.v2.json"));
    window.openManifest(v2);
    window.connectTo(db);
    Core::WorkspaceDocument *document = window.document();
    require(waitFor([&] { return document->review() && !document->isRefreshing(); }),
            "no live review");
    require(window.selectItem(QStringLiteral("example_project__spreads")), "no spreads class");
    shoot(out, QStringLiteral("main-window.png"));

    if (auto *live = window.findChild<QWidget *>(QStringLiteral("liveTableTab"))) {
        auto *tabs = qobject_cast<QTabWidget *>(live->parentWidget()->parentWidget());
        require(tabs, "the live table tab has no tab widget");
        clickTab(tabs, tabs->indexOf(live));
        QTest::qWait(1500); // the live facts are read in the background
        shoot(out, QStringLiteral("live-table.png"));
    }

    window.showMigrationReview();
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("planTree"));
    auto *model = qobject_cast<Core::PlanModel *>(tree->model());
    int notNull = -1;
    for (int i = 0; i < model->plan().operations.size(); ++i) {
        if (model->plan().operations.at(i).summary.contains(QStringLiteral("NOT NULL")))
            notNull = i;
    }
    require(notNull >= 0, "the demo plan has no NOT NULL change");
    const QModelIndex cell = model->indexOfOperation(notNull);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(cell).center());
    shoot(out, QStringLiteral("migration-review.png"));

    TestSupport::fillDemoNulls(db);
    document->refresh();
    require(waitFor([&] { return document->review() && !document->isRefreshing(); }),
            "no refreshed review");
    document->rehearse();
    require(waitFor([&] { return document->lastMigration().has_value(); }), "no rehearsal");
    shoot(out, QStringLiteral("rehearsal.png"));

    // Another session reads the table in an open transaction: the apply waits behind it.
    auto holder = TestSupport::openSession(db);
    require(holder->begin().has_value(), "cannot begin");
    require(holder->execute(QStringLiteral("SELECT count(*) FROM public.example_project__spreads"))
                .has_value(),
            "cannot read");
    document->setLockTimeoutMs(60000);
    document->apply();
    auto *panel = window.findChild<QWidget *>(QStringLiteral("blockerPanel"));
    require(waitFor([&] { return panel->isVisible(); }), "the blocker never showed");
    QTest::qWait(2200); // an age that reads like a real wait
    shoot(out, QStringLiteral("blocked-apply.png"));
    document->cancelMigration();
    require(waitFor([&] {
                return document->runningMigration() == Core::WorkspaceDocument::Migration::None;
            }),
            "cancel did not end the apply");
    holder->rollback();

    // The configuration editor: a hashed edit (a new updater), an out-of-range value in the
    // nested model with its error on the field, a list item and a dict entry; then the
    // hash-excluded fields alone, with their badge.
    require(window.selectItem(QStringLiteral("DailyMetricsNode")), "no DailyMetricsNode");
    auto *nodeTabs = window.findChild<QTabWidget *>(QStringLiteral("nodeTabs"));
    clickTab(nodeTabs, 1);
    const auto field = [&](const char *path) {
        auto *w = window.findChild<QWidget *>(QStringLiteral("field_") + QLatin1String(path));
        require(w, path);
        return w;
    };
    const auto retype = [&](QWidget *w, const QString &text) {
        QTest::mouseClick(w, Qt::LeftButton);
        QTest::keyClick(w, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(w, text);
    };
    QTest::mouseClick(field("source_scope"), Qt::LeftButton);
    QTest::keyClicks(field("source_scope"), QStringLiteral("_eu"));
    QTest::mouseClick(window.findChild<QWidget *>(QStringLiteral("add_entities")), Qt::LeftButton);
    retype(field("entities.0"), QStringLiteral("ACME"));
    QTest::mouseClick(window.findChild<QWidget *>(QStringLiteral("add_scale_factors")),
                      Qt::LeftButton);
    QWidget *key = window.findChild<QWidget *>(QStringLiteral("key_scale_factors.0"));
    require(key, "no dict key editor");
    retype(key, QStringLiteral("ACME"));
    QTest::keyClick(key, Qt::Key_Return);
    QApplication::processEvents();
    retype(field("scale_factors.ACME"), QStringLiteral("1.5"));
    retype(field("quality.min_entities"), QStringLiteral("0"));
    auto *scroll = window.findChild<QScrollArea *>(QStringLiteral("configForm"));
    require(scroll, "no form scroll area");
    scroll->ensureWidgetVisible(field("scale_factors.ACME"));
    shoot(out, QStringLiteral("config-editor.png"));
    auto *filter = window.findChild<QComboBox *>(QStringLiteral("hashFilter"));
    filter->setCurrentIndex(2);
    shoot(out, QStringLiteral("config-editor-excluded.png"));
    filter->setCurrentIndex(0);
    QTest::mouseClick(window.findChild<QWidget *>(QStringLiteral("discardDraft")), Qt::LeftButton);

    // A node run on the database (at v1): the demo manifest with a runner that injects bad rows
    // and writes slowly enough for the live view to move.
    QFile v1File(QDir::current().filePath(QStringLiteral("example_project.v1.json")));
    require(v1File.open(QIODevice::ReadOnly), "no v1 manifest copy");
    Core::Json runManifest = Core::Json::parse(v1File.readAll().toStdString());
    for (Core::Json &node : runManifest.at("nodes")) {
        if (node.at("class").at("qualname") == "DailyMetricsNode")
            node["runner"]["command"] = {"metatable-sample-node",
                                         "--rows",
                                         "6000",
                                         "--bad",
                                         "wrong-type",
                                         "--bad",
                                         "naive-timestamp",
                                         "--bad",
                                         "extra-column",
                                         "--bad",
                                         "duplicate-index",
                                         "--bad-every",
                                         "97",
                                         "--sleep-ms",
                                         "1"};
    }
    const QString runs = QDir::current().filePath(QStringLiteral("example_project.json"));
    QFile runFile(runs);
    require(runFile.open(QIODevice::WriteOnly | QIODevice::Truncate), "cannot write the manifest");
    runFile.write(QByteArray::fromStdString(runManifest.dump(2)));
    runFile.close();
    window.openManifest(runs);
    require(waitFor([&] {
                return document->manifest().provider.providerKey().size() > 0
                       && !document->isLoading() && document->review() && !document->isRefreshing();
            }),
            "the run manifest did not load");
    require(window.selectItem(QStringLiteral("DailyMetricsNode")), "no DailyMetricsNode");
    nodeTabs = window.findChild<QTabWidget *>(QStringLiteral("nodeTabs"));
    clickTab(nodeTabs, 2);
    auto *start = window.findChild<QWidget *>(QStringLiteral("startRun"));
    require(start && waitFor([&] { return start->isEnabled(); }), "the run cannot start");
    QTest::mouseClick(start, Qt::LeftButton);
    QTest::qWait(3500);
    auto *rejectsView = window.findChild<QTreeView *>(QStringLiteral("rejectsView"));
    rejectsView->expandAll();
    shoot(out, QStringLiteral("run-live.png"));
    Core::NodeRuns *nodeRuns = document->nodeRuns();
    require(waitFor(
                [&] {
                    return !nodeRuns->isRunning(
                        QStringLiteral("example_project.nodes:DailyMetricsNode"));
                },
                120000),
            "the run did not end");
    rejectsView->collapseAll();
    rejectsView->expand(rejectsView->model()->index(0, 0));
    shoot(out, QStringLiteral("run-finished.png"));

    // The node's migration checklist once it has run: the source items from the exporter's
    // checks, item 15 from the catalog and the run just made.
    clickTab(nodeTabs, 3);
    QTest::qWait(1500); // the run history is read in the background
    shoot(out, QStringLiteral("checklist.png"));

    // The guide's validation tests generated into the copy of the demo project beside the
    // manifests (python/), and run there with the project's Python.
    auto *testsFolder = window.findChild<QLineEdit *>(QStringLiteral("testsFolder"));
    require(testsFolder, "no tests folder field");
    testsFolder->selectAll();
    QTest::keyClick(testsFolder, Qt::Key_Delete);
    QTest::keyClicks(testsFolder, QStringLiteral("python/tests"));
    QTest::mouseClick(window.findChild<QWidget *>(QStringLiteral("generateTests")), Qt::LeftButton);
    require(waitFor([&] { return !document->validationTests()->isRunning(); }, 120000),
            "the validation tests did not end");
    auto *results = window.findChild<QTableView *>(QStringLiteral("testResults"));
    require(results->model()->rowCount() == 9, "not nine validation tests");
    const QModelIndex memo = results->model()->index(4, 0);
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, results->visualRect(memo).center());
    shoot(out, QStringLiteral("checklist-tests.png"));

    // The steward: a column description edited in place, pending until saved.
    require(window.selectItem(QStringLiteral("example_project__daily_metrics")), "no daily class");
    auto *columns = window.findChild<QTableView *>(QStringLiteral("columnsView"));
    clickTab(qobject_cast<QTabWidget *>(columns->parentWidget()->parentWidget()), 1);
    const QModelIndex description = columns->model()->index(2, 6);
    const QPoint at = columns->visualRect(description).center();
    QTest::mouseClick(columns->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(columns->viewport(), Qt::LeftButton, {}, at);
    auto *cellEditor = columns->viewport()->findChild<QLineEdit *>();
    require(cellEditor, "no cell editor");
    QTest::keyClick(cellEditor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(cellEditor,
                     QStringLiteral("Closing value, in the source's units (TODO: currency)"));
    QTest::keyClick(cellEditor, Qt::Key_Return);
    QTest::qWait(200);
    columns->setCurrentIndex(columns->model()->index(2, 0));
    shoot(out, QStringLiteral("steward-edit.png"));

    // The class's own description and labels, edited in its Overview: a label added with
    // completion, pending until saved.
    auto *classTabs = qobject_cast<QTabWidget *>(columns->parentWidget()->parentWidget());
    clickTab(classTabs, 0);
    auto *newLabel = window.findChild<QLineEdit *>(QStringLiteral("newLabel"));
    require(newLabel, "no label field");
    QTest::mouseClick(newLabel, Qt::LeftButton);
    QTest::keyClicks(newLabel, QStringLiteral("curated"));
    QTest::keyClick(newLabel, Qt::Key_Return);
    QTest::keyClicks(newLabel, QStringLiteral("posi"));
    shoot(out, QStringLiteral("steward-class-texts.png"));
    newLabel->completer()->popup()->hide();
    newLabel->clear();

    // A comment changed by hand in psql: the Provenance tab shows the three copies.
    auto editor = TestSupport::openSession(db);
    require(bool(editor->execute(QStringLiteral(
                "COMMENT ON COLUMN public.example_project__daily_metrics.entity_identifier IS "
                "'Ticker or internal id (set in psql)'"))),
            "cannot comment");
    document->refresh();
    require(waitFor([&] { return document->review() && !document->isRefreshing(); }),
            "the review did not refresh");
    require(window.selectItem(QStringLiteral("example_project__daily_metrics")), "no daily class");
    auto *provenance = window.findChild<QWidget *>(QStringLiteral("provenance"));
    classTabs->setCurrentWidget(provenance);
    QTest::qWait(300);
    shoot(out, QStringLiteral("provenance.png"));

    // Saved (Save in Pending changes, or Ctrl+S): into the manifest, then to the catalog and
    // COMMENT ON as a texts-only migration; the History tab of Texts lists what reached the
    // database, who and when.
    QTest::mouseClick(window.findChild<QWidget *>(QStringLiteral("saveTexts")), Qt::LeftButton);
    require(
        waitFor(
            [&] {
                return document->lastMigration() && !document->isRefreshing()
                       && document->runningMigration() == Core::WorkspaceDocument::Migration::None
                       && document->stewardEdits()->pending().isEmpty();
            },
            60000),
        qPrintable(QStringLiteral("the texts were not saved: %1 pending; %2")
                       .arg(document->stewardEdits()->pending().size())
                       .arg(window.findChild<QLabel *>(QStringLiteral("errorBanner"))->text())));
    auto *mainTabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    clickTab(mainTabs, 3);
    auto *textsTabs = window.findChild<QTabWidget *>(QStringLiteral("textsPage"));
    clickTab(textsTabs, 1);
    auto *history = window.findChild<QTableView *>(QStringLiteral("historyView"));
    require(waitFor([&] { return history->model()->rowCount() > 0; }), "no history");
    shoot(out, QStringLiteral("history.png"));

    // The column texts of every class as a spreadsheet.
    clickTab(textsTabs, 0);
    auto *every = window.findChild<QCheckBox *>(QStringLiteral("columnTextsEveryClass"));
    every->setChecked(true);
    shoot(out, QStringLiteral("column-texts.png"));
    return 0;
}
