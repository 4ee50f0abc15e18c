// SPDX-License-Identifier: MIT
// Sessions, introspection and the console catalog against a real PostgreSQL 15.
#include <core/db/catalog.h>
#include <core/db/introspect.h>
#include <core/db/session.h>

#include <tests/support/testsupport.h>

using namespace Core::Db;

namespace {

// Schema, table and column names that break naive quoting.
const QString HostileSchema = QStringLiteral("Mixed \"Quoted\" Schema");
const QString ChildTable = QStringLiteral("Child Table");
// 63 bytes: PostgreSQL's identifier limit, kept whole.
const QString LongName = QStringLiteral("a_very_long_table_name_with_\"quote\" and spaces_")
                         + QString(16, QLatin1Char('z'));

std::unique_ptr<Session> openOrFail(const QString &conninfo)
{
    auto s = Session::open(conninfo);
    if (!s)
        qWarning("%s", qPrintable(s.error().toText()));
    return s ? std::move(*s) : nullptr;
}

bool exec(Session &s, const QString &sql)
{
    auto r = s.execute(sql);
    if (!r)
        qWarning("%s", qPrintable(r.error().toText()));
    return r.has_value();
}

const DbIndex *indexNamed(const DbTable &t, const QString &name)
{
    for (const DbIndex &i : t.indexes) {
        if (i.name == name)
            return &i;
    }
    return nullptr;
}

const DbForeignKey *fkNamed(const DbTable &t, const QString &name)
{
    for (const DbForeignKey &f : t.foreignKeys) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

} // namespace

class TstIntrospect : public QObject
{
    Q_OBJECT

private slots:
    void redactsPasswords_data();
    void redactsPasswords();
    void connectionErrorsHideThePassword();
    void boundParameters();
    void snapshotOfEveryObjectKind();
    void queryCountDoesNotGrowWithTables();
    void catalogIsIdempotentAndVersioned();
    void reservationAndFinalize();
    void advisoryLocks();
};

void TstIntrospect::redactsPasswords_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("keyword") << QStringLiteral("host=db user=u password=secret dbname=x");
    QTest::newRow("spaces") << QStringLiteral("host=db password = secret dbname=x");
    QTest::newRow("quoted") << QStringLiteral("host=db password='se cret \\' secret' dbname=x");
    QTest::newRow("upper") << QStringLiteral("host=db PASSWORD=secret");
    QTest::newRow("uri") << QStringLiteral("postgresql://user:secret@db:5432/x");
    QTest::newRow("uri-at") << QStringLiteral("postgres://user:se%40cret@db/x?sslmode=require");
    QTest::newRow("uri-query") << QStringLiteral("postgresql://db/x?user=u&password=secret&a=b");
}

void TstIntrospect::redactsPasswords()
{
    QFETCH(QString, input);
    const QString out = redactConninfo(input);
    QVERIFY2(!out.contains(QStringLiteral("secret")), qPrintable(out));
    QVERIFY2(!out.contains(QStringLiteral("cret")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("db")), qPrintable(out)); // the rest stays readable
}

void TstIntrospect::connectionErrorsHideThePassword()
{
    const QStringList targets{
        QStringLiteral("host=/nonexistent/socket port=1 user=u password=secret dbname=x "
                       "connect_timeout=2"),
        QStringLiteral("postgresql://u:secret@127.0.0.1:1/x?connect_timeout=2"),
        QStringLiteral("host=127.0.0.1 port=1 password='secret value' connect_timeout=2"),
    };
    for (const QString &target : targets) {
        auto s = Session::open(target);
        QVERIFY(!s);
        const QString text = s.error().toText();
        QVERIFY2(!text.contains(QStringLiteral("secret")), qPrintable(text));
        QCOMPARE(s.error().code, Core::ErrorCode::Database);
        QVERIFY2(text.contains(QStringLiteral("Cannot connect")), qPrintable(text));
    }
}

