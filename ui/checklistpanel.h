// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Core {
class ChecklistModel;
class WorkspaceDocument;
} // namespace Core

namespace Gui {

class ValidationTestsPanel;

// The Checklist tab of a node: the migration guide's 15 items for it, each done, not done,
// cannot tell or n/a with its evidence and fix, evaluated from the manifest, its lint, the
// exporter's source checks and, when connected, the catalog and the node's runs; the project's
// summary (how many nodes are fully migrated); and, for an item the console can move itself,
// the action: open the migration review, run the node, or generate and run the guide's
// validation tests (shown below the items, for the whole project).
class ChecklistPanel : public QWidget
{
    Q_OBJECT

public:
    ChecklistPanel(Core::WorkspaceDocument *document,
                   const QString &nodePath,
                   QWidget *parent = nullptr);

signals:
    void migrationReviewRequested();
    void runRequested();

private:
    void loadRunHistory();
    void scheduleEvaluation();
    void evaluate();
    void showAction();

    Core::WorkspaceDocument *m_document;
    QString m_nodePath;
    Core::ChecklistModel *m_model;
    QLabel *m_project;
    QLabel *m_node;
    QTableView *m_view;
    QPushButton *m_action;
    ValidationTestsPanel *m_tests;
    QSet<QString> m_historyLoaded; // nodes whose run history has been read
    bool m_evaluationPending = false;
};

} // namespace Gui
