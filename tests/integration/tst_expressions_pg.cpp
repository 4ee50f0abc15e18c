// SPDX-License-Identifier: MIT
// Expressions compare by what PostgreSQL reads, never by text that merely looks alike: pairs
// that differ in meaning must show up in the plan, pairs that only differ in spelling must not,
// refused expressions are errors at their JSON pointer, and the live catalog is read directly
// (pg_get_constraintdef, pg_indexes) instead of asking the diff whether it agrees with itself.
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/migrate/apply.h>
#include <core/migrate/diff.h>
#include <core/migrate/expressionprinter.h>
#include <core/migrate/render.h>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Migrate;

namespace {

Column column(const QString &name, const QString &dataType, const QString &backend)
{
    Column c;
    c.name = name;
    c.dataType = dataType;
    c.backendType = backend;
    c.nullable = true;
    return c;
}

// One relational class over columns of the types the pairs need.
ProviderManifest manifestWith(const QList<CheckConstraintDef> &checks,
                              const QList<IndexDef> &indexes,
                              const QList<QPair<QString, QString>> &defaults = {})
{
    ProviderManifest m;
    m.provider.package = u"expr"_qs;
    m.provider.migrationNamespace = u"expr-ns"_qs;
    m.provider.schema = u"public"_qs;
    m.provider.registryIdentifier = u"expr__alembic_version"_qs;
    m.provider.registryTableName = u"expr__alembic_version"_qs;
    StorageClass sc;
    sc.classRef = {u"expr.storage"_qs, u"Measures"_qs};
    sc.kind = TableKind::Relational;
    sc.registration.physicalTableName = u"measures"_qs;
    sc.registration.namespaceName = u"expr-ns"_qs;
    sc.registration.columns = {column(u"value"_qs, u"float64"_qs, u"FLOAT"_qs),
                               column(u"qty"_qs, u"int32"_qs, u"INTEGER"_qs),
                               column(u"name"_qs, u"string"_qs, u"VARCHAR(32)"_qs),
                               column(u"code"_qs, u"string"_qs, u"TEXT"_qs),
                               column(u"flag"_qs, u"bool"_qs, u"BOOLEAN"_qs)};
    sc.ddl.checkConstraints = checks;
    sc.ddl.indexes = indexes;
    sc.ddl.serverDefaults = defaults;
    m.storageClasses = {sc};
    return m;
}

Plan liveDiff(Db::Session &session, const ProviderManifest &m)
{
    auto snapshot = Db::introspect(session, introspectOptionsFor(m));
    if (!snapshot)
        qFatal("introspection failed: %s", qPrintable(snapshot.error().toText()));
    auto plan = diffManifest(session, m, *snapshot);
    if (!plan)
        qFatal("diff failed: %s", qPrintable(plan.error().toText()));
    return *plan;
}

QString apply(Db::Session &session, const ProviderManifest &m)
{
    ApplyOptions options;
    options.allowDestructive = true;
    auto r = applyUpgrade(session, m, options);
    return r ? QString() : r.error().toText();
}

QStringList touchedObjects(const Plan &plan)
{
    QStringList out;
    for (const Operation &op : plan.operations) {
        if (!op.catalogOnly)
            out.append(op.objectName);
    }
    out.removeDuplicates();
    out.sort();
    return out;
}

QString scalar(Db::Session &s, const QString &sql, const Db::Params &params = {})
{
    auto r = s.query(sql, params);
    if (!r)
        qFatal("%s: %s", qPrintable(sql), qPrintable(r.error().toText()));
    return r->size() == 0 || r->isNull(0, 0) ? QString() : r->text(0, 0);
}

QString liveCheck(Db::Session &s, const QString &name)
{
    return scalar(
        s, u"SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = $1"_qs, {name});
}

QString liveIndex(Db::Session &s, const QString &name)
{
    return scalar(s, u"SELECT indexdef FROM pg_indexes WHERE indexname = $1"_qs, {name});
}

struct Pair
{
    const char *tag;
    QString installed; // what the database gets first
    QString manifest;  // what the manifest then says
    bool sameMeaning;
};

// Each pair is tried as a CHECK condition and as a partial-index predicate.
QList<Pair> pairs()
{
    return {
        // Must differ.
        {"precedence",
         u"value > 0 AND (value < 10 OR value > 100)"_qs,
         u"(value > 0 AND value < 10) OR value > 100"_qs,
         false},
        {"cast", u"qty::numeric / 3 > 1"_qs, u"qty / 3 > 1"_qs, false},
        {"operator", u"value >= 0"_qs, u"value > 0"_qs, false},
        {"literal", u"code = '1'"_qs, u"code = '01'"_qs, false},
        {"literal case", u"code = 'A'"_qs, u"code = 'a'"_qs, false},
        {"literal type", u"qty / 2 > 1"_qs, u"qty / 2.0 > 1"_qs, false},
        {"negative", u"qty > -5"_qs, u"qty > 5"_qs, false},
        {"function argument",
         u"round(value::numeric, 2) > 1"_qs,
         u"round(value::numeric, 3) > 1"_qs,
         false},
        {"collation", u"name < 'm' COLLATE \"C\""_qs, u"name < 'm'"_qs, false},
        {"distinct from", u"code IS DISTINCT FROM 'x'"_qs, u"code <> 'x'"_qs, false},
        {"not", u"NOT flag AND qty > 0"_qs, u"NOT (flag AND qty > 0)"_qs, false},
        {"in list", u"code IN ('a', 'b')"_qs, u"code IN ('a', 'c')"_qs, false},
        // Must match.
        {"whitespace", u"value>0"_qs, u"value   >\n  0"_qs, true},
        {"redundant parentheses", u"((value > 0))"_qs, u"value > 0"_qs, true},
        {"implicit numeric cast", u"value > 0"_qs, u"value > 0::double precision"_qs, true},
        {"implicit text cast", u"name = 'a'"_qs, u"name::text = 'a'::text"_qs, true},
        {"in vs any", u"code IN ('a', 'b')"_qs, u"code = ANY (ARRAY['a', 'b'])"_qs, true},
        {"keyword case", u"qty IS NOT NULL and flag"_qs, u"QTY is not null AND FLAG"_qs, true},
        {"not equal spelling", u"qty != 3"_qs, u"qty <> 3"_qs, true},
        {"quoted name", u"\"value\" > 1"_qs, u"value > 1"_qs, true},
    };
}

ProviderManifest pairManifest(bool installed)
{
    QList<CheckConstraintDef> checks;
    QList<IndexDef> indexes;
    int i = 0;
    for (const Pair &p : pairs()) {
        const QString text = installed ? p.installed : p.manifest;
        checks.append(CheckConstraintDef{QStringLiteral("ck_pair_%1").arg(i), std::nullopt, text});
        indexes.append(IndexDef{
            QStringLiteral("ix_pair_%1").arg(i), {u"qty"_qs}, false, text, Json::object()});
        ++i;
    }
    return manifestWith(checks, indexes);
}

} // namespace