void TstIntrospect::boundParameters()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mt_db_params");
    auto s = openOrFail(conninfo);
    QVERIFY(s);
    const QStringList hostile{QStringLiteral("a,b"),
                              QStringLiteral("q\"uote"),
                              QStringLiteral("back\\slash"),
                              QStringLiteral("{brace}"),
                              QStringLiteral(" sp ace ")};
    auto r = s->query(QStringLiteral("SELECT $1::text IS NULL, $2::bool, $3::int8 + 1, "
                                     "array_length($4::text[], 1), ($4::text[])[2], "
                                     "($4::text[])[3], ($4::text[])[5], $5::text"),
                      {QVariant(), true, qint64(41), hostile, QStringLiteral("'; DROP x; --")});
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toText()));
    QVERIFY(r->boolean(0, 0));
    QVERIFY(r->boolean(0, 1));
    QCOMPARE(r->text(0, 2), QStringLiteral("42"));
    QCOMPARE(r->text(0, 3), QStringLiteral("5"));
    QCOMPARE(r->text(0, 4), hostile[1]);
    QCOMPARE(r->text(0, 5), hostile[2]);
    QCOMPARE(r->text(0, 6), hostile[4]);
    QCOMPARE(r->text(0, 7), QStringLiteral("'; DROP x; --"));

    auto bad = s->query(QStringLiteral("SELECT 1/0"));
    QVERIFY(!bad);
    QVERIFY2(bad.error().detail.contains(QStringLiteral("SQLSTATE 22012")),
             qPrintable(bad.error().detail));

    // A failed statement aborts the transaction until rollback; the session stays usable.
    QVERIFY(s->begin());
    QVERIFY(!s->query(QStringLiteral("SELECT 1/0")));
    QVERIFY(!s->query(QStringLiteral("SELECT 1")));
    s->rollback();
    QVERIFY(s->query(QStringLiteral("SELECT 1")));

    auto timeout = s->setStatementTimeout(50);
    QVERIFY(timeout);
    auto slow = s->query(QStringLiteral("SELECT pg_sleep(2)"));
    QVERIFY(!slow);
    QVERIFY2(slow.error().detail.contains(QStringLiteral("57014")),
             qPrintable(slow.error().detail));
    QVERIFY(s->setStatementTimeout(0));
    QVERIFY(!s->setLockTimeout(-1));
}

