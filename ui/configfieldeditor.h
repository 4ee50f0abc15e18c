// SPDX-License-Identifier: MIT
#pragma once

#include "configvaluewidget.h"

#include <core/config/configform.h>

#include <QWidget>

#include <optional>

class QCheckBox;
class QHBoxLayout;
class QLabel;

namespace Gui {

// One field of the configuration form: its label (required mark, hash-excluded badge), an
// editor for its kind, a None toggle for Optional fields, example quick picks, "reset to
// default", its lint findings and its inline error. Nested models hold their fields' editors in
// a group box; lists, dicts and unions have editors of their own. Edits are reported through
// `edit` (path, value; nullopt = back to the default) and never change the draft directly.
class ConfigFieldEditor : public QWidget
{
    Q_OBJECT

public:
    // Bare: an item of a list, a dict value or a union member, whose container says what it is
    // (no title, badge, examples or reset).
    enum class Chrome { Full, Bare };

    ConfigFieldEditor(const Core::Config::FormField &field,
                      const QStringList &path,
                      const ConfigFormContext &context,
                      ConfigEditFn edit,
                      Chrome chrome = Chrome::Full,
                      QWidget *parent = nullptr);

    const QStringList &path() const { return m_path; }
    const Core::Config::FormField &field() const { return m_field; }
    // Shows `value` (nullopt: absent, the default applies) unless the user is typing in it.
    void setValue(const std::optional<Core::Json> &value);
    // Errors by dotted path: this field's and, through nested editors, its parts'. The paths
    // that found their editor are added to `shown`.
    void applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown);
    void setLint(const QStringList &findings); // empty: none
    // Gives the keyboard to the editor of `path` (this field or a part of it).
    bool focusPath(const QString &path);
    QWidget *editor() const { return m_editor; }
    // The nested model's fields (empty for other kinds).
    const QList<ConfigFieldEditor *> &children() const { return m_children; }

private:
    QWidget *createEditor();
    void addExamples(QHBoxLayout *row);
    std::optional<Core::Json> valueOfText(const QString &text) const;
    void commitText(const QString &text);
    void setOwnError(const QString &message);

    Core::Config::FormField m_field;
    QStringList m_path;
    const ConfigFormContext &m_context;
    ConfigEditFn m_edit;
    QWidget *m_editor = nullptr;
    QCheckBox *m_none = nullptr;
    QLabel *m_error;
    QLabel *m_lint;
    QList<ConfigFieldEditor *> m_children;
    bool m_updating = false;
};

} // namespace Gui
