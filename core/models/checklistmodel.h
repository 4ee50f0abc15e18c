// SPDX-License-Identifier: MIT
#pragma once

#include <core/assistant/checklist.h>

#include <QAbstractTableModel>

namespace Core {

// One node's migration checklist: the guide's 15 items, each with its state, the evidence that
// decided it and the fix. ModelRole::ChecklistState holds the item's Assistant::ItemState.
class ChecklistModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Number, Item, State, Evidence, Fix, Count };

    explicit ChecklistModel(QObject *parent = nullptr);

    void setChecklist(const Assistant::NodeChecklist &checklist);
    const Assistant::NodeChecklist &checklist() const { return m_checklist; }
    const Assistant::ChecklistItem *item(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Assistant::NodeChecklist m_checklist;
};

} // namespace Core
