// SPDX-License-Identifier: MIT
#include "threewaymodel.h"

#include "roles.h"

namespace Core {

ThreeWayModel::ThreeWayModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ThreeWayModel::setTexts(const QList<Steward::ThreeWayText> &texts,
                             const ProviderManifest &manifest)
{
    beginResetModel();
    m_texts = texts;
    m_keepTheirs = QList<bool>(texts.size(), false);
    m_names.clear();
    for (const Steward::ThreeWayText &t : texts)
        m_names << t.key.display(manifest);
    endResetModel();
}

void ThreeWayModel::setTheirsTitle(const QString &title)
{
    m_theirsTitle = title;
    emit headerDataChanged(Qt::Horizontal, Theirs, Theirs);
}

int ThreeWayModel::conflicts() const
{
    return int(std::count_if(
        m_texts.cbegin(), m_texts.cend(), [](const auto &t) { return t.conflicting(); }));
}

QList<Steward::TextChange> ThreeWayModel::chosen() const
{
    QList<Steward::TextChange> out;
    for (int row = 0; row < m_texts.size(); ++row) {
        const Steward::ThreeWayText &t = m_texts.at(row);
        if (t.theirs)
            out.append({t.key, m_keepTheirs.at(row) ? *t.theirs : t.yours});
    }
    return out;
}

int ThreeWayModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_texts.size());
}

int ThreeWayModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QVariant ThreeWayModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Steward::ThreeWayText &t = m_texts.at(index.row());
    const Steward::TextField field = t.key.field;
    switch (role) {
    case Qt::DisplayRole:
        switch (Section(index.column())) {
        case Text:
            return m_names.at(index.row());
        case Original:
            return t.original.display(field);
        case Theirs:
            return t.theirs ? t.theirs->display(field) : tr("(gone)");
        case Yours:
            return t.yours.display(field);
        case KeepTheirs:
            return t.theirs ? QVariant() : tr("cannot be kept");
        case SectionCount:
            break;
        }
        return {};
    case Qt::CheckStateRole:
        if (index.column() == KeepTheirs && t.theirs)
            return m_keepTheirs.at(index.row()) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (t.conflicting() && t.theirs)
            return tr("Changed on disk and by you, differently: choose which to keep.");
        if (t.theirs && *t.theirs == t.original)
            return tr("Not changed there: yours is written.");
        return {};
    case int(ModelRole::Missing):
        return t.conflicting();
    default:
        return {};
    }
}

bool ThreeWayModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != KeepTheirs
        || !(flags(index) & Qt::ItemIsUserCheckable))
        return false;
    m_keepTheirs[index.row()] = value.toInt() == Qt::Checked;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    return true;
}

Qt::ItemFlags ThreeWayModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() == KeepTheirs && m_texts.at(index.row()).theirs)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant ThreeWayModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Section(section)) {
    case Text:
        return tr("Text");
    case Original:
        return tr("Original (as loaded)");
    case Theirs:
        return m_theirsTitle;
    case Yours:
        return tr("Yours");
    case KeepTheirs:
        return tr("Keep theirs");
    case SectionCount:
        break;
    }
    return {};
}

} // namespace Core
