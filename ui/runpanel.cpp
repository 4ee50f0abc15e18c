// SPDX-License-Identifier: MIT
#include "runpanel.h"

#include "rolestyledelegate.h"
#include "runchart.h"

#include <core/models/configchangesmodel.h>
#include <core/models/rejectsmodel.h>
#include <core/models/runhistorymodel.h>
#include <core/util/atomicfile.h>
#include <core/workspace/configdraft.h>
#include <core/workspace/noderuns.h>
#include <core/workspace/workspacedocument.h>

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace Gui {

namespace {

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString duration(double seconds)
{
    if (seconds < 60)
        return QObject::tr("%1 s").arg(qRound(seconds));
    return QObject::tr("%1 min %2 s").arg(int(seconds) / 60).arg(int(seconds) % 60);
}

QLabel *figure(const char *name, QWidget *parent)
{
    auto *label = new QLabel(QStringLiteral("0"), parent);
    label->setObjectName(QLatin1String(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

RunPanel::RunPanel(Core::WorkspaceDocument *document, const QString &nodePath, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_nodePath(nodePath)
    , m_rejects(new Core::RejectsModel(this))
    , m_history(new Core::RunHistoryModel(this))
    , m_comparison(new Core::ConfigChangesModel(this))
    , m_policy(new QComboBox(this))
    , m_start(new QPushButton(tr("&Start run"), this))
    , m_cancel(new QPushButton(tr("Cancel run"), this))
    , m_message(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_read(figure("runRead", this))
    , m_accepted(figure("runAccepted", this))
    , m_rejected(figure("runRejected", this))
    , m_rate(figure("runRate", this))
    , m_written(figure("runWritten", this))
    , m_progress(new QProgressBar(this))
    , m_chart(new RunChart(this))
    , m_tabs(new QTabWidget(this))
    , m_rejectsView(new QTreeView(this))
    , m_export(new QPushButton(tr("Export rejects as CSV…"), this))
    , m_log(new QPlainTextEdit(this))
    , m_historyView(new QTableView(this))
    , m_matching(new QLabel(this))
    , m_again(new QPushButton(tr("Run again with this configuration"), this))
    , m_comparisonView(new QTableView(this))
{
    setObjectName(QStringLiteral("runPanel"));
    m_policy->setObjectName(QStringLiteral("runPolicy"));
    m_policy->addItem(tr("Atomic: all rows or none"), int(Core::Run::WritePolicy::Atomic));
    m_policy->addItem(tr("Batched: commit every batch"), int(Core::Run::WritePolicy::Batched));
    m_policy->setToolTip(tr("Atomic: a failed or cancelled run leaves the table as it was.\n"
                            "Batched: committed batches stay; the run says how far it got."));
    m_start->setObjectName(QStringLiteral("startRun"));
    m_start->setToolTip(tr("Run the node with the configuration of its Configuration tab"));
    m_cancel->setObjectName(QStringLiteral("cancelRun"));
    m_cancel->setEnabled(false);
    m_message->setObjectName(QStringLiteral("runMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_summary->setObjectName(QStringLiteral("nodeRunSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setText(tr("No run of this node yet in this session."));
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->hide();

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Write policy:"), this));
    controls->addWidget(m_policy);
    controls->addWidget(m_start);
    controls->addWidget(m_cancel);
    controls->addStretch(1);

    auto *figures = new QHBoxLayout;
    const auto addFigure = [&](const QString &title, QLabel *value) {
        auto *form = new QFormLayout;
        form->addRow(title, value);
        figures->addLayout(form);
    };
    addFigure(tr("Read"), m_read);
    addFigure(tr("Accepted"), m_accepted);
    addFigure(tr("Rejected"), m_rejected);
    addFigure(tr("Rows/s"), m_rate);
    addFigure(tr("Written"), m_written);
    figures->addStretch(1);

    // Rejects: by rule, each rule's rows under it.
    m_rejectsView->setObjectName(QStringLiteral("rejectsView"));
    m_rejectsView->setModel(m_rejects);
    m_rejectsView->setAlternatingRowColors(true);
    m_rejectsView->header()->setStretchLastSection(true);
    for (int section :
         {Core::RejectsModel::Rule, Core::RejectsModel::Count, Core::RejectsModel::Line})
        m_rejectsView->header()->setSectionResizeMode(section, QHeaderView::ResizeToContents);
    m_export->setObjectName(QStringLiteral("exportRejects"));
    m_export->setEnabled(false);
    auto *rejectsPage = new QWidget(this);
    auto *rejectsLayout = new QVBoxLayout(rejectsPage);
    rejectsLayout->addWidget(m_rejectsView, 1);
    rejectsLayout->addWidget(m_export, 0, Qt::AlignRight);

    m_log->setObjectName(QStringLiteral("runLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    // History: the node's runs; one of them runs again or is compared with the draft.
    m_historyView->setObjectName(QStringLiteral("runHistory"));
    m_historyView->setModel(m_history);
    m_historyView->setItemDelegate(new RoleStyleDelegate(m_historyView));
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_historyView->verticalHeader()->hide();
    m_matching->setObjectName(QStringLiteral("matchingRuns"));
    m_matching->setWordWrap(true);
    m_again->setObjectName(QStringLiteral("runAgain"));
    m_again->setEnabled(false);
    m_comparisonView->setObjectName(QStringLiteral("runComparison"));
    m_comparisonView->setModel(m_comparison);
    m_comparisonView->setItemDelegate(new RoleStyleDelegate(m_comparisonView));
    m_comparisonView->horizontalHeader()->setStretchLastSection(true);
    m_comparisonView->verticalHeader()->hide();
    auto *historyPage = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyPage);
    historyLayout->addWidget(m_matching);
    auto *historySplit = new QSplitter(Qt::Vertical, historyPage);
    historySplit->addWidget(m_historyView);
    auto *comparisonBox = new QWidget(historySplit);
    auto *comparisonLayout = new QVBoxLayout(comparisonBox);
    comparisonLayout->setContentsMargins(0, 0, 0, 0);
    comparisonLayout->addWidget(new QLabel(
        tr("The selected run's configuration against the one being edited:"), comparisonBox));
    comparisonLayout->addWidget(m_comparisonView, 1);
    historySplit->addWidget(comparisonBox);
    historyLayout->addWidget(historySplit, 1);
    historyLayout->addWidget(m_again, 0, Qt::AlignRight);

    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->addTab(rejectsPage, tr("Rejects"));
    m_tabs->addTab(m_log, tr("Log"));
    m_tabs->addTab(historyPage, tr("History"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 1);
    split->setSizes({240, 400});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(m_summary);
    layout->addLayout(figures);
    layout->addWidget(m_progress);
    layout->addWidget(split, 1);

    connect(m_start, &QPushButton::clicked, this, &RunPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->cancel();
    });
    connect(m_export, &QPushButton::clicked, this, &RunPanel::exportRejects);
    connect(m_again, &QPushButton::clicked, this, &RunPanel::runAgain);
    connect(m_historyView->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &RunPanel::showComparison);
    Core::NodeRuns *runs = m_document->nodeRuns();
    connect(runs, &Core::NodeRuns::historyLoaded, this, [this](const QString &node) {
        if (node == m_nodePath)
            showHistory();
    });
    connect(runs,
            &Core::NodeRuns::historyFailed,
            this,
            [this](const QString &node, const Core::Error &e) {
                if (node == m_nodePath)
                    m_matching->setText(tr("The run history cannot be read: %1").arg(e.message));
            });
    connect(runs, &Core::NodeRuns::runFinished, this, [this](const QString &node) {
        if (node == m_nodePath)
            refreshHistory();
    });
    connect(m_document, &Core::WorkspaceDocument::connectionChanged, this, [this] {
        updateStartable();
        refreshHistory();
    });
    if (Core::ConfigDraft *draft = m_document->configDraft(m_nodePath)) {
        connect(draft, &Core::ConfigDraft::changed, this, [this] {
            updateStartable();
            showHistory();
        });
    }
    // A run still going (or the last one) of this node, from before this panel was made.
    if (Core::NodeRunSession *session = runs->last(m_nodePath))
        follow(session);
    updateStartable();
    refreshHistory();
}

RunPanel::~RunPanel() = default;

void RunPanel::updateStartable()
{
    const bool running = m_session && m_session->isRunning();
    Core::ConfigDraft *draft = m_document->configDraft(m_nodePath);
    QString why;
    if (!m_document->connection().isConnected())
        why = tr("Connect to a database to run the node.");
    else if (draft && Core::Config::hasErrors(draft->issues()))
        why = tr("The configuration has errors; fix them in the Configuration tab first.");
    m_start->setEnabled(!running && why.isEmpty());
    m_start->setToolTip(
        why.isEmpty() ? tr("Run the node with the configuration of its Configuration tab") : why);
    m_cancel->setEnabled(running && !m_session->isCancelling());
    m_policy->setEnabled(!running);
}

void RunPanel::start()
{
    QString why;
    const auto policy = Core::Run::WritePolicy(m_policy->currentData().toInt());
    Core::NodeRunSession *session = m_document->startRun(m_nodePath, policy, &why);
    if (!session) {
        m_message->setText(why);
        m_message->show();
        return;
    }
    follow(session);
}

void RunPanel::follow(Core::NodeRunSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_message->hide();
    m_rejects->clear();
    m_chart->clear();
    m_log->clear();
    m_log->appendPlainText(session->log().join(QLatin1Char('\n')));
    connect(session, &Core::NodeRunSession::updated, this, &RunPanel::showSession);
    connect(session, &Core::NodeRunSession::finished, this, &RunPanel::showFinished);
    showSession(0);
    if (!session->isRunning())
        showFinished();
    updateStartable();
}

void RunPanel::showSession(int newLogLines)
{
    if (!m_session)
        return;
    const Core::Run::RunCounters &c = m_session->counters();
    m_read->setText(number(c.rowsRead));
    m_accepted->setText(number(c.accepted));
    m_rejected->setText(number(c.rejected));
    const double seconds = c.elapsedMs / 1000.0;
    const double rate = seconds > 0 ? double(c.rowsRead) / seconds : 0;
    m_rate->setText(number(qRound64(rate)));
    m_written->setText(number(c.committed));
    m_rejects->setRejects(m_session->rejects());
    m_export->setEnabled(m_rejects->total() > 0);
    m_chart->setSamples(m_session->samples());
    if (newLogLines > 0) {
        const QStringList &log = m_session->log();
        m_log->appendPlainText(log.mid(log.size() - newLogLines).join(QLatin1Char('\n')));
    }
    if (!m_session->isRunning())
        return;
    m_progress->show();
    if (c.expectedRows && *c.expectedRows > 0) {
        // The runner said how many rows: a real bar and an estimate of what is left.
        m_progress->setRange(0, 1000);
        const double done = std::min(1.0, double(c.rowsRead) / double(*c.expectedRows));
        m_progress->setValue(int(done * 1000));
        const QString eta
            = done > 0 && rate > 0
                  ? tr(", about %1 left").arg(duration(double(*c.expectedRows - c.rowsRead) / rate))
                  : QString();
        m_progress->setFormat(
            tr("%1 of %2 rows%3").arg(number(c.rowsRead), number(*c.expectedRows), eta));
    } else {
        m_progress->setRange(0, 0); // busy: the runner did not say how many
        m_progress->setFormat(tr("%1 rows").arg(number(c.rowsRead)));
    }
    m_summary->setText(
        m_session->isCancelling()
            ? tr("<b>Cancelling…</b> the runner is being stopped.")
            : tr("<b>Running</b> %1 for %2.").arg(m_nodePath.toHtmlEscaped(), duration(seconds)));
    updateStartable();
}

void RunPanel::showFinished()
{
    if (!m_session)
        return;
    m_progress->hide();
    const auto &outcome = *m_session->outcome();
    if (!outcome) {
        m_summary->setText(
            tr("<b>The run did not start:</b> %1").arg(outcome.error().message.toHtmlEscaped()));
        updateStartable();
        return;
    }
    const Core::Run::RunRecord &r = *outcome;
    const Core::Run::RunCounters &c = r.counters;
    QString text;
    switch (r.status) {
    case Core::Run::RunStatus::Succeeded:
        text = tr("<b>Succeeded</b>: %1 rows read, all accepted; %2 inserted, %3 updated.")
                   .arg(number(c.rowsRead), number(c.inserted), number(c.updated));
        break;
    case Core::Run::RunStatus::SucceededWithRejects:
        text = tr("<b>Succeeded with %1 rejects</b>: %2 rows read, %3 accepted and written "
                  "(%4 inserted, %5 updated); the rejected rows were not written, see Rejects.")
                   .arg(number(c.rejected),
                        number(c.rowsRead),
                        number(c.accepted),
                        number(c.inserted),
                        number(c.updated));
        break;
    case Core::Run::RunStatus::Failed:
        text = tr("<b>Failed</b>: %1 %2 rows stay written.")
                   .arg(r.message.toHtmlEscaped(), number(c.committed));
        break;
    case Core::Run::RunStatus::Cancelled:
        text = tr("<b>Cancelled</b>; %1 rows stay written.").arg(number(c.committed));
        break;
    case Core::Run::RunStatus::Running:
        break;
    }
    m_summary->setText(text);
    updateStartable();
}

void RunPanel::refreshHistory()
{
    if (m_document->connection().isConnected())
        m_document->nodeRuns()->loadHistory(m_document->connection().conninfo, m_nodePath);
}

void RunPanel::showHistory()
{
    Core::ConfigDraft *draft = m_document->configDraft(m_nodePath);
    const QString hash
        = draft && draft->identity().hashes ? draft->identity().hashes->updateHash : QString();
    const QList<Core::Run::RunRecord> runs = m_document->nodeRuns()->history(m_nodePath);
    if (m_history->rowCount() != runs.size()
        || (!runs.isEmpty() && m_history->run(0)->runId != runs.first().runId))
        m_history->setRuns(runs);
    m_history->setCurrentUpdateHash(hash);
    // Which past runs the configuration being edited matches: same update_hash, same updater.
    const int matching = m_history->matchingRuns();
    if (runs.isEmpty())
        m_matching->setText(tr("No runs of this node are recorded in this database."));
    else if (matching > 0)
        m_matching->setText(tr("%n recorded run(s) used the update identity being edited "
                               "(in bold): this configuration runs as the same updater.",
                               nullptr,
                               matching));
    else
        m_matching->setText(tr("No recorded run used the update identity being edited: it runs "
                               "as a new updater. The last run was %1.")
                                .arg(Core::describeRunStatus(runs.first())));
    showComparison();
}

void RunPanel::showComparison()
{
    const Core::Run::RunRecord *run = m_history->run(m_historyView->currentIndex().row());
    Core::ConfigDraft *draft = m_document->configDraft(m_nodePath);
    m_again->setEnabled(run && m_document->connection().isConnected()
                        && !(m_session && m_session->isRunning()));
    QList<Core::ConfigChangesModel::Row> rows;
    if (run && draft) {
        for (const Core::ConfigChange &c :
             Core::configChanges(draft->node().configSchema, run->config, draft->config()))
            rows.append({c.path, c.before, c.after, c.hashExcluded});
    }
    m_comparison->setChanges(rows);
}

void RunPanel::runAgain()
{
    const Core::Run::RunRecord *run = m_history->run(m_historyView->currentIndex().row());
    if (!run)
        return;
    QString why;
    Core::NodeRunSession *session
        = m_document->startRun(m_nodePath, run->config, run->policy, &why);
    if (!session) {
        m_message->setText(why);
        m_message->show();
        return;
    }
    follow(session);
}

void RunPanel::exportRejects()
{
    if (!m_session)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export rejects"), QStringLiteral("rejects.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const auto written = Core::writeFileAtomically(path, Core::rejectsToCsv(m_session->rejects()));
    m_message->setText(written ? tr("Rejects written to %1.").arg(path) : written.error().message);
    m_message->show();
}

} // namespace Gui
