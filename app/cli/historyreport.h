// SPDX-License-Identifier: MIT
// How `metatable history` prints the audit trail of texts: text, CSV or JSON.
#pragma once

#include <core/contract/json.h>
#include <core/db/textaudit.h>

#include <QList>
#include <QString>
#include <QTextStream>

namespace Cli {

// One line per record: time, who (OS user / role), source, schema.table[.column] field: old ->
// new; a value shows as JSON ("text", ["a","b"]) or (none).
void printHistoryText(QTextStream &o, const QList<Core::Db::TextAuditRecord> &records);

// RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a
// line break (quotes doubled). old_value and new_value are JSON texts (null when not set).
void printHistoryCsv(QTextStream &o, const QList<Core::Db::TextAuditRecord> &records);

// [{id, changed_at, os_user, db_role, source, meta_table_uid, schema, table, storage_class,
// column (null for a class's own texts), field, old, new}]
Core::Json historyJson(const QList<Core::Db::TextAuditRecord> &records);

} // namespace Cli
