// SPDX-License-Identifier: MIT
#pragma once

#include "configvaluewidget.h"

class QComboBox;
class QStackedWidget;

namespace Gui {

class ConfigFieldEditor;

// A union beyond Optional (Union[int, str], a choice of models): a type selector and the editor
// of the chosen member. The member shown is the one the value belongs to; choosing another
// gives the field that member's starting value.
class ConfigUnionEditor : public ConfigValueWidget
{
    Q_OBJECT

public:
    ConfigUnionEditor(const Core::Config::FormField &field,
                      const QStringList &path,
                      const ConfigFormContext &context,
                      ConfigEditFn edit,
                      QWidget *parent = nullptr);

    void setValue(const std::optional<Core::Json> &value) override;
    void applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown) override;
    bool focusPath(const QString &path) override;

private:
    ConfigFieldEditor *current() const;

    Core::Config::FormField m_field;
    QStringList m_path;
    ConfigEditFn m_edit;
    QComboBox *m_type;
    QStackedWidget *m_members;
    QList<ConfigFieldEditor *> m_editors;
};

} // namespace Gui