void TstIntrospect::snapshotOfEveryObjectKind()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mt_db_snapshot");
    auto s = openOrFail(conninfo);
    QVERIFY(s);
    const QString hs = QStringLiteral("\"Mixed \"\"Quoted\"\" Schema\"");
    const QString child = hs + QStringLiteral(".\"Child Table\"");
    QString longQuoted = LongName;
    longQuoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    longQuoted = QLatin1Char('"') + longQuoted + QLatin1Char('"');
    QCOMPARE(LongName.toUtf8().size(), 63);

    const QStringList ddl{
        QStringLiteral("CREATE SCHEMA ") + hs,
        QStringLiteral("CREATE TABLE public.parent (id bigint PRIMARY KEY, code text NOT NULL, "
                       "region int NOT NULL DEFAULT 7, CONSTRAINT parent_code_region_key "
                       "UNIQUE (code, region))"),
        QStringLiteral("COMMENT ON TABLE public.parent IS 'Parents, with ''quotes'''"),
        QStringLiteral("CREATE TABLE ") + child
            + QStringLiteral(
                " (\"Id\" bigserial PRIMARY KEY, \"parent id\" bigint, code text, region int, "
                "amount numeric(12,2) NOT NULL DEFAULT 0, observed_at timestamptz NOT NULL "
                "DEFAULT now(), name varchar(64), other bigint, "
                "CONSTRAINT \"positive amount\" CHECK (amount >= 0), "
                "CONSTRAINT fk_parent FOREIGN KEY (\"parent id\") REFERENCES public.parent (id) "
                "ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED, "
                "CONSTRAINT fk_code FOREIGN KEY (region, code) REFERENCES "
                "public.parent (region, code) MATCH FULL ON DELETE SET DEFAULT ON UPDATE "
                "RESTRICT)"),
        QStringLiteral("ALTER TABLE public.parent ADD CONSTRAINT parent_region_code_key UNIQUE "
                       "(region, code)"),
        QStringLiteral("ALTER TABLE ") + child
            + QStringLiteral(" ADD CONSTRAINT fk_other FOREIGN KEY (other) REFERENCES "
                             "public.parent (id) NOT VALID"),
        QStringLiteral("ALTER TABLE ") + child
            + QStringLiteral(" ADD CONSTRAINT ck_region CHECK (region > 0) NOT VALID"),
        QStringLiteral("COMMENT ON COLUMN ") + child + QStringLiteral(".amount IS 'in EUR'"),
        QStringLiteral("CREATE INDEX \"Lower Name\" ON ") + child
            + QStringLiteral(" (lower(name), region) WHERE name IS NOT NULL"),
        QStringLiteral("CREATE INDEX obs_brin ON ") + child
            + QStringLiteral(" USING brin (observed_at)"),
        QStringLiteral("CREATE UNIQUE INDEX code_incl ON ") + child
            + QStringLiteral(" (code) INCLUDE (region)"),
        QStringLiteral("CREATE TABLE ") + hs + QLatin1Char('.') + longQuoted
            + QStringLiteral(" (\"Weird \"\"Col\"\"\" text)"),
        QStringLiteral("CREATE TABLE public.ignored_view_source (x int)"),
        QStringLiteral("CREATE VIEW public.a_view AS SELECT 1 AS x"),
        QStringLiteral("CREATE SCHEMA other_schema"),
        QStringLiteral("CREATE TABLE other_schema.not_read (x int)"),
        QStringLiteral("ANALYZE public.parent"),
    };
    for (const QString &sql : ddl)
        QVERIFY2(exec(*s, sql), qPrintable(sql));
    // The fk_code target needs the unique constraint added after the table; PostgreSQL
    // accepted the FK because parent_code_region_key covers the same column set.

    auto snap = introspect(*s, QStringList{QStringLiteral("public"), HostileSchema});
    QVERIFY2(snap, qPrintable(snap ? QString() : snap.error().toText()));
    QCOMPARE(snap->tables.size(), 4);
    QCOMPARE(snap->tables[0].schema, HostileSchema); // "M" < "p" in the C collation
    QCOMPARE(snap->tables[0].name, ChildTable);
    QCOMPARE(snap->tables[1].name, LongName);
    QCOMPARE(snap->tables[2].name, QStringLiteral("ignored_view_source"));
    QCOMPARE(snap->tables[3].name, QStringLiteral("parent"));
    QVERIFY(!snap->table(QStringLiteral("other_schema"), QStringLiteral("not_read")));
    QVERIFY(!snap->catalogExists);
    QVERIFY(snap->catalog.isEmpty());
    QVERIFY(!snap->alembicRevision);

    const DbTable &parent = *snap->table(QStringLiteral("public"), QStringLiteral("parent"));
    QCOMPARE(parent.comment, std::optional<QString>(QStringLiteral("Parents, with 'quotes'")));
    QCOMPARE(parent.estimatedRows, std::optional<qint64>(0)); // analysed, empty
    // Never analysed (reltuples = -1): unknown, never "0 rows".
    QCOMPARE(
        snap->table(QStringLiteral("public"), QStringLiteral("ignored_view_source"))->estimatedRows,
        std::nullopt);
    QCOMPARE(parent.primaryKey->name, QStringLiteral("parent_pkey"));
    QCOMPARE(parent.primaryKey->columns, QStringList{QStringLiteral("id")});
    QCOMPARE(parent.uniqueConstraints.size(), 2);
    QCOMPARE(parent.uniqueConstraints[0].name, QStringLiteral("parent_code_region_key"));
    QCOMPARE(parent.uniqueConstraints[0].columns,
             (QStringList{QStringLiteral("code"), QStringLiteral("region")}));
    QCOMPARE(parent.uniqueConstraints[1].columns,
             (QStringList{QStringLiteral("region"), QStringLiteral("code")}));
    QCOMPARE(parent.columns.size(), 3);
    QCOMPARE(parent.columns[2],
             (DbColumn{QStringLiteral("region"),
                       QStringLiteral("integer"),
                       true,
                       QStringLiteral("7"),
                       std::nullopt}));
    const DbIndex *pk = indexNamed(parent, QStringLiteral("parent_pkey"));
    QVERIFY(pk);
    QCOMPARE(pk->constraintName, std::optional<QString>(QStringLiteral("parent_pkey")));
    QVERIFY(pk->unique);

    const DbTable &c = *snap->table(HostileSchema, ChildTable);
    QCOMPARE(c.comment, std::nullopt);
    QStringList names;
    for (const DbColumn &col : c.columns)
        names.append(col.name);
    QCOMPARE(names,
             (QStringList{QStringLiteral("Id"),
                          QStringLiteral("parent id"),
                          QStringLiteral("code"),
                          QStringLiteral("region"),
                          QStringLiteral("amount"),
                          QStringLiteral("observed_at"),
                          QStringLiteral("name"),
                          QStringLiteral("other")}));
    QCOMPARE(c.columns[0].type, QStringLiteral("bigint"));
    QVERIFY(c.columns[0].notNull);
    QVERIFY2(c.columns[0].defaultExpr->startsWith(QStringLiteral("nextval(")),
             qPrintable(*c.columns[0].defaultExpr));
    QCOMPARE(c.columns[4],
             (DbColumn{QStringLiteral("amount"),
                       QStringLiteral("numeric(12,2)"),
                       true,
                       QStringLiteral("0"),
                       QStringLiteral("in EUR")}));
    QCOMPARE(c.columns[5].type, QStringLiteral("timestamp with time zone"));
    QCOMPARE(c.columns[5].defaultExpr, std::optional<QString>(QStringLiteral("now()")));
    QCOMPARE(c.columns[6].type, QStringLiteral("character varying(64)"));
    QVERIFY(!c.columns[6].notNull);
    QCOMPARE(c.columns[6].defaultExpr, std::nullopt);

    QCOMPARE(c.primaryKey->name, QStringLiteral("Child Table_pkey"));
    QCOMPARE(c.primaryKey->columns, QStringList{QStringLiteral("Id")});

    QCOMPARE(c.checkConstraints.size(), 2);
    QCOMPARE(c.checkConstraints[0],
             (DbCheckConstraint{QStringLiteral("ck_region"),
                                QStringLiteral("CHECK ((region > 0)) NOT VALID"),
                                false}));
    QCOMPARE(c.checkConstraints[1],
             (DbCheckConstraint{QStringLiteral("positive amount"),
                                QStringLiteral("CHECK ((amount >= (0)::numeric))"),
                                true}));

    QCOMPARE(c.foreignKeys.size(), 3);
    const DbForeignKey *fkParent = fkNamed(c, QStringLiteral("fk_parent"));
    QVERIFY(fkParent);
    DbForeignKey expected;
    expected.name = QStringLiteral("fk_parent");
    expected.columns = QStringList{QStringLiteral("parent id")};
    expected.targetSchema = QStringLiteral("public");
    expected.targetTable = QStringLiteral("parent");
    expected.targetColumns = QStringList{QStringLiteral("id")};
    expected.onDelete = QStringLiteral("CASCADE");
    expected.onUpdate = QStringLiteral("SET NULL");
    expected.deferrable = true;
    expected.initiallyDeferred = true;
    QCOMPARE(*fkParent, expected);
    const DbForeignKey *fkCode = fkNamed(c, QStringLiteral("fk_code"));
    QVERIFY(fkCode);
    QCOMPARE(fkCode->columns, (QStringList{QStringLiteral("region"), QStringLiteral("code")}));
    QCOMPARE(fkCode->targetColumns,
             (QStringList{QStringLiteral("region"), QStringLiteral("code")}));
    QCOMPARE(fkCode->match, QStringLiteral("FULL"));
    QCOMPARE(fkCode->onDelete, QStringLiteral("SET DEFAULT"));
    QCOMPARE(fkCode->onUpdate, QStringLiteral("RESTRICT"));
    QVERIFY(!fkCode->deferrable);
    QVERIFY(fkCode->validated);
    const DbForeignKey *fkOther = fkNamed(c, QStringLiteral("fk_other"));
    QVERIFY(fkOther);
    QVERIFY(!fkOther->validated);
    QCOMPARE(fkOther->onDelete, QStringLiteral("NO ACTION"));
    QCOMPARE(fkOther->match, QStringLiteral("SIMPLE"));

    QCOMPARE(c.indexes.size(), 4);
    const DbIndex *lower = indexNamed(c, QStringLiteral("Lower Name"));
    QVERIFY(lower);
    QCOMPARE(lower->columns,
             (QStringList{QStringLiteral("lower((name)::text)"), QStringLiteral("region")}));
    QCOMPARE(lower->predicate, std::optional<QString>(QStringLiteral("(name IS NOT NULL)")));
    QVERIFY(!lower->unique);
    QCOMPARE(lower->method, QStringLiteral("btree"));
    QCOMPARE(lower->constraintName, std::nullopt);
    QVERIFY(lower->valid);
    const DbIndex *brin = indexNamed(c, QStringLiteral("obs_brin"));
    QVERIFY(brin);
    QCOMPARE(brin->method, QStringLiteral("brin"));
    QCOMPARE(brin->columns, QStringList{QStringLiteral("observed_at")});
    const DbIndex *incl = indexNamed(c, QStringLiteral("code_incl"));
    QVERIFY(incl);
    QVERIFY(incl->unique);
    QCOMPARE(incl->columns, QStringList{QStringLiteral("code")});
    QCOMPARE(incl->includeColumns, QStringList{QStringLiteral("region")});
    QCOMPARE(incl->constraintName, std::nullopt);
    const DbIndex *childPk = indexNamed(c, QStringLiteral("Child Table_pkey"));
    QVERIFY(childPk);
    QCOMPARE(childPk->constraintName, std::optional<QString>(QStringLiteral("Child Table_pkey")));

    const DbTable &longTable = *snap->table(HostileSchema, LongName);
    QCOMPARE(longTable.columns.size(), 1);
    QCOMPARE(longTable.columns[0].name, QStringLiteral("Weird \"Col\""));
    QCOMPARE(longTable.primaryKey, std::nullopt);

    // Cancelled before the second query: no partial snapshot.
    Core::CancelToken cancel;
    cancel.cancel();
    auto cancelled = introspect(*s, QStringList{QStringLiteral("public")}, cancel);
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, Core::ErrorCode::Cancelled);
}

