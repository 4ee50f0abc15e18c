// SPDX-License-Identifier: MIT
#include "provenancepanel.h"

#include "rolestyledelegate.h"

#include <core/models/provenancemodel.h>
#include <core/steward/stewardedits.h>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

ProvenancePanel::ProvenancePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new Core::ProvenanceModel(this))
    , m_summary(new QLabel(this))
    , m_view(new QTableView(this))
    , m_takeCatalog(new QPushButton(tr("Take the catalog's text"), this))
    , m_takeDatabase(new QPushButton(tr("Take the database's text"), this))
{
    setObjectName(QStringLiteral("provenance"));
    m_summary->setObjectName(QStringLiteral("provenanceSummary"));
    m_summary->setWordWrap(true);
    m_view->setObjectName(QStringLiteral("provenanceView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new RoleStyleDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->hide();
    // Wrapped texts: each row as tall as its longest copy at the columns' widths.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(Core::ProvenanceModel::Text,
                                                     QHeaderView::ResizeToContents);
    m_takeCatalog->setObjectName(QStringLiteral("takeCatalogText"));
    m_takeDatabase->setObjectName(QStringLiteral("takeDatabaseText"));
    m_takeCatalog->setToolTip(tr("Make the catalog row's text the manifest's (a pending edit)"));
    m_takeDatabase->setToolTip(tr("Make the live COMMENT ON the manifest's (a pending edit)"));
    connect(m_takeCatalog, &QPushButton::clicked, this, [this] { take(true); });
    connect(m_takeDatabase, &QPushButton::clicked, this, [this] { take(false); });
    connect(m_view->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &ProvenancePanel::showButtons);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_takeCatalog);
    buttons->addWidget(m_takeDatabase);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    showButtons();
}

void ProvenancePanel::setStewardEdits(Core::Steward::StewardEdits *edits)
{
    m_edits = edits;
}

void ProvenancePanel::setTexts(const Core::StorageClass &storageClass,
                               const Core::Steward::StoredTexts &stored,
                               bool connected)
{
    const int current = m_view->currentIndex().row();
    const int before = m_model->differing();
    m_model->setCopies(Core::Steward::textCopies(storageClass, stored));
    if (current >= 0 && current < m_model->rowCount())
        m_view->selectRow(current);
    const int differing = m_model->differing();
    if (!connected)
        m_summary->setText(tr("Connect to a database to compare the manifest's texts with the "
                              "catalog row and the live COMMENT ON."));
    else if (differing == 0)
        m_summary->setText(tr("The catalog and the database hold the manifest's texts."));
    else
        m_summary->setText(
            tr("%n text(s) differ between the manifest, the catalog and the database. The next "
               "migration writes the manifest's; take another copy to keep it instead.",
               nullptr,
               differing));
    showButtons();
    if (differing != before)
        emit differingChanged(differing);
}

int ProvenancePanel::differing() const
{
    return m_model->differing();
}

void ProvenancePanel::selectText(const Core::Steward::TextKey &key)
{
    if (const int row = m_model->rowOf(key); row >= 0)
        m_view->selectRow(row);
}

void ProvenancePanel::showButtons()
{
    const Core::Steward::TextCopies *c = m_model->copies(m_view->currentIndex().row());
    m_takeCatalog->setEnabled(m_edits && c && c->catalogDiffers());
    m_takeDatabase->setEnabled(m_edits && c && c->databaseDiffers());
}

void ProvenancePanel::take(bool catalog)
{
    const Core::Steward::TextCopies *c = m_model->copies(m_view->currentIndex().row());
    if (!m_edits || !c)
        return;
    const std::optional<Core::Steward::TextValue> copy = catalog ? c->catalog : c->database;
    if (copy)
        (void)m_edits->setText(c->key, *copy);
}

} // namespace Gui
