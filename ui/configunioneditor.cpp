// SPDX-License-Identifier: MIT
#include "configunioneditor.h"

#include "configfieldeditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QStackedWidget>

namespace Gui {

using Core::Json;

namespace {

// A member's name in the selector: its title, unless pydantic gave it none (the key is then
// its position), else its kind ("integer", "text").
QString memberName(const Core::Config::FormField &member)
{
    bool numeric = false;
    member.title.toInt(&numeric);
    return numeric || member.title.isEmpty() ? Core::Config::fieldKindName(member.kind)
                                             : member.title;
}

} // namespace

ConfigUnionEditor::ConfigUnionEditor(const Core::Config::FormField &field,
                                     const QStringList &path,
                                     const ConfigFormContext &context,
                                     ConfigEditFn edit,
                                     QWidget *parent)
    : ConfigValueWidget(parent)
    , m_field(field)
    , m_path(path)
    , m_edit(std::move(edit))
    , m_type(new QComboBox(this))
    , m_members(new QStackedWidget(this))
{
    m_type->setObjectName(QStringLiteral("type_") + path.join(u'.'));
    m_type->setToolTip(tr("Which of the accepted types the value is"));
    for (const Core::Config::FormField &member : field.children) {
        m_type->addItem(memberName(member));
        // Members edit the union's own value: same path, same edit.
        auto *editor = new ConfigFieldEditor(
            member, path, context, m_edit, ConfigFieldEditor::Chrome::Bare, m_members);
        if (editor->editor())
            editor->editor()->setObjectName(
                QStringLiteral("member_%1.%2").arg(path.join(u'.')).arg(m_editors.size()));
        m_members->addWidget(editor);
        m_editors.append(editor);
    }
    connect(m_type, &QComboBox::activated, this, [this](int i) {
        m_members->setCurrentIndex(i);
        m_edit(m_path, Core::Config::initialValue(m_field.children.at(i)), false);
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_type, 0, Qt::AlignTop);
    layout->addWidget(m_members, 1);
}

ConfigFieldEditor *ConfigUnionEditor::current() const
{
    return m_editors.value(m_members->currentIndex());
}

void ConfigUnionEditor::setValue(const std::optional<Json> &value)
{
    if (value) {
        const int member = unionMemberFor(m_field, *value);
        if (member >= 0) {
            m_type->setCurrentIndex(member);
            m_members->setCurrentIndex(member);
        }
    }
    if (ConfigFieldEditor *editor = current())
        editor->setValue(value);
}

void ConfigUnionEditor::applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown)
{
    // The union's own errors are on the union's row; the member shows those of its parts.
    QHash<QString, QStringList> parts = errors;
    parts.remove(m_path.join(u'.'));
    if (ConfigFieldEditor *editor = current())
        editor->applyErrors(parts, shown);
}

bool ConfigUnionEditor::focusPath(const QString &path)
{
    ConfigFieldEditor *editor = current();
    return editor && editor->focusPath(path);
}

} // namespace Gui
