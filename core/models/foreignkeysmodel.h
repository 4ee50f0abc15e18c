// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>

#include <QAbstractTableModel>
#include <QPair>

namespace Core {

// The foreign keys of one storage class: columns, target (ModelRole::Link holds
// "schema.table"), actions, and the ALTER TABLE statement that adds the key.
class ForeignKeysModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Name, Columns, Target, OnDelete, OnUpdate, Ddl, Count };

    explicit ForeignKeysModel(QObject *parent = nullptr);

    void setStorageClass(const StorageClass &storageClass);
    // The (schema, table) key `row` points at; a key without a schema points into the class's.
    QPair<QString, QString> target(int row) const;

    // ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ... with every identifier quoted.
    static QString foreignKeyDdl(const StorageClass &storageClass, const ForeignKeyDef &fk);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        ForeignKeyDef key;
        QString targetSchema;
        QString ddl;
    };

    QList<Row> m_rows;
};

} // namespace Core
