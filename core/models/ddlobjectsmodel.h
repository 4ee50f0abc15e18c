// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>

#include <QAbstractTableModel>

namespace Core {

// The DDL objects SQLAlchemy/Alembic own for one table: primary key, indexes, unique and check
// constraints and foreign keys, one row each, in that order.
class DdlObjectsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Kind, Name, Columns, Details, Count };

    explicit DdlObjectsModel(QObject *parent = nullptr);

    void setStorageClass(const StorageClass &storageClass);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QString kind;
        QString name;
        QString columns;
        QString details;
    };
    static QList<Row> rowsFor(const StorageClass &storageClass);

    QList<Row> m_rows;
};

} // namespace Core
