// SPDX-License-Identifier: MIT
#pragma once

#include "configvaluewidget.h"

class QLabel;
class QToolButton;
class QVBoxLayout;

namespace Gui {

class ConfigFieldEditor;

// A list field (add, remove, move items up and down; at most maxItems) or a tuple field (one
// editor per position, fixed). Each item has the editor of its kind, so a list of models is a
// list of group boxes; an edit inside an item is reported as the whole list.
class ConfigListEditor : public ConfigValueWidget
{
    Q_OBJECT

public:
    ConfigListEditor(const Core::Config::FormField &field,
                     const QStringList &path,
                     const ConfigFormContext &context,
                     ConfigEditFn edit,
                     QWidget *parent = nullptr);

    void setValue(const std::optional<Core::Json> &value) override;
    void applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown) override;
    bool focusPath(const QString &path) override;

private:
    bool isTuple() const;
    const Core::Config::FormField &itemField(int index) const;
    void rebuild(int count);
    void editItem(const QStringList &path, const std::optional<Core::Json> &value, bool typing);
    void move(int from, int to);
    void remove(int index);

    Core::Config::FormField m_field;
    QStringList m_path;
    const ConfigFormContext &m_context;
    ConfigEditFn m_edit;
    Core::Json m_value = Core::Json::array();
    QVBoxLayout *m_rows;
    QList<QWidget *> m_rowWidgets;
    QList<ConfigFieldEditor *> m_items;
    QToolButton *m_add = nullptr;
    QLabel *m_empty;
};

} // namespace Gui
