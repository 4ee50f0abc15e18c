// SPDX-License-Identifier: MIT
#include "configeditor.h"

#include "configfieldeditor.h"
#include "rolestyledelegate.h"

#include <core/config/configedit.h>
#include <core/config/configform.h>
#include <core/models/configchangesmodel.h>
#include <core/models/runhistorymodel.h>
#include <core/workspace/configdraft.h>
#include <core/workspace/noderuns.h>

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
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

bool needsStorageClasses(const Core::Config::FormField &field)
{
    return field.kind == Core::Config::FieldKind::StorageClass
           || std::any_of(field.children.cbegin(), field.children.cend(), needsStorageClasses);
}

QString propertyPointer(const QString &schemaPointer, const QString &key)
{
    return schemaPointer + QStringLiteral("/properties/") + key;
}

// The lint findings of one field: those whose pointer is the property or lies in it.
QStringList findingsAt(const QList<Core::LintFinding> &lint, const QString &pointer)
{
    QStringList out;
    for (const Core::LintFinding &f : lint) {
        if (f.pointer == pointer || f.pointer.startsWith(pointer + u'/'))
            out.append(QObject::tr("lint %1: %2 %3").arg(f.ruleId, f.message, f.fix));
    }
    return out;
}

// A nested model's fields are linted where the model is defined, in $defs.
void lintField(ConfigFieldEditor *editor,
               const QString &pointer,
               const QList<Core::LintFinding> &lint)
{
    editor->setLint(findingsAt(lint, pointer));
    const QString defined
        = editor->field().definition.isEmpty()
              ? QString()
              : QStringLiteral("/config_schema/$defs/") + editor->field().definition;
    for (ConfigFieldEditor *child : editor->children())
        lintField(child,
                  defined.isEmpty() ? QString() : propertyPointer(defined, child->field().key),
                  lint);
}

} // namespace

