// SPDX-License-Identifier: MIT
#include "configfieldeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
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
    return k == FieldKind::Text || k == FieldKind::Uuid || k == FieldKind::Date
           || k == FieldKind::DateTime;
}

} // namespace

ConfigFieldEditor::ConfigFieldEditor(const Core::Config::FormField &field,
                                     const QStringList &path,
                                     const Core::ProviderManifest &manifest,
                                     EditFn edit,
                                     QWidget *parent)
    : QWidget(parent)
    , m_field(field)
    , m_path(path)
    , m_edit(std::move(edit))
    , m_error(new QLabel(this))
{
    const QString id = path.join(u'.');
    setObjectName(QStringLiteral("fieldRow_") + id);
    auto *label
        = new QLabel(field.title + (field.required ? QStringLiteral(" *") : QString()), this);
    label->setToolTip(field.description);
    label->setMinimumWidth(140);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    m_editor = createEditor(manifest);
    if (m_editor) {
        m_editor->setObjectName(QStringLiteral("field_") + id);
        m_editor->setToolTip(field.description);
        row->addWidget(m_editor, 1);
    }
    if (field.hashExcluded) {
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
        connect(m_none, &QCheckBox::toggled, this, [this](bool on) {
            if (m_updating)
                return;
            if (on)
                m_edit(m_path, Json(nullptr), false);
            else if (m_field.defaultValue && !m_field.defaultValue->is_null())
                m_edit(m_path, *m_field.defaultValue, false);
            else
                m_edit(m_path, std::nullopt, false);
        });
        row->addWidget(m_none);
    }
    if (field.defaultValue || field.computedDefault) {
        auto *reset = new QToolButton(this);
        reset->setObjectName(QStringLiteral("reset_") + id);
        reset->setText(tr("Reset"));
        reset->setToolTip(tr("Back to the default"));
        connect(
            reset, &QToolButton::clicked, this, [this] { m_edit(m_path, std::nullopt, false); });
        row->addWidget(reset);
    }
    m_error->setObjectName(QStringLiteral("error_") + id);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel{color:#c62828;}"));
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->addLayout(row);
    if (field.kind == FieldKind::Model) {
        auto *group = new QGroupBox(this);
        auto *inner = new QVBoxLayout(group);
        for (const Core::Config::FormField &child : field.children) {
            auto *editor = new ConfigFieldEditor(
                child, path + QStringList{child.key}, manifest, m_edit, group);
            m_children.append(editor);
            inner->addWidget(editor);
        }
        layout->addWidget(group);
    }
    layout->addWidget(m_error);
}

QWidget *ConfigFieldEditor::createEditor(const Core::ProviderManifest &manifest)
{
    switch (m_field.kind) {
    case FieldKind::Model:
        return nullptr; // its fields are the editors
    case FieldKind::Boolean: {
        auto *box = new QCheckBox(this);
        connect(box, &QCheckBox::toggled, this, [this](bool on) {
            if (!m_updating)
                m_edit(m_path, Json(on), false);
        });
        return box;
    }
    case FieldKind::Choice: {
        auto *combo = new QComboBox(this);
        for (const Json &c : m_field.choices)
            combo->addItem(compact(c), QString::fromStdString(c.dump()));
        connect(combo, &QComboBox::activated, this, [this, combo](int i) {
            m_edit(m_path, Json::parse(combo->itemData(i).toString().toStdString()), false);
        });
        return combo;
    }
    case FieldKind::StorageClass: {
        auto *combo = new QComboBox(this);
        for (const Core::StorageClass &sc : manifest.storageClasses) {
            const Json value = {{"__type__", "platform_time_index_meta_table"},
                                {"module", sc.classRef.module.toStdString()},
                                {"qualname", sc.classRef.qualname.toStdString()}};
            combo->addItem(tr("%1 (%2)").arg(sc.classRef.qualname,
                                             sc.binding ? tr("bound") : tr("not registered")),
                           QString::fromStdString(value.dump()));
        }
        connect(combo, &QComboBox::activated, this, [this, combo](int i) {
            m_edit(m_path, Json::parse(combo->itemData(i).toString().toStdString()), false);
        });
        return combo;
    }
    default: {
        // Text-like and numeric fields, and, as JSON, what has no editor of its own yet (lists,
        // dicts, tuples, unions, Any): the schema is in the tooltip, the validator says what is
        // wrong with a value.
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(placeholderFor(m_field));
        if (!isTextual(m_field.kind) && m_field.kind != FieldKind::Integer
            && m_field.kind != FieldKind::Number)
            edit->setToolTip(
                tr("JSON value; schema: %1").arg(QString::fromStdString(m_field.schema.dump())));
        connect(edit, &QLineEdit::textEdited, this, &ConfigFieldEditor::commitText);
        return edit;
    }
    }
}

void ConfigFieldEditor::commitText(const QString &text)
{
    if (isTextual(m_field.kind)) {
        m_edit(m_path, Json(text.toStdString()), true);
        return;
    }
    if (text.trimmed().isEmpty()) {
        m_edit(m_path, std::nullopt, true);
        return;
    }
    // Numbers and JSON values: what parses as JSON is that value, anything else the text, for
    // the validator to explain (an int field given "abc").
    try {
        m_edit(m_path, Json::parse(text.toStdString()), true);
    } catch (const Json::parse_error &) {
        m_edit(m_path, Json(text.toStdString()), true);
    }
}

void ConfigFieldEditor::setValue(const std::optional<Json> &value)
{
    m_updating = true;
    if (m_none)
        m_none->setChecked(value && value->is_null());
    if (m_editor)
        m_editor->setEnabled(!(value && value->is_null()));
    if (auto *edit = qobject_cast<QLineEdit *>(m_editor)) {
        const QString text = value && !value->is_null() ? compact(*value) : QString();
        if (!edit->hasFocus() && edit->text() != text)
            edit->setText(text);
    } else if (auto *box = qobject_cast<QCheckBox *>(m_editor)) {
        const Json v = value.value_or(m_field.defaultValue.value_or(Json(false)));
        box->setChecked(v.is_boolean() && v.get<bool>());
    } else if (auto *combo = qobject_cast<QComboBox *>(m_editor)) {
        const Json v = value.value_or(m_field.defaultValue.value_or(Json()));
        combo->setCurrentIndex(combo->findData(QString::fromStdString(v.dump())));
    }
    for (ConfigFieldEditor *child : std::as_const(m_children)) {
        const std::string key = child->m_field.key.toStdString();
        child->setValue(value && value->is_object() && value->contains(key)
                            ? std::optional<Json>(value->at(key))
                            : std::nullopt);
    }
    m_updating = false;
}

void ConfigFieldEditor::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace Gui
