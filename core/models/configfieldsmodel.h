// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/nodedefinition.h>

#include <QAbstractTableModel>

namespace Core {

// The fields of a node's configuration schema in declaration order, with their effective value
// and whether they take part in the node's update_hash.
class ConfigFieldsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Field, Type, Value, Hash, Description, Count };

    explicit ConfigFieldsModel(QObject *parent = nullptr);

    void setNode(const NodeDefinition &node);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QString name;
        QString type;
        QString value;
        bool fromDefault = false;
        bool required = false;
        bool hashExcluded = false;
        QString description;
    };
    static QList<Row> rowsFor(const NodeDefinition &node);

    QList<Row> m_rows;
};

} // namespace Core
