// SPDX-License-Identifier: MIT
// Applying plans for real: every kind of operation, idempotence, refusals, FK ordering, hostile
// identifiers, timeouts, and binding.
#include <core/db/catalog.h>
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>
#include <core/migrate/status.h>

#include <QtTest>

#include <tests/support/manifestgenerator.h>
#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Migrate;

namespace {

ProviderManifest parse(const Json &json)
{
    auto doc = parseManifest(QByteArray::fromStdString(json.dump()), QStringLiteral("generated"));
    if (!doc)
        qFatal("generated manifest does not parse: %s", qPrintable(doc.error().toText()));
    return doc->manifest;
}

ProviderManifest demo(const QString &version)
{
    auto doc = readManifestFile(TestSupport::sourcePath(
        QStringLiteral("resources/demo/example_project.%1.json").arg(version)));
    if (!doc)
        qFatal("demo manifest: %s", qPrintable(doc.error().toText()));
    return doc->manifest;
}

QMap<QString, QString> uidsByTable(const ApplyResult &r)
{
    QMap<QString, QString> out;
    for (const AppliedClass &c : r.classes)
        out.insert(c.table, c.uid);
    return out;
}

qint64 count(Db::Session &s, const QString &sql, const Db::Params &params = {})
{
    auto r = s.query(sql, params);
    if (!r)
        qFatal("%s: %s", qPrintable(sql), qPrintable(r.error().toText()));
    return r->text(0, 0).toLongLong();
}

// Applies, then checks that a fresh plan is empty: returns the result, or sets `why`.
std::optional<ApplyResult>
applyChecked(Db::Session &s, const ProviderManifest &m, const ApplyOptions &options, QString *why)
{
    auto r = applyUpgrade(s, m, options);
    if (!r) {
        *why = QStringLiteral("upgrade failed: ") + r.error().toText();
        return std::nullopt;
    }
    auto after = planUpgrade(s, m, options.allowDestructive);
    if (!after) {
        *why = QStringLiteral("plan after upgrade failed: ") + after.error().toText();
        return std::nullopt;
    }
    if (!after->operations.isEmpty()) {
        QStringList left;
        for (const Operation &op : after->operations)
            left.append(op.summary);
        *why = QStringLiteral("the diff is not empty after the upgrade: ")
               + left.join(QStringLiteral("; "));
        return std::nullopt;
    }
    return *r;
}

} // namespace

// Declares `var` as the ApplyResult of an upgrade whose diff is empty afterwards, or fails.
#define APPLY_AND_VERIFY(var, session, manifest, options)                                          \
    ApplyResult var;                                                                               \
    do {                                                                                           \
        QString why_;                                                                              \
        auto r_ = applyChecked(session, manifest, options, &why_);                                 \
        QVERIFY2(r_, qPrintable(why_));                                                            \
        var = *r_;                                                                                 \
    } while (false)

namespace {

ProviderManifest withoutTable(ProviderManifest m, const QString &table)
{
    m.storageClasses.removeIf([&](const StorageClass &c) { return c.tableName() == table; });
    return m;
}

} // namespace

class TestMigrateApply : public QObject
{
    Q_OBJECT

private slots:
    void demoV1ThenV2();
    void secondUpgradeIsNoop();
    void everyFeature();
    void hostileIdentifiersStoredLiterally();
    void destructiveRefusedThenAllowed();
    void protectedNeverDropped();
    void generatedTreeAndChanges();
    void lockTimeoutNamesTheTable();
    void bindFillsBindings();
};

