// SPDX-License-Identifier: MIT
// The data stewards' audit trail on a real PostgreSQL holding the demo at v1: an upgrade that
// carries changed texts appends one record per field in its own transaction (a rehearsal's go
// with its rollback), the trail refuses UPDATE, DELETE and TRUNCATE, text_version counts the
// changes so a stale editor is refused, metadataOnly applies texts and nothing else, the
// catalog migrates from version 2, and `metatable history` prints the trail as text, CSV and
// JSON.
#include <core/db/catalog.h>
#include <core/db/session.h>
#include <core/db/textaudit.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>
#include <core/steward/stewardtext.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <pwd.h>
#include <tests/support/clirun.h>
#include <tests/support/demodatabase.h>
#include <tests/support/testsupport.h>
#include <unistd.h>

using namespace Core;
using Core::Steward::TextField;

namespace {

const QString Daily = QStringLiteral("example_project__daily_metrics");
const QString Account = QStringLiteral("example_project__account");
const QString DailyLabelsV1 = QStringLiteral("[\"metrics\",\"daily\"]");
const QString ValueDescriptionV1
    = QStringLiteral("Daily numeric value produced by the source system.");

ProviderManifest demoV1()
{
    auto doc = readManifestFile(TestSupport::demoManifestV1());
    if (!doc)
        qFatal("demo v1: %s", qPrintable(doc.error().toText()));
    return doc->manifest;
}

QString classPath(const ProviderManifest &m, const QString &table)
{
    const StorageClass *sc = Steward::findStorageClass(m, table);
    if (!sc)
        qFatal("no class for %s", qPrintable(table));
    return sc->classRef.path();
}

// The manifest with one steward text set, as `metatable describe` or the console would.
ProviderManifest withText(ProviderManifest m,
                          const QString &table,
                          const QString &column,
                          TextField field,
                          const Steward::TextValue &value)
{
    const Steward::TextKey key{classPath(m, table), column, field};
    if (auto r = Steward::writeText(m, key, value); !r)
        qFatal("writeText: %s", qPrintable(r.error().toText()));
    return m;
}

ProviderManifest withColumnDescription(ProviderManifest m,
                                       const QString &table,
                                       const QString &column,
                                       const QString &text)
{
    return withText(std::move(m), table, column, TextField::ColumnDescription, {text, {}});
}

QString scalar(Db::Session &s, const QString &sql, const Db::Params &params = {})
{
    auto r = s.query(sql, params);
    if (!r)
        qFatal("%s: %s", qPrintable(sql), qPrintable(r.error().toText()));
    return r->isEmpty() || r->isNull(0, 0) ? QString() : r->text(0, 0);
}

int auditCount(Db::Session &s)
{
    return scalar(s, QStringLiteral("SELECT count(*) FROM metatable_catalog.metadata_audit"))
        .toInt();
}

Db::CatalogEntry catalogEntry(Db::Session &s, const QString &table)
{
    auto rows = Db::readCatalog(s);
    if (!rows)
        qFatal("readCatalog: %s", qPrintable(rows.error().toText()));
    for (const Db::CatalogEntry &e : *rows) {
        if (e.physicalTableName == table)
            return e;
    }
    qFatal("no catalog row for %s", qPrintable(table));
}

QString columnComment(Db::Session &s, const QString &table, const QString &column)
{
    return scalar(s,
                  QStringLiteral("SELECT col_description(c.oid, a.attnum) FROM pg_class c JOIN "
                                 "pg_attribute a ON a.attrelid = c.oid WHERE c.relname = $1 AND "
                                 "a.attname = $2"),
                  {table, column});
}

QString json(const QJsonValue &v)
{
    const QByteArray text = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

Result<QList<Db::TextAuditRecord>> allRecords(Db::Session &s)
{
    return Db::readTextAudit(s, {});
}

} // namespace

class TstTextAuditPg : public QObject
{
    Q_OBJECT

private slots:
    // Who runs the tests and the CLI they start, whatever the machine's account is called.
    void initTestCase() { qputenv("USER", "steward-alice"); }
    void osUserFromEnvironment();
    void upgradeRecordsEachChangedText();
    void auditIsAppendOnly();
    void rehearsalLeavesNoRecord();
    void metadataOnlyAppliesTextsAndRefusesStructure();
    void staleTextVersionIsAConflict();
    void historyCommand();
    void catalogMigratesFromVersion2();
};

void TstTextAuditPg::osUserFromEnvironment()
{
    QCOMPARE(Db::currentOsUser(), QStringLiteral("steward-alice"));
    qunsetenv("USER");
    qputenv("LOGNAME", "steward-bob");
    QCOMPARE(Db::currentOsUser(), QStringLiteral("steward-bob"));
    qunsetenv("LOGNAME");
    // Neither set (a service, a container): the account the process runs as.
    const passwd *account = getpwuid(geteuid());
    QVERIFY(account);
    QCOMPARE(Db::currentOsUser(), QString::fromLocal8Bit(account->pw_name));
    qputenv("USER", "steward-alice");
}

void TstTextAuditPg::upgradeRecordsEachChangedText()
{
    METATABLE_DEMO_DATABASE(db, "mt_audit_upgrade");
    auto s = TestSupport::openSession(db);
    // The texts that arrived with the tables are not changes.
    QCOMPARE(auditCount(*s), 0);
    QCOMPARE(catalogEntry(*s, Daily).textVersion, 0);

    QTemporaryDir dir;
    const QString manifest = dir.filePath(QStringLiteral("demo.json"));
    QVERIFY(QFile::copy(TestSupport::demoManifestV1(), manifest));
    QFile::setPermissions(manifest, QFile::ReadOwner | QFile::WriteOwner);
    const QString columnText = QStringLiteral("Closing value, in the source's units.");
    const auto describeColumn = TestSupport::runCli({QStringLiteral("describe"),
                                                     manifest,
                                                     QStringLiteral("--storage"),
                                                     Daily,
                                                     QStringLiteral("--column"),
                                                     QStringLiteral("value"),
                                                     QStringLiteral("--description"),
                                                     columnText});
    QVERIFY2(describeColumn.exitCode == 0, describeColumn.err.constData());
    const auto describeLabels = TestSupport::runCli({QStringLiteral("describe"),
                                                     manifest,
                                                     QStringLiteral("--storage"),
                                                     Daily,
                                                     QStringLiteral("--label"),
                                                     QStringLiteral("metrics"),
                                                     QStringLiteral("--label"),
                                                     QStringLiteral("curated")});
    QVERIFY2(describeLabels.exitCode == 0, describeLabels.err.constData());
    QCOMPARE(auditCount(*s), 0); // describe edits the manifest only

    const auto upgrade = TestSupport::runCli(
        {QStringLiteral("upgrade"), manifest, QStringLiteral("--db"), db, QStringLiteral("--yes")});
    QVERIFY2(upgrade.exitCode == 0, upgrade.out + upgrade.err);

    const QString role = scalar(*s, QStringLiteral("SELECT current_user"));
    const Db::CatalogEntry entry = catalogEntry(*s, Daily);
    auto records = allRecords(*s);
    QVERIFY2(records, qPrintable(records ? QString() : records.error().toText()));
    QCOMPARE(records->size(), 2);
    const Db::TextAuditRecord &labels = records->at(0);
    const Db::TextAuditRecord &column = records->at(1);
    for (const Db::TextAuditRecord &r : *records) {
        QCOMPARE(r.source, QStringLiteral("metatable upgrade"));
        QCOMPARE(r.osUser, QStringLiteral("steward-alice")); // the CLI's environment
        QCOMPARE(r.dbRole, role);
        QCOMPARE(r.physicalSchema, QStringLiteral("public"));
        QCOMPARE(r.physicalTableName, Daily);
        QCOMPARE(r.storageClass, QStringLiteral("example_project.storage:DailyMetricsStorage"));
        QCOMPARE(r.metaTableUid, entry.uid);
        QVERIFY(r.changedAt.endsWith(u'Z'));
    }
    QCOMPARE(labels.column, QString());
    QCOMPARE(labels.field, QStringLiteral("labels"));
    QCOMPARE(json(labels.oldValue), DailyLabelsV1);
    QCOMPARE(json(labels.newValue), QStringLiteral("[\"metrics\",\"curated\"]"));
    QCOMPARE(column.column, QStringLiteral("value"));
    QCOMPARE(column.field, QStringLiteral("description"));
    QCOMPARE(column.oldValue.toString(), ValueDescriptionV1);
    QCOMPARE(column.newValue.toString(), columnText);
    // One change of the class's texts: one more version, however many fields it touched.
    QCOMPARE(entry.textVersion, 1);
    QCOMPARE(catalogEntry(*s, Account).textVersion, 0);

    // The same manifest again: nothing changes, nothing is recorded.
    const auto again = TestSupport::runCli(
        {QStringLiteral("upgrade"), manifest, QStringLiteral("--db"), db, QStringLiteral("--yes")});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(auditCount(*s), 2);
    QCOMPARE(catalogEntry(*s, Daily).textVersion, 1);

    // The filters.
    const auto count = [&](const Db::TextAuditFilter &f) {
        auto r = Db::readTextAudit(*s, f);
        return r ? int(r->size()) : -1;
    };
    QCOMPARE(count({Daily, {}, {}, {}, {}}), 2);
    QCOMPARE(count({QStringLiteral("public.") + Daily, {}, {}, {}, {}}), 2);
    QCOMPARE(count({QStringLiteral("example_project.storage:DailyMetricsStorage"), {}, {}, {}, {}}),
             2);
    QCOMPARE(count({Account, {}, {}, {}, {}}), 0);
    QCOMPARE(count({Daily, QStringLiteral("value"), {}, {}, {}}), 1);
    QCOMPARE(count({{}, {}, role, {}, {}}), 2);
    QCOMPARE(count({{}, {}, QStringLiteral("steward-alice"), {}, {}}), 2);
    QCOMPARE(count({{}, {}, QStringLiteral("nobody-at-all"), {}, {}}), 0);
    // The server keeps microseconds, QDateTime milliseconds: cut, never round up past the record.
    const QDateTime at = QDateTime::fromString(labels.changedAt.left(23) + u'Z', Qt::ISODateWithMs);
    QVERIFY(at.isValid());
    QCOMPARE(count({{}, {}, {}, at, {}}), 2);
    QCOMPARE(count({{}, {}, {}, at.addSecs(1), {}}), 0);
    QCOMPARE(count({{}, {}, {}, {}, at}), 0);
    QCOMPARE(count({{}, {}, {}, at.addSecs(-60), at.addSecs(1)}), 2);
}

void TstTextAuditPg::auditIsAppendOnly()
{
    METATABLE_DEMO_DATABASE(db, "mt_audit_appendonly");
    auto s = TestSupport::openSession(db);
    const Db::CatalogEntry entry = catalogEntry(*s, Account);
    Db::TextAuditRecord record;
    record.source = Db::AuditSourceConsoleSave.toString();
    record.metaTableUid = entry.uid;
    record.physicalSchema = QStringLiteral("public");
    record.physicalTableName = Account;
    record.storageClass = QStringLiteral("example_project.storage:Account");
    record.column = QStringLiteral("display_name");
    record.field = QStringLiteral("label");
    record.oldValue = QStringLiteral("Display Name");
    record.newValue = QStringLiteral("Name, as \"shown\"");
    QVERIFY(s->begin());
    QVERIFY(Db::appendTextAudit(*s, {record}));
    QVERIFY(s->commit());
    QCOMPARE(auditCount(*s), 1);

    for (const QString &sql :
         {QStringLiteral("UPDATE metatable_catalog.metadata_audit SET new_value = '\"forged\"'"),
          QStringLiteral("DELETE FROM metatable_catalog.metadata_audit"),
          QStringLiteral("TRUNCATE metatable_catalog.metadata_audit")}) {
        auto r = s->execute(sql);
        QVERIFY2(!r, qPrintable(sql));
        QVERIFY2(r.error().detail.contains(
                     QStringLiteral("metatable_catalog.metadata_audit is append-only")),
                 qPrintable(r.error().toText()));
    }
    // Refused even when the statement matches no row.
    QVERIFY(
        !s->execute(QStringLiteral("DELETE FROM metatable_catalog.metadata_audit WHERE false")));
    auto kept = allRecords(*s);
    QVERIFY(kept && kept->size() == 1);
    QCOMPARE(kept->first().newValue.toString(), QStringLiteral("Name, as \"shown\""));
    QCOMPARE(kept->first().field, QStringLiteral("label"));

    // Superusers pass privileges (the trigger stops them); nobody else holds them.
    QCOMPARE(scalar(*s,
                    QStringLiteral("SELECT count(*) FROM pg_class c, aclexplode(c.relacl) a "
                                   "WHERE c.oid = 'metatable_catalog.metadata_audit'::regclass "
                                   "AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')")),
             QStringLiteral("0"));
    QVERIFY(scalar(*s,
                   QStringLiteral("SELECT count(*) FROM pg_class c, aclexplode(c.relacl) a "
                                  "WHERE c.oid = 'metatable_catalog.metadata_audit'::regclass "
                                  "AND a.privilege_type = 'INSERT'"))
                .toInt()
            >= 1);

    // The trail outlives the catalog row it talks about.
    QVERIFY(s->execute(QStringLiteral("DELETE FROM metatable_catalog.meta_tables WHERE uid = $1"),
                       {entry.uid}));
    auto after = allRecords(*s);
    QVERIFY(after && after->size() == 1);
    QCOMPARE(after->first().metaTableUid, entry.uid);

    // Refused before anything is sent: an unknown tool, a field a column does not have.
    Db::TextAuditRecord badSource = record;
    badSource.source = QStringLiteral("psql");
    QVERIFY(s->begin());
    auto refused = Db::appendTextAudit(*s, {badSource});
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(QStringLiteral("psql")));
    Db::TextAuditRecord badField = record;
    badField.field = QStringLiteral("labels");
    QVERIFY(!Db::appendTextAudit(*s, {badField}));
    s->rollback();
}

