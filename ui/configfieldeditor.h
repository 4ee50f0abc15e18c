// SPDX-License-Identifier: MIT
#pragma once

#include <core/config/configform.h>
#include <core/contract/providermanifest.h>

#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QLabel;

namespace Gui {

// One field of the configuration form: its label (required mark, hash-excluded badge), an
// editor for its kind, a None toggle for Optional fields, "reset to default", and the inline
// error. Nested models hold their fields' editors in a group box. Edits are reported through
// `edit` (path, value; nullopt = back to the default) and never change the draft directly.
class ConfigFieldEditor : public QWidget
{
    Q_OBJECT

public:
    // (path, value or nullopt for the default, typing: a keystroke that merges with the last)
    using EditFn = std::function<void(
        const QStringList &path, const std::optional<Core::Json> &value, bool typing)>;

    ConfigFieldEditor(const Core::Config::FormField &field,
                      const QStringList &path,
                      const Core::ProviderManifest &manifest,
                      EditFn edit,
                      QWidget *parent = nullptr);

    const QStringList &path() const { return m_path; }
    const Core::Config::FormField &field() const { return m_field; }
    // Shows `value` (nullopt: absent, the default applies) unless the user is typing in it.
    void setValue(const std::optional<Core::Json> &value);
    void setError(const QString &message); // empty: no error
    QWidget *editor() const { return m_editor; }
    QList<ConfigFieldEditor *> children() const { return m_children; }

private:
    QWidget *createEditor(const Core::ProviderManifest &manifest);
    void commitText(const QString &text);

    Core::Config::FormField m_field;
    QStringList m_path;
    EditFn m_edit;
    QWidget *m_editor = nullptr;
    QCheckBox *m_none = nullptr;
    QLabel *m_error;
    QList<ConfigFieldEditor *> m_children;
    bool m_updating = false;
};

} // namespace Gui
