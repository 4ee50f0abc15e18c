// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;

namespace Core {
class ColumnTextsModel;
namespace Steward {
class StewardEdits;
}
} // namespace Core

namespace Gui {

// Every column label and description of the storage classes selected in the workspace tree (or
// of all of them) as a spreadsheet: cells edited in place, a block pasted from a spreadsheet
// (Ctrl+V, one undo step) or copied (Ctrl+C), CSV imported with a preview or exported.
class ColumnTextsView : public QWidget
{
    Q_OBJECT

public:
    explicit ColumnTextsView(Core::Steward::StewardEdits *edits, QWidget *parent = nullptr);

    // The classes the workspace tree has selected; shown unless "every class" is checked.
    void setSelectedClasses(const QStringList &classPaths);

    void pasteClipboard();
    void copySelection();
    void importCsv(const QString &path); // previews, then applies as one undo step
    void exportCsv(const QString &path);

private:
    void showClasses();
    void say(const QString &message);

    Core::Steward::StewardEdits *m_edits;
    Core::ColumnTextsModel *m_model;
    QCheckBox *m_everyClass;
    QTableView *m_view;
    QLabel *m_message;
    QStringList m_selected;
};

} // namespace Gui