void TstTextAuditPg::rehearsalLeavesNoRecord()
{
    METATABLE_DEMO_DATABASE(db, "mt_audit_rehearse");
    auto s = TestSupport::openSession(db);
    const ProviderManifest edited = withColumnDescription(
        demoV1(), Daily, QStringLiteral("value"), QStringLiteral("Rehearsed."));
    const QByteArray before = TestSupport::dumpDatabase(db);
    Migrate::ApplyOptions options;
    options.rehearse = true;
    auto rehearsed = Migrate::applyUpgrade(*s, edited, options);
    QVERIFY2(rehearsed, qPrintable(rehearsed ? QString() : rehearsed.error().toText()));
    QVERIFY(rehearsed->rehearsed);
    QCOMPARE(rehearsed->audited.size(), 1); // what the apply would record...
    QCOMPARE(auditCount(*s), 0);            // ...rolled back with everything else
    QCOMPARE(columnComment(*s, Daily, QStringLiteral("value")), ValueDescriptionV1);
    QCOMPARE(catalogEntry(*s, Daily).textVersion, 0);
    // Nothing at all: not even the audit's identity sequence moved.
    QCOMPARE(TestSupport::dumpDatabase(db), before);
}

void TstTextAuditPg::metadataOnlyAppliesTextsAndRefusesStructure()
{
    METATABLE_DEMO_DATABASE(db, "mt_audit_textsonly");
    auto s = TestSupport::openSession(db);
    auto v2 = readManifestFile(TestSupport::demoManifestV2());
    QVERIFY(v2);
    TestSupport::fillDemoNulls(db);
    Migrate::ApplyOptions textsOnly;
    textsOnly.metadataOnly = true;
    textsOnly.auditSource = Db::AuditSourceConsoleSave.toString();

    // v2 adds columns and an index besides its texts: refused, nothing applied.
    auto refused = Migrate::applyUpgrade(*s, v2->manifest, textsOnly);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("add column \"source\"")),
             qPrintable(refused.error().message));
    QVERIFY(refused.error().message.contains(QStringLiteral("structural")));
    QCOMPARE(auditCount(*s), 0);
    QCOMPARE(columnComment(*s, Daily, QStringLiteral("value")), ValueDescriptionV1);
    QVERIFY(scalar(*s,
                   QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE "
                                  "table_name = $1 AND column_name = 'source'"),
                   {Daily})
            == u"0");

    // A reviewed plan with structure is refused before anything runs.
    auto reviewed = Migrate::planUpgrade(*s, v2->manifest, false);
    QVERIFY(reviewed);
    const ProviderManifest texts = withColumnDescription(
        demoV1(), Account, QStringLiteral("display_name"), QStringLiteral("Name in reports."));
    Migrate::ApplyOptions staleReview = textsOnly;
    staleReview.reviewedPlan = *reviewed;
    auto refusedReview = Migrate::applyUpgrade(*s, texts, staleReview);
    QVERIFY(!refusedReview);
    QCOMPARE(refusedReview.error().code, ErrorCode::Refused);
    QVERIFY(refusedReview.error().message.contains(QStringLiteral("reviewed plan")));

    // Texts only: applied, recorded as the console's save.
    const qint64 versionBefore = catalogEntry(*s, Account).textVersion;
    auto applied = Migrate::applyUpgrade(*s, texts, textsOnly);
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toText()));
    QCOMPARE(columnComment(*s, Account, QStringLiteral("display_name")),
             QStringLiteral("Name in reports."));
    auto records = allRecords(*s);
    QVERIFY(records && records->size() == 1);
    QCOMPARE(records->first().source, QStringLiteral("console save"));
    QCOMPARE(records->first().column, QStringLiteral("display_name"));
    QCOMPARE(records->first().oldValue.toString(),
             QStringLiteral("Human-readable account name shown in reports."));
    QCOMPARE(applied->audited.size(), 1);
    // Only a COMMENT ON changed, which the catalog's trigger does not see: counted by the apply.
    QCOMPARE(catalogEntry(*s, Account).textVersion, versionBefore + 1);
    QCOMPARE(catalogEntry(*s, Daily).textVersion, 0);
}

