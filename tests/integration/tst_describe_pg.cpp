// SPDX-License-Identifier: MIT
// `metatable describe` edits the manifest only; the next `metatable upgrade` carries the texts to
// the catalog row and to COMMENT ON, as a metadata-only migration (no table rewritten, no row
// touched), on a real PostgreSQL holding the demo at v1.
#include <core/db/session.h>

#include <QTemporaryDir>
#include <QtTest>

#include <tests/support/clirun.h>
#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>

class TstDescribePg : public QObject
{
    Q_OBJECT

private slots:
    void describeThenUpgradeReachesCatalogAndComments();
};

void TstDescribePg::describeThenUpgradeReachesCatalogAndComments()
{
    METATABLE_DEMO_DATABASE(db, "mt_describe");
    QTemporaryDir dir;
    const QString manifest = dir.filePath(QStringLiteral("demo.json"));
    QVERIFY(QFile::copy(TestSupport::demoManifestV1(), manifest));
    QFile::setPermissions(manifest, QFile::ReadOwner | QFile::WriteOwner);
    const QString table = QStringLiteral("example_project__daily_metrics");
    auto session = TestSupport::openSession(db);
    const auto rowsBefore = session->query(QStringLiteral("SELECT count(*) FROM public.") + table);
    QVERIFY(rowsBefore);

    const QString columnText = QStringLiteral("Closing value, in the source's units.");
    const QString tableText = QStringLiteral("Daily metrics as the source system closes them.");
    QCOMPARE(TestSupport::runCli({QStringLiteral("describe"),
                                  manifest,
                                  QStringLiteral("--storage"),
                                  table,
                                  QStringLiteral("--column"),
                                  QStringLiteral("value"),
                                  QStringLiteral("--description"),
                                  columnText})
                 .exitCode,
             0);
    QCOMPARE(TestSupport::runCli({QStringLiteral("describe"),
                                  manifest,
                                  QStringLiteral("--storage"),
                                  table,
                                  QStringLiteral("--description"),
                                  tableText,
                                  QStringLiteral("--label"),
                                  QStringLiteral("daily"),
                                  QStringLiteral("--label"),
                                  QStringLiteral("curated")})
                 .exitCode,
             0);
    // The manifest only: the database does not know yet.
    const auto comment = [&](const QString &sql) {
        auto r = session->query(sql, {table});
        return r && !r->isEmpty() ? r->text(0, 0) : QStringLiteral("<none>");
    };
    const QString columnComment = QStringLiteral(
        "SELECT col_description(c.oid, a.attnum) FROM pg_class c JOIN pg_attribute a ON "
        "a.attrelid = c.oid WHERE c.relname = $1 AND a.attname = 'value'");
    const QString tableComment
        = QStringLiteral("SELECT obj_description(c.oid, 'pg_class') FROM pg_class c "
                         "WHERE c.relname = $1");
    QVERIFY(comment(columnComment) != columnText);

    const auto upgrade = TestSupport::runCli(
        {QStringLiteral("upgrade"), manifest, QStringLiteral("--db"), db, QStringLiteral("--yes")});
    QVERIFY2(upgrade.exitCode == 0, upgrade.out + upgrade.err);
    QCOMPARE(comment(columnComment), columnText);
    QCOMPARE(comment(tableComment), tableText);
    auto catalog = session->query(
        QStringLiteral("SELECT description, labels::text FROM metatable_catalog.meta_tables "
                       "WHERE physical_table_name = $1"),
        {table});
    QVERIFY(catalog && catalog->size() == 1);
    QCOMPARE(catalog->text(0, 0), tableText);
    QCOMPARE(catalog->text(0, 1), QStringLiteral("[\"daily\", \"curated\"]"));
    // Metadata only: the rows are as they were.
    const auto rowsAfter = session->query(QStringLiteral("SELECT count(*) FROM public.") + table);
    QCOMPARE(rowsAfter->text(0, 0), rowsBefore->text(0, 0));
}

QTEST_GUILESS_MAIN(TstDescribePg)
#include "tst_describe_pg.moc"
