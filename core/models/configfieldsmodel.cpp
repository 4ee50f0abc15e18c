// SPDX-License-Identifier: MIT
#include "configfieldsmodel.h"

#include <core/config/nodehash.h>
#include <core/models/roles.h>

namespace Core {

namespace {

QString text(const Json &value)
{
    // A storage class in a configuration reads as its import path, as the author wrote it.
    if (value.is_object() && value.value("__type__", "") == "platform_time_index_meta_table")
        return QStringLiteral("%1:%2").arg(QString::fromStdString(value.value("module", "")),
                                           QString::fromStdString(value.value("qualname", "")));
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

// A readable type for a JSON Schema property: "string", "number | null", "DailyMetricsStorage".
QString typeOf(const Json &property)
{
    if (property.value("x-metatable-storage-class", false))
        return QStringLiteral("storage class");
    if (property.contains("$ref")) {
        const QString ref = text(property["$ref"]);
        return ref.mid(ref.lastIndexOf(QLatin1Char('/')) + 1);
    }
    if (property.contains("anyOf") && property["anyOf"].is_array()) {
        QStringList parts;
        for (const Json &option : property["anyOf"])
            parts << typeOf(option);
        return parts.join(QStringLiteral(" | "));
    }
    QString type = property.contains("type") ? text(property["type"]) : QStringLiteral("any");
    if (property.contains("format"))
        type += QStringLiteral(" (%1)").arg(text(property["format"]));
    return type;
}

} // namespace

ConfigFieldsModel::ConfigFieldsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ConfigFieldsModel::setNode(const NodeDefinition &node)
{
    beginResetModel();
    m_rows = rowsFor(node);
    endResetModel();
}

QList<ConfigFieldsModel::Row> ConfigFieldsModel::rowsFor(const NodeDefinition &node)
{
    QList<Row> rows;
    const Json &schema = node.configSchema;
    if (!schema.is_object() || !schema.contains("properties") || !schema["properties"].is_object())
        return rows;
    const Json required = schema.value("required", Json::array());
    for (const auto &[name, property] : schema["properties"].items()) {
        Row row;
        row.name = QString::fromStdString(name);
        row.type = typeOf(property);
        row.hashExcluded = Config::isHashExcluded(schema, row.name);
        row.description
            = property.contains("description") ? text(property["description"]) : QString();
        if (node.config.is_object() && node.config.contains(name)) {
            row.value = text(node.config[name]);
        } else if (property.contains("default")) {
            row.value = text(property["default"]);
            row.fromDefault = true;
        } else {
            row.required
                = std::find(required.begin(), required.end(), Json(name)) != required.end();
        }
        rows.append(row);
    }
    return rows;
}

int ConfigFieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConfigFieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant ConfigFieldsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == int(ModelRole::HashExcluded))
        return r.hashExcluded;
    if (role == int(ModelRole::Missing))
        return (index.column() == Value && r.required)
               || (index.column() == Description && r.description.isEmpty());
    if (role == int(ModelRole::Emphasis))
        return index.column() == Hash && r.hashExcluded;
    if (role == Qt::ToolTipRole && index.column() == Hash)
        return r.hashExcluded ? tr("Hash-excluded: changing it keeps the node's update_hash")
                              : tr("Part of the node's update_hash");
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Field:
        return r.name;
    case Type:
        return r.type;
    case Value:
        if (r.required)
            return tr("(required, not set)");
        return r.fromDefault ? tr("%1 (default)").arg(r.value) : r.value;
    case Hash:
        return r.hashExcluded ? tr("excluded") : tr("hashed");
    case Description:
        return r.description;
    }
    return {};
}

QVariant ConfigFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Field:
        return tr("Field");
    case Type:
        return tr("Type");
    case Value:
        return tr("Value");
    case Hash:
        return tr("update_hash");
    case Description:
        return tr("Description");
    }
    return {};
}

} // namespace Core
