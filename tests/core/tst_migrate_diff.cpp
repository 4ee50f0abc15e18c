// SPDX-License-Identifier: MIT
#include <core/migrate/ddl.h>
#include <core/migrate/diff.h>
#include <core/migrate/expressionprinter.h>
#include <core/migrate/model.h>
#include <core/migrate/render.h>
#include <core/migrate/risk.h>

#include <QtTest>

using namespace Core;
using namespace Core::Migrate;

namespace {

Column column(const QString &name, const QString &dataType, const QString &backend, bool nullable)
{
    Column c;
    c.name = name;
    c.dataType = dataType;
    c.backendType = backend;
    c.nullable = nullable;
    return c;
}

// A relational class "app__account" (uid uuid pk, name varchar(64)).
StorageClass account(const QString &table = QStringLiteral("app__account"))
{
    StorageClass sc;
    sc.classRef = {QStringLiteral("app.storage"), QStringLiteral("Account")};
    sc.kind = TableKind::Relational;
    sc.registration.physicalTableName = table;
    sc.registration.identifier = QStringLiteral("app.account");
    sc.registration.namespaceName = QStringLiteral("app-data");
    sc.registration.columns = {
        column(QStringLiteral("uid"), QStringLiteral("uuid"), QStringLiteral("UUID"), false),
        column(
            QStringLiteral("name"), QStringLiteral("string"), QStringLiteral("VARCHAR(64)"), true)};
    sc.ddl.primaryKey = PrimaryKeyDef{QStringLiteral("pk__") + table, {QStringLiteral("uid")}};
    return sc;
}

// A time-indexed class whose manifest omits the grain index; FK to account.
StorageClass positions(const QString &target = QStringLiteral("app__account"))
{
    StorageClass sc;
    sc.classRef = {QStringLiteral("app.storage"), QStringLiteral("Positions")};
    sc.kind = TableKind::TimeIndexed;
    sc.registration.physicalTableName = QStringLiteral("app__positions");
    sc.registration.namespaceName = QStringLiteral("app-data");
    sc.registration.description = QStringLiteral("Positions per account.");
    sc.registration.timeIndexName = QStringLiteral("time_index");
    sc.registration.indexNames = {QStringLiteral("time_index"), QStringLiteral("account_uid")};
    sc.registration.columns = {
        column(QStringLiteral("time_index"),
               QStringLiteral("timestamp with time zone"),
               QStringLiteral("TIMESTAMP WITH TIME ZONE"),
               false),
        column(
            QStringLiteral("account_uid"), QStringLiteral("uuid"), QStringLiteral("UUID"), false),
        column(
            QStringLiteral("quantity"), QStringLiteral("float64"), QStringLiteral("FLOAT"), true)};
    sc.registration.columns[2].description = QStringLiteral("It's the quantity.");
    ForeignKeyDef fk;
    fk.name = QStringLiteral("fk__positions__account");
    fk.columns = {QStringLiteral("account_uid")};
    fk.targetTable = target;
    fk.targetColumns = {QStringLiteral("uid")};
    fk.onDelete = QStringLiteral("restrict");
    sc.ddl.foreignKeys = {fk};
    return sc;
}

ProviderManifest manifestOf(const QList<StorageClass> &classes)
{
    ProviderManifest m;
    m.provider.package = QStringLiteral("app");
    m.provider.migrationNamespace = QStringLiteral("app-data");
    m.provider.registryTableName = QStringLiteral("app__alembic_version");
    m.storageClasses = classes;
    return m;
}

Db::DbColumn dbColumn(const QString &name,
                      const QString &type,
                      bool notNull,
                      std::optional<QString> comment = {})
{
    return Db::DbColumn{name, type, notNull, std::nullopt, comment};
}

// The database as it looks after the manifest {account, positions} was applied.
Db::DbSnapshot matchingSnapshot()
{
    Db::DbSnapshot s;
    Db::DbTable a;
    a.schema = QStringLiteral("public");
    a.name = QStringLiteral("app__account");
    a.columns = {dbColumn(QStringLiteral("uid"), QStringLiteral("uuid"), true),
                 dbColumn(QStringLiteral("name"), QStringLiteral("character varying(64)"), false)};
    a.primaryKey = Db::DbPrimaryKey{QStringLiteral("pk__app__account"), {QStringLiteral("uid")}};
    a.indexes = {Db::DbIndex{QStringLiteral("pk__app__account"),
                             {QStringLiteral("uid")},
                             true,
                             std::nullopt,
                             QStringLiteral("btree"),
                             QStringLiteral("pk__app__account"),
                             true,
                             {}}};
    Db::DbTable p;
    p.schema = QStringLiteral("public");
    p.name = QStringLiteral("app__positions");
    p.comment = QStringLiteral("Positions per account.");
    p.columns
        = {dbColumn(QStringLiteral("time_index"), QStringLiteral("timestamp with time zone"), true),
           dbColumn(QStringLiteral("account_uid"), QStringLiteral("uuid"), true),
           dbColumn(QStringLiteral("quantity"),
                    QStringLiteral("double precision"),
                    false,
                    QStringLiteral("It's the quantity."))};
    Db::DbIndex grain;
    grain.name = QStringLiteral("uix__app__positions__time_index__account_uid");
    grain.columns = {QStringLiteral("time_index"), QStringLiteral("account_uid")};
    grain.unique = true;
    p.indexes = {grain};
    Db::DbForeignKey fk;
    fk.name = QStringLiteral("fk__positions__account");
    fk.columns = {QStringLiteral("account_uid")};
    fk.targetSchema = QStringLiteral("public");
    fk.targetTable = QStringLiteral("app__account");
    fk.targetColumns = {QStringLiteral("uid")};
    fk.onDelete = QStringLiteral("RESTRICT");
    p.foreignKeys = {fk};
    s.tables = {a, p};
    return s;
}

QList<OperationKind> kinds(const Plan &plan)
{
    QList<OperationKind> out;
    for (const Operation &op : plan.operations)
        out.append(op.kind);
    return out;
}

const Operation *find(const Plan &plan, OperationKind kind, const QString &name = {})
{
    for (const Operation &op : plan.operations) {
        if (op.kind == kind && (name.isEmpty() || op.objectName == name))
            return &op;
    }
    return nullptr;
}

qsizetype indexOf(const Plan &plan, OperationKind kind, const QString &table)
{
    for (qsizetype i = 0; i < plan.operations.size(); ++i) {
        if (plan.operations[i].kind == kind && plan.operations[i].table == table)
            return i;
    }
    return -1;
}

bool hasRisk(const Operation &op, RiskKind kind, RiskLevel level)
{
    for (const Risk &r : op.risks) {
        if (r.kind == kind && r.level == level)
            return true;
    }
    return false;
}

} // namespace