void TestMigrateApply::demoV1ThenV2()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_demo");
    auto s = TestSupport::openSession(conninfo);
    const ProviderManifest v1 = demo(QStringLiteral("v1"));
    APPLY_AND_VERIFY(first, *s, v1, ApplyOptions{});
    QVERIFY(!first.nothingToDo);
    QCOMPARE(first.classes.size(), v1.storageClasses.size());
    QVERIFY(first.revision.contains(QRegularExpression(QStringLiteral("^[0-9a-f]{12}$"))));
    for (const AppliedClass &c : first.classes)
        QVERIFY2(c.newlyReserved, qPrintable(c.table));

    auto status = providerStatus(*s, v1);
    QVERIFY(status);
    QVERIFY(status->allRegistered());
    QCOMPARE(status->alembicRevision, std::optional<QString>(first.revision));

    const ProviderManifest v2 = demo(QStringLiteral("v2"));
    auto plan = planUpgrade(*s, v2, false);
    QVERIFY(plan);
    QVERIFY2(!plan->operations.isEmpty(), "v2 must change something");
    APPLY_AND_VERIFY(second, *s, v2, ApplyOptions{});
    QVERIFY(!second.nothingToDo);
    QCOMPARE(second.previousRevision, std::optional<QString>(first.revision));
    QVERIFY(second.revision != first.revision);
    const auto before = uidsByTable(first);
    for (const AppliedClass &c : second.classes) {
        if (before.contains(c.table))
            QCOMPARE(c.uid, before.value(c.table));
    }
    auto v2status = providerStatus(*s, v2);
    QVERIFY(v2status);
    QVERIFY(v2status->allRegistered());
    // The Alembic version table holds exactly the revision, as Alembic would.
    QCOMPARE(count(*s,
                   QStringLiteral("SELECT count(*) FROM %1 WHERE version_num = $1")
                       .arg(Db::quoteQualified(v2.provider.schema, v2.provider.registryTableName)),
                   {second.revision}),
             1);
}

void TestMigrateApply::secondUpgradeIsNoop()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_noop");
    auto s = TestSupport::openSession(conninfo);
    const ProviderManifest v1 = demo(QStringLiteral("v1"));
    APPLY_AND_VERIFY(first, *s, v1, ApplyOptions{});
    const quint64 before = s->statementCount();
    auto again = applyUpgrade(*s, v1, {});
    QVERIFY2(again, qPrintable(again ? QString() : again.error().toText()));
    QVERIFY(again->nothingToDo);
    QCOMPARE(again->statementsExecuted, 0);
    QCOMPARE(again->revision, first.revision);
    QCOMPARE(uidsByTable(*again), uidsByTable(first));
    QVERIFY(s->statementCount() > before);
    QCOMPARE(count(*s, QStringLiteral("SELECT count(*) FROM metatable_catalog.meta_tables")),
             qint64(v1.storageClasses.size()));
    QCOMPARE(count(*s,
                   QStringLiteral("SELECT count(*) FROM metatable_catalog.meta_tables WHERE "
                                  "provisioning_status = 'active' AND contract_hash <> ''")),
             qint64(v1.storageClasses.size()));
}

void TestMigrateApply::everyFeature()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_features");
    auto s = TestSupport::openSession(conninfo);
    const ProviderManifest m = parse(TestSupport::everyFeatureManifest());
    APPLY_AND_VERIFY(applied1_, *s, m, ApplyOptions{});
    auto snap = Db::introspect(*s, introspectOptionsFor(m));
    QVERIFY(snap);
    for (const StorageClass &c : m.storageClasses)
        QVERIFY2(snap->table(QStringLiteral("public"), c.tableName()), qPrintable(c.tableName()));
    // Chain, cycle and self reference all exist as real constraints.
    for (const char *table : {"feature__chain_c",
                              "feature__chain_b",
                              "feature__cycle_left",
                              "feature__cycle_right",
                              "feature__tree",
                              "feature__positions"}) {
        const Db::DbTable *t = snap->table(QStringLiteral("public"), QString::fromLatin1(table));
        QVERIFY2(t && t->foreignKeys.size() == 1, table);
    }
    const Db::DbTable *chainC
        = snap->table(QStringLiteral("public"), QStringLiteral("feature__chain_c"));
    QVERIFY(chainC->foreignKeys.first().deferrable);
    QVERIFY(chainC->foreignKeys.first().initiallyDeferred);
    const Db::DbTable *left
        = snap->table(QStringLiteral("public"), QStringLiteral("feature__cycle_left"));
    QCOMPARE(left->foreignKeys.first().onDelete, QStringLiteral("SET NULL"));
    QCOMPARE(left->foreignKeys.first().match, QStringLiteral("FULL"));
    // The cycle is enforced: a row pointing at a missing partner is rejected.
    QVERIFY(!s->execute(
        QStringLiteral("INSERT INTO feature__cycle_left (id, other_id) VALUES (1, 42)")));
    // Defaults and checks hold.
    QVERIFY(s->execute(
        QStringLiteral("INSERT INTO feature__account (code, opened_at) VALUES ('A1', now())")));
    QCOMPARE(count(*s,
                   QStringLiteral("SELECT count(*) FROM feature__account WHERE enabled AND "
                                  "balance = 0 AND uid IS NOT NULL")),
             1);
    QVERIFY(!s->execute(QStringLiteral(
        "INSERT INTO feature__account (code, opened_at, balance) VALUES ('A2', now(), -2000000)")));
}

