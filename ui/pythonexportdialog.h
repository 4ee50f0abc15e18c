// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/pythonexport.h>

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Core {
class WorkspaceDocument;
}

namespace Gui {

// "Export changes for the Python project": for every storage class whose texts this session
// changed, the Python lines to paste, and for each module file found in the project a unified
// diff. A workspace opened from a Python project compares with what its source says now and
// offers to apply the diffs (each file backed up first); for a manifest, the project folder is
// asked, to find the files the diffs are made against.
class PythonExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PythonExportDialog(Core::WorkspaceDocument *document, QWidget *parent = nullptr);
    ~PythonExportDialog() override;

    void makeExport();

private:
    void showExport();
    void applyPatches();

    Core::WorkspaceDocument *m_document;
    QLineEdit *m_folder;
    QPushButton *m_make;
    QPushButton *m_apply;
    QLabel *m_message;
    QPlainTextEdit *m_text;
    Core::CancelToken m_cancel;
    QFutureWatcher<Core::Result<QList<Core::Steward::ModulePatch>>> m_watcher;
    QList<Core::Steward::ModulePatch> m_patches;
};

} // namespace Gui