class TestMigrateDiff : public QObject
{
    Q_OBJECT

private slots:
    void emptyDatabaseCreatesEverythingInFkOrder()
    {
        // positions comes first in the manifest but references account.
        const Plan plan = diffManifest(manifestOf({positions(), account()}), Db::DbSnapshot{});
        QVERIFY(!plan.isEmpty());
        const qsizetype createAccount
            = indexOf(plan, OperationKind::CreateTable, u"app__account"_qs);
        const qsizetype createPositions
            = indexOf(plan, OperationKind::CreateTable, u"app__positions"_qs);
        const qsizetype addFk = indexOf(plan, OperationKind::AddForeignKey, u"app__positions"_qs);
        QVERIFY(createAccount >= 0 && createPositions >= 0 && addFk >= 0);
        QVERIFY(createAccount < createPositions);
        QVERIFY(createPositions < addFk);
        // The derived grain index is created although the manifest omits it.
        const Operation *grain = find(plan, OperationKind::CreateIndex);
        QVERIFY(grain);
        QVERIFY(grain->after.index->unique);
        QCOMPARE(grain->after.index->columns, QStringList({u"time_index"_qs, u"account_uid"_qs}));
        QCOMPARE(grain->statements.size(), 1);
        QVERIFY(grain->statements[0].startsWith(u"CREATE UNIQUE INDEX \"uix__"_qs));
        // Comments become COMMENT ON with a quoted literal.
        const Operation *comment = find(plan, OperationKind::SetColumnComment, u"quantity"_qs);
        QVERIFY(comment);
        QCOMPARE(
            comment->statements[0],
            u"COMMENT ON COLUMN \"public\".\"app__positions\".\"quantity\" IS 'It''s the quantity.'"_qs);
        // Creating tables carries no risk.
        QVERIFY(!plan.hasBlockers());
        QCOMPARE(plan.summary().drops, 0);
    }

