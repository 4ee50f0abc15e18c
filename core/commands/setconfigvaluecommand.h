// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QStringList>
#include <QUndoCommand>

#include <functional>
#include <optional>

namespace Core {

// Sets one value of a node's draft configuration (or removes it, so the default applies) at a
// path of field names, list indexes and dict keys. Consecutive edits of the same value merge
// into one undo step.
class SetConfigValueCommand : public QUndoCommand
{
public:
    // `apply` writes a whole configuration into the draft; the command keeps before and after.
    SetConfigValueCommand(const Json &before,
                          const QStringList &path,
                          const std::optional<Json> &value,
                          std::function<void(const Json &)> apply);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    // The configuration with `value` at `path` (intermediate objects created), or without the
    // key when `value` is nullopt.
    static Json withValue(Json config, const QStringList &path, const std::optional<Json> &value);

private:
    Json m_before;
    Json m_after;
    QStringList m_path;
    std::function<void(const Json &)> m_apply;
};

} // namespace Core
