// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "checklistpanel.h"
#include "configeditor.h"
#include "connectiondialog.h"
#include "migrationreview.h"
#include "nodeview.h"
#include "pythonprojectdialog.h"
#include "runpanel.h"
#include "stewardtools.h"
#include "storagebrowser.h"
#include "storageclassview.h"
#include "welcomepage.h"

#include <core/core.h>
#include <core/db/session.h>
#include <core/models/pendingtextsmodel.h>
#include <core/models/roles.h>
#include <core/models/storagetreemodel.h>
#include <core/workspace/configdraft.h>
#include <core/workspace/workspacedocument.h>

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Gui {

namespace {

constexpr int MaxRecent = 8;
const char *const RecentKey = "workspace/recentManifests";

QLabel *banner(QWidget *parent, const QString &objectName, bool error)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    const bool dark = parent->palette().color(QPalette::Window).lightness() < 128;
    label->setStyleSheet(error ? (dark ? QStringLiteral("QLabel{background:#5c1d1d;color:#ffdcdc;"
                                                        "padding:6px;}")
                                       : QStringLiteral("QLabel{background:#fdecea;color:#611a15;"
                                                        "border:1px solid #f5c6cb;padding:6px;}"))
                               : (dark ? QStringLiteral("QLabel{background:#4a3a10;color:#fff4ce;"
                                                        "padding:6px;}")
                                       : QStringLiteral("QLabel{background:#fff4ce;color:#4a3a10;"
                                                        "border:1px solid #f0d78c;padding:6px;}")));
    label->hide();
    return label;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Core::WorkspaceDocument(this))
    , m_browser(new StorageBrowser(this))
    , m_mainTabs(new QTabWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_welcome(new WelcomePage(this))
    , m_externalPage(new QLabel(this))
    , m_errorBanner(banner(this, QStringLiteral("errorBanner"), true))
    , m_diskBanner(banner(this, QStringLiteral("diskChangedBanner"), false))
    , m_storageView(new StorageClassView(this))
    , m_nodeView(new NodeView(this))
    , m_nodeTabs(new QTabWidget(this))
    , m_review(new MigrationReview(m_document, this))
    , m_stewardTools(new StewardTools(this, m_document, m_browser))
    , m_statusPath(new QLabel(this))
    , m_connectionStatus(new QLabel(this))
    , m_sandboxStatus(new QLabel(this))
    , m_busy(new QProgressBar(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("MetaTable Console"));

    auto *dock = new QDockWidget(tr("Workspace"), this);
    dock->setObjectName(QStringLiteral("workspaceDock"));
    dock->setWidget(m_browser);
    dock->setFeatures(QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {380}, Qt::Horizontal); // table names are long: give them room
    createPendingDock();
    m_storageView->setStewardEdits(m_document->stewardEdits());
    connect(m_browser, &StorageBrowser::currentChanged, this, &MainWindow::showSelection);
    connect(m_storageView,
            &StorageClassView::foreignKeyTargetActivated,
            m_browser,
            &StorageBrowser::selectTable);

    m_externalPage->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_externalPage->setWordWrap(true);
    m_externalPage->setMargin(12);
    m_pages->addWidget(m_storageView);
    m_nodeTabs->setObjectName(QStringLiteral("nodeTabs"));
    m_nodeTabs->addTab(m_nodeView, tr("Overview"));
    m_nodeTabs->addTab(new QWidget(m_nodeTabs), tr("Configuration"));
    m_nodeTabs->addTab(new QWidget(m_nodeTabs), tr("Runs"));
    m_nodeTabs->addTab(new QWidget(m_nodeTabs), tr("Checklist"));
    m_pages->addWidget(m_nodeTabs);
    m_pages->addWidget(m_externalPage);
    m_mainTabs->setObjectName(QStringLiteral("mainTabs"));
    m_mainTabs->setDocumentMode(true);
    m_mainTabs->addTab(m_welcome, tr("Welcome"));
    m_mainTabs->addTab(m_pages, tr("Details"));
    m_mainTabs->addTab(m_review, tr("Migration review"));
    m_mainTabs->addTab(m_stewardTools->textsPage(), tr("Texts"));
    m_mainTabs->setTabEnabled(1, false);
    m_mainTabs->setTabEnabled(2, false);
    m_mainTabs->setTabEnabled(3, false);

    connect(m_diskBanner, &QLabel::linkActivated, this, [this] {
        m_diskBanner->hide();
        m_document->reload();
    });
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_errorBanner);
    layout->addWidget(m_diskBanner);
    layout->addWidget(m_mainTabs, 1);
    setCentralWidget(central);

    connect(m_welcome, &WelcomePage::openManifestRequested, this, &MainWindow::chooseManifest);
    connect(m_welcome,
            &WelcomePage::openPythonProjectRequested,
            this,
            &MainWindow::choosePythonProject);
    connect(m_welcome, &WelcomePage::openDemoRequested, this, [this] {
        openManifest(demoManifestPath());
        connectToSandbox();
    });
    connect(m_welcome, &WelcomePage::openRecentRequested, this, &MainWindow::openManifest);
    connect(m_nodeView, &NodeView::reviewRequested, this, &MainWindow::showMigrationReview);

    connect(m_document, &Core::WorkspaceDocument::loadStarted, this, [this](const QString &label) {
        m_statusPath->setText(tr("Loading %1…").arg(label));
        m_cancelAction->setEnabled(true);
    });
    connect(
        m_document, &Core::WorkspaceDocument::manifestLoaded, this, &MainWindow::onManifestLoaded);
    connect(m_document, &Core::WorkspaceDocument::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_document,
            &Core::WorkspaceDocument::manifestChangedOnDisk,
            this,
            &MainWindow::showChangedOnDisk);
    connect(m_document, &Core::WorkspaceDocument::loadFailed, this, &MainWindow::updateStatus);
    for (auto signal : {&Core::WorkspaceDocument::connectionChanged,
                        &Core::WorkspaceDocument::refreshStarted,
                        &Core::WorkspaceDocument::reviewChanged})
        connect(m_document, signal, this, &MainWindow::updateStatus);
    connect(m_document, &Core::WorkspaceDocument::refreshFailed, this, &MainWindow::updateStatus);
    connect(m_document, &Core::WorkspaceDocument::reviewChanged, this, [this] {
        m_browser->setBadges(m_document->badges());
        showCurrent(); // bindings may have changed a node's hash, the badge a class's status
    });
    connect(m_document,
            &Core::WorkspaceDocument::configSaveFailed,
            this,
            [this](const QString &, const Core::Error &error) { showError(error.message); });
    connect(m_document,
            &Core::WorkspaceDocument::stewardSaveFailed,
            this,
            [this](const Core::Error &e) { showError(e.message); });
    connect(m_document, &Core::WorkspaceDocument::stewardSaved, this, [this](int texts) {
        m_errorBanner->hide();
        statusBar()->showMessage(
            m_document->connection().isConnected()
                ? tr("Saved %n description(s) and label(s) into the manifest; carrying them to "
                     "the database…",
                     nullptr,
                     texts)
                : tr("Saved %n description(s) and label(s) into the manifest; the next migration "
                     "carries them to a database",
                     nullptr,
                     texts),
            8000);
    });
    connect(m_document, &Core::WorkspaceDocument::stewardTextsApplied, this, [this] {
        const Core::Result<Core::Migrate::ApplyResult> &result = *m_document->lastMigration();
        if (!result) {
            showError(tr("The texts are saved in the manifest, but did not reach the "
                         "database: %1")
                          .arg(result.error().message));
            return;
        }
        statusBar()->showMessage(
            tr("The texts reached the catalog and COMMENT ON; %n change(s) recorded in "
               "the audit trail",
               nullptr,
               int(result->audited.size())),
            8000);
    });
    connect(m_document,
            &Core::WorkspaceDocument::stewardTextsWaiting,
            this,
            [this](const QStringList &structural) {
                showError(tr("The texts are saved in the manifest. The database also needs %n "
                             "structural change(s), so they reach it with the next migration "
                             "(Migration ▸ Show Review).",
                             nullptr,
                             int(structural.size())));
            });
    connect(m_document,
            &Core::WorkspaceDocument::stewardEditsDropped,
            this,
            [this](const QStringList &edits) {
                showError(tr("These unsaved edits no longer fit the reloaded manifest and were "
                             "dropped:\n%1")
                              .arg(edits.join(u'\n')));
            });
    connect(m_document, &Core::WorkspaceDocument::configSaved, this, [this](const QString &node) {
        m_errorBanner->hide();
        m_nodeAfterLoad = node; // the reload that follows shows it again
        statusBar()->showMessage(tr("Saved the configuration of %1").arg(node), 5000);
    });
    connect(m_document,
            &Core::WorkspaceDocument::liveTableRead,
            this,
            [this](const Core::Db::LiveTableFacts &facts) { m_storageView->setLiveTable(facts); });
    connect(
        m_document, &Core::WorkspaceDocument::migrationStarted, this, &MainWindow::updateStatus);
    connect(
        m_document, &Core::WorkspaceDocument::migrationFinished, this, &MainWindow::updateStatus);

    createStatusBar();
    createMenus();
    m_welcome->setRecent(QSettings().value(QLatin1String(RecentKey)).toStringList());
    resize(1280, 800);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_sandboxWatcher.waitForFinished();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    using Migration = Core::WorkspaceDocument::Migration;
    if (m_document->runningMigration() == Migration::Apply
        || m_document->runningMigration() == Migration::TextsApply) {
        const auto answer = QMessageBox::question(
            this,
            tr("A migration is running"),
            tr("A migration is being applied. Cancel it (nothing will change) and quit?"));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_document->cancelMigration();
    }
    QSettings settings;
    // What reconnectLast() needs: never a connection string that holds a password.
    const Core::WorkspaceConnection &c = m_document->connection();
    if (c.isSandbox)
        settings.setValue(QStringLiteral("workspace/lastConnection"), QStringLiteral("sandbox"));
    else if (c.isConnected() && Core::Db::redactConninfo(c.conninfo) == c.conninfo)
        settings.setValue(QStringLiteral("workspace/lastConnection"), c.conninfo);
    else
        settings.remove(QStringLiteral("workspace/lastConnection"));
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::createStatusBar()
{
    m_statusPath->setObjectName(QStringLiteral("workspaceStatus"));
    m_connectionStatus->setObjectName(QStringLiteral("connectionStatus"));
    m_sandboxStatus->setObjectName(QStringLiteral("sandboxStatus"));
    statusBar()->addWidget(m_statusPath, 1);
    // Busy (indeterminate) while loading, reading the database or running a migration; Escape
    // cancels any of them.
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->hide();
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_connectionStatus);
    statusBar()->addPermanentWidget(m_sandboxStatus);
    connect(&m_sandboxWatcher, &QFutureWatcherBase::finished, this, [this] {
        const auto status = m_sandboxWatcher.result();
        if (!status) {
            m_sandboxStatus->setText(tr("Sandbox: unavailable"));
            m_sandboxStatus->setToolTip(status.error().message);
            if (m_connectWhenSandboxReady)
                showError(tr("The sandbox could not start: %1").arg(status.error().message));
            m_connectWhenSandboxReady = false;
            return;
        }
        m_sandboxStatus->setText(tr("Sandbox: %1").arg(Core::Db::sandboxStateName(status->state)));
        m_sandboxStatus->setToolTip(
            status->state == Core::Db::SandboxState::Running
                ? tr("PostgreSQL %1 on a private socket").arg(status->serverVersion)
                : QString());
        if (m_connectWhenSandboxReady && status->state == Core::Db::SandboxState::Running)
            m_document->setConnection({status->conninfo,
                                       tr("sandbox (%1)")
                                           .arg(Core::Db::describeConninfo(status->conninfo)
                                                    .section(QLatin1Char(' '), 0, 0)),
                                       true});
        m_connectWhenSandboxReady = false;
    });
    refreshSandboxStatus();
}

void MainWindow::refreshSandboxStatus()
{
    // status() runs pg_ctl: a process wait, so it runs on a worker like every other.
    m_sandboxStatus->setText(tr("Sandbox: checking…"));
    m_sandboxWatcher.setFuture(QtConcurrent::run([] { return Core::Db::Sandbox().status(); }));
}

void MainWindow::createPendingDock()
{
    // The steward's unsaved edits, each revertible on its own; shown while there are some.
    auto *dock = new QDockWidget(tr("Pending changes"), this);
    dock->setObjectName(QStringLiteral("pendingDock"));
    auto *page = new QWidget(dock);
    auto *model = new Core::PendingTextsModel(m_document->stewardEdits(), page);
    auto *view = new QTableView(page);
    view->setObjectName(QStringLiteral("pendingTexts"));
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view->verticalHeader()->hide();
    auto *revert = new QPushButton(tr("Revert"), page);
    revert->setObjectName(QStringLiteral("revertText"));
    revert->setToolTip(tr("Back to what the manifest says (an edit Ctrl+Z takes back)"));
    auto *save = new QPushButton(tr("Save"), page);
    save->setObjectName(QStringLiteral("saveTexts"));
    save->setToolTip(tr("Write these texts into the manifest (Ctrl+S)"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(revert);
    buttons->addWidget(save);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(view, 1);
    layout->addLayout(buttons);
    dock->setWidget(page);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide();
    connect(revert, &QPushButton::clicked, this, [this, view, model] {
        if (const auto key = model->key(view->currentIndex().row()))
            m_document->stewardEdits()->revert(*key);
    });
    connect(save, &QPushButton::clicked, m_document, &Core::WorkspaceDocument::saveStewardEdits);
    connect(m_document->stewardEdits(), &Core::Steward::StewardEdits::changed, this, [this, dock] {
        const bool pending = !m_document->stewardEdits()->pending().isEmpty();
        if (pending && !dock->isVisible())
            dock->show();
        if (m_saveTextsAction)
            m_saveTextsAction->setEnabled(pending);
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Manifest…"), QKeySequence::Open, this, &MainWindow::chooseManifest);
    file->addAction(tr("Open &Python Project…"), this, &MainWindow::choosePythonProject);
    file->addAction(
        tr("&Reload"), QKeySequence::Refresh, m_document, &Core::WorkspaceDocument::reload);
    m_cancelAction = file->addAction(tr("&Cancel"), this, [this] {
        m_document->cancelLoading();
        m_document->cancelMigration();
    });
    m_cancelAction->setShortcut(Qt::Key_Escape);
    m_cancelAction->setEnabled(false);
    m_saveTextsAction = file->addAction(tr("&Save Descriptions and Labels"),
                                        QKeySequence::Save,
                                        m_document,
                                        &Core::WorkspaceDocument::saveStewardEdits);
    m_saveTextsAction->setEnabled(false);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addActions(m_stewardTools->editActions());
    edit->addSeparator();
    edit->addAction(m_stewardTools->historyDockAction());

    QMenu *database = menuBar()->addMenu(tr("&Database"));
    database->addAction(
        tr("&Connect…"), QKeySequence(Qt::CTRL | Qt::Key_D), this, &MainWindow::chooseConnection);
    database->addAction(tr("Use the &Sandbox"), this, &MainWindow::connectToSandbox);
    database->addAction(tr("&Disconnect"), this, [this] { m_document->setConnection({}); });
    database->addSeparator();
    database->addAction(tr("Stop the Sandbox"), this, [this] {
        m_sandboxStatus->setText(tr("Sandbox: stopping…"));
        if (m_document->connection().isSandbox)
            m_document->setConnection({});
        m_sandboxWatcher.setFuture(QtConcurrent::run([] { return Core::Db::Sandbox().stop(); }));
    });

    QMenu *migration = menuBar()->addMenu(tr("&Migration"));
    migration->addAction(tr("Show &Review"),
                         QKeySequence(Qt::CTRL | Qt::Key_2),
                         this,
                         &MainWindow::showMigrationReview);
    migration->addAction(m_review->refreshAction());
    migration->addAction(m_review->rehearseAction());
    migration->addAction(m_review->applyAction());
    migration->addAction(m_review->cancelAction());
    migration->addSeparator();
    migration->addAction(m_review->exportSqlAction());
    migration->addAction(m_review->exportAlembicAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About MetaTable Console"), this, &MainWindow::showAbout);
}

void MainWindow::showAbout()
{
    const auto &review = m_document->review();
    const QString server = review ? QStringLiteral("%1.%2")
                                        .arg(review->serverVersion / 10000)
                                        .arg(review->serverVersion % 10000)
                                  : tr("not connected");
    QMessageBox::about(this,
                       tr("About MetaTable Console"),
                       tr("<b>MetaTable Console</b> %1<p>Administration console for "
                          "MetaTable-driven DataNode storage.</p><table>"
                          "<tr><td>Qt</td><td>%2</td></tr><tr><td>libpq</td><td>%3</td></tr>"
                          "<tr><td>libpqxx</td><td>%4</td></tr>"
                          "<tr><td>PostgreSQL server</td><td>%5</td></tr></table>")
                           .arg(Core::version(),
                                QString::fromLatin1(qVersion()),
                                Core::Db::libpqVersion(),
                                Core::Db::libpqxxVersion(),
                                server));
}

void MainWindow::chooseManifest()
{
    const QString start
        = manifestPath().isEmpty() ? QString() : QFileInfo(manifestPath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open provider manifest"), start, tr("Provider manifests (*.json)"));
    if (!path.isEmpty())
        openManifest(path);
}

void MainWindow::choosePythonProject()
{
    PythonProjectDialog dialog(this);
    if (m_document->source().python)
        dialog.setWorkspace(*m_document->source().python);
    if (dialog.exec() == QDialog::Accepted)
        openPythonProject(dialog.workspace());
}

void MainWindow::chooseConnection()
{
    const Core::ProviderManifest &m = m_document->manifest();
    QStringList schemas{m.provider.schema};
    for (const Core::StorageClass &sc : m.storageClasses)
        schemas.append(sc.schema().isEmpty() ? m.provider.schema : sc.schema());
    schemas.append(QStringLiteral("metatable_catalog"));
    schemas.removeAll(QString());
    schemas.removeDuplicates();
    ConnectionDialog dialog(schemas, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.useSandbox())
        connectToSandbox();
    else
        connectTo(dialog.conninfo(), dialog.label());
}

void MainWindow::connectTo(const QString &conninfo, const QString &label)
{
    m_document->setConnection(
        {conninfo, label.isEmpty() ? Core::Db::describeConninfo(conninfo) : label, false});
}

bool MainWindow::reconnectLast()
{
    const QString last = QSettings().value(QStringLiteral("workspace/lastConnection")).toString();
    if (last.isEmpty())
        return false;
    if (last == u"sandbox")
        connectToSandbox();
    else
        connectTo(last);
    return true;
}

void MainWindow::connectToSandbox()
{
    m_connectWhenSandboxReady = true;
    m_sandboxStatus->setText(tr("Sandbox: starting…"));
    m_sandboxWatcher.setFuture(QtConcurrent::run([] { return Core::Db::Sandbox().start(); }));
}

QString MainWindow::manifestPath() const
{
    return m_document->source().manifestPath;
}

void MainWindow::openManifest(const QString &path)
{
    m_document->open({path, std::nullopt});
}

void MainWindow::openPythonProject(const Core::PythonWorkspace &project)
{
    m_document->open({QString(), project});
}

void MainWindow::onLoadFailed(const Core::Error &error)
{
    m_cancelAction->setEnabled(false);
    updateStatus();
    showError(error.message);
    emit loadFailed(error.message);
}

void MainWindow::onManifestLoaded()
{
    m_cancelAction->setEnabled(false);
    m_errorBanner->hide();
    m_diskBanner->hide();
    const Core::ProviderManifest &manifest = m_document->manifest();
    if (m_configEditor) {
        // Its draft went with the previous manifest; the node's new draft restores the edits.
        // The run and checklist panels follow the node's draft too; the runs themselves go on.
        m_nodeTabs->removeTab(3);
        delete m_checklistPanel;
        m_checklistPanel = nullptr;
        m_nodeTabs->insertTab(3, new QWidget(m_nodeTabs), tr("Checklist"));
        m_nodeTabs->removeTab(2);
        delete m_runPanel;
        m_runPanel = nullptr;
        m_nodeTabs->insertTab(2, new QWidget(m_nodeTabs), tr("Runs"));
        m_nodeTabs->removeTab(1);
        delete m_configEditor;
        m_configEditor = nullptr;
        m_nodeTabs->insertTab(1, new QWidget(m_nodeTabs), tr("Configuration"));
    }
    m_browser->setContents(m_document->storageTree());
    m_browser->setBadges(m_document->badges());
    const Core::WorkspaceSource &source = m_document->source();
    setWindowTitle(tr("%1 — MetaTable Console")
                       .arg(source.python ? manifest.provider.providerKey()
                                          : QFileInfo(source.manifestPath).fileName()));
    if (!source.python)
        rememberRecent(source.manifestPath);
    m_mainTabs->setTabEnabled(1, true);
    m_mainTabs->setTabEnabled(2, true);
    m_mainTabs->setTabEnabled(3, true);
    if (m_mainTabs->currentIndex() == 0)
        m_mainTabs->setCurrentIndex(1);
    const QString node = std::exchange(m_nodeAfterLoad, QString());
    if (node.isEmpty() || !selectItem(node))
        m_browser->select(Core::WorkspaceItemKind::StorageClass, 0);
    else
        m_nodeTabs->setCurrentIndex(1);
    updateStatus();
    emit manifestLoaded(source.label());
}

void MainWindow::showChangedOnDisk()
{
    m_diskBanner->setText(tr("The manifest changed on disk. <a href=\"reload\">Reload it</a> "
                             "(F5) to see the new version."));
    m_diskBanner->show();
}

void MainWindow::updateStatus()
{
    const Core::WorkspaceSource &source = m_document->source();
    if (!m_document->isLoading()) {
        const Core::ProviderManifest &m = m_document->manifest();
        m_statusPath->setText(source.isEmpty()
                                  ? tr("No workspace")
                                  : tr("%1  ·  provider %2  ·  %3 storage classes, %4 nodes")
                                        .arg(source.label(), m.provider.providerKey())
                                        .arg(m.storageClasses.size())
                                        .arg(m.nodes.size()));
    }
    const Core::WorkspaceConnection &c = m_document->connection();
    QString state;
    if (!c.isConnected())
        state = tr("Not connected");
    else if (m_document->runningMigration() == Core::WorkspaceDocument::Migration::Apply)
        state = tr("%1 · applying…").arg(c.label);
    else if (m_document->runningMigration() == Core::WorkspaceDocument::Migration::TextsApply)
        state = tr("%1 · saving descriptions and labels…").arg(c.label);
    else if (m_document->runningMigration() == Core::WorkspaceDocument::Migration::Rehearsal)
        state = tr("%1 · rehearsing…").arg(c.label);
    else if (m_document->isRefreshing())
        state = tr("%1 · reading…").arg(c.label);
    else if (const auto &review = m_document->review())
        state = review->plan.isEmpty()
                    ? tr("%1 · up to date").arg(c.label)
                    : tr("%1 · %n change(s) pending", nullptr, int(review->plan.operations.size()))
                          .arg(c.label);
    else
        state = tr("%1 · no live review").arg(c.label);
    m_connectionStatus->setText(state);
    m_busy->setVisible(m_document->isLoading() || m_document->isRefreshing()
                       || m_document->runningMigration()
                              != Core::WorkspaceDocument::Migration::None);
    m_cancelAction->setEnabled(m_document->isLoading()
                               || m_document->runningMigration()
                                      != Core::WorkspaceDocument::Migration::None);
}

bool MainWindow::selectItem(const QString &name)
{
    const Core::ProviderManifest &m = m_document->manifest();
    for (qsizetype i = 0; i < m.storageClasses.size(); ++i) {
        if (m.storageClasses.at(i).tableName() == name) {
            m_mainTabs->setCurrentIndex(1);
            return m_browser->select(Core::WorkspaceItemKind::StorageClass, int(i));
        }
    }
    for (qsizetype i = 0; i < m.nodes.size(); ++i) {
        if (m.nodes.at(i).classRef.qualname == name || m.nodes.at(i).classRef.path() == name) {
            m_mainTabs->setCurrentIndex(1);
            return m_browser->select(Core::WorkspaceItemKind::Node, int(i));
        }
    }
    return false;
}

void MainWindow::showMigrationReview()
{
    if (m_mainTabs->isTabEnabled(2))
        m_mainTabs->setCurrentIndex(2);
}

void MainWindow::showCurrent()
{
    const QModelIndex current = m_browser->view()->currentIndex();
    if (current.isValid())
        showSelection(Core::WorkspaceItemKind(current.data(int(Core::ModelRole::ItemKind)).toInt()),
                      current.data(int(Core::ModelRole::ItemIndex)).toInt());
}

void MainWindow::showSelection(Core::WorkspaceItemKind kind, int position)
{
    const Core::ProviderManifest &m = m_document->boundManifest();
    if (kind != Core::WorkspaceItemKind::Group && m_mainTabs->currentIndex() == 0)
        m_mainTabs->setCurrentIndex(1);
    switch (kind) {
    case Core::WorkspaceItemKind::StorageClass: {
        const Core::StorageClass &sc = m.storageClasses.at(position);
        m_storageView->setStorageClass(sc, position, m_document->lint());
        m_storageView->setBadge(m_document->badges().value(sc.classRef.path()));
        m_storageView->setStoredTexts(m_document->storedTexts(sc.classRef.path()),
                                      m_document->review().has_value());
        if (m_document->connection().isConnected())
            m_document->readLiveTable(sc.schema().isEmpty() ? m.provider.schema : sc.schema(),
                                      sc.tableName());
        else
            m_storageView->setLiveTableNotConnected();
        m_pages->setCurrentWidget(m_storageView);
        break;
    }
    case Core::WorkspaceItemKind::Node: {
        const Core::NodeDefinition &node = m.nodes.at(position);
        m_nodeView->setNode(node, m, m_document->connection().isConnected());
        // One editor per node shown; its draft (and undo history) belongs to the document.
        Core::ConfigDraft *draft = m_document->configDraft(node.classRef.path());
        if (draft && (!m_configEditor || m_configEditor->draft() != draft)) {
            const int tab = m_nodeTabs->currentIndex();
            // The node's lint findings, their pointers relative to the node, go on the fields.
            const QString nodePointer = QStringLiteral("/nodes/%1").arg(position);
            QList<Core::LintFinding> nodeLint;
            for (Core::LintFinding f : m_document->lint()) {
                if (f.pointer.startsWith(nodePointer + u'/')) {
                    f.pointer = f.pointer.mid(nodePointer.size());
                    nodeLint.append(f);
                }
            }
            auto *editor = new ConfigEditor(draft, m, nodeLint, m_document->nodeRuns(), m_nodeTabs);
            connect(editor,
                    &ConfigEditor::saveRequested,
                    m_document,
                    &Core::WorkspaceDocument::saveConfig);
            m_nodeTabs->removeTab(3);
            delete m_checklistPanel;
            m_checklistPanel = new ChecklistPanel(m_document, node.classRef.path(), m_nodeTabs);
            connect(m_checklistPanel,
                    &ChecklistPanel::migrationReviewRequested,
                    this,
                    &MainWindow::showMigrationReview);
            connect(m_checklistPanel, &ChecklistPanel::runRequested, this, [this] {
                m_nodeTabs->setCurrentIndex(2);
            });
            m_nodeTabs->insertTab(3, m_checklistPanel, tr("Checklist"));
            m_nodeTabs->removeTab(2);
            delete m_runPanel;
            m_runPanel = new RunPanel(m_document, node.classRef.path(), m_nodeTabs);
            m_nodeTabs->insertTab(2, m_runPanel, tr("Runs"));
            m_nodeTabs->removeTab(1);
            delete m_configEditor;
            m_configEditor = editor;
            m_nodeTabs->insertTab(1, editor, tr("Configuration"));
            m_nodeTabs->setCurrentIndex(tab);
        }
        m_pages->setCurrentWidget(m_nodeTabs);
        break;
    }
    case Core::WorkspaceItemKind::ExternalTable: {
        const Core::ExternalTable &e = m.externalTables.at(position);
        m_externalPage->setText(
            tr("<h2>%1.%2</h2><p>Owned by <b>%3</b> (%4). Referenced columns: %5.</p>"
               "<p>This provider's foreign keys point here; the console verifies the table "
               "exists and never changes it.</p>")
                .arg(e.schema.toHtmlEscaped(),
                     e.tableName.toHtmlEscaped(),
                     e.ownerPackage.toHtmlEscaped(),
                     e.ownerMigrationNamespace.toHtmlEscaped(),
                     e.referencedColumns.join(QStringLiteral(", ")).toHtmlEscaped()));
        m_pages->setCurrentWidget(m_externalPage);
        break;
    }
    case Core::WorkspaceItemKind::Group:
        break;
    }
}

void MainWindow::showError(const QString &message)
{
    m_errorBanner->setText(
        message.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    m_errorBanner->show();
}

void MainWindow::rememberRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(RecentKey)).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(QLatin1String(RecentKey), recent.mid(0, MaxRecent));
    rebuildRecentMenu();
    m_welcome->setRecent(recent.mid(0, MaxRecent));
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QLatin1String(RecentKey)).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openManifest(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

} // namespace Gui
