// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;

namespace Core {
class TextAuditModel;
class WorkspaceDocument;
} // namespace Core

namespace Gui {

// The audit trail of the stewards' texts in the connected database: every change of a
// description or label, who made it (OS user and database role), when, from where (the
// console's save, metatable upgrade), old and new; filtered by table, column, person and date,
// and exported as CSV.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPanel(Core::WorkspaceDocument *document, QWidget *parent = nullptr);

    void refresh(); // reads the trail again with the filters shown
    void exportCsv(const QString &path);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillTables();

    Core::WorkspaceDocument *m_document;
    Core::TextAuditModel *m_model;
    QComboBox *m_table;
    QLineEdit *m_column;
    QLineEdit *m_person;
    QCheckBox *m_useSince;
    QDateEdit *m_since;
    QCheckBox *m_useUntil;
    QDateEdit *m_until;
    QTableView *m_view;
    QLabel *m_message;
};

} // namespace Gui
