// SPDX-License-Identifier: MIT
#include "checklistpanel.h"

#include "rolestyledelegate.h"
#include "validationtestspanel.h"

#include <core/assistant/checklist.h>
#include <core/models/checklistmodel.h>
#include <core/workspace/noderuns.h>
#include <core/workspace/workspacedocument.h>

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Gui {

namespace {

Core::Assistant::RunEvidence evidenceFrom(const QList<Core::Run::RunRecord> &runs)
{
    const auto succeeded = std::find_if(runs.cbegin(), runs.cend(), [](const auto &r) {
        return r.status == Core::Run::RunStatus::Succeeded
               || r.status == Core::Run::RunStatus::SucceededWithRejects;
    });
    if (runs.isEmpty())
        return {false, QObject::tr("No run of the node is recorded in this database.")};
    if (succeeded == runs.cend())
        return {
            false,
            QObject::tr("None of its %n recorded run(s) succeeded.", nullptr, int(runs.size()))};
    return {
        true,
        QObject::tr("Run on %1: %2, %3 rows accepted.")
            .arg(succeeded->startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                 succeeded->status == Core::Run::RunStatus::Succeeded
                     ? QObject::tr("succeeded")
                     : QObject::tr("succeeded with %1 rejects").arg(succeeded->counters.rejected))
            .arg(succeeded->counters.accepted)};
}

} // namespace

ChecklistPanel::ChecklistPanel(Core::WorkspaceDocument *document,
                               const QString &nodePath,
                               QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_nodePath(nodePath)
    , m_model(new Core::ChecklistModel(this))
    , m_project(new QLabel(this))
    , m_node(new QLabel(this))
    , m_view(new QTableView(this))
    , m_action(new QPushButton(this))
    , m_tests(new ValidationTestsPanel(document, this))
{
    setObjectName(QStringLiteral("checklistPanel"));
    m_project->setObjectName(QStringLiteral("projectChecklist"));
    m_project->setWordWrap(true);
    m_node->setObjectName(QStringLiteral("nodeChecklist"));
    m_node->setWordWrap(true);
    m_node->setTextFormat(Qt::RichText);
    m_view->setObjectName(QStringLiteral("checklistView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new RoleStyleDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(Core::ChecklistModel::Number,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(Core::ChecklistModel::State,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(Core::ChecklistModel::Item, 240);
    m_view->setColumnWidth(Core::ChecklistModel::Evidence, 280);
    // Wrapped text: the rows follow the columns' widths.
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, m_view, [this] {
        m_view->resizeRowsToContents();
    });
    m_action->setObjectName(QStringLiteral("checklistAction"));
    m_action->hide();

    auto *actions = new QHBoxLayout;
    actions->addStretch(1);
    actions->addWidget(m_action);
    auto *items = new QWidget(this);
    auto *itemsLayout = new QVBoxLayout(items);
    itemsLayout->setContentsMargins(0, 0, 0, 0);
    itemsLayout->addWidget(m_view, 1);
    itemsLayout->addLayout(actions);
    auto *testsBox = new QGroupBox(tr("Validation tests of the project"), this);
    auto *testsLayout = new QVBoxLayout(testsBox);
    testsLayout->addWidget(m_tests);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(items);
    split->addWidget(testsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_project);
    layout->addWidget(m_node);
    layout->addWidget(split, 1);

    connect(m_view->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &ChecklistPanel::showAction);
    connect(m_action, &QPushButton::clicked, this, [this] {
        const Core::Assistant::ChecklistItem *item = m_model->item(m_view->currentIndex().row());
        if (item && item->action == Core::Assistant::ItemAction::Upgrade)
            emit migrationReviewRequested();
        else if (item && item->action == Core::Assistant::ItemAction::RunNode)
            emit runRequested();
        else if (item && item->action == Core::Assistant::ItemAction::GenerateTests)
            m_tests->generateAndRun();
    });
    Core::NodeRuns *runs = m_document->nodeRuns();
    connect(runs, &Core::NodeRuns::historyLoaded, this, [this](const QString &node) {
        m_historyLoaded.insert(node);
        scheduleEvaluation();
    });
    connect(runs, &Core::NodeRuns::runFinished, this, [this](const QString &node) {
        if (m_document->connection().isConnected())
            m_document->nodeRuns()->loadHistory(m_document->connection().conninfo, node);
    });
    connect(m_document,
            &Core::WorkspaceDocument::reviewChanged,
            this,
            &ChecklistPanel::scheduleEvaluation);
    connect(m_document, &Core::WorkspaceDocument::connectionChanged, this, [this] {
        m_historyLoaded.clear();
        loadRunHistory();
        scheduleEvaluation();
    });
    loadRunHistory();
    evaluate();
}

void ChecklistPanel::scheduleEvaluation()
{
    // Every node's run history arrives on its own: evaluate once for all that came together.
    if (m_evaluationPending)
        return;
    m_evaluationPending = true;
    QTimer::singleShot(0, this, [this] {
        m_evaluationPending = false;
        evaluate();
    });
}

void ChecklistPanel::loadRunHistory()
{
    // Every node's runs, for the project's summary as well as this node's item 15.
    if (!m_document->connection().isConnected())
        return;
    for (const Core::NodeDefinition &node : m_document->manifest().nodes)
        m_document->nodeRuns()->loadHistory(m_document->connection().conninfo,
                                            node.classRef.path());
}

void ChecklistPanel::evaluate()
{
    const Core::ManifestDocument &doc = m_document->manifestDocument();
    Core::Assistant::ChecklistInput input;
    input.document = &doc;
    input.lint = m_document->lint();
    if (auto assistant = Core::readAssistantExtension(doc.raw))
        input.assistant = std::move(*assistant);
    else
        input.assistantError = assistant.error().message;
    if (m_document->review() && !m_document->isRefreshing())
        input.database = m_document->review()->status;
    for (const QString &node : std::as_const(m_historyLoaded))
        input.runs.insert(node, evidenceFrom(m_document->nodeRuns()->history(node)));

    const Core::Assistant::ProjectChecklist project = Core::Assistant::evaluateProject(input);
    m_project->setText(tr("%1 of %n node(s) of this project are fully migrated.",
                          nullptr,
                          int(project.nodes.size()))
                           .arg(project.fullyMigratedCount()));
    const int current = m_view->currentIndex().row();
    for (const Core::Assistant::NodeChecklist &node : project.nodes) {
        if (node.node != m_nodePath)
            continue;
        m_model->setChecklist(node);
        using Core::Assistant::ItemState;
        m_node->setText(node.fullyMigrated()
                            ? tr("<b>%1 is fully migrated</b>: every item is done or does not "
                                 "apply.")
                                  .arg(m_nodePath.toHtmlEscaped())
                            : tr("<b>%1</b>: %2 done, %3 not done, %4 cannot be told yet.")
                                  .arg(m_nodePath.toHtmlEscaped())
                                  .arg(node.count(ItemState::Done))
                                  .arg(node.count(ItemState::NotDone))
                                  .arg(node.count(ItemState::CannotTell)));
    }
    m_view->resizeRowsToContents();
    if (current >= 0)
        m_view->selectRow(current);
    showAction();
}

void ChecklistPanel::showAction()
{
    const Core::Assistant::ChecklistItem *item = m_model->item(m_view->currentIndex().row());
    using Core::Assistant::ItemAction;
    const ItemAction action
        = item && item->state != Core::Assistant::ItemState::Done ? item->action : ItemAction::None;
    m_action->setVisible(action != ItemAction::None);
    switch (action) {
    case ItemAction::Upgrade:
        m_action->setText(tr("Open the migration review"));
        break;
    case ItemAction::RunNode:
        m_action->setText(tr("Run the node"));
        break;
    case ItemAction::GenerateTests:
        m_action->setText(tr("Generate and run the validation tests"));
        break;
    case ItemAction::None:
        break;
    }
}

} // namespace Gui
