// SPDX-License-Identifier: MIT
#pragma once

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
    QString manifestPath() const { return m_path; }

    // Selects the storage class (by table name) or node (by class name) called `name`;
    // false when the open workspace has none.
    bool selectItem(const QString &name);

signals:
    void manifestLoaded(const QString &path);
    void loadFailed(const QString &message);

private:
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

    QString m_path;
    QString m_pendingPath; // the newest request
    QString m_loadingPath; // the request the loader is working on
    QFutureWatcher<Core::Result<Core::ManifestDocument>> m_loader;
    QFutureWatcher<Core::Result<Core::Db::SandboxStatus>> m_sandboxWatcher;
};

} // namespace Gui
