// SPDX-License-Identifier: MIT
#include "configvaluewidget.h"

#include "configfieldeditor.h"

namespace Gui {

using Core::Json;
using Core::Config::FieldKind;
using Core::Config::FormField;

void ConfigValueWidget::applyErrorsTo(const QList<ConfigFieldEditor *> &items,
                                      const QHash<QString, QStringList> &errors,
                                      QSet<QString> &shown)
{
    for (ConfigFieldEditor *item : items)
        item->applyErrors(errors, shown);
}

bool ConfigValueWidget::focusPathIn(const QList<ConfigFieldEditor *> &items, const QString &path)
{
    return std::any_of(items.cbegin(), items.cend(), [&](ConfigFieldEditor *item) {
        return item->focusPath(path);
    });
}

void assignRelative(Json &root,
                    const QStringList &relative,
                    const std::optional<Json> &value,
                    const Json &initial)
{
    if (relative.isEmpty()) {
        root = value.value_or(initial);
        return;
    }
    const QString &head = relative.first();
    if (root.is_array()) {
        bool ok = false;
        const int index = head.toInt(&ok);
        if (!ok || index < 0 || size_t(index) >= root.size())
            return;
        if (relative.size() == 1 && !value)
            root[size_t(index)] = initial;
        else
            assignRelative(root[size_t(index)], relative.mid(1), value, initial);
        return;
    }
    if (!root.is_object())
        root = Json::object();
    const std::string key = head.toStdString();
    if (relative.size() == 1) {
        if (value)
            root[key] = *value;
        else
            root.erase(key);
        return;
    }
    assignRelative(root[key], relative.mid(1), value, initial);
}

namespace {

bool fits(const FormField &f, const Json &v)
{
    switch (f.kind) {
    case FieldKind::Integer:
        return v.is_number_integer();
    case FieldKind::Number:
        return v.is_number();
    case FieldKind::Boolean:
        return v.is_boolean();
    case FieldKind::Text:
    case FieldKind::Date:
    case FieldKind::DateTime:
    case FieldKind::Uuid:
        return v.is_string();
    case FieldKind::Choice:
        return f.choices.contains(v);
    case FieldKind::Model:
    case FieldKind::Dict:
    case FieldKind::StorageClass:
        return v.is_object();
    case FieldKind::List:
    case FieldKind::Tuple:
        return v.is_array();
    case FieldKind::Union:
        return unionMemberFor(f, v) >= 0;
    case FieldKind::Any:
    case FieldKind::Json:
        return true;
    }
    return false;
}

} // namespace

int unionMemberFor(const FormField &unionField, const Json &value)
{
    // An exact kind first (5 is an integer before it is a number), then any that takes it.
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < unionField.children.size(); ++i) {
            const FormField &m = unionField.children.at(i);
            const bool loose = m.kind == FieldKind::Any || m.kind == FieldKind::Json
                               || m.kind == FieldKind::Number;
            if ((pass == 1 || !loose) && fits(m, value))
                return i;
        }
    }
    return -1;
}

} // namespace Gui
