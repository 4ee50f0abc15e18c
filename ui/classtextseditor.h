// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Core::Steward {
class StewardEdits;
}

namespace Gui {

// A storage class's description and labels, edited in place: the description in a small text
// editor (committed when it loses focus or on Ctrl+Return), the labels as chips with a remove
// button and a field that completes from the labels used elsewhere. Each change is a steward
// edit (an undo step), marked pending until saved; the steward's lint of both shows below, and
// a note when the catalog or the database holds other texts.
class ClassTextsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ClassTextsEditor(QWidget *parent = nullptr);

    void setStewardEdits(Core::Steward::StewardEdits *edits);
    void setClass(const QString &classPath);
    // "The catalog says otherwise": shown under the fields, with a link to the Provenance tab.
    void setProvenanceNote(int differingTexts);

signals:
    void provenanceRequested();

private:
    void refresh();
    void commitDescription();
    void addLabel();
    void setLabels(const QStringList &labels);
    void rebuildChips(const QStringList &labels, bool pending);

    Core::Steward::StewardEdits *m_edits = nullptr;
    QString m_classPath;
    QPlainTextEdit *m_description;
    QWidget *m_chips;
    QHBoxLayout *m_chipsLayout;
    QLineEdit *m_newLabel;
    QLabel *m_lint;
    QLabel *m_provenance;
};

} // namespace Gui