ConfigEditor::ConfigEditor(Core::ConfigDraft *draft,
                           const Core::ProviderManifest &boundManifest,
                           const QList<Core::LintFinding> &nodeLint,
                           Core::NodeRuns *runs,
                           QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_changes(new Core::ConfigChangesModel(this))
    , m_identity(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_storeError(new QLabel(this))
    , m_runMatches(new QLabel(this))
    , m_compareWith(new QComboBox(this))
    , m_runs(runs)
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
    m_runMatches->setObjectName(QStringLiteral("identityRuns"));
    m_runMatches->setWordWrap(true);
    m_runMatches->hide();
    if (m_runs) {
        connect(m_runs, &Core::NodeRuns::historyLoaded, this, [this](const QString &node) {
            if (node == m_draft->node().classRef.path())
                refresh();
        });
    }
    m_storeError->setObjectName(QStringLiteral("draftStoreError"));
    m_storeError->setWordWrap(true);
    m_storeError->setStyleSheet(QStringLiteral("QLabel{color:#c62828;}"));
    m_filter->setObjectName(QStringLiteral("hashFilter"));
    m_filter->addItems({tr("All fields"), tr("Hashed only"), tr("Excluded only")});
    m_issues->setObjectName(QStringLiteral("issuesList"));
    m_issues->setToolTip(tr("Double-click or press Enter to go to the field"));
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
    scroll->setObjectName(QStringLiteral("configForm"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(createForm(boundManifest));
    m_tabs->setObjectName(QStringLiteral("configTabs"));
    m_tabs->addTab(scroll, tr("Form"));
    // The changes against the manifest, or against the configuration of the node's last run.
    m_compareWith->setObjectName(QStringLiteral("compareWith"));
    m_compareWith->addItem(tr("the manifest's configuration"));
    m_compareWith->addItem(tr("the configuration of the last run"));
    m_compareWith->setEnabled(false);
    connect(m_compareWith, &QComboBox::currentIndexChanged, this, &ConfigEditor::refresh);
    auto *changesPage = new QWidget(this);
    auto *changesLayout = new QVBoxLayout(changesPage);
    auto *compareRow = new QHBoxLayout;
    compareRow->addWidget(new QLabel(tr("Compared with"), changesPage));
    compareRow->addWidget(m_compareWith);
    compareRow->addStretch(1);
    changesLayout->addLayout(compareRow);
    changesLayout->addWidget(m_changesView, 1);
    m_tabs->addTab(changesPage, tr("Changes"));
    m_tabs->addTab(rawPage, tr("Raw JSON"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_identity);
    layout->addWidget(m_notice);
    layout->addWidget(m_storeError);
    layout->addWidget(m_runMatches);
    layout->addLayout(top);
    layout->addWidget(createPresetBar());
    layout->addWidget(m_issues);
    layout->addWidget(m_tabs, 1);

    connect(m_draft, &Core::ConfigDraft::changed, this, &ConfigEditor::refresh);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &ConfigEditor::applyFilter);
    connect(m_issues, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        // The deepest part of the path that has an editor takes the keyboard.
        QStringList path = item->data(Qt::UserRole).toStringList();
        m_filter->setCurrentIndex(AllFields);
        m_tabs->setCurrentIndex(0);
        for (; !path.isEmpty(); path.removeLast()) {
            for (ConfigFieldEditor *e : std::as_const(m_topLevel)) {
                if (e->focusPath(path.join(u'.')))
                    return;
            }
        }
    });
    showLint(nodeLint);
    refresh();
    refreshPresets();
}

QWidget *ConfigEditor::createPresetBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_presetName = new QComboBox(bar);
    m_presetName->setObjectName(QStringLiteral("presetName"));
    m_presetName->setEditable(true);
    m_presetName->setInsertPolicy(QComboBox::NoInsert);
    m_presetName->setMinimumContentsLength(18);
    m_presetName->lineEdit()->setPlaceholderText(tr("preset name"));
    m_presetName->setToolTip(tr("Named configurations of this node, kept between sessions"));
    const auto button = [&](const char *name, const QString &text, const QString &tip) {
        auto *b = new QPushButton(text, bar);
        b->setObjectName(QLatin1String(name));
        b->setToolTip(tip);
        return b;
    };
    QPushButton *load = button("loadPreset",
                               tr("&Load preset"),
                               tr("Replace the configuration by the preset (undo brings it back)"));
    QPushButton *save = button("savePreset",
                               tr("Save as preset"),
                               tr("Keep the configuration as it is now under this name"));
    QPushButton *remove = button("removePreset", tr("Delete preset"), tr("Forget this preset"));
    m_presetMessage = new QLabel(bar);
    m_presetMessage->setObjectName(QStringLiteral("presetMessage"));
    m_presetMessage->setWordWrap(true);
    const auto report = [this](const Core::VoidResult &result, const QString &done) {
        m_presetMessage->setText(result ? done : result.error().message);
        m_presetMessage->setStyleSheet(result ? QString()
                                              : QStringLiteral("QLabel{color:#c62828;}"));
    };
    connect(load, &QPushButton::clicked, this, [this, report] {
        const QString name = m_presetName->currentText().trimmed();
        report(m_draft->loadPreset(name), tr("Loaded the preset \"%1\".").arg(name));
    });
    connect(save, &QPushButton::clicked, this, [this, report] {
        const QString name = m_presetName->currentText().trimmed();
        report(m_draft->savePreset(name), tr("Saved the preset \"%1\".").arg(name));
        refreshPresets();
        m_presetName->setCurrentText(name);
    });
    connect(remove, &QPushButton::clicked, this, [this, report] {
        const QString name = m_presetName->currentText().trimmed();
        report(m_draft->removePreset(name), tr("Deleted the preset \"%1\".").arg(name));
        refreshPresets();
    });
    row->addWidget(new QLabel(tr("Preset:"), bar));
    row->addWidget(m_presetName);
    row->addWidget(load);
    row->addWidget(save);
    row->addWidget(remove);
    row->addWidget(m_presetMessage, 1);
    return bar;
}

void ConfigEditor::refreshPresets()
{
    const QString typed = m_presetName->currentText();
    const auto names = m_draft->presetNames();
    m_presetName->clear();
    if (!names) {
        m_presetMessage->setText(names.error().message);
        m_presetMessage->setStyleSheet(QStringLiteral("QLabel{color:#c62828;}"));
        return;
    }
    m_presetName->addItems(*names);
    m_presetName->setCurrentText(typed);
}

void ConfigEditor::showLint(const QList<Core::LintFinding> &nodeLint)
{
    for (ConfigFieldEditor *e : std::as_const(m_topLevel))
        lintField(e, propertyPointer(QStringLiteral("/config_schema"), e->field().key), nodeLint);
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
    if (needsStorageClasses(*form)) {
        for (const Core::StorageClass &sc : manifest.storageClasses) {
            const Core::Json value = {{"__type__", "platform_time_index_meta_table"},
                                      {"module", sc.classRef.module.toStdString()},
                                      {"qualname", sc.classRef.qualname.toStdString()}};
            m_context.storageClasses.append(
                {tr("%1 (%2)").arg(sc.classRef.qualname,
                                   sc.binding ? tr("bound") : tr("not registered")),
                 value});
        }
    }
    const auto edit
        = [this](const QStringList &path, const std::optional<Core::Json> &value, bool typing) {
              m_draft->setValue(path, value, typing);
          };
    for (const Core::Config::FormField &field : form->children) {
        auto *editor = new ConfigFieldEditor(
            field, {field.key}, m_context, edit, ConfigFieldEditor::Chrome::Full, page);
        m_topLevel.append(editor);
        layout->addWidget(editor);
    }
    layout->addStretch(1);
    return page;
}

void ConfigEditor::refresh()
{
    const Core::Json &config = m_draft->config();
    for (ConfigFieldEditor *e : std::as_const(m_topLevel))
        e->setValue(Core::Config::configValueAt(config, e->path()));

    // Each message sits on the editor of its path; one with no editor of its own (inside a
    // JSON value, an unknown key) on the top-level field it lies in.
    QHash<QString, QStringList> errors;
    m_issues->clear();
    const QList<Core::Config::ConfigIssue> &issues = m_draft->issues();
    for (const Core::Config::ConfigIssue &issue : issues) {
        const QString text = (issue.warning ? tr("warning: ") : QString()) + issue.message;
        errors[issue.location.join(u'.')].append(text);
        auto *item = new QListWidgetItem(issue.path() + QStringLiteral(": ") + text, m_issues);
        item->setData(Qt::UserRole, issue.location);
    }
    m_issues->setVisible(m_issues->count() > 0);
    // As tall as its messages, up to four; it scrolls beyond.
    if (m_issues->count() > 0)
        m_issues->setFixedHeight(m_issues->sizeHintForRow(0) * int(std::min(m_issues->count(), 4))
                                 + 2 * m_issues->frameWidth());
    QSet<QString> shown;
    for (ConfigFieldEditor *e : std::as_const(m_topLevel))
        e->applyErrors(errors, shown);
    QHash<QString, QStringList> leftover = errors;
    bool moved = false;
    for (const Core::Config::ConfigIssue &issue : issues) {
        if (issue.location.size() > 1 && !shown.contains(issue.location.join(u'.'))) {
            leftover[issue.location.first()].append(issue.path() + QStringLiteral(": ")
                                                    + (issue.warning ? tr("warning: ") : QString())
                                                    + issue.message);
            moved = true;
        }
    }
    if (moved) {
        for (ConfigFieldEditor *e : std::as_const(m_topLevel))
            e->applyErrors(leftover, shown);
    }

    const auto &now = m_draft->identity();
    const auto &saved = m_draft->savedIdentity();
    const QString savedHash = saved.hashes ? saved.hashes->updateHash : tr("not computable");
    if (now.hashes)
        m_identity->setText(tr("update_hash <b>%1</b> (manifest: %2)  ·  storage_hash %3")
                                .arg(now.hashes->updateHash, savedHash, now.hashes->storageHash));
    else
        m_identity->setText(tr("update_hash not computable (manifest: %1): %2")
                                .arg(savedHash, now.error.toHtmlEscaped()));
    m_storeError->setText(m_draft->storeError().isEmpty()
                              ? QString()
                              : tr("The draft cannot be kept on disk, so it is lost if the "
                                   "console closes: %1")
                                    .arg(m_draft->storeError()));
    m_storeError->setVisible(!m_draft->storeError().isEmpty());
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

    showRunMatches();
    const QList<Core::Run::RunRecord> runs
        = m_runs ? m_runs->history(m_draft->node().classRef.path()) : QList<Core::Run::RunRecord>();
    m_compareWith->setEnabled(!runs.isEmpty());
    const bool againstRun = m_compareWith->currentIndex() == 1 && !runs.isEmpty();
    QList<Core::ConfigChangesModel::Row> rows;
    for (const Core::ConfigChange &c :
         againstRun ? Core::configChanges(
             m_draft->node().configSchema, runs.first().config, m_draft->config())
                    : m_draft->changes())
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

void ConfigEditor::showRunMatches()
{
    // Which past runs the configuration matches: the same update_hash is the same updater.
    const QList<Core::Run::RunRecord> runs
        = m_runs ? m_runs->history(m_draft->node().classRef.path()) : QList<Core::Run::RunRecord>();
    const auto &now = m_draft->identity();
    if (runs.isEmpty() || !now.hashes) {
        m_runMatches->hide();
        return;
    }
    QList<const Core::Run::RunRecord *> matching;
    for (const Core::Run::RunRecord &r : runs) {
        if (r.updateHash == now.hashes->updateHash)
            matching.append(&r);
    }
    const auto when = [](const Core::Run::RunRecord &r) {
        return r.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    if (!matching.isEmpty())
        m_runMatches->setText(
            tr("%n recorded run(s) with this update_hash, the latest on %1 (%2).",
               nullptr,
               int(matching.size()))
                .arg(when(*matching.first()), Core::describeRunStatus(*matching.first())));
    else
        m_runMatches->setText(tr("No recorded run has this update_hash. The last run, on %1, "
                                 "ran as %2.")
                                  .arg(when(runs.first()), runs.first().updateHash));
    m_runMatches->show();
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