void TestMigrateApply::hostileIdentifiersStoredLiterally()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_hostile");
    auto s = TestSupport::openSession(conninfo);
    // Bystanders that an injected statement would drop.
    QVERIFY(s->execute(QStringLiteral("CREATE TABLE y (id int)")));
    const ProviderManifest m = parse(TestSupport::everyFeatureManifest());
    APPLY_AND_VERIFY(r, *s, m, ApplyOptions{});
    QCOMPARE(count(*s,
                   QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                                  "AND tablename = 'y'")),
             1);
    QCOMPARE(count(*s,
                   QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = $1"),
                   {TestSupport::hostileTableName()}),
             1);
    QCOMPARE(count(*s,
                   QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE "
                                  "table_name = $1 AND column_name = $2"),
                   {TestSupport::hostileTableName(), TestSupport::hostileColumnName()}),
             1);
    auto rows = s->query(QStringLiteral("SELECT description, metatable_identifier FROM "
                                        "metatable_catalog.meta_tables WHERE "
                                        "physical_table_name = $1"),
                         {TestSupport::hostileTableName()});
    QVERIFY(rows && rows->size() == 1);
    QCOMPARE(rows->text(0, 0), TestSupport::hostileDescription());
    QCOMPARE(rows->text(0, 1), TestSupport::hostileDescription());
    // The server default with quotes and a semicolon is a literal, not a second statement.
    QVERIFY(s->execute(QStringLiteral("INSERT INTO %1 (%2) VALUES (1)")
                           .arg(Db::quoteIdentifier(TestSupport::hostileTableName()),
                                Db::quoteIdentifier(QStringLiteral("ID")))));
    auto value = s->query(QStringLiteral("SELECT \"order\" FROM %1")
                              .arg(Db::quoteIdentifier(TestSupport::hostileTableName())));
    QVERIFY(value && value->size() == 1);
    QCOMPARE(value->text(0, 0), QStringLiteral("it's; DROP TABLE y"));
    QVERIFY(!r.revision.isEmpty());
}

void TestMigrateApply::destructiveRefusedThenAllowed()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_destructive");
    auto s = TestSupport::openSession(conninfo);
    const ProviderManifest v1 = demo(QStringLiteral("v1"));
    APPLY_AND_VERIFY(applied2_, *s, v1, ApplyOptions{});
    const QString victim = QStringLiteral("example_project__spreads");
    const ProviderManifest smaller = withoutTable(v1, victim);
    QCOMPARE(smaller.storageClasses.size(), v1.storageClasses.size() - 1);

    auto refused = applyUpgrade(*s, smaller, {});
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("--allow-destructive")),
             qPrintable(refused.error().message));
    QCOMPARE(
        count(*s, QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = $1"), {victim}),
        1);

    ApplyOptions allow;
    allow.allowDestructive = true;
    APPLY_AND_VERIFY(applied3_, *s, smaller, allow);
    QCOMPARE(
        count(*s, QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = $1"), {victim}),
        0);
    QCOMPARE(count(*s,
                   QStringLiteral("SELECT count(*) FROM metatable_catalog.meta_tables WHERE "
                                  "physical_table_name = $1"),
                   {victim}),
             0);
}

void TestMigrateApply::protectedNeverDropped()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_protected");
    auto s = TestSupport::openSession(conninfo);
    ProviderManifest v1 = demo(QStringLiteral("v1"));
    const QString keep = QStringLiteral("example_project__daily_metrics");
    for (StorageClass &c : v1.storageClasses) {
        if (c.tableName() == keep)
            c.registration.protectFromDeletion = true;
    }
    APPLY_AND_VERIFY(applied4_, *s, v1, ApplyOptions{});
    ApplyOptions allow;
    allow.allowDestructive = true;
    auto refused = applyUpgrade(*s, withoutTable(v1, keep), allow);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("protect_from_deletion")),
             qPrintable(refused.error().message));
    QCOMPARE(
        count(*s, QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = $1"), {keep}),
        1);
}

