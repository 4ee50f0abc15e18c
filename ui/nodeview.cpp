// SPDX-License-Identifier: MIT
#include "nodeview.h"

#include "rolestyledelegate.h"

#include <core/config/nodehash.h>
#include <core/contract/providermanifest.h>
#include <core/models/configfieldsmodel.h>

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

NodeView::NodeView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_hash(new QLabel(this))
    , m_fieldsView(new QTableView(this))
    , m_fields(new Core::ConfigFieldsModel(this))
{
    m_title->setObjectName(QStringLiteral("nodeTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary->setObjectName(QStringLiteral("nodeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_hash->setObjectName(QStringLiteral("updateHash"));
    connect(m_hash, &QLabel::linkActivated, this, &NodeView::reviewRequested);
    m_hash->setWordWrap(true);
    m_hash->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_fieldsView->setObjectName(QStringLiteral("configFieldsView"));
    m_fieldsView->setModel(m_fields);
    m_fieldsView->setItemDelegate(new RoleStyleDelegate(m_fieldsView));
    m_fieldsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fieldsView->setAlternatingRowColors(true);
    m_fieldsView->verticalHeader()->hide();
    m_fieldsView->horizontalHeader()->setStretchLastSection(true);
    m_fieldsView->horizontalHeader()->setMaximumSectionSize(
        360); // long values elide; tooltips hold them

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_hash);
    layout->addWidget(new QLabel(tr("Configuration"), this));
    layout->addWidget(m_fieldsView, 1);
}

void NodeView::setNode(const Core::NodeDefinition &node,
                       const Core::ProviderManifest &manifest,
                       bool connected)
{
    m_title->setText(node.classRef.qualname);
    QStringList facts;
    facts << tr("class %1").arg(node.classRef.path());
    facts << tr("config %1").arg(node.configClass.path());
    facts << tr("writes %1").arg(node.storageClass.value_or(tr("a table chosen at launch")));
    if (node.hashNamespace)
        facts << tr("hash namespace %1").arg(*node.hashNamespace);
    if (!node.runner.command.isEmpty())
        facts << tr("runner %1 (%2)")
                     .arg(node.runner.command.join(QLatin1Char(' ')), node.runner.rowFormat);
    m_summary->setText(facts.join(QStringLiteral("  ·  ")));
    const auto hashes
        = Core::Config::computeNodeHashes(node, Core::Config::lookupFromManifest(manifest));
    if (hashes) {
        m_hash->setText(tr("update_hash <b>%1</b>  ·  storage_hash %2")
                            .arg(hashes->updateHash, hashes->storageHash));
    } else if (hashes.error().message.contains(QStringLiteral("is not registered"))) {
        // The SDK's advice names its own command; here the console can register the class.
        m_hash->setText(connected
                            ? tr("<b>update_hash not computable yet:</b> a storage class its "
                                 "configuration names is not registered in this database. "
                                 "<a href=\"review\">Review the migration</a> that creates and "
                                 "registers it.")
                            : tr("<b>update_hash not computable yet:</b> a storage class its "
                                 "configuration names is bound only once registered. Connect to "
                                 "a database (Database &rarr; Connect) to bind it, or to review "
                                 "the migration that registers it."));
    } else {
        m_hash->setText(tr("<b>update_hash not computable:</b> %1")
                            .arg(hashes.error().message.toHtmlEscaped()));
    }
    m_fields->setNode(node);
    m_fieldsView->resizeColumnsToContents();
}

} // namespace Gui
