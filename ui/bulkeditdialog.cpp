// SPDX-License-Identifier: MIT
#include "bulkeditdialog.h"

#include "rolestyledelegate.h"

#include <core/models/textchangesmodel.h>
#include <core/steward/bulkedit.h>

#include <QCheckBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Gui {

BulkEditDialog::BulkEditDialog(Core::Steward::StewardEdits *edits,
                               Mode mode,
                               const QStringList &selected,
                               QWidget *parent)
    : QDialog(parent)
    , m_edits(edits)
    , m_model(new Core::TextChangesModel(this))
    , m_modes(new QTabWidget(this))
    , m_classes(new QListWidget(this))
    , m_label(new QLineEdit(this))
    , m_add(new QRadioButton(tr("Add it"), this))
    , m_remove(new QRadioButton(tr("Remove it"), this))
    , m_pattern(new QLineEdit(this))
    , m_replacement(new QLineEdit(this))
    , m_caseSensitive(new QCheckBox(tr("Match case"), this))
    , m_descriptions(new QCheckBox(tr("Class descriptions"), this))
    , m_labels(new QCheckBox(tr("Class labels"), this))
    , m_columnTexts(new QCheckBox(tr("Column labels and descriptions"), this))
    , m_preview(new QTableView(this))
    , m_message(new QLabel(this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_previewTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("bulkEditDialog"));
    setWindowTitle(tr("Bulk edit of descriptions and labels"));

    m_classes->setObjectName(QStringLiteral("bulkClasses"));
    for (const Core::StorageClass &sc : edits->edited().storageClasses) {
        auto *item = new QListWidgetItem(sc.tableName(), m_classes);
        item->setData(Qt::UserRole, sc.classRef.path());
        item->setToolTip(sc.classRef.path());
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(selected.contains(sc.classRef.path()) ? Qt::Checked : Qt::Unchecked);
    }

    auto *labelsPage = new QWidget(m_modes);
    m_label->setObjectName(QStringLiteral("bulkLabel"));
    m_label->setPlaceholderText(tr("a label"));
    auto *completer = new QCompleter(edits->knownLabels(), m_label);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_label->setCompleter(completer);
    m_add->setObjectName(QStringLiteral("bulkAddLabel"));
    m_remove->setObjectName(QStringLiteral("bulkRemoveLabel"));
    m_add->setChecked(true);
    auto *labelsForm = new QFormLayout(labelsPage);
    labelsForm->addRow(tr("Label"), m_label);
    auto *how = new QHBoxLayout;
    how->addWidget(m_add);
    how->addWidget(m_remove);
    how->addStretch(1);
    labelsForm->addRow(tr("On the checked classes"), how);

    auto *replacePage = new QWidget(m_modes);
    m_pattern->setObjectName(QStringLiteral("bulkPattern"));
    m_pattern->setPlaceholderText(tr("a regular expression, e.g. \\bTODO\\b"));
    m_replacement->setObjectName(QStringLiteral("bulkReplacement"));
    m_replacement->setPlaceholderText(tr("the replacement; \\1 is the first group"));
    m_caseSensitive->setChecked(true);
    for (QCheckBox *box : {m_descriptions, m_labels, m_columnTexts})
        box->setChecked(true);
    auto *replaceForm = new QFormLayout(replacePage);
    replaceForm->addRow(tr("Find"), m_pattern);
    replaceForm->addRow(tr("Replace with"), m_replacement);
    auto *scope = new QHBoxLayout;
    scope->addWidget(m_descriptions);
    scope->addWidget(m_labels);
    scope->addWidget(m_columnTexts);
    scope->addStretch(1);
    replaceForm->addRow(tr("In"), scope);
    replaceForm->addRow(QString(), m_caseSensitive);
    replaceForm->addRow(
        QString(),
        new QLabel(tr("In the checked classes; none checked: every class."), replacePage));

    m_modes->setObjectName(QStringLiteral("bulkModes"));
    m_modes->addTab(labelsPage, tr("Labels"));
    m_modes->addTab(replacePage, tr("Find and replace"));
    m_modes->setCurrentIndex(mode == Mode::Labels ? 0 : 1);

    m_preview->setObjectName(QStringLiteral("bulkPreview"));
    m_preview->setModel(m_model);
    m_preview->setItemDelegate(new RoleStyleDelegate(m_preview));
    m_preview->verticalHeader()->hide();
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_preview->setColumnWidth(Core::TextChangesModel::Text, 260);
    m_preview->setColumnWidth(Core::TextChangesModel::Before, 260);
    m_message->setObjectName(QStringLiteral("bulkMessage"));
    m_message->setWordWrap(true);
    m_apply->setObjectName(QStringLiteral("applyBulkEdit"));
    m_apply->setDefault(true);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Storage classes"), left));
    leftLayout->addWidget(m_classes, 1);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_modes);
    rightLayout->addWidget(new QLabel(tr("Preview: every text it changes"), right));
    rightLayout->addWidget(m_preview, 1);
    rightLayout->addWidget(m_message);
    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &BulkEditDialog::apply);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(960, 560);

    // The preview follows every change of the inputs, once typing pauses.
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150);
    connect(m_previewTimer, &QTimer::timeout, this, &BulkEditDialog::preview);
    for (QLineEdit *edit : {m_label, m_pattern, m_replacement})
        connect(edit, &QLineEdit::textChanged, this, &BulkEditDialog::schedulePreview);
    for (QAbstractButton *box : std::initializer_list<QAbstractButton *>{
             m_add, m_remove, m_caseSensitive, m_descriptions, m_labels, m_columnTexts})
        connect(box, &QAbstractButton::toggled, this, &BulkEditDialog::schedulePreview);
    connect(m_classes, &QListWidget::itemChanged, this, &BulkEditDialog::schedulePreview);
    connect(m_modes, &QTabWidget::currentChanged, this, &BulkEditDialog::schedulePreview);
    preview();
}

