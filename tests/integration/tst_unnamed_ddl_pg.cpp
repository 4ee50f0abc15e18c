// SPDX-License-Identifier: MIT
// A manifest whose DDL objects are all unnamed, upgraded into a real database: PostgreSQL ends
// up with exactly the names the SDK's naming convention gives, as if they had been written.
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>

#include <QtTest>

#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Migrate;

namespace {

const char unnamedFile[] = "tests/data/manifest/unnamed-ddl.json";
const char namedFile[] = "tests/data/manifest/unnamed-ddl.named.json";

ManifestDocument load(const char *relative)
{
    auto doc = readManifestFile(TestSupport::sourcePath(QString::fromUtf8(relative)));
    if (!doc)
        qFatal("%s: %s", relative, qPrintable(doc.error().toText()));
    return *doc;
}

QString text(const Json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

// "table kind name" lines for every DDL object the manifest file spells out, read from the JSON
// itself rather than the model: kind is p/u/c/f (pg_constraint.contype) or i (pg_indexes, where
// primary keys and unique constraints appear too, through their indexes).
QStringList expectedObjects(const Json &raw)
{
    QStringList out;
    for (const Json &sc : raw["storage_classes"]) {
        const QString table = text(sc["registration"]["table_contract"]["physical"]["table_name"]);
        const Json &ddl = sc["ddl"];
        auto add = [&](const char *kind, const Json &object) {
            out << table + QLatin1Char(' ') + QLatin1String(kind) + QLatin1Char(' ')
                       + text(object["name"]);
        };
        if (!ddl["primary_key"].is_null()) {
            add("p", ddl["primary_key"]);
            add("i", ddl["primary_key"]);
        }
        for (const Json &x : ddl["indexes"])
            add("i", x);
        for (const Json &x : ddl["unique_constraints"]) {
            add("u", x);
            add("i", x);
        }
        for (const Json &x : ddl["check_constraints"])
            add("c", x);
        for (const Json &x : ddl["foreign_keys"])
            add("f", x);
    }
    out.sort();
    return out;
}

// The same lines as PostgreSQL reports them for the manifest's tables (NOT NULL is not a
// pg_constraint row in PostgreSQL 15).
QStringList actualObjects(Db::Session &s, const QStringList &tables)
{
    const QString sql = QStringLiteral(
        "SELECT tablename, 'i', indexname FROM pg_indexes "
        "WHERE schemaname = 'public' AND tablename = ANY(string_to_array($1, ',')) "
        "UNION ALL "
        "SELECT c.relname, k.contype::text, k.conname FROM pg_constraint k "
        "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relname = ANY(string_to_array($1, ','))");
    auto rows = s.query(sql, {tables.join(QLatin1Char(','))});
    if (!rows)
        qFatal("%s", qPrintable(rows.error().toText()));
    QStringList out;
    for (qsizetype r = 0; r < rows->size(); ++r)
        out << rows->text(r, 0) + QLatin1Char(' ') + rows->text(r, 1) + QLatin1Char(' ')
                   + rows->text(r, 2);
    out.sort();
    return out;
}

QStringList tablesOf(const ProviderManifest &m)
{
    QStringList tables;
    for (const StorageClass &sc : m.storageClasses)
        tables << sc.tableName();
    return tables;
}

QString describe(const Plan &plan)
{
    QStringList lines;
    for (const Operation &op : plan.operations)
        lines << op.summary;
    return lines.join(QStringLiteral("; "));
}

QMap<QString, QString> contractHashes(const ApplyResult &r)
{
    QMap<QString, QString> out;
    for (const AppliedClass &c : r.classes)
        out.insert(c.table, c.contractHash);
    return out;
}

} // namespace

class TestUnnamedDdlPg : public QObject
{
    Q_OBJECT

private slots:
    void upgradeGivesTheSdkNames();
};

void TestUnnamedDdlPg::upgradeGivesTheSdkNames()
{
    const ManifestDocument unnamed = load(unnamedFile);
    const ManifestDocument named = load(namedFile);
    const QStringList expected = expectedObjects(named.raw);
    QCOMPARE(expected.size(), 15);

    METATABLE_SCRATCH_DATABASE(conninfo, "unnamed_ddl");
    auto s = TestSupport::openSession(conninfo);
    auto applied = applyUpgrade(*s, unnamed.manifest, ApplyOptions{});
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toText()));
    QVERIFY(!applied->nothingToDo);
    QCOMPARE(actualObjects(*s, tablesOf(unnamed.manifest)), expected);

    // Names are part of the diff (another name is a rename), so both plans being empty says
    // the database has the names the named manifest writes and the unnamed one derives.
    for (const ManifestDocument *doc : {&named, &unnamed}) {
        auto plan = planUpgrade(*s, doc->manifest, false);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toText()));
        QVERIFY2(plan->operations.isEmpty(),
                 qPrintable(doc->path + QStringLiteral(": ") + describe(*plan)));
        QVERIFY2(plan->isEmpty(), qPrintable(doc->path));
    }

    // The named manifest applied to a database of its own gives the same objects and the same
    // contract hashes in the catalog.
    METATABLE_SCRATCH_DATABASE(namedConninfo, "named_ddl");
    auto t = TestSupport::openSession(namedConninfo);
    auto namedApplied = applyUpgrade(*t, named.manifest, ApplyOptions{});
    QVERIFY2(namedApplied, qPrintable(namedApplied ? QString() : namedApplied.error().toText()));
    QCOMPARE(actualObjects(*t, tablesOf(named.manifest)), expected);
    QCOMPARE(contractHashes(*applied), contractHashes(*namedApplied));
}

QTEST_GUILESS_MAIN(TestUnnamedDdlPg)
#include "tst_unnamed_ddl_pg.moc"
