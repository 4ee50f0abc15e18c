// SPDX-License-Identifier: MIT
// Contract lint: a clean manifest (tests/data/lint/clean.json) gives no finding at all, and each
// rule fires on a copy of it changed in one place, at the expected pointer, with the SDK's
// exact message where the SDK has one.
#include <core/lint/lint.h>
#include <core/manifest/manifestio.h>
#include <core/util/atomicfile.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <tests/support/testsupport.h>

using namespace Core;

class TestLint : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanManifestHasNoFinding();
    void rule_data();
    void rule();
    void demoManifestsHaveNoErrors();
    void unnamedDdlOnlyAddsNotes();
    void cliUnnamedDdlOnlyAddsNotes();
    void cliTextJsonAndExitCodes();

private:
    Json m_clean;
};

void TestLint::initTestCase()
{
    auto bytes
        = readWholeFile(TestSupport::sourcePath(QStringLiteral("tests/data/lint/clean.json")));
    QVERIFY(bytes);
    m_clean = Json::parse(bytes->toStdString());
}

static QString describe(const QList<LintFinding> &findings)
{
    QStringList lines;
    for (const LintFinding &f : findings)
        lines << f.ruleId + QLatin1Char(' ') + f.pointer + QStringLiteral(": ") + f.message;
    return lines.join(QLatin1Char('\n'));
}

void TestLint::cleanManifestHasNoFinding()
{
    auto doc
        = parseManifest(QByteArray::fromStdString(m_clean.dump()), QStringLiteral("clean.json"));
    QVERIFY2(doc, qPrintable(doc ? QString() : doc.error().message));
    QList<LintFinding> findings = lintManifest(*doc);
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));

    // A source-check block without findings adds none: lint reads it, it is not an unknown key.
    Json withBlock = m_clean;
    withBlock["x-metatable-assistant"]
        = {{"version", 1}, {"nodes", Json::array()}, {"findings", Json::array()}};
    doc = parseManifest(QByteArray::fromStdString(withBlock.dump()), QStringLiteral("clean.json"));
    QVERIFY(doc);
    findings = lintManifest(*doc);
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
}

