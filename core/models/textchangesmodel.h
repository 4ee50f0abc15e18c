// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/bulkedit.h>

#include <QAbstractTableModel>

namespace Core {

// The preview of a bulk edit: each text it changes, before and after.
class TextChangesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Text, Before, After, SectionCount };

    explicit TextChangesModel(QObject *parent = nullptr);

    void setPlan(const QList<Steward::PlannedChange> &plan, const ProviderManifest &manifest);
    const QList<Steward::PlannedChange> &plan() const { return m_plan; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Steward::PlannedChange> m_plan;
    QStringList m_names; // each change's text, as people read it
};

} // namespace Core
