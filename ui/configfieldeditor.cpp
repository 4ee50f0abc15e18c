// SPDX-License-Identifier: MIT
#include "configfieldeditor.h"

#include "configdicteditor.h"
#include "configlisteditor.h"
#include "configunioneditor.h"

#include <core/config/pydatetime.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

namespace {

using Core::Json;
using Core::Config::FieldKind;

QString compact(const Json &v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>())
                         : QString::fromStdString(v.dump());
}

// What the editor of a scalar field shows as its placeholder.
QString placeholderFor(const Core::Config::FormField &f)
{
    if (f.defaultValue)
        return QObject::tr("default: %1").arg(QString::fromStdString(f.defaultValue->dump()));
    if (f.computedDefault)
        return QObject::tr("computed default");
    return f.required ? QObject::tr("required") : QString();
}

bool isTextual(FieldKind k)
{
    return k == FieldKind::Text || k == FieldKind::Uuid || k == FieldKind::Date;
}

// A date-time value as the instant it names, in UTC; a naive one is shown as if it were UTC
// (the validator flags it). Invalid: the text does not parse.
QDateTime utcInstant(const Json &value)
{
    const auto parsed = Core::Config::parseDateTime(value);
    if (!parsed)
        return {};
    const QDateTime local(
        QDate(parsed->year, parsed->month, parsed->day),
        QTime(parsed->hour, parsed->minute, parsed->second, parsed->microsecond / 1000),
        Qt::OffsetFromUTC,
        parsed->utcOffsetSeconds.value_or(0));
    return local.toUTC();
}

QString utcText(const QDateTime &instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
           + QStringLiteral("+00:00");
}

QLabel *smallLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ConfigFieldEditor::ConfigFieldEditor(const Core::Config::FormField &field,
                                     const QStringList &path,
                                     const ConfigFormContext &context,
                                     ConfigEditFn edit,
                                     Chrome chrome,
                                     QWidget *parent)
    : QWidget(parent)
    , m_field(field)
    , m_path(path)
    , m_context(context)
    , m_edit(std::move(edit))
    , m_error(smallLabel(QString(), this))
    , m_lint(smallLabel(QString(), this))
{
    const QString id = path.join(u'.');
    const bool full = chrome == Chrome::Full;
    setObjectName(QStringLiteral("fieldRow_") + id);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    if (full) {
        auto *label
            = new QLabel(field.title + (field.required ? QStringLiteral(" *") : QString()), this);
        label->setToolTip(field.description);
        label->setMinimumWidth(140);
        row->addWidget(label);
    }
    m_editor = createEditor();
    if (m_editor) {
        m_editor->setObjectName(QStringLiteral("field_") + id);
        if (!m_editor->toolTip().isEmpty() && !field.description.isEmpty())
            m_editor->setToolTip(field.description + QLatin1Char('\n') + m_editor->toolTip());
        else if (m_editor->toolTip().isEmpty())
            m_editor->setToolTip(field.description);
        row->addWidget(m_editor, 1);
        if (field.kind == FieldKind::DateTime)
            row->addWidget(new QLabel(tr("UTC"), this));
    } else {
        row->addStretch(1); // a nested model: its toggles and buttons stay at the right
    }
    if (full && field.hashExcluded) {
        auto *badge = new QLabel(tr("not hashed"), this);
        badge->setObjectName(QStringLiteral("hashExcludedBadge_") + id);
        badge->setToolTip(tr("Does not change the update identity (hash_excluded)."));
        badge->setStyleSheet(QStringLiteral("QLabel{border:1px solid palette(mid);"
                                            "border-radius:3px;padding:0 4px;}"));
        row->addWidget(badge);
    }
    if (field.nullable) {
        m_none = new QCheckBox(tr("None"), this);
        m_none->setObjectName(QStringLiteral("none_") + id);
        m_none->setToolTip(tr("Set the value to None (null)"));
        connect(m_none, &QCheckBox::toggled, this, [this](bool on) {
            if (!m_updating)
                m_edit(m_path, on ? Json(nullptr) : Core::Config::initialValue(m_field), false);
        });
        row->addWidget(m_none);
    }
    if (full && !field.examples.isEmpty())
        addExamples(row);
    if (full && (field.defaultValue || field.computedDefault)) {
        auto *reset = new QToolButton(this);
        reset->setObjectName(QStringLiteral("reset_") + id);
        reset->setText(tr("Reset"));
        reset->setToolTip(field.computedDefault ? tr("Back to the computed default")
                                                : tr("Back to the default"));
        connect(
            reset, &QToolButton::clicked, this, [this] { m_edit(m_path, std::nullopt, false); });
        row->addWidget(reset);
    }
    m_error->setObjectName(QStringLiteral("error_") + id);
    m_error->setStyleSheet(QStringLiteral("QLabel{color:#c62828;}"));
    m_error->hide();
    m_lint->setObjectName(QStringLiteral("lint_") + id);
    m_lint->setStyleSheet(QStringLiteral("QLabel{color:#8d6e00;}"));
    m_lint->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->addLayout(row);
    if (field.kind == FieldKind::Json) {
        // What the form cannot render is still editable, as JSON, with its schema in sight.
        auto *schema
            = smallLabel(tr("%1. Schema: %2")
                             .arg(field.unsupported, QString::fromStdString(field.schema.dump())),
                         this);
        schema->setObjectName(QStringLiteral("schema_") + id);
        schema->setFont(QFontDatabase::systemFont(QFontDatabase::SmallestReadableFont));
        layout->addWidget(schema);
    }
    if (field.kind == FieldKind::Model) {
        auto *group = new QGroupBox(this);
        auto *inner = new QVBoxLayout(group);
        for (const Core::Config::FormField &child : field.children) {
            auto *editor = new ConfigFieldEditor(
                child, path + QStringList{child.key}, m_context, m_edit, Chrome::Full, group);
            m_children.append(editor);
            inner->addWidget(editor);
        }
        layout->addWidget(group);
    }
    layout->addWidget(m_lint);
    layout->addWidget(m_error);
}

