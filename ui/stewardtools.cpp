// SPDX-License-Identifier: MIT
#include "stewardtools.h"

#include "bulkeditdialog.h"
#include "columntextsview.h"
#include "conflictdialog.h"
#include "historypanel.h"
#include "pythonexportdialog.h"
#include "storagebrowser.h"

#include <core/workspace/workspacedocument.h>

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QTabWidget>
#include <QUndoView>

namespace Gui {

StewardTools::StewardTools(QMainWindow *window,
                           Core::WorkspaceDocument *document,
                           StorageBrowser *browser)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_browser(browser)
    , m_page(new QTabWidget(window))
    , m_columnTexts(new ColumnTextsView(document->stewardEdits(), m_page))
    , m_undoDock(new QDockWidget(tr("Edit history"), window))
    , m_bulkLabels(new QAction(tr("Add or Remove a &Label…"), this))
    , m_replace(new QAction(tr("Find and &Replace in Texts…"), this))
    , m_exportPython(new QAction(tr("&Export Changes for the Python Project…"), this))
{
    m_page->setObjectName(QStringLiteral("textsPage"));
    m_page->setDocumentMode(true);
    m_page->addTab(m_columnTexts, tr("Column texts"));
    m_page->addTab(new HistoryPanel(document, m_page), tr("History"));

    // Every edit of the workspace (texts, configuration values) with its name: a click goes
    // back to that point.
    auto *undoView = new QUndoView(document->undoStack(), m_undoDock);
    undoView->setObjectName(QStringLiteral("undoHistory"));
    undoView->setEmptyLabel(tr("As loaded"));
    m_undoDock->setObjectName(QStringLiteral("undoDock"));
    m_undoDock->setWidget(undoView);
    window->addDockWidget(Qt::RightDockWidgetArea, m_undoDock);
    m_undoDock->hide();

    m_bulkLabels->setObjectName(QStringLiteral("bulkLabelsAction"));
    m_bulkLabels->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_bulkLabels->setToolTip(tr("Add a label to, or remove it from, the selected classes"));
    connect(m_bulkLabels, &QAction::triggered, this, &StewardTools::bulkLabels);
    m_replace->setObjectName(QStringLiteral("replaceTextsAction"));
    m_replace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_replace, &QAction::triggered, this, &StewardTools::findAndReplace);
    m_exportPython->setObjectName(QStringLiteral("exportPythonAction"));
    m_exportPython->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportPython->setToolTip(tr("The Python lines and diffs that carry the edited texts back "
                                  "into the project's source"));
    connect(m_exportPython, &QAction::triggered, this, &StewardTools::exportForPython);

    connect(browser, &StorageBrowser::selectionChanged, this, [this] {
        m_columnTexts->setSelectedClasses(selectedClassPaths());
    });
    connect(document,
            &Core::WorkspaceDocument::stewardSaveConflict,
            this,
            &StewardTools::resolveConflict);
    connect(document,
            &Core::WorkspaceDocument::stewardCatalogConflict,
            this,
            &StewardTools::resolveCatalogConflict);
}

QList<QAction *> StewardTools::editActions() const
{
    return {m_bulkLabels, m_replace, m_exportPython};
}

QAction *StewardTools::historyDockAction() const
{
    QAction *toggle = m_undoDock->toggleViewAction();
    toggle->setText(tr("Edit &History"));
    return toggle;
}

QStringList StewardTools::selectedClassPaths() const
{
    QStringList paths;
    const auto &classes = m_document->manifest().storageClasses;
    for (int position : m_browser->selectedStorageClasses()) {
        if (position >= 0 && position < classes.size())
            paths << classes.at(position).classRef.path();
    }
    return paths;
}

void StewardTools::bulkLabels()
{
    BulkEditDialog dialog(
        m_document->stewardEdits(), BulkEditDialog::Mode::Labels, selectedClassPaths(), m_window);
    dialog.exec();
}

void StewardTools::findAndReplace()
{
    BulkEditDialog dialog(
        m_document->stewardEdits(), BulkEditDialog::Mode::Replace, selectedClassPaths(), m_window);
    dialog.exec();
}

void StewardTools::exportForPython()
{
    PythonExportDialog dialog(m_document, m_window);
    dialog.exec();
}

void StewardTools::resolveConflict(const QList<Core::Steward::ThreeWayText> &texts)
{
    ConflictDialog dialog(
        ConflictDialog::Where::ManifestFile, texts, m_document->manifest(), m_window);
    if (dialog.exec() == QDialog::Accepted)
        m_document->saveStewardResolution(dialog.chosen());
}

void StewardTools::resolveCatalogConflict(const QList<Core::Steward::ThreeWayText> &texts)
{
    ConflictDialog dialog(ConflictDialog::Where::Catalog, texts, m_document->manifest(), m_window);
    if (dialog.exec() == QDialog::Accepted)
        m_document->saveStewardCatalogResolution(dialog.chosen());
}

} // namespace Gui
