// SPDX-License-Identifier: MIT
#pragma once

#include <core/bridge/pythonworkspace.h>

#include <QDialog>

class QLineEdit;

namespace Gui {

// Asks which Python project to export a workspace from: the interpreter of its environment, its
// source folder, and the provider (or a models module) and nodes module to read. The answers
// are remembered for next time (they hold no secrets).
class PythonProjectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PythonProjectDialog(QWidget *parent = nullptr);

    void setWorkspace(const Core::PythonWorkspace &workspace);
    Core::PythonWorkspace workspace() const;

    // The last settings the user accepted, from QSettings.
    static Core::PythonWorkspace remembered();

private:
    void validateAndAccept();

    QLineEdit *m_interpreter;
    QLineEdit *m_projectFolder;
    QLineEdit *m_provider;
    QLineEdit *m_models;
    QLineEdit *m_namespace;
    QLineEdit *m_nodes;
};

} // namespace Gui