void TstIntrospect::queryCountDoesNotGrowWithTables()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mt_db_count");
    auto s = openOrFail(conninfo);
    QVERIFY(s);
    QVERIFY(exec(*s,
                 QStringLiteral("CREATE TABLE public.alembic_v (version_num varchar(32) "
                                "PRIMARY KEY); INSERT INTO public.alembic_v VALUES ('abc123')")));
    QVERIFY(ensureCatalog(*s));
    auto addTables = [&](int from, int to) {
        for (int i = from; i < to; ++i) {
            const QString t = QStringLiteral("t%1").arg(i);
            if (!exec(*s,
                      QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, parent int "
                                     "REFERENCES %1 (id), v text UNIQUE CHECK (v <> ''));"
                                     "CREATE INDEX %1_v ON %1 (lower(v))")
                          .arg(t)))
                return false;
        }
        return true;
    };
    IntrospectOptions options;
    options.alembicTable = QStringLiteral("alembic_v");
    auto countFor = [&](int expectedTables) -> qint64 {
        const quint64 before = s->statementCount();
        auto snap = introspect(*s, options);
        if (!snap || snap->tables.size() != expectedTables
            || snap->alembicRevision != QStringLiteral("abc123") || !snap->catalogExists
            || snap->dataSourceUid.isEmpty())
            return -1;
        return qint64(s->statementCount() - before);
    };
    QVERIFY(addTables(0, 3));
    const qint64 few = countFor(4);
    QVERIFY(few > 0);
    QVERIFY(addTables(3, 60));
    const qint64 many = countFor(61);
    QCOMPARE(many, few);
    // Ten queries at most, plus BEGIN and COMMIT of the read-only snapshot they share.
    QVERIFY2(few <= 12, qPrintable(QString::number(few)));
}