    void matchingDatabaseIsEmpty()
    {
        const Plan plan = diffManifest(manifestOf({positions(), account()}), matchingSnapshot());
        QVERIFY2(plan.isEmpty(), qPrintable(renderText(plan)));
        QVERIFY(plan.unmanagedTables.isEmpty());
    }

    void fkCycleAddsKeysAfterTables()
    {
        StorageClass a = account(u"app__a"_qs);
        StorageClass b = account(u"app__b"_qs);
        ForeignKeyDef ab{
            u"fk_ab"_qs, {u"uid"_qs}, std::nullopt, u"app__b"_qs, {u"uid"_qs}, {}, {}, {}, {}, {}};
        ForeignKeyDef ba{
            u"fk_ba"_qs, {u"uid"_qs}, std::nullopt, u"app__a"_qs, {u"uid"_qs}, {}, {}, {}, {}, {}};
        a.ddl.foreignKeys = {ab};
        b.ddl.foreignKeys = {ba};
        const Plan plan = diffManifest(manifestOf({a, b}), Db::DbSnapshot{});
        const qsizetype lastCreate = qMax(indexOf(plan, OperationKind::CreateTable, u"app__a"_qs),
                                          indexOf(plan, OperationKind::CreateTable, u"app__b"_qs));
        QVERIFY(indexOf(plan, OperationKind::AddForeignKey, u"app__a"_qs) > lastCreate);
        QVERIFY(indexOf(plan, OperationKind::AddForeignKey, u"app__b"_qs) > lastCreate);
        QVERIFY(plan.findings.size() == 1); // only the catalog-missing note
        QCOMPARE(plan.findings[0].code, u"catalog-missing"_qs);
    }

    void renamesByStructure()
    {
        Db::DbSnapshot s = matchingSnapshot();
        s.tables[1].indexes[0].name = u"hand named grain"_qs;
        s.tables[1].foreignKeys[0].name = u"Hand\"FK"_qs;
        s.tables[0].primaryKey->name = u"old_pk"_qs;
        const Plan plan = diffManifest(manifestOf({positions(), account()}), s);
        QCOMPARE(kinds(plan),
                 QList<OperationKind>({OperationKind::RenamePrimaryKey,
                                       OperationKind::RenameIndex,
                                       OperationKind::RenameForeignKey}));
        const Operation *idx = find(plan, OperationKind::RenameIndex);
        QCOMPARE(
            idx->statements[0],
            u"ALTER INDEX \"public\".\"hand named grain\" RENAME TO \"uix__app__positions__time_index__account_uid\""_qs);
        const Operation *fk = find(plan, OperationKind::RenameForeignKey);
        QCOMPARE(fk->previousName, u"Hand\"FK"_qs);
        QCOMPARE(
            fk->statements[0],
            u"ALTER TABLE \"public\".\"app__positions\" RENAME CONSTRAINT \"Hand\"\"FK\" TO \"fk__positions__account\""_qs);
    }

    void structuralChangesAreDropAndCreate()
    {
        Db::DbSnapshot s = matchingSnapshot();
        s.tables[1].foreignKeys[0].onDelete = u"CASCADE"_qs; // action differs
        s.tables[1].indexes[0].unique = false;               // uniqueness differs
        const Plan plan = diffManifest(manifestOf({positions(), account()}), s);
        QCOMPARE(kinds(plan),
                 QList<OperationKind>({OperationKind::DropForeignKey,
                                       OperationKind::DropIndex,
                                       OperationKind::CreateIndex,
                                       OperationKind::AddForeignKey}));
        QVERIFY(find(plan, OperationKind::AddForeignKey)
                    ->statements[0]
                    .contains(u"ON DELETE RESTRICT"_qs));
    }

