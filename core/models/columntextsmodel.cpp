// SPDX-License-Identifier: MIT
#include "columntextsmodel.h"

#include "roles.h"

namespace Core {

namespace {

bool sameRows(const QList<Steward::ColumnTextRow> &a, const QList<Steward::ColumnTextRow> &b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(), [](const auto &x, const auto &y) {
        return x.classPath == y.classPath && x.table == y.table && x.column == y.column;
    });
}

} // namespace

ColumnTextsModel::ColumnTextsModel(Steward::StewardEdits *edits, QObject *parent)
    : QAbstractTableModel(parent)
    , m_edits(edits)
{
    connect(edits, &Steward::StewardEdits::changed, this, &ColumnTextsModel::reload);
    reload();
}

void ColumnTextsModel::setClasses(const QStringList &classPaths)
{
    m_classes = classPaths;
    reload();
}

void ColumnTextsModel::reload()
{
    if (!m_edits)
        return;
    const auto rows = Steward::columnTextRows(m_edits->edited(), m_classes);
    if (!sameRows(rows, m_rows)) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    } else if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, Label), index(int(m_rows.size()) - 1, Description));
    }
}

Steward::TextKey ColumnTextsModel::keyAt(const QModelIndex &index) const
{
    const Steward::ColumnTextRow &row = m_rows.at(index.row());
    return {row.classPath,
            row.column,
            index.column() == Label ? Steward::TextField::ColumnLabel
                                    : Steward::TextField::ColumnDescription};
}

int ColumnTextsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ColumnTextsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QVariant ColumnTextsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_edits)
        return {};
    const Steward::ColumnTextRow &row = m_rows.at(index.row());
    const bool text = index.column() == Label || index.column() == Description;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (index.column() == Table)
            return row.table;
        if (index.column() == Column)
            return row.column;
        if (auto value = m_edits->text(keyAt(index)))
            return value->text.value_or(QString());
        return {};
    case int(ModelRole::Pending):
        return text && m_edits->isPending(keyAt(index));
    case int(ModelRole::Missing): {
        if (!text)
            return false;
        const auto value = m_edits->text(keyAt(index));
        return value && (!value->text || value->text->trimmed().isEmpty());
    }
    case Qt::ToolTipRole:
        if (text && m_edits->isPending(keyAt(index)))
            return tr("Was %1; not saved yet.")
                .arg(m_edits->original(keyAt(index))->display(keyAt(index).field));
        return {};
    default:
        return {};
    }
}

bool ColumnTextsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable) || !m_edits)
        return false;
    const QString text = value.toString();
    return bool(
        m_edits->setText(keyAt(index), {text.isEmpty() ? std::nullopt : std::optional(text), {}}));
}

Qt::ItemFlags ColumnTextsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() == Label || index.column() == Description)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ColumnTextsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (Section(section)) {
    case Table:
        return tr("Table");
    case Column:
        return tr("Column");
    case Label:
        return tr("Label");
    case Description:
        return tr("Description");
    case SectionCount:
        break;
    }
    return {};
}

Result<int> ColumnTextsModel::paste(const QModelIndex &at, const QList<QStringList> &block)
{
    if (!m_edits || !at.isValid() || block.isEmpty())
        return 0;
    if (at.column() != Label && at.column() != Description)
        return fail(ErrorCode::InvalidInput,
                    tr("Paste into the Label or Description column: the table and column "
                       "names are not texts."));
    qsizetype width = 0;
    for (const QStringList &cells : block)
        width = std::max(width, cells.size());
    if (at.column() + width - 1 > Description)
        return fail(ErrorCode::InvalidInput,
                    tr("The block is %n column(s) wide; from %1 only %2 fit (Label and "
                       "Description). Nothing was pasted.",
                       nullptr,
                       int(width))
                        .arg(headerData(at.column(), Qt::Horizontal, Qt::DisplayRole).toString())
                        .arg(Description - at.column() + 1));
    if (at.row() + block.size() > m_rows.size())
        return fail(ErrorCode::InvalidInput,
                    tr("The block has %n row(s); only %1 fit below the selected cell. Nothing "
                       "was pasted.",
                       nullptr,
                       int(block.size()))
                        .arg(m_rows.size() - at.row()));
    QList<Steward::TextChange> changes;
    int changed = 0;
    for (int r = 0; r < block.size(); ++r) {
        for (int c = 0; c < block.at(r).size(); ++c) {
            const QModelIndex cell = index(at.row() + r, at.column() + c);
            const QString text = block.at(r).at(c);
            const Steward::TextValue value{text.isEmpty() ? std::nullopt : std::optional(text), {}};
            const Steward::TextKey key = keyAt(cell);
            if (auto now = m_edits->text(key); now && *now != value)
                ++changed;
            changes.append({key, value});
        }
    }
    if (auto set = m_edits->setTexts(changes, tr("Paste %n cell(s)", nullptr, int(changes.size())));
        !set)
        return fail(set.error());
    return changed;
}

QString ColumnTextsModel::copy(const QModelIndexList &cells) const
{
    if (cells.isEmpty())
        return {};
    int top = cells.first().row(), bottom = top, left = cells.first().column(), right = left;
    for (const QModelIndex &i : cells) {
        top = std::min(top, i.row());
        bottom = std::max(bottom, i.row());
        left = std::min(left, i.column());
        right = std::max(right, i.column());
    }
    QStringList lines;
    for (int r = top; r <= bottom; ++r) {
        QStringList fields;
        for (int c = left; c <= right; ++c) {
            QString text = cells.contains(index(r, c)) ? data(index(r, c)).toString() : QString();
            if (text.contains(QLatin1Char('\t')) || text.contains(QLatin1Char('\n'))
                || text.contains(QLatin1Char('"')))
                text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\""))
                       + QLatin1Char('"');
            fields << text;
        }
        lines << fields.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace Core
