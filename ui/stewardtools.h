// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/threeway.h>

#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QTabWidget;

namespace Core {
class WorkspaceDocument;
}

namespace Gui {

class ColumnTextsView;
class StorageBrowser;

// The data steward's tools around the main window: the Texts page (the spreadsheet of column
// texts), the bulk edits (a label on several classes, find and replace), the undo history, and
// the three-way view a save shows when the manifest changed on disk.
class StewardTools : public QObject
{
    Q_OBJECT

public:
    StewardTools(QMainWindow *window, Core::WorkspaceDocument *document, StorageBrowser *browser);

    QTabWidget *textsPage() const { return m_page; }
    QList<QAction *> editActions() const; // for the Edit menu
    QAction *historyDockAction() const;   // shows or hides the undo history

    void bulkLabels();
    void findAndReplace();
    void exportForPython();

private:
    QStringList selectedClassPaths() const;
    void resolveConflict(const QList<Core::Steward::ThreeWayText> &texts);
    void resolveCatalogConflict(const QList<Core::Steward::ThreeWayText> &texts);

    QMainWindow *m_window;
    Core::WorkspaceDocument *m_document;
    StorageBrowser *m_browser;
    QTabWidget *m_page;
    ColumnTextsView *m_columnTexts;
    QDockWidget *m_undoDock;
    QAction *m_bulkLabels;
    QAction *m_replace;
    QAction *m_exportPython;
};

} // namespace Gui