    void columnChangesAndRisks()
    {
        Db::DbSnapshot s = matchingSnapshot();
        s.tables[0].estimatedRows = 5000000;
        s.tables[0].columns[1].type = u"character varying(255)"_qs; // manifest: 64 -> narrowing
        s.tables[0].columns.append(dbColumn(u"legacy"_qs, u"integer"_qs, false));
        StorageClass a = account();
        a.registration.columns[1].nullable = false; // SET NOT NULL
        a.registration.columns.append(
            column(u"score"_qs, u"int64"_qs, u"BIGINT"_qs, false)); // NOT NULL, no default
        a.ddl.serverDefaults = {{u"uid"_qs, u"gen_random_uuid()"_qs}};
        DiffOptions options;
        const Plan plan = diffManifest(manifestOf({positions(), a}), s, options);
        const Operation *type = find(plan, OperationKind::AlterColumnType, u"name"_qs);
        QVERIFY(type);
        QVERIFY(hasRisk(*type, RiskKind::TableRewrite, RiskLevel::Danger));
        QVERIFY(hasRisk(*type, RiskKind::VarcharNarrowing, RiskLevel::Warning));
        QVERIFY(find(plan, OperationKind::AlterColumnNullability, u"name"_qs));
        QVERIFY(find(plan, OperationKind::AlterColumnDefault, u"uid"_qs));
        const Operation *add = find(plan, OperationKind::AddColumn, u"score"_qs);
        QVERIFY(hasRisk(*add, RiskKind::NotNullWithoutDefault, RiskLevel::Warning));
        const Operation *drop = find(plan, OperationKind::DropColumn, u"legacy"_qs);
        QVERIFY(drop->destructive);
        QVERIFY(hasRisk(*drop, RiskKind::DestructiveNotAllowed, RiskLevel::Blocker));
        // Same type (integer vs bigint differ): no rename candidate.
        QVERIFY(plan.renameCandidates.isEmpty());
        QVERIFY(plan.hasBlockers());
    }

    void probableRenameBecomesRenameColumn()
    {
        Db::DbSnapshot s = matchingSnapshot();
        s.tables[0].columns[1].name = u"title"_qs;
        Plan plan = diffManifest(manifestOf({positions(), account()}), s);
        QCOMPARE(plan.renameCandidates.size(), 1);
        QCOMPARE(plan.renameCandidates[0].from, u"title"_qs);
        QCOMPARE(plan.renameCandidates[0].to, u"name"_qs);
        QVERIFY(hasRisk(
            *find(plan, OperationKind::DropColumn), RiskKind::ProbableRename, RiskLevel::Warning));

        DiffOptions options;
        options.columnRenames = plan.renameCandidates;
        plan = diffManifest(manifestOf({positions(), account()}), s, options);
        QCOMPARE(kinds(plan), QList<OperationKind>({OperationKind::RenameColumn}));
        QCOMPARE(plan.operations[0].statements[0],
                 u"ALTER TABLE \"public\".\"app__account\" RENAME COLUMN \"title\" TO \"name\""_qs);
    }

    // Without the server, expressions compare only up to what never changes their meaning.
    void comparableExpressionNeverMergesDifferentExpressions()
    {
        // Same meaning, spelled with other case or spacing.
        QCOMPARE(comparableExpression(u"VALUE   >\n 0 AND Flag"_qs),
                 comparableExpression(u"value > 0 and flag"_qs));
        QCOMPARE(comparableExpression(u"\"value\" > 0"_qs), comparableExpression(u"value > 0"_qs));
        QCOMPARE(comparableExpression(u"GEN_RANDOM_UUID()"_qs),
                 comparableExpression(u"gen_random_uuid()"_qs));
        // Different meaning: none of these may compare equal.
        const QList<QPair<QString, QString>> different = {
            {u"value > 0 AND (value < 10 OR value > 100)"_qs,
             u"(value > 0 AND value < 10) OR value > 100"_qs},
            {u"qty::numeric / 3 > 1"_qs, u"qty / 3 > 1"_qs},
            {u"(value > (0)::double precision)"_qs, u"value > 0"_qs},
            {u"code = 'A'"_qs, u"code = 'a'"_qs},
            {u"code = 'a  b'"_qs, u"code = 'a b'"_qs},
            {u"\"Value\" > 0"_qs, u"value > 0"_qs},
            {u"x = $$A$$"_qs, u"x = $$a$$"_qs},
            {u"x = $tag$A B$tag$"_qs, u"x = $tag$a b$tag$"_qs},
            {u"x = E'it\\'S'"_qs, u"x = E'it\\'s'"_qs},
            {u"code IS DISTINCT FROM 'x'"_qs, u"code <> 'x'"_qs},
            {u"name < 'm' COLLATE \"C\""_qs, u"name < 'm' COLLATE \"c\""_qs},
            {u"balance > -5"_qs, u"balance > 5"_qs},
        };
        for (const auto &[a, b] : different)
            QVERIFY2(comparableExpression(a) != comparableExpression(b),
                     qPrintable(a + u" vs "_qs + b));
        QCOMPARE(checkCondition(u"CHECK ((qty >= (0)::double precision)) NOT VALID"_qs),
                 u"((qty >= (0)::double precision))"_qs);
        QCOMPARE(normalizeType(u"numeric(10, 2)"_qs), normalizeType(u"NUMERIC(10,2)"_qs));
    }

