// SPDX-License-Identifier: MIT
// Which operations of a plan are texts, and which audit records an upgrade writes for them:
// one per changed field of an object that existed, none for texts that arrive with new objects.
#include <core/db/dbschema.h>
#include <core/migrate/textchanges.h>

#include <QJsonArray>
#include <QtTest>

using namespace Core;
using namespace Core::Migrate;

namespace {

const QString Schema = QStringLiteral("public");
const QString Table = QStringLiteral("daily");
const QString ClassPath = QStringLiteral("pkg.storage:Daily");
const QString Uid = QStringLiteral("11111111-1111-1111-1111-111111111111");

Db::DbSnapshot snapshotWithTable()
{
    Db::DbSnapshot snapshot;
    Db::DbTable table;
    table.schema = Schema;
    table.name = Table;
    for (const char *name : {"value", "old_name"}) {
        Db::DbColumn column;
        column.name = QString::fromLatin1(name);
        table.columns.append(column);
    }
    snapshot.tables.append(table);
    snapshot.catalogExists = true;
    Db::CatalogEntry entry;
    entry.uid = Uid;
    entry.physicalSchema = Schema;
    entry.physicalTableName = Table;
    snapshot.catalog.append(entry);
    return snapshot;
}

Operation op(OperationKind kind, const QString &objectName = Table)
{
    Operation o;
    o.kind = kind;
    o.schema = Schema;
    o.table = Table;
    o.objectName = objectName;
    o.storageClass = ClassPath;
    o.onExistingTable = true;
    o.summary = operationKindName(kind) + QLatin1Char(' ') + objectName;
    return o;
}

Operation comment(OperationKind kind,
                  const QString &objectName,
                  std::optional<QString> before,
                  std::optional<QString> after)
{
    Operation o = op(kind, objectName);
    o.before.comment = std::move(before);
    o.after.comment = std::move(after);
    return o;
}

Operation catalogUpdate(const CatalogSpec &before, const CatalogSpec &after)
{
    Operation o = op(OperationKind::UpdateCatalogEntry);
    o.catalogOnly = true;
    o.before.catalog = before;
    o.after.catalog = after;
    return o;
}

CatalogSpec catalog(std::optional<QString> description, QStringList labels)
{
    CatalogSpec c;
    c.identifier = QStringLiteral("pkg.daily");
    c.description = std::move(description);
    c.labels = std::move(labels);
    c.tableKind = QStringLiteral("relational");
    return c;
}

} // namespace

class TstTextChanges : public QObject
{
    Q_OBJECT

private slots:
    void textOperations();
    void oneRecordPerChangedField();
    void newObjectsAreNotChanges();
    void commentOnlyRowsAreCounted();
};

void TstTextChanges::textOperations()
{
    QVERIFY(
        isTextOperation(comment(OperationKind::SetTableComment, Table, {}, QStringLiteral("x"))));
    QVERIFY(
        isTextOperation(comment(OperationKind::SetColumnComment, QStringLiteral("value"), {}, {})));
    QVERIFY(isTextOperation(catalogUpdate(catalog(QStringLiteral("a"), {QStringLiteral("l")}),
                                          catalog(QStringLiteral("b"), {}))));
    // Anything else in a catalog update is not a text, nor is a registration.
    CatalogSpec protectedSpec = catalog(QStringLiteral("a"), {});
    protectedSpec.protectFromDeletion = true;
    QVERIFY(!isTextOperation(catalogUpdate(catalog(QStringLiteral("a"), {}), protectedSpec)));
    Operation registration = op(OperationKind::UpdateCatalogEntry);
    registration.after.catalog = catalog(QStringLiteral("a"), {});
    QVERIFY(!isTextOperation(registration));
    QVERIFY(!isTextOperation(op(OperationKind::AddColumn, QStringLiteral("source"))));

    Plan plan;
    plan.operations = {comment(OperationKind::SetTableComment, Table, {}, QStringLiteral("x")),
                       op(OperationKind::AddColumn, QStringLiteral("source")),
                       op(OperationKind::CreateIndex, QStringLiteral("ix"))};
    QCOMPARE(structuralWork(plan),
             QStringList({QStringLiteral("add_column source"), QStringLiteral("create_index ix")}));
}