class TestExpressionsPg : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Every run prints afresh: no cache from another run can make a test pass.
        QVERIFY(m_cache.isValid());
        qputenv("METATABLE_CACHE_DIR", m_cache.path().toUtf8());
    }

    void pairsCompareByMeaning()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "expr_pairs");
        auto session = TestSupport::openSession(conninfo);
        const ProviderManifest installed = pairManifest(true);
        QString failure = apply(*session, installed);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const Plan same = liveDiff(*session, installed);
        QVERIFY2(same.isEmpty(), qPrintable(renderText(same)));

        const Plan plan = liveDiff(*session, pairManifest(false));
        QVERIFY2(!plan.hasErrors(), qPrintable(renderText(plan)));
        const QStringList touched = touchedObjects(plan);
        int i = 0;
        for (const Pair &p : pairs()) {
            const QString check = QStringLiteral("ck_pair_%1").arg(i);
            const QString index = QStringLiteral("ix_pair_%1").arg(i);
            ++i;
            for (const QString &object : {check, index}) {
                const bool changed = touched.contains(object);
                QVERIFY2(changed != p.sameMeaning,
                         qPrintable(QStringLiteral("%1 (%2): '%3' vs '%4' %5\n%6")
                                        .arg(QLatin1String(p.tag),
                                             object,
                                             p.installed,
                                             p.manifest,
                                             p.sameMeaning ? u"must match"_qs : u"must differ"_qs,
                                             renderText(plan))));
            }
        }

        // The plan's SQL makes the database hold the manifest's expressions: afterwards the
        // live catalog prints each as the manifest's text does on a fresh table.
        failure = apply(*session, pairManifest(false));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const Plan after = liveDiff(*session, pairManifest(false));
        QVERIFY2(after.isEmpty(), qPrintable(renderText(after)));
    }

    // The reported case: both the CHECK and the partial index change precedence. The text
    // normaliser used to call them equal.
    void precedenceChangeIsReportedAndApplied()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "expr_precedence");
        auto session = TestSupport::openSession(conninfo);
        const QString before = u"value > 0 AND (value < 10 OR value > 100)"_qs;
        const QString after = u"(value > 0 AND value < 10) OR value > 100"_qs;
        auto make = [](const QString &text) {
            return manifestWith(
                {CheckConstraintDef{u"ck__measures__range"_qs, u"range"_qs, text}},
                {IndexDef{u"ix__measures__range"_qs, {u"qty"_qs}, false, text, Json::object()}});
        };
        QString failure = apply(*session, make(before));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(liveCheck(*session, u"ck__measures__range"_qs),
                 u"CHECK (((value > (0)::double precision) AND ((value < (10)::double precision) "
                 "OR (value > (100)::double precision))))"_qs);

        const Plan plan = liveDiff(*session, make(after));
        QCOMPARE(touchedObjects(plan),
                 QStringList({u"ck__measures__range"_qs, u"ix__measures__range"_qs}));
        const QString sql = renderSqlScript(plan);
        QVERIFY2(sql.contains(u"ADD CONSTRAINT \"ck__measures__range\" CHECK ("_qs + after),
                 qPrintable(sql));
        QVERIFY2(sql.contains(u"WHERE "_qs + after), qPrintable(sql));

        failure = apply(*session, make(after));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(liveCheck(*session, u"ck__measures__range"_qs),
                 u"CHECK ((((value > (0)::double precision) AND (value < (10)::double precision)) "
                 "OR (value > (100)::double precision)))"_qs);
        QVERIFY2(liveIndex(*session, u"ix__measures__range"_qs)
                     .endsWith(u"WHERE (((value > (0)::double precision) AND (value < "
                               "(10)::double precision)) OR (value > (100)::double precision))"_qs),
                 qPrintable(liveIndex(*session, u"ix__measures__range"_qs)));
        const Plan empty = liveDiff(*session, make(after));
        QVERIFY2(empty.isEmpty(), qPrintable(renderText(empty)));
    }

    void defaultsAndIndexExpressionsCompareByMeaning()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "expr_defaults");
        auto session = TestSupport::openSession(conninfo);
        auto make = [](const QString &codeDefault, const QString &qtyDefault, const QString &expr) {
            return manifestWith(
                {},
                {IndexDef{u"ix__measures__expr"_qs, {expr}, false, std::nullopt, Json::object()}},
                {{u"code"_qs, codeDefault}, {u"qty"_qs, qtyDefault}});
        };
        const ProviderManifest base = make(u"'new'"_qs, u"0"_qs, u"lower(code)"_qs);
        QString failure = apply(*session, base);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(touchedObjects(liveDiff(*session, base)), QStringList());
        // Spelled otherwise, same meaning.
        QCOMPARE(touchedObjects(
                     liveDiff(*session, make(u"'new'::text"_qs, u"(0)"_qs, u"LOWER(code)"_qs))),
                 QStringList());
        // Different meaning.
        QCOMPARE(touchedObjects(liveDiff(*session, make(u"'New'"_qs, u"0"_qs, u"lower(code)"_qs))),
                 QStringList({u"code"_qs}));
        QCOMPARE(
            touchedObjects(liveDiff(*session, make(u"'new'"_qs, u"-0.5"_qs, u"lower(code)"_qs))),
            QStringList({u"qty"_qs}));
        QCOMPARE(touchedObjects(liveDiff(*session, make(u"'new'"_qs, u"0"_qs, u"upper(code)"_qs))),
                 QStringList({u"ix__measures__expr"_qs}));
    }

    // An expression the server cannot read is an error at its JSON pointer: the class gets no
    // operation, and nothing is ever reported as matching.
    void refusedExpressionsAreErrorsAtTheirPointer()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "expr_refused");
        auto session = TestSupport::openSession(conninfo);
        const ProviderManifest m = manifestWith(
            {CheckConstraintDef{u"ck_ok"_qs, std::nullopt, u"qty > 0"_qs},
             CheckConstraintDef{u"ck_bad"_qs, std::nullopt, u"no_such_column > 0"_qs}},
            {IndexDef{u"ix_bad"_qs, {u"qty"_qs}, false, u"qty >>> 1"_qs, Json::object()}},
            {{u"flag"_qs, u"not_a_function()"_qs}});
        const Plan plan = liveDiff(*session, m);
        QVERIFY(plan.hasErrors());
        QVERIFY2(plan.operations.isEmpty(), qPrintable(renderText(plan)));
        QStringList pointers;
        for (const Finding &f : plan.findings) {
            if (f.code == u"expression-rejected") {
                pointers.append(f.pointer);
                QVERIFY2(f.message.contains(u"SQLSTATE"_qs), qPrintable(f.message));
            }
        }
        pointers.sort();
        QCOMPARE(pointers,
                 QStringList({u"/storage_classes/0/ddl/check_constraints/1/sqltext"_qs,
                              u"/storage_classes/0/ddl/indexes/0"_qs,
                              u"/storage_classes/0/ddl/server_defaults/flag"_qs}));
        // Nothing was left behind by the shells.
        QCOMPARE(scalar(*session,
                        u"SELECT count(*) FROM pg_class WHERE relname LIKE 'metatable_shell%'"_qs),
                 u"0"_qs);
    }

    // Printing needs a transaction of its own: inside the caller's it refuses, and the caller's
    // transaction goes on untouched.
    void printingInsideATransactionIsRefused()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "expr_nested");
        auto session = TestSupport::openSession(conninfo);
        QVERIFY(session->begin());
        QVERIFY(session->execute(u"CREATE TABLE kept (x int)"_qs));
        auto printed = printExpressions(*session, pairManifest(false));
        QVERIFY(!printed);
        QVERIFY2(printed.error().message.contains(u"transaction of their own"_qs),
                 qPrintable(printed.error().message));
        QVERIFY(session->commit());
        QCOMPARE(scalar(*session, u"SELECT to_regclass('kept') IS NOT NULL"_qs), u"t"_qs);
    }

    // The second diff of the same manifest on the same server builds no shell, in the process
    // and across processes.
    void printedFormsAreCached()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "expr_cache");
        auto session = TestSupport::openSession(conninfo);
        const ProviderManifest m
            = manifestWith({CheckConstraintDef{u"ck_cached"_qs, std::nullopt, u"qty > 41"_qs}}, {});
        auto first = printExpressions(*session, m);
        QVERIFY(first);
        QVERIFY(!first->fromCache);
        QVERIFY2(first->errors.isEmpty(), qPrintable(first->errors.value(0).message));
        QCOMPARE(first->tables.value(u"expr.storage:Measures"_qs).checks.value(0),
                 std::optional<QString>(u"((qty > 41))"_qs));
        const quint64 statements = session->statementCount();
        auto second = printExpressions(*session, m);
        QVERIFY(second);
        QVERIFY(second->fromCache);
        QCOMPARE(second->tables.value(u"expr.storage:Measures"_qs).checks.value(0),
                 std::optional<QString>(u"((qty > 41))"_qs));
        QCOMPARE(session->statementCount(), statements + 1); // the server identity only
        QVERIFY(!QDir(m_cache.path()).entryList({u"*.json"_qs}, QDir::Files).isEmpty());
    }

private:
    QTemporaryDir m_cache;
};

QTEST_GUILESS_MAIN(TestExpressionsPg)
#include "tst_expressions_pg.moc"
