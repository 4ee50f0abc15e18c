// SPDX-License-Identifier: MIT
// Checklist items the manifest decides: the output storage classes and the node's
// configuration, through the lint rules that check them.
#include "checklistcontext.h"

namespace Core::Assistant::Detail {

namespace {

// Items about the output storage classes cannot be told when the node's output is unknown
// (chosen at run time without a factory the exporter found, or named but not in the manifest).
bool needOutputs(const NodeContext &c, ChecklistItem &item)
{
    if (c.outputsKnown)
        return true;
    item.state = ItemState::CannotTell;
    item.evidence << (c.outputTables.isEmpty()
                          ? QStringLiteral("The node chooses its storage table at run time and "
                                           "no storage factory call says which.")
                          : QStringLiteral("Output table(s) %1 are not storage classes of this "
                                           "manifest.")
                                .arg(c.outputTables.join(QStringLiteral(", "))));
    item.fix = QStringLiteral("Give the node a storage_table default, or export with the source "
                              "so its storage factory calls are found.");
    return false;
}

QString outputNames(const NodeContext &c)
{
    QStringList names;
    for (qsizetype i : c.outputs)
        names << c.manifest.storageClasses[i].classRef.path();
    return names.join(QStringLiteral(", "));
}

} // namespace

void evaluateOutputShape(const NodeContext &c, ChecklistItem &item)
{
    addLint(item, c.nodeLint({"node-storage-class-unknown"}));
    if (item.state == ItemState::NotDone || !needOutputs(c, item))
        return;
    addLint(item,
            c.outputLint({"index-names-time-index-first",
                          "index-names-duplicate",
                          "index-names-missing-columns",
                          "time-index-not-temporal",
                          "index-columns-nullable",
                          "cadence-token"}));
    if (item.state == ItemState::NotDone)
        return;
    item.state = ItemState::Done;
    for (qsizetype i : c.outputs) {
        const StorageClass &sc = c.manifest.storageClasses[i];
        QStringList payload;
        for (const Column &col : sc.registration.columns) {
            if (!sc.registration.indexNames.contains(col.name))
                payload << col.name;
        }
        item.evidence << QStringLiteral("%1: index (%2), payload (%3), %4 foreign key(s).")
                             .arg(sc.tableName(),
                                  sc.registration.indexNames.join(QStringLiteral(", ")),
                                  payload.join(QStringLiteral(", ")))
                             .arg(sc.ddl.foreignKeys.size());
    }
}

void evaluateStorageClassKind(const NodeContext &c, ChecklistItem &item)
{
    if (!needOutputs(c, item))
        return;
    item.state = ItemState::Done;
    for (qsizetype i : c.outputs) {
        const StorageClass &sc = c.manifest.storageClasses[i];
        if (sc.isTimeIndexed()) {
            item.evidence << QStringLiteral("%1 is a time-indexed storage class (%2).")
                                 .arg(sc.classRef.path(), sc.tableName());
        } else {
            item.state = ItemState::NotDone;
            item.evidence << QStringLiteral("%1 is a relational (PlatformManagedMetaTable) "
                                            "class; DataNodes write time-indexed tables.")
                                 .arg(sc.classRef.path());
            item.fix = QStringLiteral("Derive the node's storage class from "
                                      "PlatformTimeIndexMetaTable with __index_names__.");
        }
    }
}

void evaluateClassMetadata(const NodeContext &c, ChecklistItem &item)
{
    if (!needOutputs(c, item))
        return;
    addLint(item,
            c.outputLint(
                {"storage-description-missing", "duplicate-identifier", "duplicate-table-name"}));
    for (qsizetype i : c.outputs) {
        const Registration &r = c.manifest.storageClasses[i].registration;
        if (!r.identifier || r.identifier->trimmed().isEmpty()) {
            item.state = ItemState::NotDone;
            item.evidence << QStringLiteral("%1 has no __metatable_identifier__.")
                                 .arg(c.manifest.storageClasses[i].classRef.path());
            item.fix = QStringLiteral("Set __metatable_identifier__, prefixed with the package.");
        }
    }
    if (item.state == ItemState::NotDone)
        return;
    item.state = ItemState::Done;
    item.evidence << QStringLiteral("%1: identifier, namespace and description are set on the "
                                    "class.")
                         .arg(outputNames(c));
    // Advice that does not keep the item open (a warning of the guide's own example).
    for (const LintFinding *f : c.outputLint({"identifier-not-prefixed"}))
        item.evidence << QStringLiteral("Advice, %1: %2").arg(f->ruleId, f->message);
}

void evaluateColumnInfo(const NodeContext &c, ChecklistItem &item)
{
    if (!needOutputs(c, item))
        return;
    addLint(item, c.outputLint({"column-label-missing", "column-description-missing"}));
    if (item.state == ItemState::NotDone)
        return;
    item.state = ItemState::Done;
    item.evidence
        << QStringLiteral("Every column of %1 has a label and a description.").arg(outputNames(c));
}

void evaluateConfigScope(const NodeContext &c, ChecklistItem &item)
{
    addLint(item, c.nodeLint({"config-storage-identity"}));
    if (item.state == ItemState::NotDone)
        return;
    item.state = ItemState::Done;
    item.evidence << QStringLiteral("%1 holds no storage identity, backend UID or data source.")
                         .arg(c.node.configClass.path());
}

void evaluateConfigFields(const NodeContext &c, ChecklistItem &item)
{
    addLint(item, c.nodeLint({"config-field-description-missing", "config-legacy-extra"}));
    if (item.state == ItemState::NotDone)
        return;
    item.state = ItemState::Done;
    const auto properties = c.node.configSchema.find("properties");
    const qsizetype fields = properties != c.node.configSchema.end() && properties->is_object()
                                 ? properties->size()
                                 : 0;
    item.evidence << QStringLiteral("All %1 field(s) of %2 have descriptions; no legacy schema "
                                    "extras.")
                         .arg(fields)
                         .arg(c.node.configClass.path());
}

void evaluateForeignKeys(const NodeContext &c, ChecklistItem &item)
{
    if (!needOutputs(c, item))
        return;
    qsizetype count = 0;
    for (qsizetype i : c.outputs)
        count += c.manifest.storageClasses[i].ddl.foreignKeys.size();
    if (count == 0) {
        item.state = ItemState::NotApplicable;
        item.evidence << QStringLiteral("%1 declare(s) no foreign key.").arg(outputNames(c));
        return;
    }
    addLint(item, c.outputLint({"fk-target-not-authored-name", "fk-target-unknown"}));
    if (item.state == ItemState::NotDone)
        return;
    item.state = ItemState::Done;
    for (qsizetype i : c.outputs) {
        for (const ForeignKeyDef &fk : c.manifest.storageClasses[i].ddl.foreignKeys)
            item.evidence << QStringLiteral("%1 -> %2 (%3): an authored table name.")
                                 .arg(fk.name,
                                      fk.targetTable,
                                      fk.targetColumns.join(QStringLiteral(", ")));
    }
}

} // namespace Core::Assistant::Detail
