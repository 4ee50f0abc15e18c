// SPDX-License-Identifier: MIT
#include "migrationreview.h"

#include "applyconfirmdialog.h"
#include "operationdetails.h"
#include "rolestyledelegate.h"
#include "sqlhighlighter.h"

#include <core/migrate/alembicrender.h>
#include <core/migrate/locks.h>
#include <core/migrate/render.h>
#include <core/migrate/revision.h>
#include <core/models/lockholdersmodel.h>
#include <core/models/planmodel.h>
#include <core/models/statementreportsmodel.h>
#include <core/util/atomicfile.h>
#include <core/workspace/workspacedocument.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace Gui {

namespace {

QPlainTextEdit *sqlView(QWidget *parent, const QString &objectName)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new SqlHighlighter(view->document());
    return view;
}

QTableView *tableView(QAbstractItemModel *model, QWidget *parent, const QString &objectName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setItemDelegate(new RoleStyleDelegate(view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setMaximumSectionSize(420);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    return view;
}

} // namespace

MigrationReview::MigrationReview(Core::WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_plan(new Core::PlanModel(this))
    , m_statements(new Core::StatementReportsModel(this))
    , m_blockers(new Core::LockHoldersModel(this))
    , m_toolBar(new QToolBar(this))
    , m_allowDestructive(new QCheckBox(tr("Allow destructive"), this))
    , m_summary(new QLabel(this))
    , m_banner(new QLabel(this))
    , m_planTree(new QTreeView(this))
    , m_tabs(new QTabWidget(this))
    , m_details(new QTextBrowser(this))
    , m_operationSql(sqlView(this, QStringLiteral("operationSql")))
    , m_script(sqlView(this, QStringLiteral("fullScript")))
    , m_statementsView(tableView(m_statements, this, QStringLiteral("statementsView")))
    , m_runSummary(new QLabel(this))
{
    setObjectName(QStringLiteral("migrationReview"));
    createActions();
    m_toolBar->setObjectName(QStringLiteral("reviewToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_allowDestructive->setObjectName(QStringLiteral("allowDestructive"));
    m_allowDestructive->setToolTip(tr("Plan drops of tables and columns instead of refusing "
                                      "them. Their data is lost."));
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_banner->setObjectName(QStringLiteral("reviewBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();

    m_planTree->setObjectName(QStringLiteral("planTree"));
    m_planTree->setModel(m_plan);
    m_planTree->setItemDelegate(new RoleStyleDelegate(m_planTree));
    m_planTree->setUniformRowHeights(true);
    m_planTree->setAllColumnsShowFocus(true);
    m_planTree->header()->setStretchLastSection(true);
    m_details->setObjectName(QStringLiteral("operationDetails"));
    m_details->setOpenLinks(false);

    auto *operationPage = new QSplitter(Qt::Horizontal, this);
    operationPage->setObjectName(QStringLiteral("operationSplitter"));
    operationPage->addWidget(m_details);
    operationPage->addWidget(m_operationSql);
    auto *runPage = new QWidget(this);
    auto *runLayout = new QVBoxLayout(runPage);
    m_runSummary->setObjectName(QStringLiteral("runSummary"));
    m_runSummary->setWordWrap(true);
    runLayout->addWidget(m_runSummary);
    runLayout->addWidget(m_statementsView, 1);
    m_tabs->setObjectName(QStringLiteral("reviewTabs"));
    m_tabs->addTab(operationPage, tr("Operation"));
    m_tabs->addTab(m_script, tr("Full script"));
    m_tabs->addTab(runPage, tr("Rehearsal and apply"));

    // The plan on top, full width, so the lock and figures columns stay in view; the selected
    // operation's details and DDL below it.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("reviewSplitter"));
    splitter->addWidget(m_planTree);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    // Remembered between sessions, like the window's geometry.
    for (QSplitter *s : {splitter, operationPage}) {
        const QString key = QStringLiteral("review/") + s->objectName();
        s->restoreState(QSettings().value(key).toByteArray());
        connect(s, &QSplitter::splitterMoved, this, [s, key] {
            QSettings().setValue(key, s->saveState());
        });
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 0, 6, 0);
    bar->addWidget(m_toolBar);
    bar->addStretch(1);
    bar->addWidget(m_allowDestructive);
    layout->addLayout(bar);
    m_summary->setContentsMargins(8, 0, 8, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_banner);
    layout->addWidget(createBlockerPanel());
    layout->addWidget(splitter, 1);

    connect(m_allowDestructive,
            &QCheckBox::toggled,
            m_document,
            &Core::WorkspaceDocument::setAllowDestructive);
    connect(m_planTree->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &MigrationReview::showOperation);
    connect(
        m_document, &Core::WorkspaceDocument::reviewChanged, this, &MigrationReview::showReview);
    connect(m_document, &Core::WorkspaceDocument::refreshStarted, this, [this] {
        m_summary->setText(tr("Reading the live database…"));
        updateActions();
    });
    connect(
        m_document, &Core::WorkspaceDocument::refreshFailed, this, [this](const Core::Error &e) {
            showBanner(tr("<b>The live review failed.</b> %1").arg(e.message.toHtmlEscaped()),
                       true);
            m_summary->setText(tr("No live plan"));
        });
    connect(m_document,
            &Core::WorkspaceDocument::connectionChanged,
            this,
            &MigrationReview::updateActions);
    connect(m_document,
            &Core::WorkspaceDocument::migrationStarted,
            this,
            &MigrationReview::migrationStarted);
    connect(m_document,
            &Core::WorkspaceDocument::statementStarted,
            m_statements,
            &Core::StatementReportsModel::statementStarted);
    connect(m_document,
            &Core::WorkspaceDocument::statementFinished,
            m_statements,
            &Core::StatementReportsModel::statementFinished);
    connect(m_document,
            &Core::WorkspaceDocument::lockWaitChanged,
            this,
            &MigrationReview::showLockWait);
    connect(m_document,
            &Core::WorkspaceDocument::migrationFinished,
            this,
            &MigrationReview::migrationFinished);
    showReview();
}

void MigrationReview::createActions()
{
    m_refresh = m_toolBar->addAction(tr("&Refresh"), m_document, &Core::WorkspaceDocument::refresh);
    m_refresh->setObjectName(QStringLiteral("refreshReviewAction"));
    m_refresh->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_refresh->setToolTip(tr("Read the live database again and recompute the plan (Ctrl+R)"));
    m_rehearse
        = m_toolBar->addAction(tr("Re&hearse"), m_document, &Core::WorkspaceDocument::rehearse);
    m_rehearse->setObjectName(QStringLiteral("rehearseAction"));
    m_rehearse->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_rehearse->setToolTip(tr("Run the whole plan on the live database in a transaction that is "
                              "always rolled back (Ctrl+Shift+R)"));
    m_apply = m_toolBar->addAction(tr("&Apply…"), this, &MigrationReview::confirmAndApply);
    m_apply->setObjectName(QStringLiteral("applyAction"));
    m_apply->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    m_apply->setToolTip(tr("Apply the plan in one transaction (Ctrl+Shift+Enter)"));
    m_cancel = m_toolBar->addAction(
        tr("&Cancel"), m_document, &Core::WorkspaceDocument::cancelMigration);
    m_cancel->setObjectName(QStringLiteral("cancelMigrationAction"));
    m_toolBar->addSeparator();
    m_exportSql = m_toolBar->addAction(tr("Export &SQL…"), this, &MigrationReview::exportSql);
    m_exportSql->setObjectName(QStringLiteral("exportSqlAction"));
    m_exportAlembic
        = m_toolBar->addAction(tr("Export A&lembic…"), this, &MigrationReview::exportAlembic);
    m_exportAlembic->setObjectName(QStringLiteral("exportAlembicAction"));
    m_copyScript = m_toolBar->addAction(
        tr("Cop&y script"), this, [this] { QApplication::clipboard()->setText(fullScript()); });
    m_copyScript->setObjectName(QStringLiteral("copyScriptAction"));
    for (QAction *a : {m_refresh, m_rehearse, m_apply, m_exportSql, m_exportAlembic, m_copyScript})
        a->setShortcutContext(Qt::WindowShortcut);
}

QWidget *MigrationReview::createBlockerPanel()
{
    m_blockerPanel = new QWidget(this);
    m_blockerPanel->setObjectName(QStringLiteral("blockerPanel"));
    m_blockerMessage = new QLabel(m_blockerPanel);
    m_blockerMessage->setObjectName(QStringLiteral("blockerMessage"));
    m_blockerMessage->setWordWrap(true);
    auto *cancel = new QPushButton(tr("Cancel migration"), m_blockerPanel);
    cancel->setObjectName(QStringLiteral("cancelMigrationButton"));
    connect(cancel, &QPushButton::clicked, m_document, &Core::WorkspaceDocument::cancelMigration);
    auto *view = tableView(m_blockers, m_blockerPanel, QStringLiteral("blockersView"));
    view->setMaximumHeight(110);
    auto *top = new QHBoxLayout;
    top->addWidget(m_blockerMessage, 1);
    top->addWidget(cancel);
    auto *layout = new QVBoxLayout(m_blockerPanel);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(view);
    m_blockerPanel->setAutoFillBackground(true);
    QPalette p = m_blockerPanel->palette();
    const bool dark = p.color(QPalette::Window).lightness() < 128;
    p.setColor(QPalette::Window, dark ? QColor(0x4a, 0x3a, 0x10) : QColor(0xff, 0xf4, 0xce));
    m_blockerPanel->setPalette(p);
    m_blockerPanel->hide();
    return m_blockerPanel;
}

QString MigrationReview::fullScript() const
{
    return Core::Migrate::renderSqlScript(m_plan->plan());
}

void MigrationReview::showReview()
{
    const auto &review = m_document->review();
    if (!review) {
        m_plan->clear();
        m_script->clear();
        m_details->setHtml(m_document->connection().isConnected()
                               ? tr("<p>Reading the live database…</p>")
                               : tr("<p>Not connected. Connect to a database (Database &rarr; "
                                    "Connect, or the sandbox) to review what a migration would "
                                    "do to it.</p>"));
        m_summary->setText(m_document->connection().isConnected() ? QString()
                                                                  : tr("Not connected"));
        updateActions();
        return;
    }
    const int selected = m_plan->operationAt(m_planTree->currentIndex());
    m_plan->setPlan(review->plan, review->figures);
    m_planTree->expandAll();
    for (int c = 0; c < Core::PlanModel::Figures; ++c)
        m_planTree->resizeColumnToContents(c);
    // Summaries can be long (index and key names): they elide, the tooltip has them whole, and
    // the lock and figures stay in view.
    m_planTree->setColumnWidth(Core::PlanModel::Operation,
                               std::min(m_planTree->columnWidth(Core::PlanModel::Operation), 360));
    m_script->setPlainText(fullScript());
    const Core::Migrate::PlanSummary s = review->plan.summary();
    m_summary->setText(
        review->plan.isEmpty()
            ? tr("The database matches the manifest (read in %1 ms)").arg(review->elapsedMs)
            : tr("%n operation(s), %1 blocked · read in %2 ms", nullptr, s.operations)
                  .arg(s.blocked)
                  .arg(review->elapsedMs));
    if (selected >= 0 && selected < review->plan.operations.size())
        m_planTree->setCurrentIndex(m_plan->indexOfOperation(selected));
    else
        showOperation();
    updateActions();
}

void MigrationReview::showOperation()
{
    const int operation = m_plan->operationAt(m_planTree->currentIndex());
    if (operation < 0) {
        m_details->setHtml(m_plan->plan().operations.isEmpty()
                               ? QString()
                               : tr("<p>Select an operation to see its lock, live figures, "
                                    "risks and DDL.</p>"));
        m_operationSql->clear();
        return;
    }
    m_details->setHtml(operationDetailsHtml(*m_plan, operation));
    const Core::Migrate::Operation &op = m_plan->plan().operations.at(operation);
    m_operationSql->setPlainText(
        op.statements.isEmpty() ? tr("-- catalog only: no DDL")
                                : op.statements.join(QStringLiteral(";\n\n")) + QLatin1Char(';'));
}

void MigrationReview::confirmAndApply()
{
    const auto &review = m_document->review();
    if (!review || review->plan.operations.isEmpty())
        return;
    ApplyConfirmDialog dialog(review->plan, m_document->connection().label, this);
    if (dialog.exec() == QDialog::Accepted)
        m_document->apply();
}

void MigrationReview::migrationStarted()
{
    QStringList summaries;
    for (const Core::Migrate::Operation &op : m_plan->plan().operations)
        summaries.append(op.summary);
    m_statements->start(summaries);
    m_banner->hide();
    const bool rehearsal
        = m_document->runningMigration() == Core::WorkspaceDocument::Migration::Rehearsal;
    const bool texts
        = m_document->runningMigration() == Core::WorkspaceDocument::Migration::TextsApply;
    m_runSummary->setText(
        rehearsal
            ? tr("Rehearsing on %1 (rolled back at the end)…").arg(m_document->connection().label)
        : texts ? tr("Saving the edited descriptions and labels to %1 (texts only)…")
                      .arg(m_document->connection().label)
                : tr("Applying to %1…").arg(m_document->connection().label));
    m_tabs->setCurrentIndex(2);
    updateActions();
}

void MigrationReview::showLockWait()
{
    const auto &wait = m_document->lockWait();
    m_statements->lockWaitChanged(wait);
    if (!wait || wait->blockers.isEmpty()) {
        m_blockerPanel->hide();
        m_blockers->setHolders({});
        return;
    }
    m_blockerMessage->setText(
        tr("<b>Waiting %1 for %2 on %3</b>, held by the session(s) below. The migration gives up "
           "after the lock timeout (%4), or now with Cancel; either way nothing changes.")
            .arg(Core::formatAge(double(wait->waitingMs) / 1000.0),
                 (Core::Migrate::lockModeFromPg(wait->lockMode)
                      ? Core::Migrate::lockModeName(*Core::Migrate::lockModeFromPg(wait->lockMode))
                      : wait->lockMode)
                     .toHtmlEscaped(),
                 wait->relation.toHtmlEscaped(),
                 Core::Migrate::formatTimeout(m_document->lockTimeoutMs())));
    m_blockers->setHolders(wait->blockers);
    m_blockerPanel->show();
}

void MigrationReview::migrationFinished()
{
    m_blockerPanel->hide();
    updateActions();
    const auto &outcome = m_document->lastMigration();
    if (!outcome)
        return;
    const int failedRow = m_statements->failedRow();
    if (failedRow >= 0)
        m_statementsView->selectRow(failedRow);
    if (!*outcome) {
        const Core::Error &e = outcome->error();
        const QString html
            = tr("<b>%1</b>")
                  .arg(e.message.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")))
              + (e.detail.isEmpty()
                     ? QString()
                     : QStringLiteral("<pre>%1</pre>").arg(e.detail.toHtmlEscaped()));
        showBanner(html, e.code != Core::ErrorCode::Cancelled);
        m_runSummary->setText(tr("Nothing was changed."));
        return;
    }
    const Core::Migrate::ApplyResult &r = **outcome;
    if (r.rehearsed) {
        const QString text
            = r.failed() ? tr("Rehearsal stopped at statement %1 of the plan: the server refused "
                              "it (below). The database was left exactly as before.")
                               .arg(r.statements.size())
                         : tr("Rehearsal ran %n statement(s) in %1 ms and rolled back: the "
                              "database was left exactly as before.",
                              nullptr,
                              r.statementsExecuted)
                               .arg(r.elapsedMs);
        m_runSummary->setText(text);
        showBanner(text.toHtmlEscaped(), r.failed());
        return;
    }
    const QString text
        = r.nothingToDo
              ? tr("The database already matched; nothing was written.")
              : tr("Applied %n statement(s) in %1 ms; revision %2.", nullptr, r.statementsExecuted)
                    .arg(r.elapsedMs)
                    .arg(r.revision);
    m_runSummary->setText(text);
    showBanner(text.toHtmlEscaped(), false);
}

void MigrationReview::updateActions()
{
    const bool connected = m_document->connection().isConnected();
    const bool idle = m_document->runningMigration() == Core::WorkspaceDocument::Migration::None;
    const bool hasWork = m_document->review() && !m_document->review()->plan.operations.isEmpty();
    m_refresh->setEnabled(connected && idle);
    m_rehearse->setEnabled(hasWork && idle && !m_document->isRefreshing());
    m_apply->setEnabled(hasWork && idle && !m_document->isRefreshing());
    m_cancel->setEnabled(!idle);
    m_exportSql->setEnabled(hasWork);
    m_exportAlembic->setEnabled(hasWork);
    m_copyScript->setEnabled(hasWork);
    m_allowDestructive->setEnabled(idle);
}

void MigrationReview::showBanner(const QString &html, bool error)
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QString style = error ? (dark ? QStringLiteral("background:#5c1d1d;color:#ffdcdc;")
                                        : QStringLiteral("background:#fdecea;color:#611a15;"))
                                : (dark ? QStringLiteral("background:#1d4a2a;color:#d8f5df;")
                                        : QStringLiteral("background:#e6f4ea;color:#0d3b1e;"));
    m_banner->setStyleSheet(QStringLiteral("QLabel{%1padding:6px;}").arg(style));
    m_banner->setText(html);
    m_banner->setProperty("error", error);
    m_banner->show();
}

void MigrationReview::exportSql()
{
    const QString path = QFileDialog::getSaveFileName(this,
                                                      tr("Export migration as SQL"),
                                                      QStringLiteral("migration.sql"),
                                                      tr("SQL scripts (*.sql)"));
    if (path.isEmpty())
        return;
    if (auto r = Core::writeFileAtomically(path, fullScript().toUtf8()); !r)
        showBanner(r.error().message.toHtmlEscaped(), true);
    else
        showBanner(tr("Wrote %1.").arg(path.toHtmlEscaped()), false);
}

void MigrationReview::exportAlembic()
{
    const auto &review = m_document->review();
    if (!review)
        return;
    Core::Migrate::AlembicRevisionInfo info;
    info.revision = Core::Migrate::revisionIdFor(review->plan);
    info.downRevision = review->status.alembicRevision;
    info.createDate = QDateTime::currentDateTime();
    info.providerPackage = m_document->manifest().provider.package;
    info.migrationNamespace = m_document->manifest().provider.migrationNamespace;
    auto text = Core::Migrate::renderAlembicRevision(review->plan, info);
    if (!text) {
        showBanner(text.error().message.toHtmlEscaped(), true);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this,
                                                      tr("Export Alembic revision"),
                                                      Core::Migrate::alembicRevisionFileName(info),
                                                      tr("Python files (*.py)"));
    if (path.isEmpty())
        return;
    if (auto r = Core::writeFileAtomically(path, text->toUtf8()); !r)
        showBanner(r.error().message.toHtmlEscaped(), true);
    else
        showBanner(tr("Wrote %1 (revision %2).").arg(path.toHtmlEscaped(), info.revision), false);
}

} // namespace Gui