void TstIntrospect::catalogIsIdempotentAndVersioned()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mt_db_catalog");
    auto s = openOrFail(conninfo);
    QVERIFY(s);
    QCOMPARE(*catalogExists(*s), false);
    QCOMPARE(*dataSourceUid(*s), QString());
    QVERIFY(readCatalog(*s)->isEmpty());

    QVERIFY(ensureCatalog(*s));
    QVERIFY(*catalogExists(*s));
    const QString uid = *dataSourceUid(*s);
    QCOMPARE(uid.size(), 36);
    QVERIFY(ensureCatalog(*s)); // again, outside a transaction
    QVERIFY(s->begin());
    QVERIFY(ensureCatalog(*s)); // again, inside the caller's transaction
    QVERIFY(s->inTransaction());
    QVERIFY(s->commit());
    QCOMPARE(*dataSourceUid(*s), uid);
    auto tables = s->query(QStringLiteral(
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
        "WHERE table_schema = 'metatable_catalog'"));
    QCOMPARE(tables->text(0, 0),
             QStringLiteral("data_source,meta_tables,metadata_audit,node_runs,rejected_rows,"
                            "schema_version"));
    QCOMPARE(
        s->query(QStringLiteral("SELECT count(*) FROM metatable_catalog.data_source"))->text(0, 0),
        QStringLiteral("1"));

    // A catalog written by a newer console is refused, not silently reused.
    QVERIFY(exec(*s, QStringLiteral("INSERT INTO metatable_catalog.schema_version VALUES (99)")));
    auto newer = ensureCatalog(*s);
    QVERIFY(!newer);
    QCOMPARE(newer.error().code, Core::ErrorCode::Refused);
    QVERIFY(newer.error().message.contains(QStringLiteral("99")));

    // Rolled back with the caller's transaction: catalog and DDL commit together.
    METATABLE_SCRATCH_DATABASE(conninfo2, "mt_db_catalog_rb");
    auto s2 = openOrFail(conninfo2);
    QVERIFY(s2);
    QVERIFY(s2->begin());
    QVERIFY(ensureCatalog(*s2));
    s2->rollback();
    QCOMPARE(*catalogExists(*s2), false);
}