void TstTextAuditPg::staleTextVersionIsAConflict()
{
    METATABLE_DEMO_DATABASE(db, "mt_audit_conflict");
    auto s = TestSupport::openSession(db);
    const Db::CatalogEntry read = catalogEntry(*s, Daily);
    QCOMPARE(read.textVersion, 0);

    // Someone else saves first.
    const ProviderManifest theirs
        = withText(demoV1(), Daily, {}, TextField::Description, {QStringLiteral("Theirs."), {}});
    Migrate::ApplyOptions first;
    first.metadataOnly = true;
    first.expectedTextVersions.insert(read.uid, read.textVersion);
    QVERIFY(Migrate::applyUpgrade(*s, theirs, first));
    QCOMPARE(catalogEntry(*s, Daily).textVersion, 1);
    const int recorded = auditCount(*s);
    QCOMPARE(recorded, 1); // catalog and COMMENT ON TABLE: one description, one record

    // Our edit was made on version 0.
    const ProviderManifest ours
        = withText(demoV1(), Daily, {}, TextField::Description, {QStringLiteral("Ours."), {}});
    auto conflict = Migrate::applyUpgrade(*s, ours, first);
    QVERIFY(!conflict);
    QCOMPARE(conflict.error().code, ErrorCode::Conflict);
    const QString message = conflict.error().message;
    QVERIFY2(message.contains(QStringLiteral("public.") + Daily), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("changed by someone else since")));
    QVERIFY(message.contains(QStringLiteral("text version 0 was read, 1 is in the catalog")));
    QCOMPARE(catalogEntry(*s, Daily).description, QStringLiteral("Theirs."));
    QCOMPARE(auditCount(*s), recorded);

    // A row that went away is a conflict too.
    Migrate::ApplyOptions gone;
    gone.expectedTextVersions.insert(QStringLiteral("00000000-0000-0000-0000-000000000000"), 0);
    auto missing = Migrate::applyUpgrade(*s, ours, gone);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::Conflict);

    // Read again, then it applies.
    Migrate::ApplyOptions fresh;
    fresh.expectedTextVersions.insert(read.uid, 1);
    QVERIFY(Migrate::applyUpgrade(*s, ours, fresh));
    QCOMPARE(catalogEntry(*s, Daily).description, QStringLiteral("Ours."));
    QCOMPARE(catalogEntry(*s, Daily).textVersion, 2);
}

