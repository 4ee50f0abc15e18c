// SPDX-License-Identifier: MIT
#pragma once

#include <core/bridge/pythonworkspace.h>
#include <core/db/sandbox.h>

#include <QFutureWatcher>
#include <QMainWindow>

class QLabel;
class QProgressBar;
class QMenu;
class QStackedWidget;
class QTabWidget;

namespace Core {
class WorkspaceDocument;
struct Error;
enum class WorkspaceItemKind : int;
} // namespace Core

namespace Gui {

class ConfigEditor;
class RunPanel;
class ChecklistPanel;
class MigrationReview;
class NodeView;
class StorageBrowser;
class StewardTools;
class StorageClassView;
class WelcomePage;

// The console's main window: the workspace tree on the left; on the right the selected storage
// class or node, and the migration review of the workspace's live plan. It only assembles views,
// menus and the status bar over one WorkspaceDocument, which does the work off the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Core::WorkspaceDocument *document() const { return m_document; }

    // Loads a provider manifest in the background; manifestLoaded or loadFailed follows.
    void openManifest(const QString &path);
    // Exports the workspace from a Python project (its interpreter runs the console's
    // exporter) in the background; File > Reload exports it again.
    void openPythonProject(const Core::PythonWorkspace &project);
    QString manifestPath() const;
    // Connects the workspace to a database (libpq conninfo, URI or service name); the live
    // review follows. The label is what the status bar shows; passwords are never shown.
    void connectTo(const QString &conninfo, const QString &label = {});
    void connectToSandbox();
    // Reconnects to the database of the last session: a saved profile's connection string
    // (its password from nowhere but libpq's own files), or the sandbox. False when there is
    // none to reconnect to.
    bool reconnectLast();

    // Selects the storage class (by table name) or node (by class name) called `name`;
    // false when the open workspace has none.
    bool selectItem(const QString &name);
    void showMigrationReview();

signals:
    void manifestLoaded(const QString &source); // the manifest path, or the Python project
    void loadFailed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createPendingDock();
    void createStatusBar();
    void chooseManifest();
    void choosePythonProject();
    void chooseConnection();
    void onManifestLoaded();
    void onLoadFailed(const Core::Error &error);
    void showSelection(Core::WorkspaceItemKind kind, int position);
    void showCurrent();
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void showError(const QString &message);
    void showChangedOnDisk();
    void updateStatus();
    void refreshSandboxStatus();
    void showAbout();

    Core::WorkspaceDocument *m_document;
    StorageBrowser *m_browser;
    QTabWidget *m_mainTabs;
    QStackedWidget *m_pages;
    WelcomePage *m_welcome;
    QLabel *m_externalPage;
    QLabel *m_errorBanner;
    QLabel *m_diskBanner;
    StorageClassView *m_storageView;
    NodeView *m_nodeView;
    QTabWidget *m_nodeTabs;
    ConfigEditor *m_configEditor = nullptr;
    RunPanel *m_runPanel = nullptr;
    ChecklistPanel *m_checklistPanel = nullptr;
    QAction *m_saveTextsAction = nullptr;
    MigrationReview *m_review;
    StewardTools *m_stewardTools;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_statusPath;
    QLabel *m_connectionStatus;
    QLabel *m_sandboxStatus;
    QProgressBar *m_busy;
    QAction *m_cancelAction = nullptr;
    QFutureWatcher<Core::Result<Core::Db::SandboxStatus>> m_sandboxWatcher;
    bool m_connectWhenSandboxReady = false;
    QString m_nodeAfterLoad; // a node to show again once the manifest is reloaded (after a save)
};

} // namespace Gui
