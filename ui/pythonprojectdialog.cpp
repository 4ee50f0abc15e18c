// SPDX-License-Identifier: MIT
#include "pythonprojectdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace Gui {

namespace {

const QLatin1String Group("pythonProject");

QWidget *withBrowse(QLineEdit *edit, QWidget *parent, bool folder)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto *browse = new QPushButton(QObject::tr("Browse…"), row);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, parent, folder] {
        const QString chosen
            = folder ? QFileDialog::getExistingDirectory(parent, QString(), edit->text())
                     : QFileDialog::getOpenFileName(parent, QString(), edit->text());
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    return row;
}

} // namespace

PythonProjectDialog::PythonProjectDialog(QWidget *parent)
    : QDialog(parent)
    , m_interpreter(new QLineEdit(this))
    , m_projectFolder(new QLineEdit(this))
    , m_provider(new QLineEdit(this))
    , m_models(new QLineEdit(this))
    , m_namespace(new QLineEdit(this))
    , m_nodes(new QLineEdit(this))
{
    setWindowTitle(tr("Open Python Project"));
    m_interpreter->setObjectName(QStringLiteral("interpreter"));
    m_interpreter->setPlaceholderText(tr("e.g. ~/project/.venv/bin/python"));
    m_projectFolder->setObjectName(QStringLiteral("projectFolder"));
    m_provider->setObjectName(QStringLiteral("provider"));
    m_provider->setPlaceholderText(tr("module.path:migration (the SDK migration provider)"));
    m_models->setObjectName(QStringLiteral("modelsModule"));
    m_models->setPlaceholderText(tr("or a module whose storage classes to export"));
    m_namespace->setObjectName(QStringLiteral("migrationNamespace"));
    m_namespace->setPlaceholderText(tr("required with a models module"));
    m_nodes->setObjectName(QStringLiteral("nodesModule"));
    m_nodes->setPlaceholderText(tr("module with DataNode classes (optional)"));

    auto *intro = new QLabel(tr("The console runs its exporter with your project's interpreter; "
                                "it reads SQLAlchemy metadata and pydantic schemas only, with no "
                                "backend, credentials or network."),
                             this);
    intro->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Interpreter:"), withBrowse(m_interpreter, this, false));
    form->addRow(tr("Project &folder:"), withBrowse(m_projectFolder, this, true));
    form->addRow(tr("&Provider:"), m_provider);
    form->addRow(tr("&Models module:"), m_models);
    form->addRow(tr("Migration &namespace:"), m_namespace);
    form->addRow(tr("N&odes module:"), m_nodes);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export and Open"));
    connect(buttons, &QDialogButtonBox::accepted, this, &PythonProjectDialog::validateAndAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(640, sizeHint().height());
    setWorkspace(remembered());
}

void PythonProjectDialog::setWorkspace(const Core::PythonWorkspace &w)
{
    m_interpreter->setText(w.interpreter.isEmpty() ? QStringLiteral("python3") : w.interpreter);
    m_projectFolder->setText(w.workingDirectory);
    m_provider->setText(w.provider);
    m_models->setText(w.modelsModule);
    m_namespace->setText(w.migrationNamespace);
    m_nodes->setText(w.nodesModule);
}

Core::PythonWorkspace PythonProjectDialog::workspace() const
{
    Core::PythonWorkspace w;
    w.interpreter = m_interpreter->text().trimmed();
    w.workingDirectory = m_projectFolder->text().trimmed();
    if (!w.workingDirectory.isEmpty())
        w.pythonPath = {w.workingDirectory}; // the project's modules import from its folder
    w.provider = m_provider->text().trimmed();
    w.modelsModule = m_models->text().trimmed();
    w.migrationNamespace = m_namespace->text().trimmed();
    w.nodesModule = m_nodes->text().trimmed();
    return w;
}

Core::PythonWorkspace PythonProjectDialog::remembered()
{
    QSettings s;
    s.beginGroup(Group);
    Core::PythonWorkspace w;
    w.interpreter = s.value(QStringLiteral("interpreter")).toString();
    w.workingDirectory = s.value(QStringLiteral("projectFolder")).toString();
    if (!w.workingDirectory.isEmpty())
        w.pythonPath = {w.workingDirectory};
    w.provider = s.value(QStringLiteral("provider")).toString();
    w.modelsModule = s.value(QStringLiteral("modelsModule")).toString();
    w.migrationNamespace = s.value(QStringLiteral("migrationNamespace")).toString();
    w.nodesModule = s.value(QStringLiteral("nodesModule")).toString();
    return w;
}

void PythonProjectDialog::validateAndAccept()
{
    const Core::PythonWorkspace w = workspace();
    // The same check the exporter run would make, so the user fixes it here, not after a run.
    const auto arguments = Core::exporterArguments(w);
    if (!arguments) {
        QMessageBox::warning(this, windowTitle(), arguments.error().message);
        return;
    }
    QSettings s;
    s.beginGroup(Group);
    s.setValue(QStringLiteral("interpreter"), w.interpreter);
    s.setValue(QStringLiteral("projectFolder"), w.workingDirectory);
    s.setValue(QStringLiteral("provider"), w.provider);
    s.setValue(QStringLiteral("modelsModule"), w.modelsModule);
    s.setValue(QStringLiteral("migrationNamespace"), w.migrationNamespace);
    s.setValue(QStringLiteral("nodesModule"), w.nodesModule);
    accept();
}

} // namespace Gui
