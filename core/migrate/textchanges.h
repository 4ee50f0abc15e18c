// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/textaudit.h>
#include <core/migrate/plan.h>
#include <core/util/result.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Core::Db {
struct DbSnapshot;
}

namespace Core::Migrate {

// True for an operation that carries only a steward's text: COMMENT ON TABLE or COLUMN, or a
// catalog update of an existing row that changes nothing but its description and labels.
bool isTextOperation(const Operation &op);

// The summaries of the operations of `plan` that are not text operations, in plan order.
QStringList structuralWork(const Plan &plan);

// ApplyOptions::metadataOnly: refuses (ErrorCode::Refused) a plan holding anything but text
// operations, listing them; `which` names the plan in the message ("reviewed", "current").
[[nodiscard]] VoidResult checkTextsOnly(const Plan &plan, const QString &which);

// ApplyOptions::expectedTextVersions: a Conflict naming each catalog row (by uid) whose
// text_version in `snapshot` is not the one read, or that is gone.
[[nodiscard]] VoidResult checkTextVersions(const QHash<QString, qint64> &expected,
                                           const Db::DbSnapshot &snapshot);

// What an upgrade records in the audit trail for the texts it changes.
struct TextChanges
{
    // One record per changed field (a class's description or labels, a column's description),
    // source set, metaTableUid set where the catalog row existed before the plan.
    QList<Db::TextAuditRecord> records;
    // Catalog rows whose texts changed only through COMMENT ON: the catalog's trigger counts
    // changes of description and labels, so the upgrade counts these itself.
    QStringList commentOnlyUids;
};

// The text changes `plan` makes to objects that exist before it runs: a catalog row's
// description, labels and column texts, a table's and an existing column's COMMENT ON. Texts that
// arrive with a new table, column or catalog row are not changes and are not recorded. A class
// description the plan writes both to the catalog and to COMMENT ON TABLE is one record, whose old
// value is the catalog's.
TextChanges textChanges(const Plan &plan, const Db::DbSnapshot &snapshot, const QString &source);

} // namespace Core::Migrate
