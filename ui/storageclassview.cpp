// SPDX-License-Identifier: MIT
#include "storageclassview.h"

#include "classtextseditor.h"
#include "contracttext.h"
#include "livetablepanel.h"
#include "provenancepanel.h"
#include "rolestyledelegate.h"
#include "storageoverview.h"

#include <core/contract/storageclass.h>
#include <core/db/livetable.h>
#include <core/lint/lint.h>
#include <core/models/columnsmodel.h>
#include <core/models/foreignkeysmodel.h>
#include <core/models/indexesmodel.h>
#include <core/models/lintfindingsmodel.h>
#include <core/models/roles.h>

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &objectName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setItemDelegate(new RoleStyleDelegate(view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setMaximumSectionSize(360); // long values elide; tooltips hold them
    return view;
}

QPlainTextEdit *makeText(QWidget *parent, const QString &objectName)
{
    auto *text = new QPlainTextEdit(parent);
    text->setObjectName(objectName);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return text;
}

// A tab page: a one-line note above a view.
QWidget *withNote(QWidget *view, const QString &note, QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *label = new QLabel(note, page);
    label->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(label);
    layout->addWidget(view, 1);
    view->setParent(page);
    return page;
}

} // namespace

StorageClassView::StorageClassView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_overview(new StorageOverview(this))
    , m_liveTable(new LiveTablePanel(this))
    , m_provenance(new ProvenancePanel(this))
    , m_columns(new Core::ColumnsModel(this))
    , m_indexes(new Core::IndexesModel(this))
    , m_foreignKeys(new Core::ForeignKeysModel(this))
    , m_lint(new Core::LintFindingsModel(this))
{
    m_title->setObjectName(QStringLiteral("storageTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(QStringLiteral("storageSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_overview->setObjectName(QStringLiteral("overviewTab"));
    m_liveTable->setObjectName(QStringLiteral("liveTableTab"));
    m_columnsView = makeTable(m_columns, this, QStringLiteral("columnsView"));
    m_indexesView = makeTable(m_indexes, this, QStringLiteral("indexesView"));
    m_foreignKeysView = makeTable(m_foreignKeys, this, QStringLiteral("foreignKeysView"));
    m_foreignKeysView->setMouseTracking(true);
    m_lintView = makeTable(m_lint, this, QStringLiteral("lintView"));
    m_contractView = makeText(this, QStringLiteral("contractView"));
    m_hashView = makeText(this, QStringLiteral("contractHashView"));

    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_columnsView, tr("Columns"));
    m_tabs->addTab(m_indexesView, tr("Indexes"));
    m_tabs->addTab(m_foreignKeysView, tr("Foreign keys"));
    m_tabs->addTab(withNote(m_contractView,
                            tr("What the SDK sends to register this class. Indexes and foreign "
                               "keys are never part of it: Alembic owns them as DDL."),
                            this),
                   tr("Registration contract"));
    m_tabs->addTab(m_hashView, tr("Contract hash"));
    m_tabs->addTab(m_lintView, tr("Lint"));
    m_tabs->addTab(m_liveTable, tr("Live table"));
    m_tabs->addTab(m_provenance, tr("Provenance"));
    connect(m_provenance, &ProvenancePanel::differingChanged, this, [this](int texts) {
        m_tabs->setTabText(m_tabs->indexOf(m_provenance),
                           texts ? tr("Provenance (%1 differ)").arg(texts) : tr("Provenance"));
        m_overview->textsEditor()->setProvenanceNote(texts);
    });
    connect(m_overview->textsEditor(), &ClassTextsEditor::provenanceRequested, this, [this] {
        m_tabs->setCurrentWidget(m_provenance);
    });

    connect(m_foreignKeysView, &QAbstractItemView::clicked, this, [this](const QModelIndex &i) {
        onForeignKeyActivated(i);
    });
    connect(m_foreignKeysView, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        onForeignKeyActivated(i);
    });
    connect(m_lintView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &i) {
        onLintActivated(i);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
}

void StorageClassView::setStorageClass(const Core::StorageClass &storageClass)
{
    setStorageClass(storageClass, -1, {});
}

void StorageClassView::setStorageClass(const Core::StorageClass &storageClass,
                                       int position,
                                       const QList<Core::LintFinding> &manifestFindings)
{
    m_title->setText(storageClass.tableName());
    m_summary->setText(
        tr("%1 table in schema %2")
            .arg(storageClass.isTimeIndexed() ? tr("Time-indexed") : tr("Relational"),
                 storageClass.schema()));
    m_overview->setStorageClass(storageClass);
    m_columns->setStorageClass(storageClass);
    m_indexes->setStorageClass(storageClass);
    m_foreignKeys->setStorageClass(storageClass);
    m_lint->setFindings(manifestFindings, position);
    m_contractView->setPlainText(registrationContractText(storageClass));
    m_hashView->setPlainText(contractHashText(storageClass));
    m_tabs->setTabText(m_tabs->indexOf(m_lintView),
                       m_lint->rowCount() ? tr("Lint (%1)").arg(m_lint->rowCount()) : tr("Lint"));
    for (QTableView *view : {m_columnsView, m_indexesView, m_foreignKeysView, m_lintView})
        view->resizeColumnsToContents();
    m_liveTable->setNotConnected();
    m_class = storageClass;
    m_provenance->setTexts(storageClass, {}, false);
}

void StorageClassView::setStoredTexts(const Core::Steward::StoredTexts &stored, bool connected)
{
    m_provenance->setTexts(m_class, stored, connected);
}

void StorageClassView::setBadge(const Core::ClassBadgeInfo &badge)
{
    m_overview->setBadge(badge);
}

void StorageClassView::setLiveTable(const Core::Db::LiveTableFacts &facts)
{
    m_liveTable->setFacts(facts);
}

void StorageClassView::setLiveTableNotConnected()
{
    m_liveTable->setNotConnected();
}

void StorageClassView::setStewardEdits(Core::Steward::StewardEdits *edits)
{
    m_columns->setStewardEdits(edits);
    m_overview->textsEditor()->setStewardEdits(edits);
    m_provenance->setStewardEdits(edits);
}

void StorageClassView::showColumn(int row)
{
    if (row < 0 || row >= m_columns->rowCount())
        return;
    m_tabs->setCurrentWidget(m_columnsView);
    m_columnsView->selectRow(row);
    m_columnsView->scrollTo(m_columns->index(row, 0));
}

void StorageClassView::onForeignKeyActivated(const QModelIndex &index)
{
    if (!index.isValid() || index.column() != Core::ForeignKeysModel::Target)
        return;
    const auto [schema, table] = m_foreignKeys->target(index.row());
    emit foreignKeyTargetActivated(schema, table);
}

void StorageClassView::onLintActivated(const QModelIndex &index)
{
    const int row = index.data(int(Core::ModelRole::ColumnRow)).toInt();
    if (index.isValid() && row >= 0)
        showColumn(row);
}

} // namespace Gui
