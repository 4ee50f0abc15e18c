// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "nodeview.h"
#include "pythonprojectdialog.h"
#include "storageclassview.h"

#include <core/core.h>
#include <core/models/roles.h>
#include <core/models/workspacemodel.h>

#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Gui {

namespace {

constexpr int MaxRecent = 8;
constexpr int ExportTimeoutMs = 120000; // importing a large project can take a while
const char *const RecentKey = "workspace/recentManifests";

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(new Core::WorkspaceModel(this))
    , m_tree(new QTreeView(this))
    , m_pages(new QStackedWidget(this))
    , m_welcome(new QLabel(this))
    , m_externalPage(new QLabel(this))
    , m_errorBanner(new QLabel(this))
    , m_storageView(new StorageClassView(this))
    , m_nodeView(new NodeView(this))
    , m_statusPath(new QLabel(this))
    , m_sandboxStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("MetaTable Console"));

    m_tree->setObjectName(QStringLiteral("workspaceTree"));
    m_tree->setModel(m_workspace);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto *dock = new QDockWidget(tr("Workspace"), this);
    dock->setObjectName(QStringLiteral("workspaceDock"));
    dock->setWidget(m_tree);
    dock->setFeatures(QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {380}, Qt::Horizontal); // table names are long: give them room
    connect(m_tree->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &MainWindow::showSelection);

    m_welcome->setObjectName(QStringLiteral("welcomePage"));
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setWordWrap(true);
    m_welcome->setText(
        tr("<h2>MetaTable Console</h2><p>Open a provider manifest "
           "(File &rarr; Open, Ctrl+O) to browse its storage classes and nodes.</p>"));
    m_externalPage->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_externalPage->setWordWrap(true);
    m_externalPage->setMargin(12);
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_storageView);
    m_pages->addWidget(m_nodeView);
    m_pages->addWidget(m_externalPage);

    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setWordWrap(true);
    m_errorBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBanner->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #611a15; "
                                                "border: 1px solid #f5c6cb; padding: 6px; }"));
    m_errorBanner->hide();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_errorBanner);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    statusBar()->addWidget(m_statusPath, 1);
    m_sandboxStatus->setObjectName(QStringLiteral("sandboxStatus"));
    statusBar()->addPermanentWidget(m_sandboxStatus);
    connect(&m_sandboxWatcher, &QFutureWatcherBase::finished, this, [this] {
        const auto status = m_sandboxWatcher.result();
        if (!status) {
            m_sandboxStatus->setText(tr("Sandbox: unavailable"));
            m_sandboxStatus->setToolTip(status.error().message);
            return;
        }
        m_sandboxStatus->setText(tr("Sandbox: %1").arg(Core::Db::sandboxStateName(status->state)));
        m_sandboxStatus->setToolTip(status->state == Core::Db::SandboxState::Running
                                        ? status->conninfo
                                        : status->rootDirectory);
    });
    refreshSandboxStatus();
    createMenus();
    connect(&m_loader, &QFutureWatcherBase::finished, this, &MainWindow::onLoadFinished);
    resize(1280, 800);
}

MainWindow::~MainWindow()
{
    m_loader.waitForFinished();
    m_sandboxWatcher.waitForFinished();
}

void MainWindow::refreshSandboxStatus()
{
    // status() runs pg_ctl: a process wait, so it runs on a worker like every other.
    m_sandboxStatus->setText(tr("Sandbox: checking…"));
    m_sandboxWatcher.setFuture(QtConcurrent::run([] { return Core::Db::Sandbox().status(); }));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Manifest…"), QKeySequence::Open, this, &MainWindow::chooseManifest);
    file->addAction(tr("Open &Python Project…"), this, &MainWindow::choosePythonProject);
    file->addAction(tr("&Reload"), QKeySequence::Refresh, this, &MainWindow::reload);
    m_cancelAction = file->addAction(tr("&Cancel Loading"), this, [this] { m_cancel.cancel(); });
    m_cancelAction->setShortcut(Qt::Key_Escape);
    m_cancelAction->setEnabled(false);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About MetaTable Console"), this, [this] {
        QMessageBox::about(this,
                           tr("About MetaTable Console"),
                           tr("<b>MetaTable Console</b> %1<p>Administration console for "
                              "MetaTable-driven DataNode storage.</p>")
                               .arg(Core::version()));
    });
}

void MainWindow::chooseManifest()
{
    const QString start = m_source.manifestPath.isEmpty()
                              ? QString()
                              : QFileInfo(m_source.manifestPath).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open provider manifest"), start, tr("Provider manifests (*.json)"));
    if (!path.isEmpty())
        openManifest(path);
}

