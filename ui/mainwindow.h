// SPDX-License-Identifier: MIT
#pragma once

#include <core/bridge/pythonworkspace.h>
#include <core/db/sandbox.h>
#include <core/manifest/manifestio.h>

#include <QFutureWatcher>
#include <QMainWindow>

class QLabel;
class QMenu;
class QStackedWidget;
class QTreeView;

namespace Core {
class WorkspaceModel;
}

namespace Gui {

class NodeView;
class StorageClassView;

// The console's main window: the workspace tree on the left, the selected storage class or node
// on the right. It only assembles docks, menus and views; loading runs off the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads a provider manifest in the background; manifestLoaded or loadFailed follows.
    void openManifest(const QString &path);
    // Exports the workspace from a Python project (its interpreter runs the console's
    // exporter) in the background; File > Reload exports it again.
    void openPythonProject(const Core::PythonWorkspace &project);
    QString manifestPath() const { return m_source.manifestPath; }

    // Selects the storage class (by table name) or node (by class name) called `name`;
    // false when the open workspace has none.
    bool selectItem(const QString &name);

signals:
    void manifestLoaded(const QString &source); // the manifest path, or the Python project
    void loadFailed(const QString &message);

private:
    // Where a workspace comes from: a manifest file, or a Python project to export.
    struct Source
    {
        QString manifestPath;
        std::optional<Core::PythonWorkspace> python;
        QString label() const;
    };

    void load(const Source &source);
    void startLoading();
    void choosePythonProject();
    void createMenus();
    void chooseManifest();
    void reload();
    void onLoadFinished();
    void showSelection(const QModelIndex &current);
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void showError(const QString &message);
    void refreshSandboxStatus();

    Core::WorkspaceModel *m_workspace;
    QTreeView *m_tree;
    QStackedWidget *m_pages;
    QLabel *m_welcome;
    QLabel *m_externalPage;
    QLabel *m_errorBanner;
    StorageClassView *m_storageView;
    NodeView *m_nodeView;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_statusPath;
    QLabel *m_sandboxStatus;

    Source m_source;  // the open workspace
    Source m_pending; // the newest request; older ones are dropped when they finish
    int m_requested = 0;
    int m_running = 0;
    Core::CancelToken m_cancel;
    QAction *m_cancelAction = nullptr;
    QFutureWatcher<Core::Result<Core::ManifestDocument>> m_loader;
    QFutureWatcher<Core::Result<Core::Db::SandboxStatus>> m_sandboxWatcher;
};

} // namespace Gui
