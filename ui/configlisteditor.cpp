// SPDX-License-Identifier: MIT
#include "configlisteditor.h"

#include "configfieldeditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

using Core::Json;
using Core::Config::FieldKind;

ConfigListEditor::ConfigListEditor(const Core::Config::FormField &field,
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
    , m_empty(new QLabel(tr("No items"), this))
{
    const QString id = path.join(u'.');
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rows->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rows);
    m_empty->setEnabled(false);
    layout->addWidget(m_empty);
    if (!isTuple()) {
        m_add = new QToolButton(this);
        m_add->setObjectName(QStringLiteral("add_") + id);
        m_add->setText(tr("Add item"));
        m_add->setToolTip(tr("Append an item to %1").arg(field.title));
        connect(m_add, &QToolButton::clicked, this, [this] {
            Json next = m_value;
            next.push_back(Core::Config::initialValue(itemField(int(next.size()))));
            m_edit(m_path, next, false);
        });
        layout->addWidget(m_add, 0, Qt::AlignLeft);
    }
    rebuild(isTuple() ? int(m_field.children.size()) : 0);
}

bool ConfigListEditor::isTuple() const
{
    return m_field.kind == FieldKind::Tuple;
}

const Core::Config::FormField &ConfigListEditor::itemField(int index) const
{
    // A tuple has one field per position; a list one for every item.
    return isTuple() ? m_field.children.at(std::min(index, int(m_field.children.size()) - 1))
                     : m_field.children.first();
}

void ConfigListEditor::rebuild(int count)
{
    // Rows go later: the button that asked for this may be one of them.
    for (QWidget *row : std::as_const(m_rowWidgets)) {
        // Out of the tree at once, so nothing finds a row that is going.
        row->hide();
        row->setParent(nullptr);
        row->deleteLater();
    }
    m_rowWidgets.clear();
    m_items.clear();
    const QString id = m_path.join(u'.');
    for (int i = 0; i < count; ++i) {
        const QString itemId = id + u'.' + QString::number(i);
        auto *row = new QWidget(this);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *number = new QLabel(QStringLiteral("%1.").arg(i + 1), row);
        number->setMinimumWidth(24);
        layout->addWidget(number, 0, Qt::AlignTop);
        auto *item = new ConfigFieldEditor(
            itemField(i),
            m_path + QStringList{QString::number(i)},
            m_context,
            [this](const QStringList &p, const std::optional<Json> &v, bool typing) {
                editItem(p, v, typing);
            },
            ConfigFieldEditor::Chrome::Bare,
            row);
        layout->addWidget(item, 1);
        if (!isTuple()) {
            const auto button = [&](const QString &name, const QString &text, const QString &tip) {
                auto *b = new QToolButton(row);
                b->setObjectName(name + itemId);
                b->setText(text);
                b->setToolTip(tip);
                b->setAutoRaise(true);
                layout->addWidget(b, 0, Qt::AlignTop);
                return b;
            };
            QToolButton *up = button(QStringLiteral("moveUp_"), tr("Up"), tr("Move this item up"));
            QToolButton *down
                = button(QStringLiteral("moveDown_"), tr("Down"), tr("Move this item down"));
            QToolButton *remove
                = button(QStringLiteral("remove_"), tr("Remove"), tr("Remove this item"));
            up->setEnabled(i > 0);
            down->setEnabled(i + 1 < count);
            connect(up, &QToolButton::clicked, this, [this, i] { move(i, i - 1); });
            connect(down, &QToolButton::clicked, this, [this, i] { move(i, i + 1); });
            connect(remove, &QToolButton::clicked, this, [this, i] { this->remove(i); });
        }
        m_rows->addWidget(row);
        m_rowWidgets.append(row);
        m_items.append(item);
    }
    m_empty->setVisible(count == 0);
    if (m_add)
        m_add->setEnabled(!m_field.maxLength || count < *m_field.maxLength);
}

void ConfigListEditor::setValue(const std::optional<Json> &value)
{
    m_value = value && value->is_array() ? *value : Json::array();
    if (!isTuple() && int(m_value.size()) != m_items.size())
        rebuild(int(m_value.size()));
    for (int i = 0; i < m_items.size(); ++i)
        m_items.at(i)->setValue(
            size_t(i) < m_value.size() ? std::optional<Json>(m_value.at(size_t(i))) : std::nullopt);
}

void ConfigListEditor::editItem(const QStringList &path,
                                const std::optional<Json> &value,
                                bool typing)
{
    const QStringList relative = path.mid(m_path.size());
    if (relative.isEmpty())
        return;
    Json next = m_value;
    // A tuple shown before it had a value: every position gets its starting value first.
    if (isTuple() && next.size() < size_t(m_field.children.size())) {
        for (int i = int(next.size()); i < m_field.children.size(); ++i)
            next.push_back(Core::Config::initialValue(m_field.children.at(i)));
    }
    const int index = relative.first().toInt();
    assignRelative(next, relative, value, Core::Config::initialValue(itemField(index)));
    m_edit(m_path, next, typing);
}

void ConfigListEditor::move(int from, int to)
{
    if (from < 0 || to < 0 || size_t(from) >= m_value.size() || size_t(to) >= m_value.size())
        return;
    Json next = m_value;
    std::swap(next[size_t(from)], next[size_t(to)]);
    m_edit(m_path, next, false);
}

void ConfigListEditor::remove(int index)
{
    if (index < 0 || size_t(index) >= m_value.size())
        return;
    Json next = m_value;
    next.erase(next.begin() + index);
    m_edit(m_path, next, false);
}

void ConfigListEditor::applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown)
{
    applyErrorsTo(m_items, errors, shown);
}

bool ConfigListEditor::focusPath(const QString &path)
{
    return focusPathIn(m_items, path);
}

} // namespace Gui
