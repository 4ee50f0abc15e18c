// SPDX-License-Identifier: MIT
#include "historypanel.h"

#include <core/models/textauditmodel.h>
#include <core/util/atomicfile.h>
#include <core/workspace/workspacedocument.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

HistoryPanel::HistoryPanel(Core::WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new Core::TextAuditModel(this))
    , m_table(new QComboBox(this))
    , m_column(new QLineEdit(this))
    , m_person(new QLineEdit(this))
    , m_useSince(new QCheckBox(tr("Since"), this))
    , m_since(new QDateEdit(QDate::currentDate().addMonths(-1), this))
    , m_useUntil(new QCheckBox(tr("Until"), this))
    , m_until(new QDateEdit(QDate::currentDate(), this))
    , m_view(new QTableView(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("history"));
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_column->setObjectName(QStringLiteral("historyColumn"));
    m_column->setPlaceholderText(tr("any column"));
    m_column->setClearButtonEnabled(true);
    m_person->setObjectName(QStringLiteral("historyPerson"));
    m_person->setPlaceholderText(tr("anyone (OS user or role)"));
    m_person->setClearButtonEnabled(true);
    m_since->setObjectName(QStringLiteral("historySince"));
    m_until->setObjectName(QStringLiteral("historyUntil"));
    for (QDateEdit *date : {m_since, m_until}) {
        date->setCalendarPopup(true);
        date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        date->setEnabled(false);
    }
    connect(m_useSince, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_useUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->hide();
    // The old and the new text share what the other columns leave.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(Core::TextAuditModel::Table,
                                                     QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(Core::TextAuditModel::Text,
                                                     QHeaderView::Interactive);
    m_view->setColumnWidth(Core::TextAuditModel::Table, 180);
    m_view->setColumnWidth(Core::TextAuditModel::Text, 150);
    m_view->horizontalHeader()->setSectionResizeMode(Core::TextAuditModel::Old,
                                                     QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(Core::TextAuditModel::New,
                                                     QHeaderView::Stretch);
    m_message->setObjectName(QStringLiteral("historyMessage"));
    m_message->setWordWrap(true);

    auto *refreshButton = new QPushButton(tr("Show"), this);
    refreshButton->setObjectName(QStringLiteral("refreshHistory"));
    auto *exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportHistory"));
    connect(refreshButton, &QPushButton::clicked, this, &HistoryPanel::refresh);
    for (QLineEdit *edit : {m_column, m_person})
        connect(edit, &QLineEdit::returnPressed, this, &HistoryPanel::refresh);
    connect(m_table, &QComboBox::activated, this, &HistoryPanel::refresh);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this,
                                                          tr("Export the text history"),
                                                          QStringLiteral("text-history.csv"),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    connect(document,
            &Core::WorkspaceDocument::textHistoryRead,
            this,
            [this](const QList<Core::Db::TextAuditRecord> &records) {
                m_model->setRecords(records);
                m_message->setText(tr("%n change(s).", nullptr, int(records.size())));
            });
    connect(document,
            &Core::WorkspaceDocument::textHistoryFailed,
            this,
            [this](const Core::Error &error) {
                m_model->setRecords({});
                m_message->setText(error.message);
            });
    connect(document, &Core::WorkspaceDocument::manifestLoaded, this, &HistoryPanel::fillTables);
    connect(document, &Core::WorkspaceDocument::migrationFinished, this, [this] {
        if (isVisible())
            refresh(); // a save or an upgrade may have written texts
    });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_table, 2);
    filters->addWidget(m_column, 1);
    filters->addWidget(m_person, 1);
    filters->addWidget(m_useSince);
    filters->addWidget(m_since);
    filters->addWidget(m_useUntil);
    filters->addWidget(m_until);
    filters->addWidget(refreshButton);
    filters->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    fillTables();
}

void HistoryPanel::fillTables()
{
    const QString current = m_table->currentData().toString();
    m_table->clear();
    m_table->addItem(tr("All tables"), QString());
    for (const Core::StorageClass &sc : m_document->manifest().storageClasses)
        m_table->addItem(sc.tableName(), sc.tableName());
    m_table->setCurrentIndex(std::max(0, m_table->findData(current)));
}

void HistoryPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void HistoryPanel::refresh()
{
    if (!m_document->connection().isConnected()) {
        m_model->setRecords({});
        m_message->setText(tr("Connect to a database (Ctrl+D) to read the history of its texts."));
        return;
    }
    Core::Db::TextAuditFilter filter;
    filter.storage = m_table->currentData().toString();
    filter.column = m_column->text().trimmed();
    filter.person = m_person->text().trimmed();
    if (m_useSince->isChecked())
        filter.since = m_since->date().startOfDay();
    if (m_useUntil->isChecked())
        filter.until = m_until->date().addDays(1).startOfDay(); // the whole day
    m_message->setText(tr("Reading the history…"));
    m_document->readTextHistory(filter);
}

void HistoryPanel::exportCsv(const QString &path)
{
    if (auto written = Core::writeFileAtomically(path, Core::Db::textAuditCsv(m_model->records()));
        !written) {
        m_message->setText(written.error().message);
        return;
    }
    m_message->setText(tr("Wrote %1 (%n change(s)).", nullptr, m_model->rowCount())
                           .arg(QDir::toNativeSeparators(path)));
}

} // namespace Gui
