// SPDX-License-Identifier: MIT
#include "setconfigvaluecommand.h"

#include "commandid.h"

#include <QObject>

namespace Core {

SetConfigValueCommand::SetConfigValueCommand(const Json &before,
                                             const QStringList &path,
                                             const std::optional<Json> &value,
                                             std::function<void(const Json &)> apply)
    : m_before(before)
    , m_after(withValue(before, path, value))
    , m_path(path)
    , m_apply(std::move(apply))
{
    const QString where = path.isEmpty() ? QObject::tr("configuration") : path.join(u'.');
    setText(value ? QObject::tr("Set %1").arg(where)
                  : QObject::tr("Reset %1 to its default").arg(where));
}

Json SetConfigValueCommand::withValue(Json config,
                                      const QStringList &path,
                                      const std::optional<Json> &value)
{
    if (path.isEmpty())
        return value.value_or(Json::object());
    Json *node = &config;
    for (qsizetype i = 0; i + 1 < path.size(); ++i) {
        const std::string key = path.at(i).toStdString();
        if (node->is_array()) {
            node = &node->at(size_t(path.at(i).toULongLong()));
            continue;
        }
        if (!node->is_object())
            *node = Json::object();
        if (!node->contains(key) || !(*node)[key].is_structured())
            (*node)[key] = Json::object();
        node = &(*node)[key];
    }
    const QString last = path.constLast();
    if (node->is_array()) {
        const size_t index = size_t(last.toULongLong());
        if (!value)
            node->erase(index);
        else if (index < node->size())
            (*node)[index] = *value;
        else
            node->push_back(*value);
    } else {
        if (!node->is_object())
            *node = Json::object();
        if (value)
            (*node)[last.toStdString()] = *value;
        else
            node->erase(last.toStdString());
    }
    return config;
}

void SetConfigValueCommand::undo()
{
    m_apply(m_before);
}

void SetConfigValueCommand::redo()
{
    m_apply(m_after);
}

int SetConfigValueCommand::id() const
{
    return int(CommandId::SetConfigValue);
}

bool SetConfigValueCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetConfigValueCommand *>(other);
    if (next->m_path != m_path || m_path.isEmpty())
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace Core