void TstTextAuditPg::historyCommand()
{
    METATABLE_DEMO_DATABASE(db, "mt_audit_history");
    auto s = TestSupport::openSession(db);
    const QString tricky = QStringLiteral("Closing value, \"as closed\"\nin source units.");
    ProviderManifest edited
        = withColumnDescription(demoV1(), Daily, QStringLiteral("value"), tricky);
    edited
        = withText(edited, Daily, {}, TextField::Labels, {std::nullopt, {QStringLiteral("daily")}});
    QVERIFY(Migrate::applyUpgrade(*s, edited, {}));
    const QString role = scalar(*s, QStringLiteral("SELECT current_user"));
    const QString osUser = Db::currentOsUser();

    const auto history = [&](QStringList extra) {
        return TestSupport::runCli(
            QStringList{QStringLiteral("history"), QStringLiteral("--db"), db} + extra);
    };
    const auto text = history({});
    QCOMPARE(text.exitCode, 0);
    const QStringList lines = QString::fromUtf8(text.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].contains(QStringLiteral("  %1 / %2  metatable upgrade  public.%3 labels: "
                                              "[\"metrics\",\"daily\"] -> [\"daily\"]")
                                   .arg(osUser, role, Daily)),
             qPrintable(lines[0]));
    QVERIFY2(lines[1].contains(QStringLiteral("public.%1.value description: \"%2\" -> ")
                                   .arg(Daily, ValueDescriptionV1)),
             qPrintable(lines[1]));
    QVERIFY(lines[1].contains(QStringLiteral("\\\"as closed\\\"\\nin source units.")));

    const auto csv = history({QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(csv.exitCode, 0);
    const QString csvText = QString::fromUtf8(csv.out);
    QVERIFY(csvText.startsWith(QStringLiteral(
        "id,changed_at,os_user,db_role,source,schema,table,storage_class,column,field,"
        "old_value,new_value,meta_table_uid\r\n")));
    // JSON text with a comma and quotes: quoted, the quotes doubled.
    QVERIFY2(
        csvText.contains(QStringLiteral(",value,description,\"\"\"%1\"\"\",\"\"\"Closing value, "
                                        "\\\"\"as closed\\\"\"\\nin source units.\"\"\",")
                             .arg(ValueDescriptionV1)),
        qPrintable(csvText));
    QCOMPARE(csvText.count(QStringLiteral("\r\n")), 3);

    const auto jsonRun = history({QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(jsonRun.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(jsonRun.out).array();
    QCOMPARE(list.size(), 2);
    const QJsonObject labels = list[0].toObject();
    QCOMPARE(labels[QStringLiteral("field")].toString(), QStringLiteral("labels"));
    QVERIFY(labels[QStringLiteral("column")].isNull());
    QCOMPARE(labels[QStringLiteral("old")].toArray().size(), 2);
    QCOMPARE(labels[QStringLiteral("new")].toArray(), QJsonArray{QStringLiteral("daily")});
    QCOMPARE(labels[QStringLiteral("os_user")].toString(), osUser);
    QCOMPARE(labels[QStringLiteral("db_role")].toString(), role);
    QCOMPARE(labels[QStringLiteral("source")].toString(), QStringLiteral("metatable upgrade"));
    const QJsonObject column = list[1].toObject();
    QCOMPARE(column[QStringLiteral("column")].toString(), QStringLiteral("value"));
    QCOMPARE(column[QStringLiteral("new")].toString(), tricky);
    QCOMPARE(column[QStringLiteral("table")].toString(), Daily);

    // Filters, and nothing matching is not an error.
    const auto byColumn = history({QStringLiteral("--storage"),
                                   Daily,
                                   QStringLiteral("--column"),
                                   QStringLiteral("value"),
                                   QStringLiteral("--json")});
    QCOMPARE(byColumn.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(byColumn.out).array().size(), 1);
    const auto nobody = history({QStringLiteral("--person"), QStringLiteral("nobody-at-all")});
    QCOMPARE(nobody.exitCode, 0);
    QVERIFY(nobody.out.contains("No recorded text change matches."));
    const auto later = history({QStringLiteral("--since"),
                                QStringLiteral("2999-01-01"),
                                QStringLiteral("--format"),
                                QStringLiteral("json")});
    QCOMPARE(later.exitCode, 0);
    QCOMPARE(later.out.trimmed(), QByteArray("[]"));
    const auto today = history({QStringLiteral("--until"),
                                QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate),
                                QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(today.out).array().size(), 2);

    // Usage and errors.
    QCOMPARE(history({QStringLiteral("--since"), QStringLiteral("yesterday")}).exitCode, 2);
    QCOMPARE(history({QStringLiteral("--format"), QStringLiteral("xml")}).exitCode, 2);
    QCOMPARE(TestSupport::runCli({QStringLiteral("history")}).exitCode, 2);
    METATABLE_SCRATCH_DATABASE(empty, "mt_audit_history_empty");
    const auto noCatalog
        = TestSupport::runCli({QStringLiteral("history"), QStringLiteral("--db"), empty});
    QCOMPARE(noCatalog.exitCode, 3);
    QVERIFY2(noCatalog.err.contains("run metatable upgrade first"), noCatalog.err.constData());
    const auto noServer = TestSupport::runCli(
        {QStringLiteral("history"),
         QStringLiteral("--db"),
         QStringLiteral("host=/nonexistent-socket-dir dbname=x connect_timeout=2")});
    QCOMPARE(noServer.exitCode, 3);
}

void TstTextAuditPg::catalogMigratesFromVersion2()
{
    METATABLE_SCRATCH_DATABASE(db, "mt_audit_v2");
    auto s = TestSupport::openSession(db);
    // A catalog as a console of version 2 left it, with a row and an audit row of its time.
    QVERIFY(s->execute(QStringLiteral(
        "CREATE SCHEMA metatable_catalog; CREATE TABLE metatable_catalog.schema_version ("
        " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")));
    for (int step : {1, 2}) {
        QVERIFY(s->execute(Db::catalogStepSql(step)));
        QVERIFY(s->execute(
            QStringLiteral("INSERT INTO metatable_catalog.schema_version (version) VALUES ($1)"),
            {step}));
    }
    QVERIFY(s->execute(QStringLiteral(
        "INSERT INTO metatable_catalog.data_source DEFAULT VALUES;"
        "INSERT INTO metatable_catalog.meta_tables (provider_key, identifier, physical_schema,"
        " physical_table_name, table_kind, provisioning_status, description)"
        " VALUES ('p:n', 'old_table', 'public', 'old_table', 'relational', 'active', 'Old.');"
        "INSERT INTO metatable_catalog.metadata_audit (changed_by, physical_schema,"
        " physical_table_name, field, old_value, new_value)"
        " VALUES ('legacy', 'public', 'old_table', 'description', 'null', '\"Old.\"')")));
    QCOMPARE(*Db::catalogVersion(*s), 2);

    // Readers do not need the migration; the history says how to get it.
    auto entries = Db::readCatalog(*s);
    QVERIFY(entries && entries->size() == 1);
    QCOMPARE(entries->first().textVersion, 0);
    auto tooOld = allRecords(*s);
    QVERIFY(!tooOld);
    QVERIFY2(tooOld.error().message.contains(QStringLiteral("version 2")),
             qPrintable(tooOld.error().message));
    QVERIFY(tooOld.error().message.contains(QStringLiteral("run metatable upgrade first")));
    const auto cli = TestSupport::runCli({QStringLiteral("history"), QStringLiteral("--db"), db});
    QCOMPARE(cli.exitCode, 3);
    QVERIFY(cli.err.contains("run metatable upgrade first"));

    // An upgrade with nothing to do still migrates the catalog and keeps it; a rehearsal not.
    ProviderManifest empty = demoV1();
    empty.storageClasses.clear();
    QVERIFY(s->execute(QStringLiteral("CREATE TABLE public.example_project__alembic_version ("
                                      "version_num varchar(32) PRIMARY KEY);"
                                      "INSERT INTO public.example_project__alembic_version "
                                      "VALUES ('abc123')")));
    Migrate::ApplyOptions rehearse;
    rehearse.rehearse = true;
    auto rehearsed = Migrate::applyUpgrade(*s, empty, rehearse);
    QVERIFY2(rehearsed, qPrintable(rehearsed ? QString() : rehearsed.error().toText()));
    QVERIFY(rehearsed->nothingToDo);
    QCOMPARE(*Db::catalogVersion(*s), 2);
    auto noop = Migrate::applyUpgrade(*s, empty, {});
    QVERIFY2(noop, qPrintable(noop ? QString() : noop.error().toText()));
    QVERIFY(noop->nothingToDo);
    QCOMPARE(*Db::catalogVersion(*s), 3);

    auto migrated = Db::readCatalog(*s);
    QVERIFY(migrated && migrated->size() == 1);
    QCOMPARE(migrated->first().textVersion, 0);
    QCOMPARE(migrated->first().description, QStringLiteral("Old."));
    auto legacy = allRecords(*s);
    QVERIFY2(legacy, qPrintable(legacy ? QString() : legacy.error().toText()));
    QCOMPARE(legacy->size(), 1);
    QCOMPARE(legacy->first().osUser, QStringLiteral("legacy"));
    QCOMPARE(legacy->first().newValue.toString(), QStringLiteral("Old."));
    QVERIFY(!s->execute(QStringLiteral("DELETE FROM metatable_catalog.metadata_audit")));
    // text_version counts from here on.
    QVERIFY(s->execute(
        QStringLiteral("UPDATE metatable_catalog.meta_tables SET labels = '[\"x\"]'::jsonb")));
    QCOMPARE(Db::readCatalog(*s)->first().textVersion, 1);
    QVERIFY(Db::ensureCatalog(*s)); // idempotent at version 3
    QCOMPARE(*Db::catalogVersion(*s), 3);
}

QTEST_GUILESS_MAIN(TstTextAuditPg)
#include "tst_textaudit_pg.moc"
