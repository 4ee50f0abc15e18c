// SPDX-License-Identifier: MIT
#include "textaudit.h"

#include <core/db/catalog.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>
#include <core/util/csvtext.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <pwd.h>
#include <unistd.h>

namespace Core::Db {

namespace {

constexpr int FirstAuditVersion = 3; // the catalog version that made metadata_audit a trail

QString auditTable()
{
    return quoteQualified(QStringView(CatalogSchema).toString(), QStringLiteral("metadata_audit"));
}

// QJsonDocument reads and writes only arrays and objects at the top level: a string or null goes
// through a one-element array.
QString jsonText(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QJsonValue jsonValue(const QString &text)
{
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Null);
    return QJsonDocument::fromJson('[' + text.toUtf8() + ']').array().at(0);
}

VoidResult checkRecord(const TextAuditRecord &r)
{
    const QString where = r.column.isEmpty() ? r.physicalTableName
                                             : r.physicalTableName + QLatin1Char('.') + r.column;
    if (r.source != AuditSourceUpgrade && r.source != AuditSourceDescribe
        && r.source != AuditSourceConsoleSave)
        return fail(ErrorCode::Internal,
                    QStringLiteral("Audit record of %1: unknown source \"%2\" (expected "
                                   "\"metatable upgrade\", \"metatable describe\" or \"console "
                                   "save\").")
                        .arg(where, r.source));
    const bool fieldFits = r.column.isEmpty() ? (r.field == u"description" || r.field == u"labels")
                                              : (r.field == u"description" || r.field == u"label");
    if (!fieldFits || r.physicalTableName.isEmpty())
        return fail(ErrorCode::Internal,
                    QStringLiteral("Audit record of %1: a storage class has the fields "
                                   "description and labels, a column description and label, "
                                   "not \"%2\".")
                        .arg(where.isEmpty() ? QStringLiteral("(no table)") : where, r.field));
    return {};
}

VoidResult needAuditTrail(Session &session)
{
    auto version = catalogVersion(session);
    if (!version)
        return fail(version.error());
    if (*version == 0)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The database %1 has no metatable catalog, so no history of "
                                   "texts: run metatable upgrade first.")
                        .arg(session.databaseName()));
    if (*version < FirstAuditVersion)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The metatable catalog of %1 is at version %2, from before the "
                                   "audit trail of texts (version %3): run metatable upgrade first "
                                   "to migrate it.")
                        .arg(session.databaseName())
                        .arg(*version)
                        .arg(FirstAuditVersion));
    return {};
}

QVariant orNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

} // namespace

QString currentOsUser()
{
    for (const char *name : {"USER", "LOGNAME"}) {
        const QString user = qEnvironmentVariable(name);
        if (!user.isEmpty())
            return user;
    }
    // A service or a container often sets neither: the account the process runs as.
    if (const passwd *account = getpwuid(geteuid()); account && account->pw_name)
        return QString::fromLocal8Bit(account->pw_name);
    return QStringLiteral("unknown");
}

VoidResult appendTextAudit(Session &session, const QList<TextAuditRecord> &records)
{
    if (records.isEmpty())
        return {};
    QStringList osUsers, uids, schemas, tables, classes, columns, fields, olds, news, sources;
    for (const TextAuditRecord &r : records) {
        if (auto ok = checkRecord(r); !ok)
            return ok;
        osUsers << (r.osUser.isEmpty() ? currentOsUser() : r.osUser);
        uids << r.metaTableUid;
        schemas << r.physicalSchema;
        tables << r.physicalTableName;
        classes << r.storageClass;
        columns << r.column;
        fields << r.field;
        olds << jsonText(r.oldValue);
        news << jsonText(r.newValue);
        sources << r.source;
    }
    // One statement for any number of records; ORDER BY keeps their ids in the list's order.
    const QString sql
        = QStringLiteral(
              "INSERT INTO %1 (os_user, db_role, meta_table_uid, physical_schema, "
              "physical_table_name,"
              " storage_class, column_name, field, old_value, new_value, source)"
              " SELECT a.u, current_user, nullif(a.m, '')::uuid, a.s, a.t, a.c, nullif(a.col, ''),"
              "  a.f, a.o::jsonb, a.n::jsonb, a.src"
              " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
              "  $7::text[], $8::text[], $9::text[], $10::text[])"
              "  WITH ORDINALITY AS a(u, m, s, t, c, col, f, o, n, src, ord)"
              " ORDER BY a.ord")
              .arg(auditTable());
    auto r = session.execute(
        sql, {osUsers, uids, schemas, tables, classes, columns, fields, olds, news, sources});
    if (!r)
        return fail(r.error());
    return {};
}

Result<QList<TextAuditRecord>> readTextAudit(Session &session, const TextAuditFilter &filter)
{
    if (auto ok = needAuditTrail(session); !ok)
        return fail(ok.error());
    const QString sql
        = QStringLiteral(
              "SELECT id::text,"
              " to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
              " os_user, db_role, source, coalesce(meta_table_uid::text, ''), physical_schema,"
              " physical_table_name, storage_class, coalesce(column_name, ''), field,"
              " old_value::text, new_value::text"
              " FROM %1"
              " WHERE ($1::text IS NULL OR physical_table_name = $1 OR storage_class = $1"
              "        OR physical_schema || '.' || physical_table_name = $1)"
              "  AND ($2::text IS NULL OR column_name = $2)"
              "  AND ($3::text IS NULL OR os_user = $3 OR db_role = $3)"
              "  AND ($4::timestamptz IS NULL OR changed_at >= $4)"
              "  AND ($5::timestamptz IS NULL OR changed_at < $5)"
              " ORDER BY changed_at, id")
              .arg(auditTable());
    auto rows = session.query(sql,
                              {orNull(filter.storage),
                               orNull(filter.column),
                               orNull(filter.person),
                               timeOrNull(filter.since),
                               timeOrNull(filter.until)});
    if (!rows)
        return fail(rows.error());
    QList<TextAuditRecord> out;
    out.reserve(rows->size());
    for (qsizetype i = 0; i < rows->size(); ++i) {
        TextAuditRecord r;
        r.id = rows->text(i, 0).toLongLong();
        r.changedAt = rows->text(i, 1);
        r.osUser = rows->text(i, 2);
        r.dbRole = rows->text(i, 3);
        r.source = rows->text(i, 4);
        r.metaTableUid = rows->text(i, 5);
        r.physicalSchema = rows->text(i, 6);
        r.physicalTableName = rows->text(i, 7);
        r.storageClass = rows->text(i, 8);
        r.column = rows->text(i, 9);
        r.field = rows->text(i, 10);
        r.oldValue = jsonValue(rows->text(i, 11));
        r.newValue = jsonValue(rows->text(i, 12));
        out.append(r);
    }
    return out;
}

QString auditValueJson(const QJsonValue &value)
{
    // QJsonDocument writes only arrays and objects at the top level.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QByteArray textAuditCsv(const QList<TextAuditRecord> &records)
{
    QByteArray out = "id,changed_at,os_user,db_role,source,schema,table,storage_class,column,field,"
                     "old_value,new_value,meta_table_uid\r\n";
    for (const TextAuditRecord &r : records)
        out += csvLine({QString::number(r.id),
                        r.changedAt,
                        r.osUser,
                        r.dbRole,
                        r.source,
                        r.physicalSchema,
                        r.physicalTableName,
                        r.storageClass,
                        r.column,
                        r.field,
                        auditValueJson(r.oldValue),
                        auditValueJson(r.newValue),
                        r.metaTableUid});
    return out;
}

} // namespace Core::Db