void TestLint::rule_data()
{
    QTest::addColumn<QString>("edits"); // JSON list of [pointer, value] or [pointer] (= remove)
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("message"); // exact text, or empty when only rule and place matter

    const QString r0 = QStringLiteral("/storage_classes/0/registration");
    const QString c0 = r0 + QStringLiteral("/table_contract");
    const QString ix = c0 + QStringLiteral("/authoring/time_indexed/index_names");
    auto row = [](const char *name,
                  const QString &edits,
                  const char *rule,
                  const QString &pointer,
                  const QString &message = {}) {
        QTest::newRow(name) << edits << QString::fromLatin1(rule) << pointer << message;
    };
    const auto e = [](const QString &pointer, const char *json) {
        return QStringLiteral("[[\"%1\", %2]]").arg(pointer, QString::fromUtf8(json));
    };
    const auto remove
        = [](const QString &pointer) { return QStringLiteral("[[\"%1\"]]").arg(pointer); };

    row("description missing", remove(r0 + "/description"), "MT001", r0 + "/description");
    row("description blank", e(r0 + "/description", "\"  \""), "MT001", r0 + "/description");
    row("column label missing", remove(c0 + "/columns/1/label"), "MT002", c0 + "/columns/1/label");
    row("column description missing",
        e(c0 + "/columns/2/description", "null"),
        "MT003",
        c0 + "/columns/2/description");
    row("table name convention",
        e("/storage_classes/1/registration/table_contract/physical/table_name", "\"entity\""),
        "MT004",
        "/storage_classes/1/registration/table_contract/physical/table_name",
        "Schema table names must use the app__concept convention.");
    row("table name too long",
        e(c0 + "/physical/table_name",
          "\"example_project__aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""),
        "MT005",
        c0 + "/physical/table_name");
    row("fk target uuid",
        e("/storage_classes/0/ddl/foreign_keys/0/target_table",
          "\"0b6f1c7e-5d0e-4f55-9a5b-3c1d7e9f2a10\""),
        "MT006",
        "/storage_classes/0/ddl/foreign_keys/0/target_table");
    row("fk target storage hash",
        e("/storage_classes/0/ddl/foreign_keys/0/target_table",
          "\"mt_example_data_95ee2b4c0621e0ceb7a3975500552d36\""),
        "MT006",
        "/storage_classes/0/ddl/foreign_keys/0/target_table");
    row("fk target bare physical name",
        e("/storage_classes/0/ddl/foreign_keys/0/target_table", "\"entity\""),
        "MT006",
        "/storage_classes/0/ddl/foreign_keys/0/target_table");
    row("fk target unknown",
        e("/storage_classes/0/ddl/foreign_keys/0/target_table", "\"example_project__nope\""),
        "MT007",
        "/storage_classes/0/ddl/foreign_keys/0/target_table");
    row("fk external in wrong schema",
        e("/storage_classes/0/ddl/foreign_keys/1/target_schema", "null"),
        "MT007",
        "/storage_classes/0/ddl/foreign_keys/1/target_table");
    row("index names start",
        e(ix, "[\"entity_identifier\", \"time_index\"]"),
        "MT008",
        ix + "/0",
        "PlatformTimeIndexMetaTable index_names must start with the time_index_name. Expected "
        "'time_index', got 'entity_identifier'.");
    row("index names duplicate",
        e(ix, "[\"time_index\", \"time_index\"]"),
        "MT009",
        ix,
        "PlatformTimeIndexMetaTable index_names cannot contain duplicates.");
    row("index names missing column",
        e(ix, "[\"time_index\", \"nope\", \"it's\"]"),
        "MT010",
        ix,
        "PlatformTimeIndexMetaTable index_names must all exist as table columns. Missing "
        "columns: ['nope', \"it's\"].");
    row("time index not temporal",
        e(c0 + "/columns/0/data_type", "\"string\""),
        "MT011",
        c0 + "/columns/0/data_type",
        "PlatformTimeIndexMetaTable time_index_name must reference a temporal column. Column "
        "'time_index' has type 'string'.");
    row("time index naive",
        e(c0 + "/columns/0/data_type", "\"timestamp\""),
        "MT011",
        c0 + "/columns/0/data_type",
        "Timezone-naive datetime dtypes are local-backend-only. Remote writes require "
        "'timestamp with time zone'.");
    row("index column nullable",
        e(c0 + "/columns/1/nullable", "true"),
        "MT012",
        ix,
        "PlatformTimeIndexMetaTable index columns must be non-nullable. Nullable index columns: "
        "['entity_identifier'].");
    row("cadence token",
        QStringLiteral("[[\"%1/cadence\", \"5 minutes\"], [\"%2/authoring/time_indexed/cadence\", "
                       "\"5 minutes\"]]")
            .arg(r0, c0),
        "MT013",
        r0 + "/cadence",
        "PlatformTimeIndexMetaTable cadence must be an interval token such as 1m, 5m, 1h, 1d, "
        "1w, 1mo, 1q, or 1y.");
    row("grain repeated",
        e("/storage_classes/0/ddl/unique_constraints/-",
          "{\"name\": \"uq_grain\", \"columns\": [\"entity_identifier\", \"time_index\"]}"),
        "MT014",
        "/storage_classes/0/ddl/unique_constraints/0");
    row("duplicate table name",
        QStringLiteral(
            "[[\"/storage_classes/1/registration/table_contract/physical/table_name\", "
            "\"example_project__daily_metrics\"], [\"/storage_classes/0/ddl/foreign_keys/0\"]]"),
        "MT015",
        "/storage_classes/1/registration/table_contract/physical/table_name");
    row("duplicate identifier",
        e("/storage_classes/1/registration/identifier", "\"example_project.daily_metrics\""),
        "MT016",
        "/storage_classes/1/registration/identifier");
    const QString props = QStringLiteral("/nodes/0/config_schema/properties");
    row("config field description",
        remove(props + "/source_scope/description"),
        "MT017",
        props + "/source_scope/description");
    row("legacy extra",
        e(props + "/display_label/update_only", "true"),
        "MT018",
        props + "/display_label/update_only");
    row("ignore_from_storage_hash",
        e(props + "/display_label/ignore_from_storage_hash", "true"),
        "MT018",
        props + "/display_label/ignore_from_storage_hash");
    row("storage_table in schema",
        e(props + "/storage_table", "{\"description\": \"Output table.\", \"type\": \"string\"}"),
        "MT019",
        props + "/storage_table");
    row("data_source_uid in config",
        e("/nodes/0/config/data_source_uid", "\"6a1d2c3b\""),
        "MT019",
        "/nodes/0/config/data_source_uid");
    row("uid for storage-class field",
        e("/nodes/0/config/base_storage", "\"0b6f1c7e-5d0e-4f55-9a5b-3c1d7e9f2a10\""),
        "MT019",
        "/nodes/0/config/base_storage");
    row("hand-written binding",
        e("/storage_classes/0/binding",
          "{\"uid\": \"u\", \"physical_table_name\": \"t\", \"physical_schema\": \"public\", "
          "\"data_source_uid\": \"d\"}"),
        "MT020",
        "/storage_classes/0/binding");
    row("unknown key",
        e("/storage_classes/0/x-authoring", "{}"),
        "MT021",
        "/storage_classes/0/x-authoring");
    row("misspelled key",
        e(c0 + "/columns/0/nulable", "false"),
        "MT021",
        c0 + "/columns/0/nulable");
    row("required config missing",
        remove("/nodes/0/config/source_scope"),
        "MT022",
        "/nodes/0/config");
    row("node output unknown",
        e("/nodes/0/storage_class", "\"example_project__nope\""),
        "MT023",
        "/nodes/0/storage_class");
    row("identifier not prefixed",
        e(r0 + "/identifier", "\"daily_metrics\""),
        "MT024",
        r0 + "/identifier");
    row("introspect on platform managed",
        e("/storage_classes/1/registration/introspect", "true"),
        "MT025",
        "/storage_classes/1/registration/introspect");
    row("ddl name derived",
        remove("/storage_classes/0/ddl/indexes/0/name"),
        "MT026",
        "/storage_classes/0/ddl/indexes/0",
        "The unique index over (time_index, entity_identifier) has no name; the SDK's naming "
        "convention names it 'uix__example_project__daily_metrics__time_index__ent_e874321ae8'.");
    row("ddl name null",
        e("/storage_classes/1/ddl/primary_key/name", "null"),
        "MT026",
        "/storage_classes/1/ddl/primary_key",
        "The primary key (code) has no name; the SDK's naming convention names it "
        "'pk__example_project__entity'.");

    // The exporter's source checks: each check is one rule, at the finding's place in the
    // block, with the exporter's message and where in the source.
    const auto block = [](const char *findings) {
        return QStringLiteral(
                   "[[\"/x-metatable-assistant\", {\"version\": 1, \"findings\": [%1]}]]")
            .arg(QString::fromUtf8(findings));
    };
    const QString f0 = QStringLiteral("/x-metatable-assistant/findings/0");
    const struct
    {
        const char *check;
        int item;
        const char *rule;
    } sourceRules[] = {{"tdag-import", 2, "MT027"},
                       {"node-inline-metadata", 6, "MT028"},
                       {"node-constructor-signature", 7, "MT029"},
                       {"storage-factory-not-memoised", 11, "MT030"},
                       {"storage-factory-call-failed", 11, "MT031"},
                       {"register-kwargs", 12, "MT032"},
                       {"manual-uid-binding", 12, "MT033"},
                       {"data-source-uid-threading", 12, "MT034"}};
    for (const auto &r : sourceRules) {
        const QByteArray finding
            = QStringLiteral("{\"check\": \"%1\", \"item\": %2, \"subject\": {\"kind\": "
                             "\"module\", \"module\": \"pkg.nodes\"}, \"nodes\": [], \"file\": "
                             "\"pkg/nodes.py\", \"line\": 3, \"message\": \"Seen.\"}")
                  .arg(QString::fromLatin1(r.check))
                  .arg(r.item)
                  .toUtf8();
        QTest::newRow(r.check) << block(finding.constData()) << QString::fromLatin1(r.rule) << f0
                               << QStringLiteral("Seen. (pkg/nodes.py:3)");
    }
    row("source check unknown",
        block("{\"check\": \"future-check\", \"item\": 4, \"subject\": {\"kind\": \"module\", "
              "\"module\": \"pkg\"}, \"message\": \"Later.\", \"fix\": \"Do it.\"}"),
        "MT036",
        f0,
        "Source check 'future-check' (checklist item 4) is unknown to this console: Later.");
    row("source block invalid",
        e("/x-metatable-assistant", "{\"version\": 2}"),
        "MT035",
        "/x-metatable-assistant",
        "/x-metatable-assistant/version: expected the integer 1, found the number 2");
    row("source finding item out of range",
        block("{\"check\": \"tdag-import\", \"item\": 0, \"subject\": {\"kind\": \"module\", "
              "\"module\": \"pkg\"}, \"message\": \"x\"}"),
        "MT035",
        "/x-metatable-assistant",
        "/x-metatable-assistant/findings/0/item: expected an integer from 1 to 15, found the "
        "number 0");
}

void TestLint::rule()
{
    QFETCH(QString, edits);
    QFETCH(QString, rule);
    QFETCH(QString, pointer);
    QFETCH(QString, message);

    Json doc = m_clean;
    for (const Json &edit : Json::parse(edits.toStdString())) {
        const Json::json_pointer at(edit[0].get<std::string>());
        if (edit.size() == 2)
            doc[at] = edit[1];
        else if (Json &parent = doc[at.parent_pointer()]; parent.is_array())
            parent.erase(std::stoul(at.back()));
        else
            parent.erase(at.back());
    }
    auto parsed = parseManifest(QByteArray::fromStdString(doc.dump()), QStringLiteral("case.json"));
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    const QList<LintFinding> findings = lintManifest(*parsed);
    const LintFinding *hit = nullptr;
    for (const LintFinding &f : findings) {
        if (f.ruleId == rule && f.pointer == pointer)
            hit = &f;
    }
    QVERIFY2(
        hit,
        qPrintable(QStringLiteral("no %1 at %2; got:\n%3").arg(rule, pointer, describe(findings))));
    QVERIFY(!hit->slug.isEmpty());
    QVERIFY(!hit->fix.isEmpty());
    if (!message.isEmpty())
        QCOMPARE(hit->message, message);
}

void TestLint::demoManifestsHaveNoErrors()
{
    for (const char *demo :
         {"resources/demo/example_project.v1.json", "resources/demo/example_project.v2.json"}) {
        const QString path = TestSupport::sourcePath(QString::fromUtf8(demo));
        if (!QFile::exists(path))
            continue;
        auto doc = readManifestFile(path);
        QVERIFY2(doc, qPrintable(doc ? QString() : doc.error().message));
        QList<LintFinding> errors;
        for (const LintFinding &f : lintManifest(*doc)) {
            if (f.severity == LintSeverity::Error)
                errors << f;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    }
}

static QList<LintFinding> lintFile(const char *relative)
{
    auto doc = readManifestFile(TestSupport::sourcePath(QString::fromUtf8(relative)));
    if (!doc)
        qFatal("%s", qPrintable(doc.error().message));
    return lintManifest(*doc);
}

// Leaving DDL names to the SDK is no mistake: the only difference to the manifest with the
// names written is one note per unnamed object, at the object, with the name it gets.
void TestLint::unnamedDdlOnlyAddsNotes()
{
    const QList<LintFinding> named = lintFile("tests/data/manifest/unnamed-ddl.named.json");
    const QList<LintFinding> unnamed = lintFile("tests/data/manifest/unnamed-ddl.json");
    auto doc = readManifestFile(
        TestSupport::sourcePath(QStringLiteral("tests/data/manifest/unnamed-ddl.named.json")));
    QVERIFY(doc);
    const Json &raw = doc->raw;

    QList<LintFinding> rest;
    int notes = 0;
    for (const LintFinding &f : unnamed) {
        if (f.ruleId != QLatin1String("MT026")) {
            rest << f;
            continue;
        }
        ++notes;
        QCOMPARE(f.slug, QStringLiteral("ddl-name-derived"));
        QVERIFY(f.severity == LintSeverity::Note);
        // The name the note gives is the one the named manifest writes at that pointer.
        const QString name = QString::fromStdString(
            raw[Json::json_pointer(f.pointer.toStdString() + "/name")].get<std::string>());
        QVERIFY2(f.message.endsWith(QStringLiteral("names it '%1'.").arg(name)),
                 qPrintable(f.message));
        QCOMPARE(f.fix, QStringLiteral("Write \"name\": \"%1\" to pin it.").arg(name));
    }
    QCOMPARE(notes, 13);
    QVERIFY2(rest == named,
             qPrintable(describe(rest) + QStringLiteral("\n---\n") + describe(named)));
    QVERIFY(!hasLintErrors(unnamed));
}

void TestLint::cliUnnamedDdlOnlyAddsNotes()
{
    const QString cli = TestSupport::cliPath();
    QVERIFY2(!cli.isEmpty() && QFile::exists(cli),
             "the metatable CLI is not built next to the tests (METATABLE_CLI)");
    auto run = [&](const char *relative, Json *json) {
        QProcess p;
        p.start(cli,
                {QStringLiteral("lint"),
                 TestSupport::sourcePath(QString::fromUtf8(relative)),
                 QStringLiteral("--json")});
        p.waitForFinished(30000);
        *json = Json::parse(p.readAllStandardOutput().toStdString());
        return p.exitCode();
    };
    Json named;
    Json unnamed;
    QCOMPARE(run("tests/data/manifest/unnamed-ddl.named.json", &named), 0);
    QCOMPARE(run("tests/data/manifest/unnamed-ddl.json", &unnamed), 0);
    QCOMPARE(unnamed["errors"], named["errors"]);
    QCOMPARE(unnamed["warnings"], named["warnings"]);
    QCOMPARE(unnamed["notes"].get<int>(), named["notes"].get<int>() + 13);
    Json rest = Json::array();
    for (const Json &f : unnamed["findings"]) {
        if (f["rule"] != "MT026")
            rest.push_back(f);
        else
            QCOMPARE(f["severity"], Json("note"));
    }
    QCOMPARE(rest, named["findings"]);
}

void TestLint::cliTextJsonAndExitCodes()
{
    const QString cli = TestSupport::cliPath();
    QVERIFY2(!cli.isEmpty() && QFile::exists(cli),
             "the metatable CLI is not built next to the tests (METATABLE_CLI)");
    QTemporaryDir dir;
    Json bad = m_clean;
    bad["storage_classes"][0]["registration"].erase("description");
    const QString badPath = dir.filePath(QStringLiteral("bad.json"));
    QVERIFY(writeFileAtomically(badPath, QByteArray::fromStdString(bad.dump(2))));
    const QString cleanPath = TestSupport::sourcePath(QStringLiteral("tests/data/lint/clean.json"));

    auto run = [&](const QStringList &args, QByteArray *stdoutText) {
        QProcess p;
        p.start(cli, QStringList{QStringLiteral("lint")} + args);
        p.waitForFinished(30000);
        *stdoutText = p.readAllStandardOutput();
        return p.exitCode();
    };
    QByteArray text;
    QCOMPARE(run({cleanPath}, &text), 0);
    QCOMPARE(text, QByteArray());
    QCOMPARE(run({badPath}, &text), 1);
    QCOMPARE(
        QString::fromUtf8(text).trimmed(),
        badPath
            + QStringLiteral(
                ":/storage_classes/0/registration/description: error [MT001 "
                "storage-description-missing] Storage class "
                "example_project.storage:DailyMetricsStorage has no description. "
                "(fix: Set __metatable_description__ describing the schema and its intention.)"));
    QCOMPARE(run({badPath, QStringLiteral("--json")}, &text), 1);
    const Json json = Json::parse(text.toStdString());
    QCOMPARE(json["errors"], Json(1));
    QCOMPARE(json["findings"][0]["rule"], Json("MT001"));
    QCOMPARE(json["findings"][0]["pointer"], Json("/storage_classes/0/registration/description"));
    QCOMPARE(run({dir.filePath(QStringLiteral("missing.json"))}, &text), 3); // cannot be read
    QCOMPARE(run({}, &text), 2);
    QCOMPARE(run({cleanPath, QStringLiteral("--bogus")}, &text), 2);
}

QTEST_GUILESS_MAIN(TestLint)
#include "tst_lint.moc"
