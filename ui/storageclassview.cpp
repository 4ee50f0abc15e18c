// SPDX-License-Identifier: MIT
#include "storageclassview.h"

#include "rolestyledelegate.h"

#include <core/contract/storageclass.h>
#include <core/models/columnsmodel.h>
#include <core/models/ddlobjectsmodel.h>

#include <QHeaderView>
#include <QLabel>
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

} // namespace

StorageClassView::StorageClassView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_description(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_columns(new Core::ColumnsModel(this))
    , m_ddl(new Core::DdlObjectsModel(this))
{
    m_title->setObjectName(QStringLiteral("storageTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(QStringLiteral("storageSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_description->setObjectName(QStringLiteral("storageDescription"));
    m_description->setWordWrap(true);

    m_columnsView = makeTable(m_columns, this, QStringLiteral("columnsView"));
    m_ddlView = makeTable(m_ddl, this, QStringLiteral("ddlView"));
    m_tabs->addTab(m_columnsView, tr("Columns"));
    m_tabs->addTab(m_ddlView, tr("Indexes and keys"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_description);
    layout->addWidget(m_tabs, 1);
}

void StorageClassView::setStorageClass(const Core::StorageClass &storageClass)
{
    const Core::Registration &r = storageClass.registration;
    m_title->setText(storageClass.tableName());
    QStringList facts;
    facts << (storageClass.isTimeIndexed() ? tr("time-indexed") : tr("relational"));
    facts << tr("schema %1").arg(r.physicalSchema);
    facts << tr("namespace %1").arg(r.namespaceName);
    if (r.identifier)
        facts << tr("identifier %1").arg(*r.identifier);
    if (storageClass.isTimeIndexed()) {
        facts << tr("grain (%1)").arg(r.indexNames.join(QStringLiteral(", ")));
        if (r.cadence)
            facts << tr("cadence %1").arg(*r.cadence);
    }
    if (!r.labels.isEmpty())
        facts << tr("labels %1").arg(r.labels.join(QStringLiteral(", ")));
    if (r.protectFromDeletion)
        facts << tr("protected from deletion");
    facts << (storageClass.binding ? tr("bound: %1").arg(storageClass.binding->uid)
                                   : tr("not registered yet"));
    m_summary->setText(facts.join(QStringLiteral("  ·  ")));
    m_description->setText(r.description.value_or(
        tr("<i>No description. The migration guide asks for one on every storage class.</i>")));
    m_columns->setStorageClass(storageClass);
    m_ddl->setStorageClass(storageClass);
    m_columnsView->resizeColumnsToContents();
    m_ddlView->resizeColumnsToContents();
}

} // namespace Gui