    // With the server's printed forms the diff compares those; without them the authored text,
    // so a check PostgreSQL prints otherwise is reported rather than assumed equal.
    void printedFormsDecideWhetherExpressionsMatch()
    {
        Db::DbSnapshot s = matchingSnapshot();
        s.tables[0].checkConstraints = {Db::DbCheckConstraint{
            u"ck__app__account__named"_qs, u"CHECK (((name)::text <> ''::text))"_qs, true}};
        Db::DbIndex partial;
        partial.name = u"ix_named"_qs;
        partial.columns = {u"name"_qs};
        partial.predicate = u"(name IS NOT NULL)"_qs;
        partial.method = u"hash"_qs;
        s.tables[0].indexes.append(partial);
        s.tables[0].columns[0].defaultExpr = u"gen_random_uuid()"_qs;
        StorageClass a = account();
        a.ddl.checkConstraints
            = {CheckConstraintDef{u"ck__app__account__named"_qs, u"named"_qs, u"name <> ''"_qs}};
        IndexDef idx;
        idx.name = u"ix_named"_qs;
        idx.columns = {u"name"_qs};
        idx.where = u"name is not null"_qs;
        idx.dialectKwargs = Json{{"postgresql_using", "hash"}};
        a.ddl.indexes = {idx};
        a.ddl.serverDefaults = {{u"uid"_qs, u"GEN_RANDOM_UUID()"_qs}};
        const ProviderManifest m = manifestOf({positions(), a});

        const Plan unprinted = diffManifest(m, s);
        QVERIFY(find(unprinted, OperationKind::AddCheckConstraint));
        QVERIFY(find(unprinted, OperationKind::CreateIndex));
        QVERIFY2(!find(unprinted, OperationKind::AlterColumnDefault),
                 qPrintable(renderText(unprinted)));

        PrintedExpressions printed;
        PrintedTable &t = printed.tables[u"app.storage:Account"_qs];
        t.checks = {u"(((name)::text <> ''::text))"_qs};
        t.indexes = {PrintedIndex{{u"name"_qs}, u"(name IS NOT NULL)"_qs}};
        t.defaults.insert(u"uid"_qs, u"gen_random_uuid()"_qs);
        DiffOptions options;
        options.printed = &printed;
        const Plan same = diffManifest(m, s, options);
        QVERIFY2(same.isEmpty(), qPrintable(renderText(same)));

        // A printed form that differs is a change, whatever the authored text says.
        t.checks = {u"(((name)::text <> 'x'::text))"_qs};
        const Plan changed = diffManifest(m, s, options);
        const Operation *add = find(changed, OperationKind::AddCheckConstraint);
        QVERIFY(add);
        // The statement keeps the manifest's own text.
        QVERIFY2(add->statements.value(0).contains(u"CHECK (name <> '')"_qs),
                 qPrintable(add->statements.value(0)));

        // An expression the server refused is an error at its pointer; the class is left out.
        printed.errors.append({u"app.storage:Account"_qs,
                               u"public"_qs,
                               u"app__account"_qs,
                               u"/storage_classes/1/ddl/check_constraints/0/sqltext"_qs,
                               u"check constraint ck__app__account__named"_qs,
                               u"SQLSTATE 42703: column \"nme\" does not exist"_qs});
        const Plan refused = diffManifest(m, s, options);
        QVERIFY(refused.hasErrors());
        QCOMPARE(refused.findings.value(0).pointer,
                 u"/storage_classes/1/ddl/check_constraints/0/sqltext"_qs);
        for (const Operation &op : refused.operations)
            QVERIFY2(op.table != u"app__account"_qs, qPrintable(op.summary));
    }

