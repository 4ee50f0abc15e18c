// SPDX-License-Identifier: MIT
#include "storagebrowser.h"

#include "storageitemdelegate.h"

#include <core/models/storagefiltermodel.h>
#include <core/models/storagetreemodel.h>

#include <QAction>
#include <QHeaderView>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace Gui {

StorageBrowser::StorageBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new Core::StorageTreeModel(this))
    , m_filter(new Core::StorageFilterModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_tree(new QTreeView(this))
{
    m_filter->setSourceModel(m_model);

    m_filterEdit->setObjectName(QStringLiteral("storageFilter"));
    m_filterEdit->setPlaceholderText(
        tr("Filter by table, identifier, label, description or column"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &StorageBrowser::applyFilter);

    auto *find = new QAction(tr("Find table"), this);
    find->setShortcut(QKeySequence::Find);
    // Anywhere in the window the browser is in (the main window, around its dock).
    find->setShortcutContext(Qt::WindowShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(find);

    auto *clear = new QAction(tr("Clear filter"), m_filterEdit);
    clear->setShortcut(Qt::Key_Escape);
    clear->setShortcutContext(Qt::WidgetShortcut);
    connect(clear, &QAction::triggered, m_filterEdit, &QLineEdit::clear);
    m_filterEdit->addAction(clear);

    m_tree->setObjectName(QStringLiteral("storageTree"));
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new StorageItemDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection); // bulk edits of several classes
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    connect(m_tree->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_tree->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &StorageBrowser::selectionChanged);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_tree, 1);
    setFocusProxy(m_tree);
}

void StorageBrowser::setManifest(const Core::ProviderManifest &manifest)
{
    m_model->setManifest(manifest);
    expandGroups();
}

void StorageBrowser::setContents(std::shared_ptr<const Core::StorageTreeModel::Contents> contents)
{
    m_model->setContents(std::move(contents));
    expandGroups();
}

void StorageBrowser::setBadges(const QHash<QString, Core::ClassBadgeInfo> &byClassPath)
{
    m_model->setBadges(byClassPath);
}

QList<int> StorageBrowser::selectedStorageClasses() const
{
    QList<int> positions;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        const QModelIndex source = m_filter->mapToSource(row);
        const auto kind
            = Core::WorkspaceItemKind(source.data(int(Core::ModelRole::ItemKind)).toInt());
        if (kind == Core::WorkspaceItemKind::StorageClass)
            positions << source.data(int(Core::ModelRole::ItemIndex)).toInt();
    }
    return positions;
}

QString StorageBrowser::filterText() const
{
    return m_filterEdit->text();
}

void StorageBrowser::setFilterText(const QString &text)
{
    m_filterEdit->setText(text);
}

void StorageBrowser::applyFilter(const QString &text)
{
    const QStringList before = m_filter->filterTerms();
    m_filter->setFilterText(text);
    if (m_filter->filterTerms() != before)
        expandGroups();
}

// Groups open, so matches are visible; leaves have no children to expand.
void StorageBrowser::expandGroups()
{
    for (int row = 0; row < m_filter->rowCount(); ++row)
        m_tree->expand(m_filter->index(row, 0));
}

void StorageBrowser::onCurrentChanged(const QModelIndex &current)
{
    const QModelIndex source = m_filter->mapToSource(current);
    const auto kind = Core::WorkspaceItemKind(source.data(int(Core::ModelRole::ItemKind)).toInt());
    if (!source.isValid() || kind == Core::WorkspaceItemKind::Group) {
        emit currentChanged(Core::WorkspaceItemKind::Group, -1);
        return;
    }
    emit currentChanged(kind, source.data(int(Core::ModelRole::ItemIndex)).toInt());
}

bool StorageBrowser::selectSource(const QModelIndex &sourceIndex)
{
    if (!sourceIndex.isValid())
        return false;
    QModelIndex index = m_filter->mapFromSource(sourceIndex);
    if (!index.isValid()) {
        m_filterEdit->clear(); // the filter hides the row: show everything again
        index = m_filter->mapFromSource(sourceIndex);
    }
    if (!index.isValid())
        return false;
    m_tree->expand(index.parent());
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

bool StorageBrowser::select(Core::WorkspaceItemKind kind, int position)
{
    return selectSource(m_model->indexFor(kind, position));
}

bool StorageBrowser::selectTable(const QString &schema, const QString &table)
{
    return selectSource(m_model->indexForTable(schema, table));
}

} // namespace Gui