QStringList BulkEditDialog::checkedClasses() const
{
    QStringList paths;
    for (int row = 0; row < m_classes->count(); ++row) {
        if (m_classes->item(row)->checkState() == Qt::Checked)
            paths << m_classes->item(row)->data(Qt::UserRole).toString();
    }
    return paths;
}

void BulkEditDialog::schedulePreview()
{
    m_previewTimer->start();
}

void BulkEditDialog::preview()
{
    m_previewTimer->stop();
    const Core::ProviderManifest &manifest = m_edits->edited();
    Core::Result<QList<Core::Steward::PlannedChange>> plan = QList<Core::Steward::PlannedChange>{};
    QString waiting;
    if (m_modes->currentIndex() == 0) {
        const QStringList classes = checkedClasses();
        if (m_label->text().trimmed().isEmpty())
            waiting = tr("Type the label.");
        else if (classes.isEmpty())
            waiting = tr("Check the classes to change.");
        else if (m_add->isChecked())
            plan = Core::Steward::planAddLabel(manifest, classes, m_label->text());
        else
            plan = Core::Steward::planRemoveLabel(manifest, classes, m_label->text());
        m_description
            = m_add->isChecked()
                  ? tr("Add label '%1' to %n class(es)", nullptr, int(classes.size()))
                        .arg(m_label->text().trimmed())
                  : tr("Remove label '%1' from %n class(es)", nullptr, int(classes.size()))
                        .arg(m_label->text().trimmed());
    } else {
        Core::Steward::ReplaceOptions options;
        options.pattern = m_pattern->text();
        options.replacement = m_replacement->text();
        options.caseSensitive = m_caseSensitive->isChecked();
        options.descriptions = m_descriptions->isChecked();
        options.labels = m_labels->isChecked();
        options.columnTexts = m_columnTexts->isChecked();
        options.classPaths = checkedClasses();
        if (options.pattern.isEmpty())
            waiting = tr("Type what to find.");
        else
            plan = Core::Steward::planReplace(manifest, options);
        m_description = tr("Replace '%1' with '%2'").arg(options.pattern, options.replacement);
    }
    if (!plan) {
        m_model->setPlan({}, manifest);
        m_message->setText(plan.error().message);
        m_apply->setEnabled(false);
        return;
    }
    m_model->setPlan(*plan, manifest);
    m_message->setText(!waiting.isEmpty() ? waiting
                       : plan->isEmpty()  ? tr("Nothing to change.")
                                          : tr("%n text(s) change; Apply makes it one step of "
                                               "Edit ▸ Undo.",
                                              nullptr,
                                              int(plan->size())));
    m_apply->setEnabled(waiting.isEmpty() && !plan->isEmpty());
}

void BulkEditDialog::apply()
{
    preview(); // what is applied is what the inputs say now
    if (m_model->plan().isEmpty())
        return;
    if (auto set = m_edits->setTexts(Core::Steward::changesOf(m_model->plan()), m_description);
        !set) {
        m_message->setText(set.error().message);
        return;
    }
    accept();
}

} // namespace Gui