void TstTextChanges::oneRecordPerChangedField()
{
    Plan plan;
    plan.operations = {
        catalogUpdate(catalog(QStringLiteral("Old."), {QStringLiteral("a")}),
                      catalog(QStringLiteral("New."), {QStringLiteral("a"), QStringLiteral("b")})),
        // The same description in COMMENT ON TABLE: not a second record.
        comment(OperationKind::SetTableComment,
                Table,
                QStringLiteral("Stale."),
                QStringLiteral("New.")),
        comment(OperationKind::SetColumnComment,
                QStringLiteral("value"),
                std::nullopt,
                QStringLiteral("V.")),
    };
    const TextChanges changes
        = textChanges(plan, snapshotWithTable(), QStringLiteral("console save"));
    QCOMPARE(changes.records.size(), 3);
    const Db::TextAuditRecord &description = changes.records[0];
    QCOMPARE(description.field, QStringLiteral("description"));
    QCOMPARE(description.column, QString());
    QCOMPARE(description.oldValue.toString(), QStringLiteral("Old.")); // the catalog's
    QCOMPARE(description.newValue.toString(), QStringLiteral("New."));
    QCOMPARE(description.source, QStringLiteral("console save"));
    QCOMPARE(description.metaTableUid, Uid);
    QCOMPARE(description.storageClass, ClassPath);
    const Db::TextAuditRecord &labels = changes.records[1];
    QCOMPARE(labels.field, QStringLiteral("labels"));
    QCOMPARE(labels.oldValue.toArray(), QJsonArray({QStringLiteral("a")}));
    QCOMPARE(labels.newValue.toArray(), QJsonArray({QStringLiteral("a"), QStringLiteral("b")}));
    const Db::TextAuditRecord &column = changes.records[2];
    QCOMPARE(column.column, QStringLiteral("value"));
    QCOMPARE(column.field, QStringLiteral("description"));
    QVERIFY(column.oldValue.isNull());
    QCOMPARE(column.newValue.toString(), QStringLiteral("V."));
    // The catalog's trigger counts this row's change.
    QVERIFY(changes.commentOnlyUids.isEmpty());
}

void TstTextChanges::newObjectsAreNotChanges()
{
    Plan plan;
    Operation added = comment(
        OperationKind::SetColumnComment, QStringLiteral("source"), {}, QStringLiteral("S."));
    Operation renameOp = op(OperationKind::RenameColumn, QStringLiteral("new_name"));
    renameOp.previousName = QStringLiteral("old_name");
    Operation renamed = comment(OperationKind::SetColumnComment,
                                QStringLiteral("new_name"),
                                QStringLiteral("O."),
                                QStringLiteral("N."));
    Operation onNewTable = comment(
        OperationKind::SetTableComment, QStringLiteral("fresh"), {}, QStringLiteral("F."));
    onNewTable.table = QStringLiteral("fresh");
    onNewTable.onExistingTable = false;
    Operation registration = op(OperationKind::UpdateCatalogEntry);
    registration.table = QStringLiteral("fresh");
    registration.after.catalog = catalog(QStringLiteral("F."), {QStringLiteral("x")});
    plan.operations = {op(OperationKind::AddColumn, QStringLiteral("source")),
                       added,
                       renameOp,
                       renamed,
                       onNewTable,
                       registration};
    const TextChanges changes
        = textChanges(plan, snapshotWithTable(), QStringLiteral("metatable upgrade"));
    // Only the renamed column's description: it existed under its old name.
    QCOMPARE(changes.records.size(), 1);
    QCOMPARE(changes.records[0].column, QStringLiteral("new_name"));
    QCOMPARE(changes.records[0].oldValue.toString(), QStringLiteral("O."));
}

void TstTextChanges::commentOnlyRowsAreCounted()
{
    Plan plan;
    plan.operations = {comment(OperationKind::SetColumnComment,
                               QStringLiteral("value"),
                               QStringLiteral("A."),
                               std::nullopt)};
    const TextChanges changes
        = textChanges(plan, snapshotWithTable(), QStringLiteral("metatable upgrade"));
    QCOMPARE(changes.records.size(), 1);
    QVERIFY(changes.records[0].newValue.isNull());
    QCOMPARE(changes.commentOnlyUids, QStringList{Uid});
}

QTEST_GUILESS_MAIN(TstTextChanges)
#include "tst_textchanges.moc"
