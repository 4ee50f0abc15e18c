// SPDX-License-Identifier: MIT
#include "storageoverview.h"

#include "classtextseditor.h"
#include "storageicons.h"

#include <core/contract/storageclass.h>
#include <core/models/classbadge.h>

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Gui {

namespace {

QString orMissing(const std::optional<QString> &value, const QString &missing)
{
    return value && !value->trimmed().isEmpty() ? value->toHtmlEscaped()
                                                : QStringLiteral("<i>%1</i>").arg(missing);
}

} // namespace

StorageOverview::StorageOverview(QWidget *parent)
    : QWidget(parent)
{
    // The fields at the top, whatever the height: the form in a box with a stretch below it.
    auto *outer = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    outer->addLayout(form);
    outer->addStretch(1);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form = form;

    m_badgeIcon = new QLabel(this);
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("overviewBadge"));
    auto *status = new QHBoxLayout;
    status->addWidget(m_badgeIcon);
    status->addWidget(m_badge, 1);
    form->addRow(tr("Status"), status);
    m_reason = addRow(tr("Why"), QStringLiteral("overviewBadgeReason"));
    m_identifier = addRow(tr("Identifier"), QStringLiteral("overviewIdentifier"));
    m_namespace = addRow(tr("Namespace"), QStringLiteral("overviewNamespace"));
    m_texts = new ClassTextsEditor(this);
    form->addRow(tr("Description and labels"), m_texts);
    m_cadence = addRow(tr("Cadence"), QStringLiteral("overviewCadence"));
    m_timeIndex = addRow(tr("Time index and grain"), QStringLiteral("overviewTimeIndex"));
    m_binding = addRow(tr("Binding UID"), QStringLiteral("overviewBinding"));
    setBadge({});
}

QLabel *StorageOverview::addRow(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setTextFormat(Qt::RichText);
    m_form->addRow(label, value);
    return value;
}

void StorageOverview::setStorageClass(const Core::StorageClass &storageClass)
{
    const Core::Registration &r = storageClass.registration;
    m_identifier->setText(orMissing(r.identifier, tr("none")));
    m_namespace->setText(r.namespaceName.toHtmlEscaped());
    m_texts->setClass(storageClass.classRef.path());
    if (storageClass.isTimeIndexed()) {
        m_cadence->setText(orMissing(r.cadence, tr("not set")));
        m_timeIndex->setText(tr("%1; grain (%2)")
                                 .arg(r.timeIndexName.toHtmlEscaped(),
                                      r.indexNames.join(QStringLiteral(", ")).toHtmlEscaped()));
    } else {
        m_cadence->setText(tr("<i>relational table: no cadence</i>"));
        m_timeIndex->setText(tr("<i>relational table: no time index</i>"));
    }
    m_binding->setText(storageClass.binding
                           ? storageClass.binding->uid.toHtmlEscaped()
                           : tr("<i>not registered yet: a migration binds it</i>"));
}

void StorageOverview::setBadge(const Core::ClassBadgeInfo &badge)
{
    m_badgeIcon->setPixmap(badgeIcon(badge.badge).pixmap(16, 16));
    m_badge->setText(Core::classBadgeName(badge.badge));
    m_reason->setText(badge.reason.isEmpty()
                          ? tr("<i>no details</i>")
                          : badge.reason.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
}

} // namespace Gui