    void unmanagedTablesAreNeverTouchedAndDropsNeedTheCatalog()
    {
        Db::DbSnapshot s = matchingSnapshot();
        Db::DbTable stranger;
        stranger.schema = u"public"_qs;
        stranger.name = u"someone_elses"_qs;
        stranger.columns = {dbColumn(u"x"_qs, u"integer"_qs, false)};
        Db::DbTable old = stranger;
        old.name = u"app__old"_qs;
        s.tables << stranger << old;
        // Without a catalog row nothing is dropped: both are unmanaged.
        Plan plan = diffManifest(manifestOf({positions(), account()}), s);
        QVERIFY2(plan.operations.isEmpty(), qPrintable(renderText(plan)));
        QCOMPARE(plan.unmanagedTables.size(), 2);

        // The provider registered app__old earlier: now it is dropped (refused without the
        // option, and always for a protected class).
        s.catalogExists = true;
        auto entry = [](const QString &table, const QString &provider, bool protect) {
            Db::CatalogEntry e;
            e.providerKey = provider;
            e.physicalSchema = u"public"_qs;
            e.physicalTableName = table;
            e.protectFromDeletion = protect;
            return e;
        };
        s.catalog = {entry(u"app__old"_qs, u"app:app-data"_qs, false),
                     entry(u"someone_elses"_qs, u"other:ns"_qs, false)};
        plan = diffManifest(manifestOf({positions(), account()}), s);
        const Operation *drop = find(plan, OperationKind::DropTable);
        QVERIFY(drop);
        QCOMPARE(drop->table, u"app__old"_qs);
        QVERIFY(drop->isBlocked());
        QCOMPARE(plan.unmanagedTables.size(), 1);
        QCOMPARE(plan.unmanagedTables[0].name, u"someone_elses"_qs);
        // Both classes need registering in the now existing catalog.
        QCOMPARE(plan.summary().catalogOnly, 2);

        DiffOptions allow;
        allow.allowDestructive = true;
        plan = diffManifest(manifestOf({positions(), account()}), s, allow);
        QVERIFY(!find(plan, OperationKind::DropTable)->isBlocked());
        s.catalog[0].protectFromDeletion = true;
        plan = diffManifest(manifestOf({positions(), account()}), s, allow);
        QVERIFY(hasRisk(*find(plan, OperationKind::DropTable),
                        RiskKind::ProtectedFromDeletion,
                        RiskLevel::Blocker));
    }

    void catalogOnlyChanges()
    {
        Db::DbSnapshot s = matchingSnapshot();
        s.catalogExists = true;
        Db::CatalogEntry e;
        e.providerKey = u"app:app-data"_qs;
        e.physicalSchema = u"public"_qs;
        e.physicalTableName = u"app__account"_qs;
        e.metatableIdentifier = u"app.account"_qs;
        e.namespaceName = u"app-data"_qs;
        e.tableKind = u"relational"_qs;
        Db::CatalogEntry p = e;
        p.physicalTableName = u"app__positions"_qs;
        p.metatableIdentifier = QString();
        p.tableKind = u"time_indexed"_qs;
        p.description = u"Positions per account."_qs;
        e.columnTexts = catalogColumnTexts(account());
        p.columnTexts = catalogColumnTexts(positions());
        s.catalog = {e, p};
        Plan plan = diffManifest(manifestOf({positions(), account()}), s);
        QVERIFY2(plan.isEmpty(), qPrintable(renderText(plan)));
        // A column's label or description the catalog holds differently: a catalog update.
        const QString column = s.catalog[1].columnTexts.firstKey();
        s.catalog[1].columnTexts[column].label = u"Stale label"_qs;
        plan = diffManifest(manifestOf({positions(), account()}), s);
        QCOMPARE(kinds(plan), QList<OperationKind>({OperationKind::UpdateCatalogEntry}));
        QVERIFY(plan.operations[0].summary.contains(u"column texts"_qs));
        s.catalog[1].columnTexts = catalogColumnTexts(positions());
        s.catalog[0].labels = {u"stale"_qs};
        plan = diffManifest(manifestOf({positions(), account()}), s);
        QCOMPARE(kinds(plan), QList<OperationKind>({OperationKind::UpdateCatalogEntry}));
        QVERIFY(plan.operations[0].catalogOnly);
        QVERIFY(plan.operations[0].statements.isEmpty());
        QVERIFY(plan.operations[0].summary.contains(u"labels"_qs));
    }