void TstIntrospect::reservationAndFinalize()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mt_db_reserve");
    auto s = openOrFail(conninfo);
    QVERIFY(s);
    QVERIFY(ensureCatalog(*s));
    Reservation row;
    row.providerKey = QStringLiteral("example_project:example-data");
    row.identifier = QStringLiteral("example_project__daily");
    row.metatableIdentifier = QStringLiteral("example_project.daily");
    row.namespaceName = QStringLiteral("example-data");
    row.physicalSchema = QStringLiteral("public");
    row.physicalTableName = QStringLiteral("example_project__daily");
    row.tableKind = QStringLiteral("time_indexed");
    row.timeIndexName = QStringLiteral("time_index");
    row.indexNames = QStringList{QStringLiteral("time_index"), QStringLiteral("id")};
    row.cadence = QStringLiteral("1d");
    row.contractHash = QStringLiteral("h1");
    row.description = QStringLiteral("Daily 'metrics'");
    row.labels = QStringList{QStringLiteral("a"), QStringLiteral("b\"c")};

    QVERIFY(!upsertReservation(*s, row)); // outside a transaction: refused
    QVERIFY(s->begin());
    auto first = upsertReservation(*s, row);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toText()));
    QCOMPARE(first->provisioningStatus, QStringLiteral("reserved"));
    QCOMPARE(first->labels, row.labels);
    QCOMPARE(first->indexNames, row.indexNames);
    QCOMPARE(first->cadence, row.cadence);
    QCOMPARE(first->schemaManagementMode, QStringLiteral("alembic_managed"));
    row.contractHash = QStringLiteral("h2");
    auto second = upsertReservation(*s, row);
    QVERIFY(second);
    QCOMPARE(second->uid, first->uid);
    QCOMPARE(second->contractHash, QStringLiteral("h2"));

    Reservation foreign = row;
    foreign.providerKey = QStringLiteral("other:ns");
    auto clash = upsertReservation(*s, foreign);
    QVERIFY(!clash);
    QCOMPARE(clash.error().code, Core::ErrorCode::Conflict);
    QVERIFY(s->commit());

    const QString unknown = QStringLiteral("00000000-0000-0000-0000-000000000001");
    QVERIFY(s->begin());
    auto notYet = finalize(*s, {first->uid, unknown}, QStringLiteral("head"));
    QVERIFY2(notYet, qPrintable(notYet ? QString() : notYet.error().toText()));
    QCOMPARE(notYet->missing, QStringList{first->uid});
    QCOMPARE(notYet->unknown, QStringList{unknown});
    QVERIFY(notYet->activated.isEmpty());
    QVERIFY(exec(*s, QStringLiteral("CREATE TABLE public.example_project__daily (x int)")));
    auto done = finalize(*s, {first->uid}, QStringLiteral("rev1"));
    QVERIFY(done);
    QCOMPARE(done->activated, QStringList{first->uid});
    QVERIFY(s->commit());

    auto bindings = readBindings(*s, row.providerKey);
    QVERIFY(bindings);
    QCOMPARE(bindings->size(), 1);
    QCOMPARE(bindings->at(0).provisioningStatus, QStringLiteral("active"));
    QCOMPARE(bindings->at(0).binding.uid, first->uid);
    QCOMPARE(bindings->at(0).binding.dataSourceUid, *dataSourceUid(*s));
    QCOMPARE(bindings->at(0).metatableIdentifier, row.metatableIdentifier);
    QVERIFY(readBindings(*s, QStringLiteral("nobody:none"))->isEmpty());

    auto snap = introspect(*s, QStringList{QStringLiteral("public")});
    QVERIFY(snap);
    QVERIFY(snap->catalogExists);
    QCOMPARE(snap->catalog.size(), 1);
    QCOMPARE(snap->catalog[0].alembicRevision, std::optional<QString>(QStringLiteral("rev1")));
    QCOMPARE(snap->catalog[0].provisioningStatus, QStringLiteral("active"));
    QCOMPARE(snap->dataSourceUid, snap->catalog[0].dataSourceUid);
    QVERIFY(snap->table(QStringLiteral("public"), QStringLiteral("example_project__daily")));
    QVERIFY(!snap->table(QStringLiteral("metatable_catalog"), QStringLiteral("meta_tables")));
}

