// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>

namespace Core {

// A configuration's differences from another, one row per value: path, before, after, and
// whether it changes the update identity (hashed) or not (hash-excluded).
class ConfigChangesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Field, Before, After, Identity, Count };

    struct Row
    {
        QStringList path;
        std::optional<Json> before; // nullopt: absent, the default applies
        std::optional<Json> after;
        bool hashExcluded = false;
    };

    explicit ConfigChangesModel(QObject *parent = nullptr);

    void setChanges(const QList<Row> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Row> m_rows;
};

} // namespace Core