    void externalTablesAreVerified()
    {
        ProviderManifest m = manifestOf({positions(u"ext__account"_qs)});
        ExternalTable ext;
        ext.tableName = u"ext__account"_qs;
        ext.referencedColumns = {u"uid"_qs};
        m.externalTables = {ext};
        Plan plan = diffManifest(m, Db::DbSnapshot{});
        QVERIFY(plan.hasErrors());
        QCOMPARE(plan.findings[0].code, u"external-table-missing"_qs);

        Db::DbSnapshot s;
        Db::DbTable t;
        t.schema = u"public"_qs;
        t.name = u"ext__account"_qs;
        t.columns = {dbColumn(u"id"_qs, u"uuid"_qs, true)};
        s.tables = {t};
        plan = diffManifest(m, s);
        QCOMPARE(plan.findings[0].code, u"external-column-missing"_qs);
        // Never altered, and not reported as unmanaged.
        for (const Operation &op : plan.operations)
            QVERIFY(op.table != u"ext__account"_qs);
        QVERIFY(plan.unmanagedTables.isEmpty());
    }

    void invalidManifestValuesAreErrorsNotSql()
    {
        StorageClass a = account();
        a.ddl.checkConstraints
            = {CheckConstraintDef{u"ck_bad"_qs, {}, u"1 = 1); DROP TABLE x; --"_qs}};
        ForeignKeyDef fk{u"fk_bad"_qs,
                         {u"uid"_qs},
                         std::nullopt,
                         u"app__account"_qs,
                         {u"uid"_qs},
                         u"EXPLODE"_qs,
                         {},
                         {},
                         {},
                         {}};
        a.ddl.foreignKeys = {fk};
        a.registration.columns.append(column(QString(70, u'c'), u"int64"_qs, u"BIGINT"_qs, true));
        const Plan plan = diffManifest(manifestOf({a}), Db::DbSnapshot{});
        QStringList codes;
        for (const Finding &f : plan.findings)
            codes << f.code;
        QVERIFY(codes.contains(u"expression-has-separator"_qs));
        QVERIFY(codes.contains(u"unknown-foreign-key-action"_qs));
        QVERIFY(codes.contains(u"identifier-too-long"_qs));
        QVERIFY(plan.operations.isEmpty());
    }

    void hostileIdentifiersAreQuoted()
    {
        const QString table = u"Weird \"Table\" name"_qs;
        StorageClass a = account(table);
        a.registration.physicalSchema = u"My Schema"_qs;
        a.registration.columns[1].name = u"Select"_qs;
        a.registration.columns[1].description = u"back\\slash 'quote'"_qs;
        const QString longName = QString(63, u'x');
        a.ddl.indexes = {IndexDef{longName, {u"Select"_qs}, false, std::nullopt, Json::object()}};
        const Plan plan = diffManifest(manifestOf({a}), Db::DbSnapshot{});
        QVERIFY2(!plan.hasErrors(), qPrintable(renderText(plan)));
        const QString sql = renderSqlScript(plan);
        QVERIFY(sql.contains(u"CREATE TABLE \"My Schema\".\"Weird \"\"Table\"\" name\" ("_qs));
        QVERIFY(sql.contains(u"\"Select\" character varying(64)"_qs));
        QVERIFY(
            sql.contains(u"CREATE INDEX \""_qs + longName
                         + u"\" ON \"My Schema\".\"Weird \"\"Table\"\" name\" (\"Select\")"_qs));
        QVERIFY(sql.contains(u"IS E'back\\\\slash ''quote'''"_qs));
        QCOMPARE(sqlStringLiteral(u"it's"_qs), u"'it''s'"_qs);
    }

