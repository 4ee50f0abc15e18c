// SPDX-License-Identifier: MIT
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/diff.h>
#include <core/migrate/render.h>
#include <core/migrate/risk.h>

#include <QtTest>

#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Migrate;

namespace {

Db::DbSnapshot snapshotOf(Db::Session &session, const QStringList &schemas = {u"public"_qs})
{
    auto snapshot = Db::introspect(session, schemas);
    if (!snapshot)
        qFatal("introspection failed: %s", qPrintable(snapshot.error().toText()));
    return *snapshot;
}

// The plan against the live database, with the manifest's expressions printed by its server.
Plan liveDiff(Db::Session &session, const ProviderManifest &m, const DiffOptions &options = {})
{
    auto plan = diffManifest(session, m, snapshotOf(session), options);
    if (!plan)
        qFatal("diff failed: %s", qPrintable(plan.error().toText()));
    return *plan;
}

QStringList column0(Db::Session &session, const QString &sql, const Db::Params &params)
{
    auto rows = session.query(sql, params);
    if (!rows)
        qFatal("%s: %s", qPrintable(sql), qPrintable(rows.error().toText()));
    QStringList out;
    for (qsizetype i = 0; i < rows->size(); ++i)
        out.append(rows->text(i, 0));
    out.sort();
    return out;
}

// Reads the catalog directly, without the diff: every table of the manifest exists with its
// columns, and with exactly the indexes and constraints the manifest names. Returns what
// differs, or an empty string.
QString catalogMismatch(Db::Session &session, const ProviderManifest &m)
{
    QStringList problems;
    for (const StorageClass &sc : m.storageClasses) {
        const QString schema = sc.schema().isEmpty() ? u"public"_qs : sc.schema();
        const Db::Params at{schema, sc.tableName()};
        QStringList columns;
        for (const Column &c : sc.registration.columns)
            columns.append(c.name);
        columns.sort();
        const QStringList liveColumns = column0(
            session,
            u"SELECT column_name::text FROM information_schema.columns WHERE table_schema = $1 "
            "AND table_name = $2"_qs,
            at);
        if (liveColumns != columns)
            problems.append(sc.tableName() + u": columns "_qs + liveColumns.join(u',')
                            + u" instead of "_qs + columns.join(u','));
        QStringList indexes;
        for (const IndexDef &i : sc.ddl.indexes)
            indexes.append(i.name);
        if (sc.ddl.primaryKey)
            indexes.append(sc.ddl.primaryKey->name);
        for (const UniqueConstraintDef &u : sc.ddl.uniqueConstraints)
            indexes.append(u.name);
        indexes.sort();
        const QStringList liveIndexes = column0(
            session,
            u"SELECT indexname::text FROM pg_indexes WHERE schemaname = $1 AND tablename = $2"_qs,
            at);
        // A time-indexed class may get its grain index derived: it is the one extra name.
        QStringList extra = liveIndexes;
        for (const QString &name : indexes)
            extra.removeOne(name);
        const bool derivedGrain
            = sc.isTimeIndexed() && extra.size() == 1 && liveIndexes.size() == indexes.size() + 1;
        if (liveIndexes != indexes && !derivedGrain)
            problems.append(sc.tableName() + u": indexes "_qs + liveIndexes.join(u',')
                            + u" instead of "_qs + indexes.join(u','));
        QStringList constraints;
        for (const CheckConstraintDef &c : sc.ddl.checkConstraints)
            constraints.append(c.name);
        for (const ForeignKeyDef &f : sc.ddl.foreignKeys)
            constraints.append(f.name);
        constraints.sort();
        const QStringList liveConstraints = column0(
            session,
            u"SELECT con.conname::text FROM pg_constraint con JOIN pg_class c ON c.oid = "
            "con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 "
            "AND c.relname = $2 AND con.contype IN ('c', 'f')"_qs,
            at);
        if (liveConstraints != constraints)
            problems.append(sc.tableName() + u": checks and foreign keys "_qs
                            + liveConstraints.join(u',') + u" instead of "_qs
                            + constraints.join(u','));
    }
    return problems.join(u'\n');
}

QString liveCheck(Db::Session &session, const QString &name)
{
    const QStringList defs
        = column0(session,
                  u"SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = $1"_qs,
                  {name});
    return defs.value(0);
}

// Runs every statement of the plan in one transaction, as the round trip needs.
QString execute(Db::Session &session, const Plan &plan)
{
    if (auto b = session.begin(); !b)
        return b.error().toText();
    for (const Operation &op : plan.operations) {
        for (const QString &statement : op.statements) {
            if (auto r = session.execute(statement); !r) {
                session.rollback();
                return statement + u'\n' + r.error().toText();
            }
        }
    }
    if (auto c = session.commit(); !c)
        return c.error().toText();
    return {};
}

Column column(const QString &name, const QString &dataType, const QString &backend, bool nullable)
{
    Column c;
    c.name = name;
    c.dataType = dataType;
    c.backendType = backend;
    c.nullable = nullable;
    return c;
}

// A manifest with every feature the diff knows, under hostile names.
ProviderManifest featureManifest()
{
    ProviderManifest m;
    m.provider.package = u"feat"_qs;
    m.provider.migrationNamespace = u"feat-ns"_qs;
    StorageClass parent;
    parent.classRef = {u"feat.storage"_qs, u"Parent"_qs};
    parent.kind = TableKind::Relational;
    parent.registration.physicalTableName = u"Parent \"Table\""_qs;
    parent.registration.description = u"Parents, with a 'quote' and a back\\slash."_qs;
    parent.registration.columns = {column(u"uid"_qs, u"uuid"_qs, u"UUID"_qs, false),
                                   column(u"Code"_qs, u"string"_qs, u"VARCHAR(16)"_qs, false),
                                   column(u"amount"_qs, u"numeric"_qs, u"NUMERIC(10, 2)"_qs, true),
                                   column(u"status"_qs, u"string"_qs, u"VARCHAR(20)"_qs, true)};
    parent.registration.columns[1].description = u"Business code."_qs;
    parent.ddl.primaryKey = PrimaryKeyDef{u"pk__parent"_qs, {u"uid"_qs}};
    parent.ddl.uniqueConstraints = {UniqueConstraintDef{u"uq__parent__code"_qs, {u"Code"_qs}}};
    parent.ddl.checkConstraints
        = {CheckConstraintDef{u"ck__parent__amount"_qs, u"amount"_qs, u"amount >= 0"_qs},
           CheckConstraintDef{u"ck__parent__status"_qs, u"status"_qs, u"status <> 'bad'"_qs}};
    parent.ddl.serverDefaults = {{u"uid"_qs, u"gen_random_uuid()"_qs}, {u"status"_qs, u"'new'"_qs}};
    IndexDef partial{
        u"ix__parent__status"_qs, {u"status"_qs}, false, u"status IS NOT NULL"_qs, Json::object()};
    IndexDef hashed{
        QString(63, u'h'), {u"Code"_qs}, false, std::nullopt, Json{{"postgresql_using", "hash"}}};
    parent.ddl.indexes = {partial, hashed};

    StorageClass child;
    child.classRef = {u"feat.storage"_qs, u"Child"_qs};
    child.kind = TableKind::TimeIndexed;
    child.registration.physicalTableName = u"child"_qs;
    child.registration.timeIndexName = u"time_index"_qs;
    child.registration.indexNames = {u"time_index"_qs, u"parent_uid"_qs};
    child.registration.columns = {column(u"time_index"_qs,
                                         u"timestamp with time zone"_qs,
                                         u"TIMESTAMP WITH TIME ZONE"_qs,
                                         false),
                                  column(u"parent_uid"_qs, u"uuid"_qs, u"UUID"_qs, false),
                                  column(u"parent_code"_qs, u"string"_qs, u"VARCHAR(16)"_qs, true),
                                  column(u"value"_qs, u"float64"_qs, u"FLOAT"_qs, true)};
    ForeignKeyDef toParent{u"fk__child__parent"_qs,
                           {u"parent_uid"_qs},
                           std::nullopt,
                           u"Parent \"Table\""_qs,
                           {u"uid"_qs},
                           u"CASCADE"_qs,
                           u"RESTRICT"_qs,
                           true,
                           u"DEFERRED"_qs,
                           std::nullopt};
    ForeignKeyDef toCode{u"fk__child__code"_qs,
                         {u"parent_code"_qs},
                         std::nullopt,
                         u"Parent \"Table\""_qs,
                         {u"Code"_qs},
                         u"SET NULL"_qs,
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         u"FULL"_qs};
    child.ddl.foreignKeys = {toParent, toCode};
    child.ddl.checkConstraints
        = {CheckConstraintDef{u"ck__child__value"_qs, u"value"_qs, u"value > 0"_qs}};
    m.storageClasses = {child, parent}; // child first: ordering must put the parent first
    return m;
}

QStringList kindNames(const Plan &plan)
{
    QStringList out;
    for (const Operation &op : plan.operations)
        out << operationKindName(op.kind);
    return out;
}

const Operation *find(const Plan &plan, OperationKind kind, const QString &name)
{
    for (const Operation &op : plan.operations) {
        if (op.kind == kind && op.objectName == name)
            return &op;
    }
    return nullptr;
}

const Risk *riskOf(const Operation *op, RiskKind kind)
{
    if (!op)
        return nullptr;
    for (const Risk &r : op->risks) {
        if (r.kind == kind)
            return &r;
    }
    return nullptr;
}

} // namespace

