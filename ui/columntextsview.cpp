// SPDX-License-Identifier: MIT
#include "columntextsview.h"

#include "rolestyledelegate.h"

#include <core/models/columntextsmodel.h>
#include <core/models/textchangesmodel.h>
#include <core/steward/columntexts.h>
#include <core/util/atomicfile.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

ColumnTextsView::ColumnTextsView(Core::Steward::StewardEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_edits(edits)
    , m_model(new Core::ColumnTextsModel(edits, this))
    , m_everyClass(new QCheckBox(tr("Every class"), this))
    , m_view(new QTableView(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("columnTexts"));
    m_everyClass->setObjectName(QStringLiteral("columnTextsEveryClass"));
    m_everyClass->setToolTip(tr("Unchecked: the classes selected in the workspace tree"));
    m_view->setObjectName(QStringLiteral("columnTextsView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new RoleStyleDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(Core::ColumnTextsModel::Table, 260);
    m_view->setColumnWidth(Core::ColumnTextsModel::Column, 150);
    m_view->setColumnWidth(Core::ColumnTextsModel::Label, 180);
    m_message->setObjectName(QStringLiteral("columnTextsMessage"));
    m_message->setWordWrap(true);

    // The view's own shortcuts, so that Ctrl+C/V in other widgets keep their meaning.
    auto *paste = new QAction(tr("Paste"), m_view);
    paste->setShortcut(QKeySequence::Paste);
    paste->setShortcutContext(Qt::WidgetShortcut);
    connect(paste, &QAction::triggered, this, &ColumnTextsView::pasteClipboard);
    auto *copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ColumnTextsView::copySelection);
    m_view->addActions({copy, paste});
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *importButton = new QPushButton(tr("Import CSV…"), this);
    importButton->setObjectName(QStringLiteral("importColumnTexts"));
    auto *exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportColumnTexts"));
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import column texts"), QString(), tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            importCsv(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this,
                                                          tr("Export column texts"),
                                                          QStringLiteral("column-texts.csv"),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    connect(m_everyClass, &QCheckBox::toggled, this, &ColumnTextsView::showClasses);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Column labels and descriptions"), this));
    bar->addStretch(1);
    bar->addWidget(m_everyClass);
    bar->addWidget(importButton);
    bar->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    showClasses();
}

void ColumnTextsView::setSelectedClasses(const QStringList &classPaths)
{
    m_selected = classPaths;
    showClasses();
}

void ColumnTextsView::showClasses()
{
    m_model->setClasses(m_everyClass->isChecked() ? QStringList() : m_selected);
    if (!m_everyClass->isChecked() && m_selected.isEmpty())
        say(tr("Select storage classes in the workspace tree (Ctrl-click for several), or "
               "check Every class."));
    else
        say(tr("%n column(s). Double-click a cell to edit; paste a block from a spreadsheet "
               "with Ctrl+V.",
               nullptr,
               m_model->rowCount()));
}

void ColumnTextsView::say(const QString &message)
{
    m_message->setText(message);
}

void ColumnTextsView::pasteClipboard()
{
    const QModelIndex at = m_view->currentIndex();
    if (!at.isValid()) {
        say(tr("Select the cell where the block's top-left cell goes."));
        return;
    }
    auto block
        = Core::Steward::parseDelimited(QApplication::clipboard()->text(), QLatin1Char('\t'));
    if (!block) {
        say(block.error().message);
        return;
    }
    const auto pasted = m_model->paste(at, *block);
    if (!pasted) {
        say(pasted.error().message);
        return;
    }
    say(tr("%n cell(s) changed; Edit ▸ Undo takes the paste back.", nullptr, *pasted));
}

void ColumnTextsView::copySelection()
{
    QApplication::clipboard()->setText(m_model->copy(m_view->selectionModel()->selectedIndexes()));
}

void ColumnTextsView::importCsv(const QString &path)
{
    auto bytes = Core::readWholeFile(path);
    if (!bytes) {
        say(bytes.error().message);
        return;
    }
    auto plan = Core::Steward::planCsvImport(m_edits->edited(), *bytes);
    if (!plan) {
        say(tr("%1: %2").arg(QFileInfo(path).fileName(), plan.error().message));
        return;
    }
    if (plan->isEmpty()) {
        say(tr("%1 holds the texts the manifest already has.").arg(QFileInfo(path).fileName()));
        return;
    }
    // The preview: every text the file changes, before it changes.
    QDialog preview(this);
    preview.setObjectName(QStringLiteral("csvImportPreview"));
    preview.setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
    auto *model = new Core::TextChangesModel(&preview);
    model->setPlan(*plan, m_edits->edited());
    auto *table = new QTableView(&preview);
    table->setModel(model);
    table->setItemDelegate(new RoleStyleDelegate(table));
    table->horizontalHeader()->setStretchLastSection(true);
    table->setColumnWidth(0, 260);
    table->setColumnWidth(1, 260);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &preview);
    QPushButton *apply = buttons->addButton(tr("Apply %n change(s)", nullptr, int(plan->size())),
                                            QDialogButtonBox::AcceptRole);
    apply->setObjectName(QStringLiteral("applyCsvImport"));
    connect(buttons, &QDialogButtonBox::accepted, &preview, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &preview, &QDialog::reject);
    auto *layout = new QVBoxLayout(&preview);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
    preview.resize(900, 480);
    if (preview.exec() != QDialog::Accepted)
        return;
    if (auto set = m_edits->setTexts(Core::Steward::changesOf(*plan),
                                     tr("Import %1").arg(QFileInfo(path).fileName()));
        !set) {
        say(set.error().message);
        return;
    }
    say(tr("%n text(s) imported; Edit ▸ Undo takes the import back.", nullptr, int(plan->size())));
}

void ColumnTextsView::exportCsv(const QString &path)
{
    const QByteArray csv = Core::Steward::columnTextsCsv(m_edits->edited(), m_model->classes());
    if (auto written = Core::writeFileAtomically(path, csv); !written) {
        say(written.error().message);
        return;
    }
    say(tr("Wrote %1 (%n column(s)).", nullptr, m_model->rowCount())
            .arg(QDir::toNativeSeparators(path)));
}

} // namespace Gui
