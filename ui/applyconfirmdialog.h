// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace Gui {

// Asks before a migration changes a live database: lists every risky step with its reason,
// and for a destructive step wants the table's name typed before Apply is enabled.
class ApplyConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    ApplyConfirmDialog(const Core::Migrate::Plan &plan, const QString &database, QWidget *parent);

    // The table a destructive step drops from (the first one); empty when nothing is lost.
    const QString &confirmationTable() const { return m_confirmationTable; }

private:
    QString m_confirmationTable;
    QLineEdit *m_typed = nullptr;
    QDialogButtonBox *m_buttons;
};

} // namespace Gui
