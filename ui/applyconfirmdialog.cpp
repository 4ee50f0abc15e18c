// SPDX-License-Identifier: MIT
#include "applyconfirmdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gui {

ApplyConfirmDialog::ApplyConfirmDialog(const Core::Migrate::Plan &plan,
                                       const QString &database,
                                       QWidget *parent)
    : QDialog(parent)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("applyConfirmDialog"));
    setWindowTitle(tr("Apply migration"));
    QStringList risky;
    for (int i = 0; i < plan.operations.size(); ++i) {
        const Core::Migrate::Operation &op = plan.operations.at(i);
        if (op.destructive && m_confirmationTable.isEmpty())
            m_confirmationTable = op.table;
        if (op.risks.isEmpty() || op.highestRisk() == Core::Migrate::RiskLevel::Info)
            continue;
        QStringList reasons;
        for (const Core::Migrate::Risk &r : op.risks)
            reasons.append(r.reason.toHtmlEscaped());
        risky.append(QStringLiteral("<li><b>%1. %2</b> (%3)<br>%4</li>")
                         .arg(i + 1)
                         .arg(op.summary.toHtmlEscaped(),
                              Core::Migrate::riskLevelName(op.highestRisk()),
                              reasons.join(QStringLiteral("<br>"))));
    }
    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("applyConfirmText"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    QString html = tr("<p>Apply %n operation(s) to <b>%1</b> in one transaction? If any statement "
                      "fails or waits longer than the lock timeout, everything is rolled back.</p>",
                      nullptr,
                      int(plan.operations.size()))
                       .arg(database.toHtmlEscaped());
    if (!risky.isEmpty())
        html += tr("<p>Risky steps:</p><ul>%1</ul>").arg(risky.join(QString()));
    text->setText(html);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    QPushButton *apply = m_buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    apply->setObjectName(QStringLiteral("confirmApplyButton"));
    if (!m_confirmationTable.isEmpty()) {
        auto *prompt = new QLabel(tr("This migration loses data. Type <b>%1</b> to confirm:")
                                      .arg(m_confirmationTable.toHtmlEscaped()),
                                  this);
        m_typed = new QLineEdit(this);
        m_typed->setObjectName(QStringLiteral("confirmTableName"));
        layout->addWidget(prompt);
        layout->addWidget(m_typed);
        apply->setEnabled(false);
        connect(m_typed, &QLineEdit::textChanged, this, [this, apply](const QString &typed) {
            apply->setEnabled(typed == m_confirmationTable);
        });
    }
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, sizeHint().height());
}

} // namespace Gui
