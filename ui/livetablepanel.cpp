// SPDX-License-Identifier: MIT
#include "livetablepanel.h"

#include "rolestyledelegate.h"

#include <core/db/livetable.h>
#include <core/models/lockholdersmodel.h>

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

namespace {

QString when(const std::optional<QDateTime> &manual, const std::optional<QDateTime> &automatic)
{
    const auto text = [](const std::optional<QDateTime> &t) {
        return t ? QLocale().toString(t->toLocalTime(), QLocale::ShortFormat)
                 : LiveTablePanel::tr("never");
    };
    return LiveTablePanel::tr("%1 (manual), %2 (automatic)").arg(text(manual), text(automatic));
}

} // namespace

LiveTablePanel::LiveTablePanel(QWidget *parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_facts(new QWidget(this))
    , m_rows(new QLabel(m_facts))
    , m_size(new QLabel(m_facts))
    , m_analyzed(new QLabel(m_facts))
    , m_vacuumed(new QLabel(m_facts))
    , m_locksTitle(new QLabel(m_facts))
    , m_locksView(new QTableView(m_facts))
    , m_locks(new Core::LockHoldersModel(this))
{
    m_state->setObjectName(QStringLiteral("liveTableState"));
    m_state->setWordWrap(true);
    m_rows->setObjectName(QStringLiteral("liveRowEstimate"));
    m_size->setObjectName(QStringLiteral("liveSize"));
    m_analyzed->setObjectName(QStringLiteral("liveAnalyzed"));
    m_vacuumed->setObjectName(QStringLiteral("liveVacuumed"));
    auto *form = new QFormLayout;
    form->addRow(tr("Rows (estimate)"), m_rows);
    form->addRow(tr("Size on disk"), m_size);
    form->addRow(tr("Last analyse"), m_analyzed);
    form->addRow(tr("Last vacuum"), m_vacuumed);

    m_locksView->setObjectName(QStringLiteral("liveLocksView"));
    m_locksView->setModel(m_locks);
    m_locksView->setItemDelegate(new RoleStyleDelegate(m_locksView));
    m_locksView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_locksView->setWordWrap(false);
    m_locksView->verticalHeader()->hide();
    m_locksView->horizontalHeader()->setStretchLastSection(true);

    auto *factsLayout = new QVBoxLayout(m_facts);
    factsLayout->setContentsMargins(0, 0, 0, 0);
    factsLayout->addLayout(form);
    factsLayout->addWidget(m_locksTitle);
    factsLayout->addWidget(m_locksView, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_facts, 1);
    setNotConnected();
}

void LiveTablePanel::showFacts(bool visible)
{
    m_facts->setVisible(visible);
    m_state->setVisible(!visible);
}

void LiveTablePanel::setNotConnected()
{
    m_locks->setHolders({});
    m_state->setText(tr("Not connected: connect to a database to see this table's size, "
                        "statistics and locks."));
    showFacts(false);
}

void LiveTablePanel::setFacts(const Core::Db::LiveTableFacts &facts)
{
    if (!facts.exists) {
        m_locks->setHolders({});
        m_state->setText(tr("The table %1.%2 does not exist yet: the next upgrade creates it.")
                             .arg(facts.schema, facts.table));
        showFacts(false);
        return;
    }
    const QLocale locale;
    m_rows->setText(facts.rowEstimate < 0 ? tr("unknown: never analysed")
                                          : locale.toString(facts.rowEstimate));
    m_size->setText(locale.formattedDataSize(facts.totalBytes));
    m_analyzed->setText(when(facts.lastAnalyze, facts.lastAutoanalyze));
    m_vacuumed->setText(when(facts.lastVacuum, facts.lastAutovacuum));
    m_locksTitle->setText(facts.locks.isEmpty()
                              ? tr("No other session holds or waits for a lock on the table.")
                              : tr("Sessions holding or waiting for locks on the table:"));
    m_locks->setHolders(facts.locks);
    m_locksView->resizeColumnsToContents();
    showFacts(true);
}

} // namespace Gui