QString MainWindow::Source::label() const
{
    if (!python)
        return manifestPath;
    const QString module = !python->provider.isEmpty() ? python->provider : python->modelsModule;
    return tr("Python project %1 (%2)").arg(module, python->interpreter);
}

void MainWindow::choosePythonProject()
{
    PythonProjectDialog dialog(this);
    if (m_source.python)
        dialog.setWorkspace(*m_source.python);
    if (dialog.exec() == QDialog::Accepted)
        openPythonProject(dialog.workspace());
}

void MainWindow::reload()
{
    if (!m_source.manifestPath.isEmpty() || m_source.python)
        load(m_source);
}

void MainWindow::openManifest(const QString &path)
{
    load(Source{path, std::nullopt});
}

void MainWindow::openPythonProject(const Core::PythonWorkspace &project)
{
    load(Source{QString(), project});
}

void MainWindow::load(const Source &source)
{
    // A newer request replaces an older one: the older result is dropped when it arrives.
    m_pending = source;
    ++m_requested;
    m_statusPath->setText(source.python ? tr("Exporting %1…").arg(source.label())
                                        : tr("Loading %1…").arg(source.label()));
    if (!m_loader.isRunning())
        startLoading();
}

void MainWindow::startLoading()
{
    m_running = m_requested;
    m_cancel = Core::CancelToken();
    m_cancelAction->setEnabled(true);
    const Source source = m_pending;
    const Core::CancelToken cancel = m_cancel;
    m_loader.setFuture(
        QtConcurrent::run([source, cancel]() -> Core::Result<Core::ManifestDocument> {
            if (source.python)
                return Core::exportWorkspace(*source.python, ExportTimeoutMs, cancel);
            return Core::readManifestFile(source.manifestPath);
        }));
}

void MainWindow::onLoadFinished()
{
    m_cancelAction->setEnabled(false);
    if (m_running != m_requested) {
        startLoading();
        return;
    }
    const Core::Result<Core::ManifestDocument> result = m_loader.result();
    if (!result) {
        m_statusPath->setText(m_source.label().isEmpty() ? tr("No workspace") : m_source.label());
        showError(result.error().message);
        emit loadFailed(result.error().message);
        return;
    }
    m_errorBanner->hide();
    m_source = m_pending;
    if (!m_source.python)
        m_source.manifestPath = result->path;
    m_workspace->setManifest(result->manifest);
    m_tree->expandAll();
    const Core::ProviderInfo &p = result->manifest.provider;
    setWindowTitle(
        tr("%1 — MetaTable Console")
            .arg(m_source.python ? p.providerKey() : QFileInfo(m_source.manifestPath).fileName()));
    m_statusPath->setText(tr("%1  ·  provider %2  ·  %3 storage classes, %4 nodes")
                              .arg(m_source.label(), p.providerKey())
                              .arg(result->manifest.storageClasses.size())
                              .arg(result->manifest.nodes.size()));
    if (!m_source.python)
        rememberRecent(m_source.manifestPath);
    const QModelIndex first = m_workspace->indexFor(Core::WorkspaceItemKind::StorageClass, 0);
    if (first.isValid())
        m_tree->setCurrentIndex(first);
    else
        m_pages->setCurrentWidget(m_welcome);
    emit manifestLoaded(m_source.label());
}

bool MainWindow::selectItem(const QString &name)
{
    const Core::ProviderManifest &m = m_workspace->manifest();
    for (qsizetype i = 0; i < m.storageClasses.size(); ++i) {
        if (m.storageClasses.at(i).tableName() == name) {
            m_tree->setCurrentIndex(
                m_workspace->indexFor(Core::WorkspaceItemKind::StorageClass, int(i)));
            return true;
        }
    }
    for (qsizetype i = 0; i < m.nodes.size(); ++i) {
        if (m.nodes.at(i).classRef.qualname == name || m.nodes.at(i).classRef.path() == name) {
            m_tree->setCurrentIndex(m_workspace->indexFor(Core::WorkspaceItemKind::Node, int(i)));
            return true;
        }
    }
    return false;
}

void MainWindow::showSelection(const QModelIndex &current)
{
    const auto kind = Core::WorkspaceItemKind(current.data(int(Core::ModelRole::ItemKind)).toInt());
    const int position = current.data(int(Core::ModelRole::ItemIndex)).toInt();
    const Core::ProviderManifest &m = m_workspace->manifest();
    switch (kind) {
    case Core::WorkspaceItemKind::StorageClass:
        m_storageView->setStorageClass(m.storageClasses.at(position));
        m_pages->setCurrentWidget(m_storageView);
        break;
    case Core::WorkspaceItemKind::Node:
        m_nodeView->setNode(m.nodes.at(position), m);
        m_pages->setCurrentWidget(m_nodeView);
        break;
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
