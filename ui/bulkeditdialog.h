// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace Core {
class TextChangesModel;
namespace Steward {
class StewardEdits;
}
} // namespace Core

namespace Gui {

// A bulk edit of the steward's texts, previewed before it is applied: add or remove a label on
// several storage classes, or find and replace (a regular expression) across descriptions and
// labels. The preview lists every text it changes, before and after; Apply makes it one undo
// command.
class BulkEditDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Labels, Replace };

    // `selected`: the class paths checked at first (the workspace tree's selection).
    BulkEditDialog(Core::Steward::StewardEdits *edits,
                   Mode mode,
                   const QStringList &selected,
                   QWidget *parent = nullptr);

private:
    void schedulePreview();
    void preview();
    void apply();
    QStringList checkedClasses() const;

    Core::Steward::StewardEdits *m_edits;
    Core::TextChangesModel *m_model;
    QTabWidget *m_modes;
    QListWidget *m_classes;
    QLineEdit *m_label;
    QRadioButton *m_add;
    QRadioButton *m_remove;
    QLineEdit *m_pattern;
    QLineEdit *m_replacement;
    QCheckBox *m_caseSensitive;
    QCheckBox *m_descriptions;
    QCheckBox *m_labels;
    QCheckBox *m_columnTexts;
    QTableView *m_preview;
    QLabel *m_message;
    QPushButton *m_apply;
    QTimer *m_previewTimer;
    QString m_description; // the undo command's name for the planned change
};

} // namespace Gui