void TstIntrospect::advisoryLocks()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mt_db_locks");
    auto a = openOrFail(conninfo);
    auto b = openOrFail(conninfo);
    QVERIFY(a && b);
    QVERIFY(!a->advisoryXactLock(QStringLiteral("p:ns"))); // needs a transaction
    QVERIFY(a->begin());
    QVERIFY(a->advisoryXactLock(QStringLiteral("p:ns")));
    QVERIFY(b->begin());
    QCOMPARE(*b->tryAdvisoryXactLock(QStringLiteral("p:ns")), false);
    QCOMPARE(*b->tryAdvisoryXactLock(QStringLiteral("other:ns")), true);
    QVERIFY(b->setLockTimeout(100));
    auto blocked = b->advisoryXactLock(QStringLiteral("p:ns"));
    QVERIFY(!blocked);
    QCOMPARE(blocked.error().code, Core::ErrorCode::Conflict);
    QVERIFY(blocked.error().detail.contains(QStringLiteral("55P03")));
    b->rollback();
    QVERIFY(a->commit()); // releases the lock
    QVERIFY(b->begin());
    QCOMPARE(*b->tryAdvisoryXactLock(QStringLiteral("p:ns")), true);
    QVERIFY(b->commit());
    {
        Transaction tx(*a);
        QVERIFY(tx.begin());
        QVERIFY(a->inTransaction());
    }
    QVERIFY(!a->inTransaction()); // rolled back on scope exit
}

QTEST_GUILESS_MAIN(TstIntrospect)
#include "tst_introspect.moc"
