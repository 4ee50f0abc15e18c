// SPDX-License-Identifier: MIT
#include "historyreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace Cli {

namespace {

QString shown(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() ? QStringLiteral("(none)")
                                                 : Core::Db::auditValueJson(value);
}

QString where(const Core::Db::TextAuditRecord &r)
{
    QString text = r.physicalSchema + QLatin1Char('.') + r.physicalTableName;
    if (!r.column.isEmpty())
        text += QLatin1Char('.') + r.column;
    return text;
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
    o << QString::fromUtf8(Core::Db::textAuditCsv(records));
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