void ConfigFieldEditor::addExamples(QHBoxLayout *row)
{
    auto *button = new QToolButton(this);
    button->setObjectName(QStringLiteral("examples_") + m_path.join(u'.'));
    button->setText(tr("Examples"));
    button->setToolTip(tr("Use one of the values the schema gives as examples"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    for (const Json &example : std::as_const(m_field.examples)) {
        QAction *action = menu->addAction(compact(example));
        connect(
            action, &QAction::triggered, this, [this, example] { m_edit(m_path, example, false); });
    }
    button->setMenu(menu);
    row->addWidget(button);
}

QWidget *ConfigFieldEditor::createEditor()
{
    switch (m_field.kind) {
    case FieldKind::Model:
        return nullptr; // its fields are the editors
    case FieldKind::List:
    case FieldKind::Tuple:
        return new ConfigListEditor(m_field, m_path, m_context, m_edit, this);
    case FieldKind::Dict:
        return new ConfigDictEditor(m_field, m_path, m_context, m_edit, this);
    case FieldKind::Union:
        return new ConfigUnionEditor(m_field, m_path, m_context, m_edit, this);
    case FieldKind::Boolean: {
        auto *box = new QCheckBox(this);
        connect(box, &QCheckBox::toggled, this, [this](bool on) {
            if (!m_updating)
                m_edit(m_path, Json(on), false);
        });
        return box;
    }
    case FieldKind::DateTime: {
        auto *edit = new QDateTimeEdit(this);
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
        edit->setToolTip(tr("Written with an explicit UTC offset (+00:00)"));
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &dt) {
            if (!m_updating)
                m_edit(m_path, Json(utcText(dt).toStdString()), true);
        });
        return edit;
    }
    case FieldKind::Choice: {
        auto *combo = new QComboBox(this);
        for (const Json &c : std::as_const(m_field.choices))
            combo->addItem(compact(c), QString::fromStdString(c.dump()));
        connect(combo, &QComboBox::activated, this, [this, combo](int i) {
            m_edit(m_path, Json::parse(combo->itemData(i).toString().toStdString()), false);
        });
        return combo;
    }
    case FieldKind::StorageClass: {
        auto *combo = new QComboBox(this);
        for (const StorageClassChoice &choice : m_context.storageClasses)
            combo->addItem(choice.label, QString::fromStdString(choice.value.dump()));
        connect(combo, &QComboBox::activated, this, [this, combo](int i) {
            m_edit(m_path, Json::parse(combo->itemData(i).toString().toStdString()), false);
        });
        return combo;
    }
    default: {
        // Text-like and numeric fields, and, as JSON, what has no editor of its own (Any, what
        // the form cannot render): the validator says what is wrong with a value.
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(placeholderFor(m_field));
        if (m_field.kind == FieldKind::Any || m_field.kind == FieldKind::Json)
            edit->setToolTip(
                tr("JSON value; schema: %1").arg(QString::fromStdString(m_field.schema.dump())));
        connect(edit, &QLineEdit::textEdited, this, &ConfigFieldEditor::commitText);
        return edit;
    }
    }
}

