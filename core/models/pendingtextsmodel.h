// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/stewardedits.h>

#include <QAbstractTableModel>
#include <QPointer>

namespace Core {

// The steward's edits not saved yet, one row each: which text, what the manifest says, what it
// will say. Follows the edits as they change.
class PendingTextsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Where, Was, Now, Count };

    explicit PendingTextsModel(Steward::StewardEdits *edits, QObject *parent = nullptr);

    std::optional<Steward::TextKey> key(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QPointer<Steward::StewardEdits> m_edits;
    QList<Steward::PendingText> m_rows;
};

} // namespace Core
