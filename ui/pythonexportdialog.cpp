// SPDX-License-Identifier: MIT
#include "pythonexportdialog.h"

#include <core/steward/pythonpatchfile.h>
#include <core/workspace/workspacedocument.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Gui {

namespace {
constexpr int ExportTimeoutMs = 120000;
}

PythonExportDialog::PythonExportDialog(Core::WorkspaceDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_folder(new QLineEdit(this))
    , m_make(new QPushButton(tr("Make the export"), this))
    , m_apply(new QPushButton(tr("Apply to the files"), this))
    , m_message(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("pythonExportDialog"));
    setWindowTitle(tr("Export changes for the Python project"));
    const bool python = document->source().python.has_value();

    m_folder->setObjectName(QStringLiteral("pythonProjectFolder"));
    m_folder->setPlaceholderText(tr("the folder holding the project's packages (optional)"));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getExistingDirectory(
            this, tr("The Python project's folder"), m_folder->text());
        if (!chosen.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(chosen));
    });
    m_make->setObjectName(QStringLiteral("makePythonExport"));
    m_apply->setObjectName(QStringLiteral("applyPythonPatch"));
    m_apply->setEnabled(false);
    m_apply->setToolTip(tr("Write each diff into its file; the file is first copied to .bak"));
    m_message->setObjectName(QStringLiteral("pythonExportMessage"));
    m_message->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("pythonExportText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("The lines to paste into each changed storage class, and the "
                                  "diff of each source file, appear here."));

    auto *copy = new QPushButton(tr("Copy all"), this);
    connect(copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_text->toPlainText());
    });
    connect(m_make, &QPushButton::clicked, this, &PythonExportDialog::makeExport);
    connect(m_apply, &QPushButton::clicked, this, &PythonExportDialog::applyPatches);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &PythonExportDialog::showExport);

    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(new QLabel(tr("Project folder:"), this));
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_make, QDialogButtonBox::ActionRole);
    buttons->addButton(copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_apply, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_apply->setVisible(python); // files are patched only in a workspace made from the project
    auto *layout = new QVBoxLayout(this);
    if (!python)
        layout->addLayout(folderRow);
    layout->addWidget(m_message);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(980, 640);
    m_message->setText(python ? tr("Compares the project's source as it is now with the texts "
                                   "edited here (saved or not).")
                              : tr("The texts changed since the manifest was opened. Give the "
                                   "project's folder for a diff of each source file."));
}

PythonExportDialog::~PythonExportDialog()
{
    m_cancel.cancel();
    m_watcher.waitForFinished();
}

void PythonExportDialog::makeExport()
{
    if (m_watcher.isRunning())
        return;
    m_cancel = Core::CancelToken();
    const Core::ProviderManifest edited = m_document->stewardEdits()->edited();
    const Core::CancelToken cancel = m_cancel;
    if (const auto &python = m_document->source().python) {
        const Core::PythonWorkspace project = *python;
        m_watcher.setFuture(QtConcurrent::run([project, edited, cancel] {
            return Core::Steward::exportStewardTexts(project, edited, ExportTimeoutMs, cancel);
        }));
    } else {
        Core::PythonWorkspace project;
        project.interpreter = QStringLiteral("python3");
        if (!m_folder->text().trimmed().isEmpty())
            project.pythonPath << QDir::fromNativeSeparators(m_folder->text().trimmed());
        const auto changes = Core::Steward::exportRequest(m_document->sessionBaseline(), edited);
        if (changes.isEmpty()) {
            m_message->setText(tr("No description or label was changed since the manifest was "
                                  "opened: there is nothing to export."));
            return;
        }
        m_watcher.setFuture(QtConcurrent::run([project, changes, cancel] {
            return Core::Steward::exportForPython(project, changes, ExportTimeoutMs, cancel);
        }));
    }
    m_make->setEnabled(false);
    m_apply->setEnabled(false);
    m_message->setText(tr("Making the export with the project's Python…"));
}

void PythonExportDialog::showExport()
{
    m_make->setEnabled(true);
    const auto result = m_watcher.result();
    if (!result) {
        m_message->setText(result.error().message);
        return;
    }
    m_patches = *result;
    if (m_patches.isEmpty()) {
        m_text->clear();
        m_message->setText(tr("The project's source already says what the texts say here."));
        return;
    }
    QString text;
    int classes = 0, files = 0;
    for (const Core::Steward::ModulePatch &patch : std::as_const(m_patches)) {
        text
            += QStringLiteral("# ---- %1%2\n")
                   .arg(patch.module,
                        patch.sourceFile.isEmpty() ? tr(" (its file was not found in the project)")
                                                   : QStringLiteral(" (%1)").arg(
                                                       QDir::toNativeSeparators(patch.sourceFile)));
        for (const Core::Steward::ClassSnippet &c : patch.classes) {
            ++classes;
            text += QStringLiteral("\n# class %1:%2\n%3\n")
                        .arg(c.qualname,
                             c.found ? QString()
                                     : QStringLiteral("  ") + tr("paste by hand: %1").arg(c.reason),
                             c.snippet);
        }
        if (!patch.diff.isEmpty()) {
            ++files;
            text += QLatin1Char('\n') + patch.diff + QLatin1Char('\n');
        }
    }
    m_text->setPlainText(text);
    const bool patchable = std::any_of(
        m_patches.cbegin(), m_patches.cend(), [](const auto &p) { return p.changesFile(); });
    m_apply->setEnabled(patchable && m_document->source().python.has_value());
    m_message->setText(tr("%n storage class(es) changed; ", nullptr, classes)
                       + tr("%n file diff(s).", nullptr, files));
}

void PythonExportDialog::applyPatches()
{
    QStringList backups;
    for (const Core::Steward::ModulePatch &patch : std::as_const(m_patches)) {
        if (!patch.changesFile())
            continue;
        auto backup
            = Core::Steward::applyPythonPatch(patch.sourceFile, patch.original, patch.patched);
        if (!backup) {
            m_message->setText(backup.error().message);
            return;
        }
        backups << QDir::toNativeSeparators(*backup);
    }
    m_apply->setEnabled(false);
    m_message->setText(tr("Applied. Backups: %1. Reload the project (F5) to read its source "
                          "again.")
                           .arg(backups.join(QStringLiteral(", "))));
}

} // namespace Gui
