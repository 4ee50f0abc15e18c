// SPDX-License-Identifier: MIT
#include "diff.h"

#include "expressionprinter.h"
#include "model.h"
#include "tablediff.h"

#include <core/db/sqlidentifier.h>

#include <QHash>
#include <QSet>

namespace Core::Migrate {

namespace {

using Db::quoteQualified;

QString tableKey(const QString &schema, const QString &name)
{
    return schema + u'\x1f' + name;
}

void addFinding(Plan &plan,
                FindingSeverity severity,
                const QString &code,
                const QString &message,
                const QString &schema = {},
                const QString &table = {},
                const QString &pointer = {})
{
    plan.findings.append(Finding{severity, code, message, schema, table, pointer});
}

// Expressions of the class that the server refused: each is an error at its JSON pointer, and
// the class is left out of the plan (nothing about it can be compared). Returns false then.
bool acceptPrinted(const PrintedExpressions &printed, const QString &where, Plan &plan)
{
    bool ok = true;
    for (const ExpressionError &e : printed.errors) {
        if (e.storageClass != where)
            continue;
        addFinding(plan,
                   FindingSeverity::Error,
                   QStringLiteral("expression-rejected"),
                   QStringLiteral("%1: PostgreSQL cannot read the %2 (%3): %4 Fix the SQL text "
                                  "in the manifest.")
                       .arg(where, e.what, e.pointer, e.message),
                   e.schema,
                   e.table,
                   e.pointer);
        ok = false;
    }
    return ok;
}

// Manifest values that would produce wrong or unsafe DDL. Each problem is an error finding
// naming the class and the object; returns false when the class must be left out of the plan.
bool validateDesired(const TableSpec &t, const QString &where, Plan &plan)
{
    bool ok = true;
    auto error = [&](const QString &code, const QString &message) {
        addFinding(plan,
                   FindingSeverity::Error,
                   code,
                   where + QStringLiteral(": ") + message,
                   t.schema,
                   t.name);
        ok = false;
    };
    auto checkName = [&](const QString &kind, const QString &name) {
        if (name.toUtf8().size() > 63)
            error(QStringLiteral("identifier-too-long"),
                  QStringLiteral("the %1 name \"%2\" is %3 bytes long; PostgreSQL truncates names "
                                 "to 63 bytes, so the database would never match. Shorten it.")
                      .arg(kind, name)
                      .arg(name.toUtf8().size()));
    };
    auto checkExpression = [&](const QString &what, const QString &expression) {
        if (hasStatementSeparator(expression))
            error(
                QStringLiteral("expression-has-separator"),
                QStringLiteral("the %1 \"%2\" contains ';' outside a string literal; it must be a "
                               "single SQL expression.")
                    .arg(what, expression));
    };
    static const QStringList actions{QStringLiteral("NO ACTION"),
                                     QStringLiteral("RESTRICT"),
                                     QStringLiteral("CASCADE"),
                                     QStringLiteral("SET NULL"),
                                     QStringLiteral("SET DEFAULT")};
    static const QStringList matches{
        QStringLiteral("SIMPLE"), QStringLiteral("FULL"), QStringLiteral("PARTIAL")};
    static const QStringList methods{QStringLiteral("btree"),
                                     QStringLiteral("hash"),
                                     QStringLiteral("gist"),
                                     QStringLiteral("spgist"),
                                     QStringLiteral("gin"),
                                     QStringLiteral("brin")};
    checkName(QStringLiteral("table"), t.name);
    QStringList columns;
    for (const ColumnSpec &c : t.columns) {
        checkName(QStringLiteral("column"), c.name);
        if (c.serverDefault)
            checkExpression(QStringLiteral("server default of column ") + c.name, *c.serverDefault);
        columns.append(c.name);
    }
    auto checkColumns = [&](const QString &what, const QStringList &used) {
        if (used.isEmpty())
            error(QStringLiteral("no-columns"),
                  QStringLiteral("the %1 lists no columns.").arg(what));
        for (const QString &c : used) {
            if (!columns.contains(c))
                error(
                    QStringLiteral("unknown-column"),
                    QStringLiteral("the %1 names the column \"%2\", which the table does not have.")
                        .arg(what, c));
        }
    };
    if (t.primaryKey) {
        checkName(QStringLiteral("primary key"), t.primaryKey->name);
        checkColumns(QStringLiteral("primary key"), t.primaryKey->columns);
    }
    for (const IndexSpec &i : t.indexes) {
        checkName(QStringLiteral("index"), i.name);
        if (i.columns.isEmpty())
            error(QStringLiteral("no-columns"),
                  QStringLiteral("the index \"%1\" lists no columns.").arg(i.name));
        for (const QString &c : i.columns) {
            if (!columns.contains(c))
                checkExpression(QStringLiteral("expression of index ") + i.name, c);
        }
        if (i.where)
            checkExpression(QStringLiteral("predicate of index ") + i.name, *i.where);
        if (!methods.contains(i.method))
            error(QStringLiteral("unknown-index-method"),
                  QStringLiteral("the index \"%1\" uses the method \"%2\"; PostgreSQL knows %3.")
                      .arg(i.name, i.method, methods.join(QStringLiteral(", "))));
    }
    for (const UniqueSpec &u : t.uniqueConstraints) {
        checkName(QStringLiteral("unique constraint"), u.name);
        checkColumns(QStringLiteral("unique constraint \"") + u.name + u'"', u.columns);
    }
    for (const CheckSpec &c : t.checkConstraints) {
        checkName(QStringLiteral("check constraint"), c.name);
        checkExpression(QStringLiteral("check constraint ") + c.name, c.expression);
        if (c.expression.isEmpty())
            error(QStringLiteral("empty-check"),
                  QStringLiteral("the check constraint \"%1\" has no SQL text.").arg(c.name));
    }
    for (const ForeignKeySpec &f : t.foreignKeys) {
        checkName(QStringLiteral("foreign key"), f.name);
        checkColumns(QStringLiteral("foreign key \"") + f.name + u'"', f.columns);
        if (f.columns.size() != f.targetColumns.size())
            error(QStringLiteral("foreign-key-arity"),
                  QStringLiteral("the foreign key \"%1\" has %2 columns but %3 target columns.")
                      .arg(f.name)
                      .arg(f.columns.size())
                      .arg(f.targetColumns.size()));
        for (const QString &action : {f.onDelete, f.onUpdate}) {
            if (!actions.contains(action))
                error(
                    QStringLiteral("unknown-foreign-key-action"),
                    QStringLiteral("the foreign key \"%1\" has the action \"%2\"; expected one of "
                                   "%3.")
                        .arg(f.name, action, actions.join(QStringLiteral(", "))));
        }
        if (!matches.contains(f.match))
            error(
                QStringLiteral("unknown-foreign-key-match"),
                QStringLiteral("the foreign key \"%1\" has MATCH \"%2\"; expected SIMPLE, FULL or "
                               "PARTIAL.")
                    .arg(f.name, f.match));
    }
    return ok;
}

// CREATE TABLE order: a table after the tables its foreign keys point to, where there is no
// cycle; the manifest's order otherwise (FKs are added after all tables anyway).
QList<int> creationOrder(const QList<TableSpec> &tables)
{
    QHash<QString, int> index;
    for (int i = 0; i < tables.size(); ++i)
        index.insert(tableKey(tables[i].schema, tables[i].name), i);
    QList<int> order;
    QList<bool> placed(tables.size(), false);
    bool progress = true;
    while (order.size() < tables.size() && progress) {
        progress = false;
        for (int i = 0; i < tables.size(); ++i) {
            if (placed[i])
                continue;
            bool ready = true;
            for (const ForeignKeySpec &fk : tables[i].foreignKeys) {
                const int target = index.value(tableKey(fk.targetSchema, fk.targetTable), -1);
                if (target >= 0 && target != i && !placed[target])
                    ready = false;
            }
            if (ready) {
                placed[i] = true;
                order.append(i);
                progress = true;
            }
        }
    }
    for (int i = 0; i < tables.size(); ++i) {
        if (!placed[i])
            order.append(i);
    }
    return order;
}

void verifyExternalTables(const ProviderManifest &manifest,
                          const Db::DbSnapshot &snapshot,
                          Plan &plan)
{
    for (const ExternalTable &external : manifest.externalTables) {
        const QString schema
            = external.schema.isEmpty() ? manifest.provider.schema : external.schema;
        const Db::DbTable *table = snapshot.table(schema, external.tableName);
        const QString name = quoteQualified(schema, external.tableName);
        const QString owner
            = external.ownerPackage.isEmpty()
                  ? QString()
                  : QStringLiteral(" (owned by %1:%2)")
                        .arg(external.ownerPackage, external.ownerMigrationNamespace);
        if (!table) {
            addFinding(plan,
                       FindingSeverity::Error,
                       QStringLiteral("external-table-missing"),
                       QStringLiteral("External table %1%2 does not exist in the database; its "
                                      "owner's migrations must run first.")
                           .arg(name, owner),
                       schema,
                       external.tableName);
            continue;
        }
        for (const QString &column : external.referencedColumns) {
            if (!table->column(column)) {
                addFinding(plan,
                           FindingSeverity::Error,
                           QStringLiteral("external-column-missing"),
                           QStringLiteral("External table %1%2 has no column \"%3\", which this "
                                          "provider's foreign keys reference.")
                               .arg(name, owner, column),
                           schema,
                           external.tableName);
            }
        }
    }
}

} // namespace

Plan diffManifest(const ProviderManifest &manifest,
                  const Db::DbSnapshot &snapshot,
                  const DiffOptions &options)
{
    Plan plan;
    plan.providerKey = manifest.provider.providerKey();
    plan.allowDestructive = options.allowDestructive;
    const QString providerSchema
        = manifest.provider.schema.isEmpty() ? QStringLiteral("public") : manifest.provider.schema;

    // Looked up once per class and foreign key: a hash, not a scan of every table.
    QHash<QString, const Db::DbTable *> tablesByKey;
    tablesByKey.reserve(snapshot.tables.size());
    for (const Db::DbTable &t : snapshot.tables)
        tablesByKey.insert(tableKey(t.schema, t.name), &t);
    const auto existingTable = [&tablesByKey](const QString &schema, const QString &name) {
        return tablesByKey.value(tableKey(schema, name), nullptr);
    };

    QHash<QString, const Db::CatalogEntry *> catalogByTable;
    for (const Db::CatalogEntry &entry : snapshot.catalog)
        catalogByTable.insert(tableKey(entry.physicalSchema, entry.physicalTableName), &entry);

    // Desired tables, validated.
    QList<TableSpec> desired;
    QList<const StorageClass *> owners;
    QSet<QString> owned; // every table a class claims, valid or not: never unmanaged
    for (const StorageClass &storageClass : manifest.storageClasses) {
        const QString where = storageClass.classRef.path();
        auto spec = desiredTable(storageClass, providerSchema);
        if (!spec) {
            addFinding(plan,
                       FindingSeverity::Error,
                       QStringLiteral("invalid-storage-class"),
                       spec.error().message,
                       storageClass.schema(),
                       storageClass.tableName());
            owned.insert(
                tableKey(storageClass.schema().isEmpty() ? providerSchema : storageClass.schema(),
                         storageClass.tableName()));
            continue;
        }
        owned.insert(tableKey(spec->schema, spec->name));
        if (!validateDesired(*spec, where, plan))
            continue;
        if (options.printed) {
            if (!acceptPrinted(*options.printed, where, plan))
                continue;
            applyPrinted(*spec, options.printed->tables.value(where));
        }
        desired.append(*spec);
        owners.append(&storageClass);
    }

    QSet<QString> externals;
    for (const ExternalTable &external : manifest.externalTables)
        externals.insert(tableKey(external.schema.isEmpty() ? providerSchema : external.schema,
                                  external.tableName));
    verifyExternalTables(manifest, snapshot, plan);

    // Foreign-key targets must exist somewhere: in the manifest, as an external table, or in
    // the database.
    for (const TableSpec &t : desired) {
        for (const ForeignKeySpec &fk : t.foreignKeys) {
            const QString target = tableKey(fk.targetSchema, fk.targetTable);
            if (!owned.contains(target) && !externals.contains(target)
                && !existingTable(fk.targetSchema, fk.targetTable)) {
                addFinding(plan,
                           FindingSeverity::Error,
                           QStringLiteral("foreign-key-target-missing"),
                           QStringLiteral("Foreign key \"%1\" of table %2 points to %3, which is "
                                          "neither a class of this manifest, nor listed in "
                                          "external_tables, nor in the database.")
                               .arg(fk.name,
                                    quoteQualified(t.schema, t.name),
                                    quoteQualified(fk.targetSchema, fk.targetTable)),
                           t.schema,
                           t.name);
            } else if (!owned.contains(target) && !externals.contains(target)) {
                addFinding(plan,
                           FindingSeverity::Warning,
                           QStringLiteral("foreign-key-target-undeclared"),
                           QStringLiteral("Foreign key \"%1\" of table %2 points to %3, which this "
                                          "manifest neither owns nor lists in external_tables.")
                               .arg(fk.name,
                                    quoteQualified(t.schema, t.name),
                                    quoteQualified(fk.targetSchema, fk.targetTable)),
                           t.schema,
                           t.name);
            }
        }
    }

    PhasedOperations phases;
    const QList<int> order = creationOrder(desired);
    for (int i : order) {
        const TableSpec &want = desired[i];
        const StorageClass &storageClass = *owners[i];
        TableContext ctx;
        ctx.storageClass = storageClass.classRef.path();
        ctx.protectFromDeletion = storageClass.registration.protectFromDeletion;
        ctx.options = &options;
        const Db::DbTable *have = existingTable(want.schema, want.name);
        if (!have) {
            planCreateTable(want, ctx, phases);
        } else {
            ctx.estimatedRows = have->estimatedRows;
            planAlterTable(want, actualTable(*have), ctx, phases, plan.renameCandidates);
        }

        if (!snapshot.catalogExists)
            continue;
        const Db::CatalogEntry *entry = catalogByTable.value(tableKey(want.schema, want.name));
        if (entry && !entry->providerKey.isEmpty() && entry->providerKey != plan.providerKey) {
            addFinding(
                plan,
                FindingSeverity::Error,
                QStringLiteral("table-owned-by-other-provider"),
                QStringLiteral("Table %1 is registered in the catalog by the provider \"%2\", "
                               "not by \"%3\"; two providers cannot own one table.")
                    .arg(quoteQualified(want.schema, want.name),
                         entry->providerKey,
                         plan.providerKey),
                want.schema,
                want.name);
            continue;
        }
        CatalogSpec wantCatalog = desiredCatalog(storageClass);
        std::optional<CatalogSpec> haveCatalog;
        if (entry) {
            haveCatalog = actualCatalog(*entry);
            // The catalog keeps no provisioning options: they only steer the first creation.
            haveCatalog->provisioning = wantCatalog.provisioning;
            if (*haveCatalog == wantCatalog)
                continue;
        }
        Operation op;
        op.kind = OperationKind::UpdateCatalogEntry;
        op.schema = want.schema;
        op.table = want.name;
        op.objectName = want.name;
        op.storageClass = ctx.storageClass;
        op.catalogOnly = true;
        op.onExistingTable = have != nullptr;
        op.before.catalog = haveCatalog;
        op.after.catalog = wantCatalog;
        QStringList changed;
        if (haveCatalog) {
            if (haveCatalog->identifier != wantCatalog.identifier)
                changed << QStringLiteral("identifier");
            if (haveCatalog->namespaceName != wantCatalog.namespaceName)
                changed << QStringLiteral("namespace");
            if (haveCatalog->description != wantCatalog.description)
                changed << QStringLiteral("description");
            if (haveCatalog->labels != wantCatalog.labels)
                changed << QStringLiteral("labels");
            if (haveCatalog->columnTexts != wantCatalog.columnTexts)
                changed << QStringLiteral("column texts");
            if (haveCatalog->protectFromDeletion != wantCatalog.protectFromDeletion)
                changed << QStringLiteral("protect_from_deletion");
            if (haveCatalog->tableKind != wantCatalog.tableKind)
                changed << QStringLiteral("table kind");
            op.summary = QStringLiteral("update catalog entry of %1: %2")
                             .arg(quoteQualified(want.schema, want.name),
                                  changed.join(QStringLiteral(", ")));
        } else {
            op.summary = QStringLiteral("register %1 in the catalog")
                             .arg(quoteQualified(want.schema, want.name));
        }
        phases.catalog.append(op);
    }

    // Drops: only tables this provider registered and the manifest no longer has.
    QSet<QString> dropped;
    for (const Db::CatalogEntry &entry : snapshot.catalog) {
        const QString key = tableKey(entry.physicalSchema, entry.physicalTableName);
        if (entry.providerKey != plan.providerKey || owned.contains(key))
            continue;
        const Db::DbTable *have = existingTable(entry.physicalSchema, entry.physicalTableName);
        if (!have)
            continue;
        TableContext ctx;
        ctx.storageClass = entry.metatableIdentifier;
        ctx.protectFromDeletion = entry.protectFromDeletion;
        ctx.estimatedRows = have->estimatedRows;
        ctx.options = &options;
        planDropTable(actualTable(*have), ctx, phases);
        dropped.insert(key);
    }
    // A dropped table that a table outside the plan still references cannot be dropped.
    for (const Db::DbTable &t : snapshot.tables) {
        const QString key = tableKey(t.schema, t.name);
        if (dropped.contains(key))
            continue;
        for (const Db::DbForeignKey &fk : t.foreignKeys) {
            const QString target = tableKey(fk.targetSchema, fk.targetTable);
            if (!dropped.contains(target))
                continue;
            const bool fkStays = !owned.contains(key) || [&] {
                for (const TableSpec &d : desired) {
                    if (d.schema == t.schema && d.name == t.name) {
                        for (const ForeignKeySpec &f : d.foreignKeys) {
                            if (f.targetSchema == fk.targetSchema
                                && f.targetTable == fk.targetTable)
                                return true;
                        }
                    }
                }
                return false;
            }();
            if (!fkStays)
                continue;
            for (Operation &op : phases.dropTables) {
                if (tableKey(op.schema, op.table) != target)
                    continue;
                op.risks.append(
                    Risk{RiskKind::DataLoss,
                         RiskLevel::Blocker,
                         QStringLiteral("Foreign key \"%1\" of %2 still references this "
                                        "table; DROP TABLE would fail.")
                             .arg(fk.name, quoteQualified(t.schema, t.name)),
                         QStringLiteral("Drop or retarget that foreign key first."),
                         std::nullopt});
            }
        }
    }

    // Unmanaged: in the introspected schemas, owned by no class, not dropped, not external, not
    // the provider's Alembic version table.
    const QString versionTable = tableKey(providerSchema, manifest.provider.registryTableName);
    for (const Db::DbTable &t : snapshot.tables) {
        const QString key = tableKey(t.schema, t.name);
        if (owned.contains(key) || dropped.contains(key) || externals.contains(key)
            || key == versionTable || t.schema == u"metatable_catalog")
            continue;
        plan.unmanagedTables.append(TableRef{t.schema, t.name});
    }

    if (!snapshot.catalogExists && !desired.isEmpty()) {
        addFinding(plan,
                   FindingSeverity::Info,
                   QStringLiteral("catalog-missing"),
                   QStringLiteral("The database has no console catalog yet; an upgrade creates it "
                                  "and registers the %1 storage classes.")
                       .arg(desired.size()));
    }

    plan.operations = phases.inExecutionOrder();
    return plan;
}

Result<Plan> diffManifest(Db::Session &session,
                          const ProviderManifest &manifest,
                          const Db::DbSnapshot &snapshot,
                          DiffOptions options,
                          const CancelToken &cancel)
{
    auto printed = printExpressions(session, manifest, cancel);
    if (!printed)
        return fail(printed.error());
    options.printed = &*printed;
    Plan plan = diffManifest(manifest, snapshot, options);
    options.printed = nullptr;
    return plan;
}

} // namespace Core::Migrate