    void rewriteRules()
    {
        QVERIFY(!typeChangeRewrites(u"character varying(10)"_qs, u"character varying(20)"_qs));
        QVERIFY(!typeChangeRewrites(u"character varying(10)"_qs, u"text"_qs));
        QVERIFY(!typeChangeRewrites(u"numeric(10,2)"_qs, u"numeric(12, 2)"_qs));
        QVERIFY(typeChangeRewrites(u"integer"_qs, u"bigint"_qs));
        QVERIFY(typeChangeRewrites(u"character varying(20)"_qs, u"character varying(10)"_qs));
        QCOMPARE(narrowedLength(u"text"_qs, u"character varying(10)"_qs), std::optional<int>(10));
        QCOMPARE(narrowedLength(u"character varying(5)"_qs, u"character varying(10)"_qs),
                 std::nullopt);
        QVERIFY(isVolatileDefault(u"gen_random_uuid()"_qs));
        // Without the database any call is volatile; pg_proc's answer decides otherwise.
        QVERIFY(isVolatileDefault(u"now()"_qs));
        const FunctionVolatility known{{u"now"_qs, u's'}, {u"random"_qs, u'v'}};
        QVERIFY(!isVolatileDefault(u"now()"_qs, known));
        QVERIFY(isVolatileDefault(u"random()"_qs, known));
        QVERIFY(isVolatileDefault(u"my_counter()"_qs, known)); // unknown: volatile
        QVERIFY(!isVolatileDefault(u"0"_qs));
        QVERIFY(!isVolatileDefault(u"'pending'::character varying"_qs));
        QVERIFY(!isVolatileDefault(u"CURRENT_TIMESTAMP"_qs));
        QVERIFY(!isVolatileDefault(u"COALESCE(NULL, 1.5::numeric(10,2))"_qs));
        QCOMPARE(calledFunctions(u"(now() AT TIME ZONE 'utc'::text)"_qs), QStringList{u"now"_qs});
        QCOMPARE(calledFunctions(u"nextval('a(b)'::regclass)"_qs), QStringList{u"nextval"_qs});
        QCOMPARE(calledFunctions(
                     u"CAST(x AS numeric(10,2)) + \"My\".\"Fn\"(1) + pg_catalog.upper('a')"_qs),
                 (QStringList{u"My.Fn"_qs, u"pg_catalog.upper"_qs}));
        QCOMPARE(calledFunctions(u"'x'::character varying(20)"_qs), QStringList());
    }

    // reltuples = -1 (never analysed) is an unknown size, judged like a large table.
    void unknownRowCountIsNotEmpty()
    {
        Operation op;
        op.kind = OperationKind::CreateIndex;
        op.onExistingTable = true;
        const QList<Risk> unknown = staticRisks(op, false, false, std::nullopt);
        QCOMPARE(unknown.size(), 1);
        QCOMPARE(unknown[0].level, RiskLevel::Warning);
        QVERIFY2(unknown[0].reason.contains(u"row count unknown"_qs),
                 qPrintable(unknown[0].reason));
        const QList<Risk> empty = staticRisks(op, false, false, 0);
        QCOMPARE(empty[0].level, RiskLevel::Info);
        QVERIFY2(empty[0].reason.contains(u"about 0 rows"_qs), qPrintable(empty[0].reason));
    }

    void jsonAndTextForms()
    {
        const Plan plan = diffManifest(manifestOf({positions(), account()}), Db::DbSnapshot{});
        const Json j = planToJson(plan);
        QCOMPARE(j["operations"].size(), std::size_t(plan.operations.size()));
        QCOMPARE(j["operations"][0]["kind"].get<std::string>(), std::string("create_table"));
        QVERIFY(j["operations"][0]["after"]["table"]["columns"].is_array());
        QCOMPARE(j["summary"]["operations"].get<int>(), plan.summary().operations);
        const QString text = renderText(plan);
        QVERIFY(text.contains(u"create table \"public\".\"app__account\""_qs));
    }
};

QTEST_GUILESS_MAIN(TestMigrateDiff)
#include "tst_migrate_diff.moc"
