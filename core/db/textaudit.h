// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringView>

namespace Core::Db {

class Session;

// The tools that change a steward's texts, as metadata_audit.source records them (the catalog
// refuses any other). `metatable describe` edits the manifest only today, so nothing records
// it yet: the value is there for a describe that writes to a database.
inline constexpr QStringView AuditSourceUpgrade = u"metatable upgrade";
inline constexpr QStringView AuditSourceDescribe = u"metatable describe";
inline constexpr QStringView AuditSourceConsoleSave = u"console save";

// One changed text in metatable_catalog.metadata_audit: a storage class's "description" or
// "labels" (column empty), or a column's "description" or "label".
struct TextAuditRecord
{
    qint64 id = 0;        // assigned by the catalog; 0 before the record is appended
    QString changedAt;    // ISO 8601, UTC, microseconds; the transaction's time, set on append
    QString osUser;       // empty when appending: currentOsUser()
    QString dbRole;       // the database role (current_user), always set by the server on append
    QString source;       // one of the AuditSource* values
    QString metaTableUid; // the catalog row's uid; kept after the row is gone; may be empty
    QString physicalSchema;
    QString physicalTableName;
    QString storageClass; // module:qualname
    QString column;       // empty for the storage class's own texts
    QString field;        // "description", "labels", "label"
    QJsonValue oldValue;  // a string, an array of strings, or null (not set)
    QJsonValue newValue;
    bool operator==(const TextAuditRecord &) const = default;
};

// Which records readTextAudit returns; an empty or invalid member does not filter.
struct TextAuditFilter
{
    QString storage; // physical table name, "schema.table" or class path
    QString column;
    QString person;  // OS user or database role
    QDateTime since; // records at or after this time
    QDateTime until; // records before this time
};

// Who runs this process: $USER, else $LOGNAME, else the name of its account, else "unknown".
QString currentOsUser();

// Appends the records inside the caller's transaction (so they commit or roll back with the
// change they describe) in one statement; the database role and the time come from the server.
// Refuses an unknown source or field before sending anything. Requires a catalog at version 3.
[[nodiscard]] VoidResult appendTextAudit(Session &session, const QList<TextAuditRecord> &records);

// The records the filter selects, oldest first (time, then the order they were appended).
// A database without a catalog, or with one from before the audit trail, is an error that says
// to run `metatable upgrade` first.
[[nodiscard]] Result<QList<TextAuditRecord>> readTextAudit(Session &session,
                                                           const TextAuditFilter &filter);

// RFC 4180 CSV of the records with a header (id, changed_at, os_user, db_role, source, schema,
// table, storage_class, column, field, old_value, new_value, meta_table_uid); old and new as
// compact JSON. What `metatable history --format csv` prints and the console exports.
QByteArray textAuditCsv(const QList<TextAuditRecord> &records);

// A recorded value as compact JSON text: "x", ["a","b"] or null.
QString auditValueJson(const QJsonValue &value);

} // namespace Core::Db
