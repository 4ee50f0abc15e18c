// SPDX-License-Identifier: MIT
#include "configdicteditor.h"

#include "configfieldeditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

using Core::Json;

ConfigDictEditor::ConfigDictEditor(const Core::Config::FormField &field,
                                   const QStringList &path,
                                   const ConfigFormContext &context,
                                   ConfigEditFn edit,
                                   QWidget *parent)
    : ConfigValueWidget(parent)
    , m_field(field)
    , m_path(path)
    , m_context(context)
    , m_edit(std::move(edit))
    , m_rows(new QVBoxLayout)
    , m_keyError(new QLabel(this))
    , m_empty(new QLabel(tr("No entries"), this))
{
    const QString id = path.join(u'.');
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rows->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rows);
    m_empty->setEnabled(false);
    layout->addWidget(m_empty);
    m_keyError->setObjectName(QStringLiteral("keyError_") + id);
    m_keyError->setStyleSheet(QStringLiteral("QLabel{color:#c62828;}"));
    m_keyError->setWordWrap(true);
    m_keyError->hide();
    layout->addWidget(m_keyError);
    auto *add = new QToolButton(this);
    add->setObjectName(QStringLiteral("add_") + id);
    add->setText(tr("Add entry"));
    add->setToolTip(tr("Add a key to %1").arg(field.title));
    connect(add, &QToolButton::clicked, this, [this] {
        // A placeholder key the user renames; never one that is already there.
        QString key = tr("new_key");
        for (int n = 2; m_value.contains(key.toStdString()); ++n)
            key = tr("new_key_%1").arg(n);
        Json next = m_value;
        next[key.toStdString()] = Core::Config::initialValue(m_field.children.first());
        m_edit(m_path, next, false);
    });
    layout->addWidget(add, 0, Qt::AlignLeft);
    rebuild();
}

QStringList ConfigDictEditor::keys() const
{
    QStringList out;
    for (auto it = m_value.begin(); it != m_value.end(); ++it)
        out.append(QString::fromStdString(it.key()));
    return out;
}

void ConfigDictEditor::rebuild()
{
    // Rows go later: the key editor or button that asked for this may be one of them.
    for (QWidget *row : std::as_const(m_rowWidgets)) {
        // Out of the tree at once, so nothing finds a row that is going.
        row->hide();
        row->setParent(nullptr);
        row->deleteLater();
    }
    m_rowWidgets.clear();
    m_keyEdits.clear();
    m_values.clear();
    m_shownKeys = keys();
    const QString id = m_path.join(u'.');
    for (int i = 0; i < m_shownKeys.size(); ++i) {
        const QString &key = m_shownKeys.at(i);
        auto *row = new QWidget(this);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *keyEdit = new QLineEdit(key, row);
        keyEdit->setObjectName(QStringLiteral("key_%1.%2").arg(id).arg(i));
        keyEdit->setToolTip(tr("The key; Enter renames it"));
        keyEdit->setMaximumWidth(200);
        connect(keyEdit, &QLineEdit::editingFinished, this, [this, i, keyEdit] {
            rename(i, keyEdit->text());
        });
        layout->addWidget(keyEdit, 0, Qt::AlignTop);
        auto *value = new ConfigFieldEditor(
            m_field.children.first(),
            m_path + QStringList{key},
            m_context,
            [this](const QStringList &p, const std::optional<Json> &v, bool typing) {
                editValue(p, v, typing);
            },
            ConfigFieldEditor::Chrome::Bare,
            row);
        layout->addWidget(value, 1);
        auto *remove = new QToolButton(row);
        remove->setObjectName(QStringLiteral("remove_%1.%2").arg(id, key));
        remove->setText(tr("Remove"));
        remove->setToolTip(tr("Remove the key %1").arg(key));
        remove->setAutoRaise(true);
        connect(remove, &QToolButton::clicked, this, [this, key] {
            Json next = m_value;
            next.erase(key.toStdString());
            m_edit(m_path, next, false);
        });
        layout->addWidget(remove, 0, Qt::AlignTop);
        m_rows->addWidget(row);
        m_rowWidgets.append(row);
        m_keyEdits.append(keyEdit);
        m_values.append(value);
    }
    m_empty->setVisible(m_shownKeys.isEmpty());
}

void ConfigDictEditor::setValue(const std::optional<Json> &value)
{
    m_value = value && value->is_object() ? *value : Json::object();
    if (keys() != m_shownKeys)
        rebuild();
    for (int i = 0; i < m_values.size(); ++i)
        m_values.at(i)->setValue(m_value.at(m_shownKeys.at(i).toStdString()));
}

void ConfigDictEditor::rename(int row, const QString &newKey)
{
    if (row >= m_shownKeys.size())
        return;
    const QString oldKey = m_shownKeys.at(row);
    if (newKey == oldKey) {
        m_keyError->hide();
        return;
    }
    QString problem;
    if (newKey.isEmpty())
        problem = tr("A key cannot be empty; \"%1\" is kept.").arg(oldKey);
    else if (m_value.contains(newKey.toStdString()))
        problem = tr("\"%1\" is already a key; \"%2\" is kept.").arg(newKey, oldKey);
    if (!problem.isEmpty()) {
        m_keyError->setText(problem);
        m_keyError->show();
        m_keyEdits.at(row)->setText(oldKey);
        return;
    }
    m_keyError->hide();
    // Renaming keeps the entry where it was.
    Json next = Json::object();
    for (auto it = m_value.begin(); it != m_value.end(); ++it)
        next[it.key() == oldKey.toStdString() ? newKey.toStdString() : it.key()] = it.value();
    m_edit(m_path, next, false);
}

void ConfigDictEditor::editValue(const QStringList &path,
                                 const std::optional<Json> &value,
                                 bool typing)
{
    const QStringList relative = path.mid(m_path.size());
    if (relative.isEmpty())
        return;
    Json next = m_value;
    if (relative.size() == 1 && !value)
        next[relative.first().toStdString()] = Core::Config::initialValue(m_field.children.first());
    else
        assignRelative(next, relative, value, Core::Config::initialValue(m_field.children.first()));
    m_edit(m_path, next, typing);
}

void ConfigDictEditor::applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown)
{
    applyErrorsTo(m_values, errors, shown);
}

bool ConfigDictEditor::focusPath(const QString &path)
{
    return focusPathIn(m_values, path);
}

} // namespace Gui
