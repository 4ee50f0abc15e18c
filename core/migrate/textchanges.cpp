// SPDX-License-Identifier: MIT
#include "textchanges.h"

#include <core/db/dbschema.h>

#include <QJsonArray>
#include <QSet>

namespace Core::Migrate {

namespace {

QJsonValue textValue(const std::optional<QString> &text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

QString rowKey(const QString &schema, const QString &table, const QString &column = {})
{
    return schema + QChar(0x1f) + table + QChar(0x1f) + column;
}

// Columns the plan renames keep their texts' history: "schema, table, new name".
QSet<QString> renamedColumns(const Plan &plan, const Db::DbSnapshot &snapshot)
{
    QSet<QString> out;
    for (const Operation &op : plan.operations) {
        if (op.kind != OperationKind::RenameColumn)
            continue;
        const Db::DbTable *table = snapshot.table(op.schema, op.table);
        if (table && table->column(op.previousName))
            out.insert(rowKey(op.schema, op.table, op.objectName));
    }
    return out;
}

class Recorder
{
public:
    Recorder(const Db::DbSnapshot &snapshot, const QString &source)
        : m_snapshot(snapshot)
        , m_source(source)
    {}

    // False when the field was recorded already (a description the plan writes twice).
    bool add(const Operation &op,
             const QString &column,
             const QString &field,
             const QJsonValue &oldValue,
             const QJsonValue &newValue)
    {
        const QString key = rowKey(op.schema, op.table, column) + QChar(0x1f) + field;
        if (m_seen.contains(key))
            return false;
        m_seen.insert(key);
        Db::TextAuditRecord r;
        r.source = m_source;
        if (const Db::CatalogEntry *e = m_snapshot.catalogEntry(op.schema, op.table))
            r.metaTableUid = e->uid;
        r.physicalSchema = op.schema;
        r.physicalTableName = op.table;
        r.storageClass = op.storageClass;
        r.column = column;
        r.field = field;
        r.oldValue = oldValue;
        r.newValue = newValue;
        m_records.append(r);
        return true;
    }

    QList<Db::TextAuditRecord> records() const { return m_records; }

private:
    const Db::DbSnapshot &m_snapshot;
    QString m_source;
    QSet<QString> m_seen;
    QList<Db::TextAuditRecord> m_records;
};

} // namespace

bool isTextOperation(const Operation &op)
{
    switch (op.kind) {
    case OperationKind::SetTableComment:
    case OperationKind::SetColumnComment:
        return true;
    case OperationKind::UpdateCatalogEntry: {
        if (!op.before.catalog || !op.after.catalog)
            return false; // a registration
        CatalogSpec before = *op.before.catalog;
        before.description = op.after.catalog->description;
        before.labels = op.after.catalog->labels;
        before.columnTexts = op.after.catalog->columnTexts;
        return before == *op.after.catalog;
    }
    default:
        return false;
    }
}

QStringList structuralWork(const Plan &plan)
{
    QStringList out;
    for (const Operation &op : plan.operations) {
        if (!isTextOperation(op))
            out.append(op.summary);
    }
    return out;
}

TextChanges textChanges(const Plan &plan, const Db::DbSnapshot &snapshot, const QString &source)
{
    Recorder recorder(snapshot, source);
    QSet<QString> catalogTexts; // tables whose catalog texts change
    // The catalog first: its old texts are the ones a steward saw.
    for (const Operation &op : plan.operations) {
        if (op.kind != OperationKind::UpdateCatalogEntry || !op.before.catalog || !op.after.catalog)
            continue;
        const CatalogSpec &before = *op.before.catalog;
        const CatalogSpec &after = *op.after.catalog;
        if (before.description != after.description) {
            recorder.add(op,
                         {},
                         QStringLiteral("description"),
                         textValue(before.description),
                         textValue(after.description));
            catalogTexts.insert(rowKey(op.schema, op.table));
        }
        if (before.labels != after.labels) {
            recorder.add(op,
                         {},
                         QStringLiteral("labels"),
                         QJsonArray::fromStringList(before.labels),
                         QJsonArray::fromStringList(after.labels));
            catalogTexts.insert(rowKey(op.schema, op.table));
        }
        // Columns the catalog knew (a catalog from before version 3 knew none: not changes).
        for (auto it = after.columnTexts.cbegin(); it != after.columnTexts.cend(); ++it) {
            const auto old = before.columnTexts.constFind(it.key());
            if (old == before.columnTexts.cend())
                continue;
            if (old->label != it->label)
                recorder.add(op,
                             it.key(),
                             QStringLiteral("label"),
                             textValue(old->label),
                             textValue(it->label));
            if (old->description != it->description) // COMMENT ON COLUMN's is the same record
                recorder.add(op,
                             it.key(),
                             QStringLiteral("description"),
                             textValue(old->description),
                             textValue(it->description));
            catalogTexts.insert(rowKey(op.schema, op.table));
        }
    }
    const QSet<QString> renamed = renamedColumns(plan, snapshot);
    QSet<QString> commentOnly;
    for (const Operation &op : plan.operations) {
        const Db::DbTable *table = snapshot.table(op.schema, op.table);
        if (!table || !op.onExistingTable)
            continue;
        bool added = false;
        if (op.kind == OperationKind::SetTableComment) {
            added = recorder.add(op,
                                 {},
                                 QStringLiteral("description"),
                                 textValue(op.before.comment),
                                 textValue(op.after.comment));
        } else if (op.kind == OperationKind::SetColumnComment
                   && (table->column(op.objectName)
                       || renamed.contains(rowKey(op.schema, op.table, op.objectName)))) {
            added = recorder.add(op,
                                 op.objectName,
                                 QStringLiteral("description"),
                                 textValue(op.before.comment),
                                 textValue(op.after.comment));
        }
        if (added && !catalogTexts.contains(rowKey(op.schema, op.table)))
            commentOnly.insert(rowKey(op.schema, op.table));
    }

    TextChanges out;
    out.records = recorder.records();
    for (const Db::CatalogEntry &e : snapshot.catalog) {
        if (commentOnly.contains(rowKey(e.physicalSchema, e.physicalTableName)))
            out.commentOnlyUids.append(e.uid);
    }
    return out;
}

VoidResult checkTextsOnly(const Plan &plan, const QString &which)
{
    const QStringList work = structuralWork(plan);
    if (work.isEmpty())
        return {};
    return fail(ErrorCode::Refused,
                QStringLiteral("Only texts were to be saved, but the %1 plan also holds "
                               "structural work; nothing was changed. Review and apply these "
                               "operations as an upgrade first:\n  - %2")
                    .arg(which, work.join(QStringLiteral("\n  - "))));
}

VoidResult checkTextVersions(const QHash<QString, qint64> &expected, const Db::DbSnapshot &snapshot)
{
    QStringList problems;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const Db::CatalogEntry *found = nullptr;
        for (const Db::CatalogEntry &e : snapshot.catalog) {
            if (e.uid == it.key())
                found = &e;
        }
        if (!found)
            problems.append(QStringLiteral("catalog row %1 (text version %2 read) is no longer "
                                           "in the catalog")
                                .arg(it.key())
                                .arg(it.value()));
        else if (found->textVersion != it.value())
            problems.append(
                QStringLiteral("%1: text version %2 was read, %3 is in the catalog now")
                    .arg(found->physicalSchema + QLatin1Char('.') + found->physicalTableName)
                    .arg(it.value())
                    .arg(found->textVersion));
    }
    if (problems.isEmpty())
        return {};
    problems.sort();
    return fail(ErrorCode::Conflict,
                QStringLiteral("The texts were changed by someone else since they were read; "
                               "nothing was changed. Reload them and make the edits again:\n"
                               "  - %1")
                    .arg(problems.join(QStringLiteral("\n  - "))));
}

} // namespace Core::Migrate