std::optional<Json> ConfigFieldEditor::valueOfText(const QString &text) const
{
    if (isTextual(m_field.kind))
        return Json(text.toStdString());
    if (text.trimmed().isEmpty())
        return std::nullopt; // back to the default
    // Numbers and JSON values: what parses as JSON is that value, anything else the text, for
    // the validator to explain (an int field given "abc").
    try {
        return Json::parse(text.toStdString());
    } catch (const Json::parse_error &) {
        return Json(text.toStdString());
    }
}

void ConfigFieldEditor::commitText(const QString &text)
{
    m_edit(m_path, valueOfText(text), true);
}

void ConfigFieldEditor::setValue(const std::optional<Json> &value)
{
    m_updating = true;
    // What the editor shows when the value is absent: the default.
    const std::optional<Json> shown = value ? value : m_field.defaultValue;
    const bool isNone = shown && shown->is_null() && m_field.nullable;
    if (m_none)
        m_none->setChecked(isNone);
    if (m_editor)
        m_editor->setEnabled(!isNone);
    if (auto *composite = dynamic_cast<ConfigValueWidget *>(m_editor)) {
        composite->setValue(isNone ? std::nullopt : shown);
    } else if (auto *edit = qobject_cast<QLineEdit *>(m_editor)) {
        // The text the user is typing stays as typed ("1.50" is 1.5) unless the value changed
        // under it (undo, a preset, items reordered).
        const QString text = value && !value->is_null() ? compact(*value) : QString();
        if (edit->text() != text && (!edit->hasFocus() || valueOfText(edit->text()) != value))
            edit->setText(text);
    } else if (auto *dt = qobject_cast<QDateTimeEdit *>(m_editor)) {
        const QDateTime instant = shown && !shown->is_null() ? utcInstant(*shown) : QDateTime();
        if (instant.isValid() && !dt->hasFocus())
            dt->setDateTime(instant);
    } else if (auto *box = qobject_cast<QCheckBox *>(m_editor)) {
        const Json v = shown.value_or(Json(false));
        box->setChecked(v.is_boolean() && v.get<bool>());
    } else if (auto *combo = qobject_cast<QComboBox *>(m_editor)) {
        combo->setCurrentIndex(
            combo->findData(QString::fromStdString(shown.value_or(Json()).dump())));
    }
    for (ConfigFieldEditor *child : std::as_const(m_children)) {
        const std::string key = child->m_field.key.toStdString();
        child->setValue(value && value->is_object() && value->contains(key)
                            ? std::optional<Json>(value->at(key))
                            : std::nullopt);
    }
    m_updating = false;
}

void ConfigFieldEditor::applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown)
{
    const QString id = m_path.join(u'.');
    const QStringList mine = errors.value(id);
    setOwnError(mine.join(QLatin1Char('\n')));
    if (!mine.isEmpty())
        shown.insert(id);
    for (ConfigFieldEditor *child : std::as_const(m_children))
        child->applyErrors(errors, shown);
    if (auto *composite = dynamic_cast<ConfigValueWidget *>(m_editor))
        composite->applyErrors(errors, shown);
}

void ConfigFieldEditor::setOwnError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ConfigFieldEditor::setLint(const QStringList &findings)
{
    m_lint->setText(findings.join(QLatin1Char('\n')));
    m_lint->setVisible(!findings.isEmpty());
}

bool ConfigFieldEditor::focusPath(const QString &path)
{
    if (path == m_path.join(u'.')) {
        if (m_editor)
            m_editor->setFocus(Qt::OtherFocusReason);
        else if (!m_children.isEmpty())
            m_children.first()->focusPath(m_children.first()->m_path.join(u'.'));
        return true;
    }
    for (ConfigFieldEditor *child : std::as_const(m_children)) {
        if (child->focusPath(path))
            return true;
    }
    auto *composite = dynamic_cast<ConfigValueWidget *>(m_editor);
    return composite && composite->focusPath(path);
}

} // namespace Gui
