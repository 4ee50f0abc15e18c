// SPDX-License-Identifier: MIT
#pragma once

#include "configvaluewidget.h"

class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace Gui {

class ConfigFieldEditor;

// A dict[str, X] field: a table of keys and values, each value with the editor of X. Keys are
// renamed in place (an empty or repeated key is said next to the table and not applied), rows
// added and removed; an edit is reported as the whole dict, its keys in their order.
class ConfigDictEditor : public ConfigValueWidget
{
    Q_OBJECT

public:
    ConfigDictEditor(const Core::Config::FormField &field,
                     const QStringList &path,
                     const ConfigFormContext &context,
                     ConfigEditFn edit,
                     QWidget *parent = nullptr);

    void setValue(const std::optional<Core::Json> &value) override;
    void applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown) override;
    bool focusPath(const QString &path) override;

private:
    QStringList keys() const;
    void rebuild();
    void rename(int row, const QString &newKey);
    void editValue(const QStringList &path, const std::optional<Core::Json> &value, bool typing);

    Core::Config::FormField m_field;
    QStringList m_path;
    const ConfigFormContext &m_context;
    ConfigEditFn m_edit;
    Core::Json m_value = Core::Json::object();
    QVBoxLayout *m_rows;
    QList<QWidget *> m_rowWidgets;
    QList<QLineEdit *> m_keyEdits;
    QList<ConfigFieldEditor *> m_values;
    QStringList m_shownKeys;
    QLabel *m_keyError;
    QLabel *m_empty;
};

} // namespace Gui
