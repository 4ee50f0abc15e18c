// SPDX-License-Identifier: MIT
#include "configeditor.h"

#include "configfieldeditor.h"
#include "rolestyledelegate.h"

#include <core/config/configform.h>
#include <core/models/configchangesmodel.h>
#include <core/workspace/configdraft.h>

#include <QComboBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

namespace {

enum Filter { AllFields, HashedOnly, ExcludedOnly };

std::optional<Core::Json> valueAt(const Core::Json &config, const QStringList &path)
{
    const Core::Json *node = &config;
    for (const QString &part : path) {
        if (!node->is_object() || !node->contains(part.toStdString()))
            return std::nullopt;
        node = &node->at(part.toStdString());
    }
    return *node;
}

} // namespace

ConfigEditor::ConfigEditor(Core::ConfigDraft *draft,
                           const Core::ProviderManifest &boundManifest,
                           QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_changes(new Core::ConfigChangesModel(this))
    , m_identity(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_filter(new QComboBox(this))
    , m_issues(new QListWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_changesView(new QTableView(this))
    , m_raw(new QPlainTextEdit(this))
    , m_rawError(new QLabel(this))
    , m_save(new QPushButton(tr("&Save to manifest"), this))
{
    setObjectName(QStringLiteral("configEditor"));
    m_identity->setObjectName(QStringLiteral("identity"));
    m_identity->setTextFormat(Qt::RichText);
    m_identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_identity->setWordWrap(true);
    m_notice->setObjectName(QStringLiteral("identityNotice"));
    m_notice->setTextFormat(Qt::RichText);
    m_notice->setWordWrap(true);
    m_filter->setObjectName(QStringLiteral("hashFilter"));
    m_filter->addItems({tr("All fields"), tr("Hashed only"), tr("Excluded only")});
    m_issues->setObjectName(QStringLiteral("issuesList"));
    m_issues->setMaximumHeight(90);
    m_changesView->setObjectName(QStringLiteral("changesView"));
    m_changesView->setModel(m_changes);
    m_changesView->setItemDelegate(new RoleStyleDelegate(m_changesView));
    m_changesView->horizontalHeader()->setStretchLastSection(true);
    m_changesView->verticalHeader()->hide();
    m_raw->setObjectName(QStringLiteral("rawJson"));
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rawError->setObjectName(QStringLiteral("rawJsonError"));
    m_rawError->setWordWrap(true);

    auto *legend = new QLabel(tr("<i>not hashed</i>: the field does not change the update "
                                 "identity"),
                              this);
    auto *discard = new QPushButton(tr("Discard draft"), this);
    discard->setObjectName(QStringLiteral("discardDraft"));
    connect(discard, &QPushButton::clicked, m_draft, &Core::ConfigDraft::discard);
    auto *top = new QHBoxLayout;
    top->addWidget(legend, 1);
    top->addWidget(m_filter);
    top->addWidget(discard);
    m_save->setObjectName(QStringLiteral("saveConfig"));
    m_save->setToolTip(tr("Write this configuration into the manifest file"));
    connect(m_save, &QPushButton::clicked, this, [this] {
        emit saveRequested(m_draft->node().classRef.path());
    });
    top->addWidget(m_save);

    auto *rawPage = new QWidget(this);
    auto *rawLayout = new QVBoxLayout(rawPage);
    auto *applyRaw = new QPushButton(tr("Apply JSON"), rawPage);
    applyRaw->setObjectName(QStringLiteral("applyRawJson"));
    connect(applyRaw, &QPushButton::clicked, this, &ConfigEditor::applyRawJson);
    rawLayout->addWidget(m_raw, 1);
    rawLayout->addWidget(m_rawError);
    rawLayout->addWidget(applyRaw, 0, Qt::AlignRight);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(createForm(boundManifest));
    m_tabs->setObjectName(QStringLiteral("configTabs"));
    m_tabs->addTab(scroll, tr("Form"));
    m_tabs->addTab(m_changesView, tr("Changes"));
    m_tabs->addTab(rawPage, tr("Raw JSON"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_identity);
    layout->addWidget(m_notice);
    layout->addLayout(top);
    layout->addWidget(m_issues);
    layout->addWidget(m_tabs, 1);

    connect(m_draft, &Core::ConfigDraft::changed, this, &ConfigEditor::refresh);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &ConfigEditor::applyFilter);
    connect(m_issues, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString path = item->data(Qt::UserRole).toString();
        for (ConfigFieldEditor *e : std::as_const(m_editors)) {
            if (e->path().join(u'.') == path && e->editor()) {
                m_tabs->setCurrentIndex(0);
                e->editor()->setFocus(Qt::OtherFocusReason);
            }
        }
    });
    refresh();
}

ConfigEditor::~ConfigEditor() = default;

QWidget *ConfigEditor::createForm(const Core::ProviderManifest &manifest)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto form = Core::Config::buildForm(m_draft->node().configSchema);
    if (!form) {
        auto *error = new QLabel(tr("The configuration schema cannot be shown as a form: %1 "
                                    "Edit it in the Raw JSON tab.")
                                     .arg(form.error().message),
                                 page);
        error->setWordWrap(true);
        layout->addWidget(error);
        return page;
    }
    const auto edit
        = [this](const QStringList &path, const std::optional<Core::Json> &value, bool typing) {
              m_draft->setValue(path, value, typing);
          };
    for (const Core::Config::FormField &field : form->children) {
        auto *editor = new ConfigFieldEditor(field, {field.key}, manifest, edit, page);
        m_topLevel.append(editor);
        collectEditors(editor);
        layout->addWidget(editor);
    }
    layout->addStretch(1);
    return page;
}

void ConfigEditor::collectEditors(ConfigFieldEditor *editor)
{
    m_editors.append(editor);
    for (ConfigFieldEditor *child : editor->children())
        collectEditors(child);
}

void ConfigEditor::refresh()
{
    const Core::Json &config = m_draft->config();
    for (ConfigFieldEditor *e : std::as_const(m_topLevel))
        e->setValue(valueAt(config, e->path()));

    QHash<QString, QStringList> errors;
    m_issues->clear();
    for (const Core::Config::ConfigIssue &issue : m_draft->issues()) {
        const QString path = issue.path();
        errors[issue.location.mid(0, 1).join(u'.')].append(issue.message); // shown on the field
        if (issue.location.size() > 1)
            errors[issue.location.join(u'.')].append(issue.message);
        auto *item = new QListWidgetItem((issue.warning ? tr("warning: ") : QString()) + path
                                             + QStringLiteral(": ") + issue.message,
                                         m_issues);
        item->setData(Qt::UserRole, issue.location.mid(0, 2).join(u'.'));
    }
    m_issues->setVisible(m_issues->count() > 0);
    for (ConfigFieldEditor *e : std::as_const(m_editors))
        e->setError(errors.value(e->path().join(u'.')).join(QLatin1Char('\n')));

    const auto &now = m_draft->identity();
    const auto &saved = m_draft->savedIdentity();
    const QString savedHash = saved.hashes ? saved.hashes->updateHash : tr("not computable");
    if (now.hashes)
        m_identity->setText(tr("update_hash <b>%1</b> (manifest: %2)  ·  storage_hash %3")
                                .arg(now.hashes->updateHash, savedHash, now.hashes->storageHash));
    else
        m_identity->setText(tr("update_hash not computable (manifest: %1): %2")
                                .arg(savedHash, now.error.toHtmlEscaped()));
    if (!m_draft->isModified())
        m_notice->setText(m_draft->restoredFromDraft() ? tr("Draft restored; no changes left.")
                                                       : tr("No changes."));
    else if (!now.hashes)
        m_notice->setText(tr("<b>The update identity is unknown</b> until the errors below are "
                             "fixed."));
    else if (m_draft->changesIdentity())
        m_notice->setText(tr("<b>This will run as a new updater:</b> a hashed field changed the "
                             "update identity."));
    else
        m_notice->setText(tr("Same update identity: only hash-excluded fields changed."));

    QList<Core::ConfigChangesModel::Row> rows;
    for (const Core::ConfigChange &c : m_draft->changes())
        rows.append({c.path, c.before, c.after, c.hashExcluded});
    m_changes->setChanges(rows);
    if (!m_raw->hasFocus())
        m_raw->setPlainText(QString::fromStdString(config.dump(2)));
    // Saving waits for a valid configuration: errors are fixed first, never written.
    m_save->setEnabled(m_draft->isModified() && !Core::Config::hasErrors(m_draft->issues()));
    m_save->setToolTip(Core::Config::hasErrors(m_draft->issues())
                           ? tr("Fix the errors first: an invalid configuration is never saved")
                           : tr("Write this configuration into the manifest file"));
    applyFilter();
}

void ConfigEditor::applyFilter()
{
    const int filter = m_filter->currentIndex();
    for (ConfigFieldEditor *e : std::as_const(m_topLevel)) {
        const bool excluded = e->field().hashExcluded;
        e->setVisible(filter == AllFields || (filter == HashedOnly && !excluded)
                      || (filter == ExcludedOnly && excluded));
    }
}

void ConfigEditor::applyRawJson()
{
    try {
        const Core::Json config = Core::Json::parse(m_raw->toPlainText().toStdString());
        if (!config.is_object()) {
            m_rawError->setText(tr("The configuration must be a JSON object."));
            return;
        }
        m_rawError->clear();
        m_draft->replaceAll(config);
    } catch (const Core::Json::parse_error &e) {
        // nlohmann counts bytes; turn the offset into a line and column of the text.
        const QByteArray text = m_raw->toPlainText().toUtf8().left(qsizetype(e.byte));
        const qsizetype line = text.count('\n') + 1;
        const qsizetype column = text.size() - text.lastIndexOf('\n');
        m_rawError->setText(tr("Not valid JSON at line %1, column %2; the form keeps its values.")
                                .arg(line)
                                .arg(column));
    }
}

} // namespace Gui