void TestMigrateApply::generatedTreeAndChanges()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_tree");
    auto s = TestSupport::openSession(conninfo);
    TestSupport::TreeSchemaOptions options;
    options.classCount = 40;
    options.fanout = 3;
    const Json v1 = TestSupport::generateTreeManifest(options);
    APPLY_AND_VERIFY(first, *s, parse(v1), ApplyOptions{});
    QStringList changed;
    const ProviderManifest v2 = parse(TestSupport::changeTreeManifest(v1, &changed));
    QCOMPARE(changed.size(), 4);
    auto plan = planUpgrade(*s, v2, false);
    QVERIFY(plan);
    QCOMPARE(plan->operations.size() >= 4, true);
    APPLY_AND_VERIFY(second, *s, v2, ApplyOptions{});
    QCOMPARE(uidsByTable(second), uidsByTable(first));
    QCOMPARE(count(*s, QStringLiteral("SELECT count(*) FROM metatable_catalog.meta_tables")), 40);
}

void TestMigrateApply::lockTimeoutNamesTheTable()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_locktimeout");
    auto s = TestSupport::openSession(conninfo);
    TestSupport::TreeSchemaOptions options;
    options.classCount = 10;
    const Json v1 = TestSupport::generateTreeManifest(options);
    APPLY_AND_VERIFY(applied5_, *s, parse(v1), ApplyOptions{});
    const ProviderManifest v2 = parse(TestSupport::changeTreeManifest(v1));
    const QString locked = TestSupport::treeTableName(options, 0);

    auto holder = TestSupport::openSession(conninfo);
    QVERIFY(holder->begin());
    QVERIFY(holder->execute(
        QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(Db::quoteIdentifier(locked))));
    ApplyOptions quick;
    quick.lockTimeoutMs = 300;
    auto r = applyUpgrade(*s, v2, quick);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Conflict);
    QVERIFY2(r.error().message.contains(QStringLiteral("lock_timeout of 300ms expired")),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(locked), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(QStringLiteral("--lock-timeout")),
             qPrintable(r.error().message));
    holder->rollback();
    // Nothing of the failed upgrade stayed; the next one completes.
    auto plan = planUpgrade(*s, v2, false);
    QVERIFY(plan && !plan->operations.isEmpty());
    APPLY_AND_VERIFY(applied6_, *s, v2, ApplyOptions{});
}

void TestMigrateApply::bindFillsBindings()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mig_bind");
    auto s = TestSupport::openSession(conninfo);
    const ProviderManifest v1 = demo(QStringLiteral("v1"));
    auto unbound = bindManifest(*s, v1);
    QVERIFY(unbound);
    for (const StorageClass &c : unbound->storageClasses)
        QVERIFY(!c.binding);
    APPLY_AND_VERIFY(r, *s, v1, ApplyOptions{});
    auto bound = bindManifest(*s, v1);
    QVERIFY(bound);
    auto ds = Db::dataSourceUid(*s);
    QVERIFY(ds && !ds->isEmpty());
    const auto uids = uidsByTable(r);
    for (const StorageClass &c : bound->storageClasses) {
        QVERIFY2(c.binding, qPrintable(c.tableName()));
        QCOMPARE(c.binding->uid, uids.value(c.tableName()));
        QCOMPARE(c.binding->physicalTableName, c.tableName());
        QCOMPARE(c.binding->physicalSchema, QStringLiteral("public"));
        QCOMPARE(c.binding->dataSourceUid, *ds);
    }
}

QTEST_GUILESS_MAIN(TestMigrateApply)
#include "tst_migrate_apply.moc"
