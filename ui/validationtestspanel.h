// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QToolButton;

namespace Core {
class TestResultsModel;
class WorkspaceDocument;
} // namespace Core

namespace Gui {

// The migration guide's nine validation tests of the workspace's project: the folder of the
// project's tests (remembered per manifest), "Generate and run" (metatable testgen, then the
// module under the project's interpreter), each test's outcome as it ends, and the detail of
// the one selected. The tests belong to the project, so every node's checklist shows the same
// run.
class ValidationTestsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ValidationTestsPanel(Core::WorkspaceDocument *document, QWidget *parent = nullptr);

    void generateAndRun(); // what the button and the checklist's item action do

private:
    void showState();
    void showDetail();
    QString defaultFolder() const;
    QString settingsKey() const;

    Core::WorkspaceDocument *m_document;
    Core::TestResultsModel *m_model;
    QLineEdit *m_folder;
    QToolButton *m_browse;
    QPushButton *m_generate;
    QPushButton *m_cancel;
    QLabel *m_status;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
};

} // namespace Gui
