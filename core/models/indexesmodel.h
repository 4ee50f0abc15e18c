// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>

#include <QAbstractTableModel>

namespace Core {

// The indexes of one storage class, as declared, plus the unique grain index of a time-indexed
// class when the SDK adds it (named with schema_index_name(table, index_names, unique=True)).
// The grain row has ModelRole::Emphasis.
class IndexesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Name, Columns, Unique, Details, Role, Count };

    explicit IndexesModel(QObject *parent = nullptr);

    void setStorageClass(const StorageClass &storageClass);
    // The row of the grain index, or -1 (relational classes).
    int grainRow() const { return m_grainRow; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QString name;
        QString columns;
        bool unique = false;
        QString details;
        QString role;
    };

    QList<Row> m_rows;
    int m_grainRow = -1;
};

} // namespace Core
