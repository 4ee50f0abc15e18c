// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeView;

namespace Core {
class ConfigChangesModel;
class ConfigDraft;
class NodeRunSession;
class RejectsModel;
class RunHistoryModel;
class WorkspaceDocument;
} // namespace Core

namespace Gui {

class RunChart;

// The Runs tab of a node: starts a manual run with the configuration being edited (valid, or
// refused), follows it live (counters, a progress bar with ETA when the runner announced its
// rows, the throughput and reject-rate chart, rejects by rule with their rows, the runner's
// log), says how it ended in plain words (never "succeeded" over refused rows), exports the
// rejects as CSV, and lists the node's runs, whose configuration can run again or be compared
// with the one being edited.
class RunPanel : public QWidget
{
    Q_OBJECT

public:
    RunPanel(Core::WorkspaceDocument *document, const QString &nodePath, QWidget *parent = nullptr);
    ~RunPanel() override;

private:
    void start();
    void follow(Core::NodeRunSession *session);
    void showSession(int newLogLines);
    void showFinished();
    void refreshHistory();
    void showHistory();
    void showComparison();
    void runAgain();
    void exportRejects();
    void updateStartable();

    Core::WorkspaceDocument *m_document;
    QString m_nodePath;
    QPointer<Core::NodeRunSession> m_session;
    Core::RejectsModel *m_rejects;
    Core::RunHistoryModel *m_history;
    Core::ConfigChangesModel *m_comparison;
    QComboBox *m_policy;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QLabel *m_message;
    QLabel *m_summary;
    QLabel *m_read;
    QLabel *m_accepted;
    QLabel *m_rejected;
    QLabel *m_rate;
    QLabel *m_written;
    QProgressBar *m_progress;
    RunChart *m_chart;
    QTabWidget *m_tabs;
    QTreeView *m_rejectsView;
    QPushButton *m_export;
    QPlainTextEdit *m_log;
    QTableView *m_historyView;
    QLabel *m_matching;
    QPushButton *m_again;
    QTableView *m_comparisonView;
};

} // namespace Gui
