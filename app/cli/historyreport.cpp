// SPDX-License-Identifier: MIT
#include "historyreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace Cli {

namespace {

// The value as compact JSON: QJsonDocument writes only arrays and objects at the top level.
QString jsonText(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString shown(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() ? QStringLiteral("(none)") : jsonText(value);
}

QString where(const Core::Db::TextAuditRecord &r)
{
    QString text = r.physicalSchema + QLatin1Char('.') + r.physicalTableName;
    if (!r.column.isEmpty())
        text += QLatin1Char('.') + r.column;
    return text;
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

Core::Json toJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toStdString();
    if (value.isArray()) {
        Core::Json list = Core::Json::array();
        for (const QJsonValue &item : value.toArray())
            list.push_back(toJson(item));
        return list;
    }
    return nullptr;
}

} // namespace

void printHistoryText(QTextStream &o, const QList<Core::Db::TextAuditRecord> &records)
{
    if (records.isEmpty()) {
        o << "No recorded text change matches.\n";
        return;
    }
    for (const Core::Db::TextAuditRecord &r : records)
        o << r.changedAt << "  " << r.osUser << " / " << r.dbRole << "  " << r.source << "  "
          << where(r) << ' ' << r.field << ": " << shown(r.oldValue) << " -> " << shown(r.newValue)
          << "\n";
}

void printHistoryCsv(QTextStream &o, const QList<Core::Db::TextAuditRecord> &records)
{
    o << "id,changed_at,os_user,db_role,source,schema,table,storage_class,column,field,"
         "old_value,new_value,meta_table_uid\r\n";
    for (const Core::Db::TextAuditRecord &r : records) {
        const QStringList fields = {QString::number(r.id),
                                    r.changedAt,
                                    r.osUser,
                                    r.dbRole,
                                    r.source,
                                    r.physicalSchema,
                                    r.physicalTableName,
                                    r.storageClass,
                                    r.column,
                                    r.field,
                                    jsonText(r.oldValue),
                                    jsonText(r.newValue),
                                    r.metaTableUid};
        QStringList cells;
        for (const QString &field : fields)
            cells.append(csvField(field));
        o << cells.join(QLatin1Char(',')) << "\r\n";
    }
}

Core::Json historyJson(const QList<Core::Db::TextAuditRecord> &records)
{
    Core::Json list = Core::Json::array();
    for (const Core::Db::TextAuditRecord &r : records) {
        Core::Json o = Core::Json::object();
        o["id"] = r.id;
        o["changed_at"] = r.changedAt.toStdString();
        o["os_user"] = r.osUser.toStdString();
        o["db_role"] = r.dbRole.toStdString();
        o["source"] = r.source.toStdString();
        o["meta_table_uid"] = r.metaTableUid.isEmpty() ? Core::Json(nullptr)
                                                       : Core::Json(r.metaTableUid.toStdString());
        o["schema"] = r.physicalSchema.toStdString();
        o["table"] = r.physicalTableName.toStdString();
        o["storage_class"] = r.storageClass.toStdString();
        o["column"] = r.column.isEmpty() ? Core::Json(nullptr) : Core::Json(r.column.toStdString());
        o["field"] = r.field.toStdString();
        o["old"] = toJson(r.oldValue);
        o["new"] = toJson(r.newValue);
        list.push_back(std::move(o));
    }
    return list;
}

} // namespace Cli
