// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QToolBar;
class QTreeView;

namespace Core {
class LockHoldersModel;
class PlanModel;
class StatementReportsModel;
class WorkspaceDocument;
} // namespace Core

namespace Gui {

// The migration review over a workspace's live plan: the plan tree (by table, in execution
// order, with each operation's risk, lock and live figures), the selected operation's details
// and DDL, the full script with export, and Rehearse / Apply with per-statement results. While a
// migration waits for a lock, a panel names the sessions that block it and offers Cancel.
class MigrationReview : public QWidget
{
    Q_OBJECT

public:
    explicit MigrationReview(Core::WorkspaceDocument *document, QWidget *parent = nullptr);

    QAction *refreshAction() const { return m_refresh; }
    QAction *rehearseAction() const { return m_rehearse; }
    QAction *applyAction() const { return m_apply; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *exportSqlAction() const { return m_exportSql; }
    QAction *exportAlembicAction() const { return m_exportAlembic; }

private:
    void createActions();
    QWidget *createBlockerPanel();
    void showReview();
    void showOperation();
    void confirmAndApply();
    void migrationStarted();
    void showLockWait();
    void migrationFinished();
    void updateActions();
    void showBanner(const QString &html, bool error);
    void exportSql();
    void exportAlembic();
    QString fullScript() const;

    Core::WorkspaceDocument *m_document;
    Core::PlanModel *m_plan;
    Core::StatementReportsModel *m_statements;
    Core::LockHoldersModel *m_blockers;

    QToolBar *m_toolBar;
    QCheckBox *m_allowDestructive;
    QLabel *m_summary;
    QLabel *m_banner;
    QWidget *m_blockerPanel = nullptr;
    QLabel *m_blockerMessage = nullptr;
    QTreeView *m_planTree;
    QTabWidget *m_tabs;
    QTextBrowser *m_details;
    QPlainTextEdit *m_operationSql;
    QPlainTextEdit *m_script;
    QTableView *m_statementsView;
    QLabel *m_runSummary;

    QAction *m_refresh = nullptr;
    QAction *m_rehearse = nullptr;
    QAction *m_apply = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_exportSql = nullptr;
    QAction *m_exportAlembic = nullptr;
    QAction *m_copyScript = nullptr;
};

} // namespace Gui
