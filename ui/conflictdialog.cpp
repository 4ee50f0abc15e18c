// SPDX-License-Identifier: MIT
#include "conflictdialog.h"

#include "rolestyledelegate.h"

#include <core/models/threewaymodel.h>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

ConflictDialog::ConflictDialog(Where where,
                               const QList<Core::Steward::ThreeWayText> &texts,
                               const Core::ProviderManifest &manifest,
                               QWidget *parent)
    : QDialog(parent)
    , m_model(new Core::ThreeWayModel(this))
{
    setObjectName(QStringLiteral("conflictView"));
    m_model->setTexts(texts, manifest);
    const bool catalog = where == Where::Catalog;
    setWindowTitle(catalog ? tr("The catalog changed in the database")
                           : tr("The manifest changed on disk"));
    m_model->setTheirsTitle(catalog ? tr("Theirs (catalog now)") : tr("Theirs (on disk now)"));
    auto *intro = new QLabel(
        catalog
            ? tr("Someone changed these catalog rows since you read them, so the texts did not "
                 "reach the database (your manifest holds them). Here is each text: as the "
                 "catalog held it when you read it, as it holds it now, and yours. %n of them "
                 "were changed on both sides; check <b>Keep theirs</b> where the catalog's "
                 "should win (it becomes the manifest's too).",
                 nullptr,
                 m_model->conflicts())
            : tr("Someone changed the manifest since it was loaded, so nothing was written. Here "
                 "is each text you edited: as it was loaded, as it is on disk now, and yours. %n "
                 "of them were changed on both sides; check <b>Keep theirs</b> where theirs "
                 "should win. Everything else in the file stays as it is on disk.",
                 nullptr,
                 m_model->conflicts()),
        this);
    intro->setObjectName(QStringLiteral("conflictSummary"));
    intro->setWordWrap(true);
    auto *view = new QTableView(this);
    view->setObjectName(QStringLiteral("conflictTable"));
    view->setModel(m_model);
    view->setItemDelegate(new RoleStyleDelegate(view));
    view->setWordWrap(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view->horizontalHeader()->setSectionResizeMode(Core::ThreeWayModel::KeepTheirs,
                                                   QHeaderView::ResizeToContents);
    view->resizeRowsToContents();

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *save
        = buttons->addButton(tr("Save with these choices"), QDialogButtonBox::AcceptRole);
    save->setObjectName(QStringLiteral("saveResolution"));
    QPushButton *later = buttons->addButton(tr("Keep editing"), QDialogButtonBox::RejectRole);
    later->setObjectName(QStringLiteral("cancelResolution"));
    later->setToolTip(tr("Nothing is written; your edits stay pending"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(view, 1);
    layout->addWidget(buttons);
    resize(980, 420);
}

QList<Core::Steward::TextChange> ConflictDialog::chosen() const
{
    return m_model->chosen();
}

} // namespace Gui