class TestMigrateDiffPg : public QObject
{
    Q_OBJECT

private slots:
    void demoManifestsRoundTrip()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "plan_demo");
        auto session = TestSupport::openSession(conninfo);
        for (const QString &file : {u"resources/demo/example_project.v1.json"_qs,
                                    u"resources/demo/example_project.v2.json"_qs}) {
            auto doc = readManifestFile(TestSupport::sourcePath(file));
            QVERIFY2(doc, qPrintable(doc ? QString() : doc.error().toText()));
            const Plan plan = liveDiff(*session, doc->manifest);
            QVERIFY2(!plan.hasErrors(), qPrintable(renderText(plan)));
            QVERIFY(!plan.operations.isEmpty());
            const QString failure = execute(*session, plan);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
            const Plan after = liveDiff(*session, doc->manifest);
            QVERIFY2(after.isEmpty(), qPrintable(file + u'\n' + renderText(after)));
            const QString mismatch = catalogMismatch(*session, doc->manifest);
            QVERIFY2(mismatch.isEmpty(), qPrintable(file + u'\n' + mismatch));
        }
    }

    void everyFeatureRoundTripsAndHandNamesAreRenames()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "plan_features");
        auto session = TestSupport::openSession(conninfo);
        const ProviderManifest m = featureManifest();
        const Plan plan = liveDiff(*session, m);
        QVERIFY2(!plan.hasErrors(), qPrintable(renderText(plan)));
        QString failure = execute(*session, plan);
        QVERIFY2(failure.isEmpty(), qPrintable(failure + u'\n' + renderSqlScript(plan)));
        Plan after = liveDiff(*session, m);
        QVERIFY2(after.isEmpty(), qPrintable(renderText(after)));
        QString mismatch = catalogMismatch(*session, m);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(liveCheck(*session, u"ck__parent__amount"_qs),
                 u"CHECK ((amount >= (0)::numeric))"_qs);
        QCOMPARE(liveCheck(*session, u"ck__parent__status"_qs),
                 u"CHECK (((status)::text <> 'bad'::text))"_qs);

        // Re-create FKs, indexes and constraints under hand-written names.
        const QStringList handNamed = {
            uR"(ALTER TABLE "child" DROP CONSTRAINT "fk__child__parent")"_qs,
            uR"(ALTER TABLE "child" ADD CONSTRAINT "My FK" FOREIGN KEY ("parent_uid") REFERENCES "Parent ""Table""" ("uid") ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED)"_qs,
            uR"(DROP INDEX "ix__parent__status")"_qs,
            uR"(CREATE INDEX "Status Idx" ON "Parent ""Table""" ("status") WHERE status IS NOT NULL)"_qs,
            uR"(ALTER TABLE "Parent ""Table""" DROP CONSTRAINT "ck__parent__amount")"_qs,
            uR"(ALTER TABLE "Parent ""Table""" ADD CONSTRAINT "amount_ok" CHECK (amount >= 0))"_qs,
        };
        for (const QString &sql : handNamed) {
            auto r = session->execute(sql);
            QVERIFY2(r, qPrintable(sql + u'\n' + (r ? QString() : r.error().toText())));
        }
        after = liveDiff(*session, m);
        QStringList renames = kindNames(after);
        renames.sort();
        QCOMPARE(
            renames,
            QStringList(
                {u"rename_check_constraint"_qs, u"rename_foreign_key"_qs, u"rename_index"_qs}));
        failure = execute(*session, after);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        after = liveDiff(*session, m);
        QVERIFY2(after.isEmpty(), qPrintable(renderText(after)));
    }

    // Negative constants and IN lists read back in PostgreSQL's spelling ('-5'::integer,
    // = ANY (ARRAY[...])): after applying, the diff is empty instead of drop + add again.
    // The demo's v2 adds spreads.account_uid and a foreign key over it: on a table with rows,
    // the key is judged (every existing row holds NULL) instead of failing to count it.
    void demoV2ForeignKeyOnNewColumn()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "plan_demo_rows");
        auto session = TestSupport::openSession(conninfo);
        auto v1 = readManifestFile(
            TestSupport::sourcePath(u"resources/demo/example_project.v1.json"_qs));
        QVERIFY2(v1, qPrintable(v1 ? QString() : v1.error().toText()));
        QVERIFY(execute(*session, liveDiff(*session, v1->manifest)).isEmpty());
        const QString insert
            = uR"(INSERT INTO example_project__spreads (time_index, entity_identifier, spread, base_value) SELECT now() - g * interval '1 hour', 'e' || g, g, g FROM generate_series(1, 25) g)"_qs;
        QVERIFY2(session->execute(insert), qPrintable(insert));
        auto v2 = readManifestFile(
            TestSupport::sourcePath(u"resources/demo/example_project.v2.json"_qs));
        QVERIFY2(v2, qPrintable(v2 ? QString() : v2.error().toText()));
        Plan plan = liveDiff(*session, v2->manifest);
        SessionRiskProbe probe(*session);
        QVERIFY(assessRisks(plan, probe));
        const Operation *add = nullptr;
        for (const Operation &op : plan.operations) {
            if (op.kind == OperationKind::AddForeignKey && op.table == u"example_project__spreads")
                add = &op;
        }
        QVERIFY2(add, qPrintable(renderText(plan)));
        const Risk *fk = riskOf(add, RiskKind::ForeignKeyValidation);
        QVERIFY(fk);
        QVERIFY2(fk->affectedRows == std::optional<qint64>(0), qPrintable(fk->reason));
        QVERIFY2(!fk->reason.contains(u"could not be counted"_qs), qPrintable(fk->reason));
        QVERIFY2(fk->reason.contains(u"25 rows"_qs), qPrintable(fk->reason));
        const QString text = renderText(plan);
        QVERIFY2(!text.contains(u"could not be counted"_qs), qPrintable(text));
    }

    void negativeLiteralsAndInListsRoundTrip()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "plan_literals");
        auto session = TestSupport::openSession(conninfo);
        ProviderManifest m = featureManifest();
        StorageClass &parent = m.storageClasses[1];
        parent.registration.columns.append(column(u"balance"_qs, u"int32"_qs, u"INTEGER"_qs, true));
        parent.ddl.checkConstraints.append(
            CheckConstraintDef{u"ck__parent__balance"_qs, u"balance"_qs, u"balance > -1000000"_qs});
        parent.ddl.checkConstraints.append(CheckConstraintDef{
            u"ck__parent__state"_qs, u"state"_qs, u"status IN ('new', 'ok', 'bad')"_qs});
        parent.ddl.checkConstraints.append(CheckConstraintDef{
            u"ck__parent__amount_low"_qs, u"amount_low"_qs, u"amount >= -2.5"_qs});
        StorageClass &child = m.storageClasses[0];
        child.ddl.checkConstraints.append(
            CheckConstraintDef{u"ck__child__floor"_qs, u"floor"_qs, u"value >= -1.5"_qs});
        child.ddl.indexes.append(IndexDef{u"ix__child__odd_value"_qs,
                                          {u"value"_qs},
                                          false,
                                          u"value NOT IN (1, -2) AND parent_code IN ('a', 'b')"_qs,
                                          Json::object()});
        const Plan plan = liveDiff(*session, m);
        QVERIFY2(!plan.hasErrors(), qPrintable(renderText(plan)));
        const QString failure = execute(*session, plan);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const Plan after = liveDiff(*session, m);
        QVERIFY2(after.isEmpty(), qPrintable(renderText(after)));
        const QString mismatch = catalogMismatch(*session, m);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(liveCheck(*session, u"ck__parent__balance"_qs),
                 u"CHECK ((balance > '-1000000'::integer))"_qs);
        QCOMPARE(liveCheck(*session, u"ck__child__floor"_qs),
                 u"CHECK ((value >= ('-1.5'::numeric)::double precision))"_qs);

        // A different bound is still a change.
        child.ddl.checkConstraints.last().sqlText = u"value >= -1.25"_qs;
        const Plan changed = liveDiff(*session, m);
        QVERIFY2(find(changed, OperationKind::AddCheckConstraint, u"ck__child__floor"_qs),
                 qPrintable(renderText(changed)));
    }

    void risksAreCountedOnRealData()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "plan_risks");
        auto session = TestSupport::openSession(conninfo);
        ProviderManifest m = featureManifest();
        QVERIFY(execute(*session, liveDiff(*session, m)).isEmpty());
        const QStringList data = {
            uR"(INSERT INTO "Parent ""Table""" ("Code", amount, status) SELECT 'c' || g, g, CASE WHEN g <= 3 THEN NULL ELSE 'ok' END FROM generate_series(1, 10) g)"_qs,
            uR"(UPDATE "Parent ""Table""" SET "Code" = 'long-code-' || amount WHERE amount IN (9, 10))"_qs,
            uR"(ALTER TABLE "Parent ""Table""" ADD COLUMN legacy integer)"_qs,
            uR"(UPDATE "Parent ""Table""" SET legacy = 1 WHERE amount <= 4)"_qs,
        };
        for (const QString &sql : data)
            QVERIFY2(session->execute(sql), qPrintable(sql));
        // Desired: status NOT NULL, Code narrowed to 8, a check amount < 8, no legacy column.
        StorageClass &parent = m.storageClasses[1];
        parent.registration.columns[3].nullable = false;
        parent.registration.columns[1].backendType = u"VARCHAR(8)"_qs;
        m.storageClasses[0].registration.columns[2].backendType = u"VARCHAR(8)"_qs;
        parent.ddl.checkConstraints.append(
            CheckConstraintDef{u"ck__parent__small"_qs, u"small"_qs, u"amount < 8"_qs});
        DiffOptions options;
        options.allowDestructive = true;
        Plan plan = liveDiff(*session, m, options);
        SessionRiskProbe probe(*session);
        QVERIFY(assessRisks(plan, probe));

        const Risk *nulls = riskOf(find(plan, OperationKind::AlterColumnNullability, u"status"_qs),
                                   RiskKind::NullsBlockNotNull);
        QVERIFY(nulls);
        QCOMPARE(nulls->affectedRows, std::optional<qint64>(3));
        QCOMPARE(nulls->level, RiskLevel::Blocker);
        const Risk *longer = riskOf(find(plan, OperationKind::AlterColumnType, u"Code"_qs),
                                    RiskKind::VarcharNarrowing);
        QVERIFY(longer);
        QCOMPARE(longer->affectedRows, std::optional<qint64>(2));
        QCOMPARE(longer->level, RiskLevel::Blocker);
        const Risk *check
            = riskOf(find(plan, OperationKind::AddCheckConstraint, u"ck__parent__small"_qs),
                     RiskKind::ConstraintViolations);
        QVERIFY(check);
        QCOMPARE(check->affectedRows, std::optional<qint64>(3)); // amounts 8, 9, 10
        const Risk *lost
            = riskOf(find(plan, OperationKind::DropColumn, u"legacy"_qs), RiskKind::DataLoss);
        QVERIFY(lost);
        QCOMPARE(lost->affectedRows, std::optional<qint64>(4));
        QCOMPARE(lost->level, RiskLevel::Danger);
        QVERIFY(plan.hasBlockers());
    }

    // Constraints and indexes over columns the same plan adds: the counts use the value every
    // existing row will hold (NULL or the default) instead of failing on the missing column.
    void risksOnColumnsThePlanAdds()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "plan_added");
        auto session = TestSupport::openSession(conninfo);
        ProviderManifest m = featureManifest();
        QVERIFY(execute(*session, liveDiff(*session, m)).isEmpty());
        const QStringList data = {
            uR"(INSERT INTO "Parent ""Table""" ("Code", amount, status) SELECT 'c' || g, g, CASE WHEN g <= 3 THEN NULL ELSE 'ok' END FROM generate_series(1, 10) g)"_qs,
            uR"(INSERT INTO child (time_index, parent_uid, value) SELECT now() - g * interval '1 day', (SELECT uid FROM "Parent ""Table""" ORDER BY amount LIMIT 1), g FROM generate_series(1, 5) g)"_qs,
        };
        for (const QString &sql : data)
            QVERIFY2(session->execute(sql), qPrintable(sql));
        StorageClass &parent = m.storageClasses[1];
        parent.registration.columns.append(
            column(u"region"_qs, u"string"_qs, u"VARCHAR(8)"_qs, true));
        parent.registration.columns.append(column(u"tier"_qs, u"int64"_qs, u"BIGINT"_qs, true));
        parent.ddl.serverDefaults.append({u"tier"_qs, u"2"_qs});
        parent.ddl.checkConstraints.append(
            CheckConstraintDef{u"ck__parent__tier"_qs, u"tier"_qs, u"tier < 2"_qs});
        parent.ddl.checkConstraints.append(
            CheckConstraintDef{u"ck__parent__region"_qs, u"region"_qs, u"region <> 'x'"_qs});
        parent.ddl.checkConstraints.append(
            CheckConstraintDef{u"ck__parent__zero"_qs, u"zero"_qs, u"1 / (tier - 2) > 0"_qs});
        parent.ddl.uniqueConstraints.append(
            UniqueConstraintDef{u"uq__parent__tier"_qs, {u"tier"_qs}});
        parent.ddl.uniqueConstraints.append(
            UniqueConstraintDef{u"uq__parent__region"_qs, {u"region"_qs}});
        parent.ddl.indexes.append(IndexDef{
            u"uix__parent__upper_status"_qs, {u"upper(status)"_qs}, true, std::nullopt, {}});
        StorageClass &child = m.storageClasses[0];
        child.registration.columns.append(column(u"other_parent"_qs, u"uuid"_qs, u"UUID"_qs, true));
        child.ddl.foreignKeys.append(ForeignKeyDef{u"fk__child__other"_qs,
                                                   {u"other_parent"_qs},
                                                   std::nullopt,
                                                   u"Parent \"Table\""_qs,
                                                   {u"uid"_qs},
                                                   std::nullopt,
                                                   std::nullopt,
                                                   std::nullopt,
                                                   std::nullopt,
                                                   std::nullopt});
        Plan plan = liveDiff(*session, m);
        QVERIFY2(!plan.hasErrors(), qPrintable(renderText(plan)));
        SessionRiskProbe probe(*session);
        QVERIFY(assessRisks(plan, probe));

        const auto violations = [&plan](OperationKind kind, const QString &name) {
            return riskOf(find(plan, kind, name), RiskKind::ConstraintViolations);
        };
        const Risk *tier = violations(OperationKind::AddCheckConstraint, u"ck__parent__tier"_qs);
        QVERIFY(tier);
        QVERIFY2(tier->affectedRows == std::optional<qint64>(10), qPrintable(tier->reason));
        QCOMPARE(tier->level, RiskLevel::Blocker);
        QVERIFY2(tier->reason.contains(u"holds its default 2"_qs), qPrintable(tier->reason));
        const Risk *region
            = violations(OperationKind::AddCheckConstraint, u"ck__parent__region"_qs);
        QVERIFY(region);
        QVERIFY2(region->affectedRows == std::optional<qint64>(0), qPrintable(region->reason));
        QVERIFY2(region->reason.contains(u"holds NULL"_qs), qPrintable(region->reason));
        const Risk *uniqueTier
            = violations(OperationKind::AddUniqueConstraint, u"uq__parent__tier"_qs);
        QVERIFY(uniqueTier);
        QVERIFY2(uniqueTier->affectedRows == std::optional<qint64>(9),
                 qPrintable(uniqueTier->reason));
        const Risk *uniqueRegion
            = violations(OperationKind::AddUniqueConstraint, u"uq__parent__region"_qs);
        QVERIFY(uniqueRegion);
        QVERIFY2(uniqueRegion->affectedRows == std::optional<qint64>(0),
                 qPrintable(uniqueRegion->reason));
        // An index expression is counted as an expression, not quoted as a column name.
        const Risk *upper = violations(OperationKind::CreateIndex, u"uix__parent__upper_status"_qs);
        QVERIFY(upper);
        QVERIFY2(upper->affectedRows == std::optional<qint64>(6), qPrintable(upper->reason));

        const Risk *fk = riskOf(find(plan, OperationKind::AddForeignKey, u"fk__child__other"_qs),
                                RiskKind::ForeignKeyValidation);
        QVERIFY(fk);
        QVERIFY2(fk->affectedRows == std::optional<qint64>(0), qPrintable(fk->reason));
        QVERIFY2(fk->reason.contains(u"MATCH SIMPLE"_qs), qPrintable(fk->reason));
        QCOMPARE(fk->level, RiskLevel::Info);

        // A count that really fails (the check divides by zero on every existing row) says which
        // count and why, without the generic wording.
        const Risk *zero = violations(OperationKind::AddCheckConstraint, u"ck__parent__zero"_qs);
        QVERIFY(zero);
        QVERIFY(!zero->affectedRows);
        QVERIFY2(
            zero->reason.contains(u"Counting the rows that violate CHECK (1 / (tier - 2) > 0)"_qs),
            qPrintable(zero->reason));
        QVERIFY2(zero->reason.contains(u"SQLSTATE 22012: division by zero"_qs),
                 qPrintable(zero->reason));
        QVERIFY2(!zero->reason.contains(u"A statement failed"_qs), qPrintable(zero->reason));
    }
};

QTEST_GUILESS_MAIN(TestMigrateDiffPg)
#include "tst_migrate_diff_pg.moc"
