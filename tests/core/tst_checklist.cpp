// SPDX-License-Identifier: MIT
// The migration checklist per node: the shipped demo manifest (no source checks), the same with
// an "x-metatable-assistant" block as the exporter writes it, findings that keep items open,
// and item 15 from a catalog status and run evidence the test supplies.
#include <core/assistant/checklist.h>
#include <core/manifest/manifestio.h>
#include <core/util/atomicfile.h>

#include <QTest>

#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Assistant;

namespace {

const QString Daily = QStringLiteral("example_project.nodes:DailyMetricsNode");
const QString Observation = QStringLiteral("example_project.nodes:ObservationNode");
const QString Positions = QStringLiteral("example_project.nodes:AccountPositionsNode");

// What the exporter writes for the clean demo, with tests found for every node.
Json cleanBlock(const Json &manifest)
{
    Json nodes = Json::array();
    for (const Json &n : manifest["nodes"]) {
        const bool observation = n["class"]["qualname"] == "ObservationNode";
        nodes.push_back(
            {{"class", n["class"]},
             {"modules",
              {"example_project.nodes", "example_project.configs", "example_project.storage"}},
             {"checked_items", {2, 6, 7, 11, 12, 13, 14}},
             {"storage_tables", {n["storage_class"]}},
             {"factories",
              observation ? Json{"example_project.storage:observation_storage"} : Json::array()},
             {"constructor",
              {{"config", true}, {"storage_table", observation ? "passed" : "parameter"}}},
             {"tests",
              {{"contract", {"tests/test_contracts.py"}},
               {"import_smoke", {"tests/test_smoke.py"}}}}});
    }
    Json factory = {
        {"function", {{"module", "example_project.storage"}, {"qualname", "observation_storage"}}},
        {"memoised", true},
        {"calls",
         {{{"args", {"equities"}},
           {"same_class", true},
           {"result", "example_project.storage:ObservationStorage_equities"}}}},
        {"nodes", {Observation.toStdString()}}};
    return {{"version", 1},
            {"modules", Json::array()},
            {"nodes", nodes},
            {"storage_classes", Json::array()},
            {"factories", {factory}},
            {"findings", Json::array()}};
}

Migrate::ProviderStatus registeredStatus(const ProviderManifest &m)
{
    Migrate::ProviderStatus status;
    status.catalogExists = true;
    for (const StorageClass &sc : m.storageClasses) {
        Migrate::ClassStatus c;
        c.storageClass = sc.classRef.path();
        c.table = sc.tableName();
        c.state = Migrate::ClassState::Registered;
        c.uid = QStringLiteral("uid-") + sc.tableName();
        c.catalogHash = c.manifestHash = QStringLiteral("hash");
        status.classes << c;
    }
    return status;
}

const ChecklistItem &item(const NodeChecklist &node, int number)
{
    return node.items[number - 1];
}

QString describe(const NodeChecklist &node)
{
    QStringList lines;
    for (const ChecklistItem &i : node.items)
        lines << QStringLiteral("%1 %2: %3 | %4")
                     .arg(i.number)
                     .arg(itemStateName(i.state), i.evidence.join(QStringLiteral("; ")), i.fix);
    return node.node + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
}

} // namespace

class TestChecklist : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void withoutSourceChecksSourceItemsCannotBeTold();
    void cleanSourceChecksLeaveOnlyItem15();
    void item15FromCatalogAndRuns();
    void sourceFindingsKeepTheirItemOpen();
    void manifestMistakesKeepTheirItemOpen();
    void malformedBlockIsReportedNotGuessed();
    void selectedNodesOnly();

private:
    ManifestDocument load(const Json &raw);
    NodeChecklist node(const ChecklistInput &input, const QString &path);
    Json m_demo;
    std::optional<ManifestDocument> m_doc; // keeps the last loaded document alive for inputs
};

void TestChecklist::initTestCase()
{
    auto bytes = readWholeFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY(bytes);
    m_demo = Json::parse(bytes->toStdString());
}

ManifestDocument TestChecklist::load(const Json &raw)
{
    auto doc = parseManifest(QByteArray::fromStdString(raw.dump()), QStringLiteral("demo.json"));
    if (!doc)
        qFatal("%s", qPrintable(doc.error().message));
    return *doc;
}

NodeChecklist TestChecklist::node(const ChecklistInput &input, const QString &path)
{
    const ProjectChecklist all = evaluateProject(input, {path});
    if (all.nodes.size() != 1)
        qFatal("node %s not evaluated", qPrintable(path));
    return all.nodes.first();
}

void TestChecklist::withoutSourceChecksSourceItemsCannotBeTold()
{
    // The shipped demo carries its source checks; a manifest from an older exporter does not.
    Json raw = m_demo;
    raw.erase("x-metatable-assistant");
    m_doc = load(raw);
    const ChecklistInput input = checklistInput(*m_doc);
    QVERIFY(!input.assistant);
    QVERIFY(input.assistantError.isEmpty());
    const ProjectChecklist project = evaluateProject(input);
    QCOMPARE(project.nodes.size(), 4);
    QCOMPARE(project.fullyMigratedCount(), 0);
    for (const NodeChecklist &n : project.nodes) {
        QCOMPARE(n.items.size(), 15);
        for (int number : {2, 6, 7, 11, 12, 13, 14, 15})
            QVERIFY2(item(n, number).state == ItemState::CannotTell, qPrintable(describe(n)));
        for (int number : {1, 3, 4, 5, 8, 9})
            QVERIFY2(item(n, number).state == ItemState::Done, qPrintable(describe(n)));
    }
    const NodeChecklist positions = node(input, Positions);
    QCOMPARE(item(positions, 10).state, ItemState::Done); // FK to the authored account table
    QVERIFY(item(positions, 10)
                .evidence.join(QLatin1Char(' '))
                .contains(QStringLiteral("example_project__account")));
    QCOMPARE(item(node(input, Daily), 10).state, ItemState::NotApplicable);
    // The guide's own factory example lacks the package prefix: advice, not an open item.
    const ChecklistItem &metadata = item(node(input, Observation), 4);
    QCOMPARE(metadata.state, ItemState::Done);
    QVERIFY(metadata.evidence.join(QLatin1Char(' ')).contains(QStringLiteral("Advice, MT024")));
    QVERIFY(item(positions, 2).evidence.first().contains(QStringLiteral("x-metatable-assistant")));
}

void TestChecklist::cleanSourceChecksLeaveOnlyItem15()
{
    Json raw = m_demo;
    raw["x-metatable-assistant"] = cleanBlock(raw);
    m_doc = load(raw);
    const ChecklistInput input = checklistInput(*m_doc);
    QVERIFY(input.assistant);
    for (const NodeChecklist &n : evaluateProject(input).nodes) {
        for (int number = 1; number <= 14; ++number)
            QVERIFY2(item(n, number).state == ItemState::Done
                         || item(n, number).state == ItemState::NotApplicable,
                     qPrintable(describe(n)));
        QCOMPARE(item(n, 15).state, ItemState::CannotTell);
        QVERIFY(!n.fullyMigrated());
    }
    const NodeChecklist observation = node(input, Observation);
    QCOMPARE(item(observation, 11).state, ItemState::Done);
    QVERIFY(
        item(observation, 11)
            .evidence.first()
            .contains(QStringLiteral("observation_storage('equities') returned the same class")));
    QVERIFY(item(observation, 7).evidence.first().contains(QStringLiteral("parameterised")));
    QCOMPARE(item(node(input, Daily), 11).state, ItemState::NotApplicable);
}

void TestChecklist::item15FromCatalogAndRuns()
{
    Json raw = m_demo;
    raw["x-metatable-assistant"] = cleanBlock(raw);
    m_doc = load(raw);
    ChecklistInput input = checklistInput(*m_doc);
    input.database = registeredStatus(m_doc->manifest);

    // Registered, run history unknown: cannot tell, and the console offers the run.
    ChecklistItem live = item(node(input, Daily), 15);
    QCOMPARE(live.state, ItemState::CannotTell);
    QCOMPARE(live.action, ItemAction::RunNode);
    QVERIFY(live.evidence.first().contains(QStringLiteral("uid-example_project__daily_metrics")));

    input.runs.insert(Daily, RunEvidence{false, QStringLiteral("No run of the node is recorded.")});
    live = item(node(input, Daily), 15);
    QCOMPARE(live.state, ItemState::NotDone);
    QVERIFY(live.evidence.contains(QStringLiteral("No run of the node is recorded.")));

    for (const NodeDefinition &n : m_doc->manifest.nodes)
        input.runs.insert(n.classRef.path(),
                          RunEvidence{true, QStringLiteral("1 of 1 succeeded.")});
    const ProjectChecklist project = evaluateProject(input);
    QCOMPARE(project.fullyMigratedCount(), 4);
    QVERIFY(project.allDone());

    // A drifted class: not done, whatever the runs say, and the fix is the migration.
    input.database->classes[0].state = Migrate::ClassState::Drifted;
    input.database->classes[0].reasons = {QStringLiteral("contract hash differs")};
    live = item(node(input, Daily), 15);
    QCOMPARE(live.state, ItemState::NotDone);
    QCOMPARE(live.action, ItemAction::Upgrade);
    QVERIFY(live.evidence.first().contains(
        QStringLiteral("drifted in the catalog: contract hash differs")));
    QCOMPARE(evaluateProject(input).fullyMigratedCount(), 3);
}

void TestChecklist::sourceFindingsKeepTheirItemOpen()
{
    Json raw = m_demo;
    Json block = cleanBlock(raw);
    block["findings"].push_back(
        {{"check", "node-inline-metadata"},
         {"item", 6},
         {"subject",
          {{"kind", "node"},
           {"module", "example_project.nodes"},
           {"qualname", "DailyMetricsNode"}}},
         {"nodes", {Daily.toStdString()}},
         {"file", "example_project/nodes.py"},
         {"line", 52},
         {"message",
          "Node example_project.nodes:DailyMetricsNode still defines get_table_metadata()."},
         {"fix", "Delete it."}});
    block["findings"].push_back(
        {{"check", "tdag-import"},
         {"item", 2},
         {"subject", {{"kind", "module"}, {"module", "example_project.nodes"}}},
         {"nodes", {Daily.toStdString(), Positions.toStdString()}},
         {"file", "example_project/nodes.py"},
         {"line", 17},
         {"message", "example_project.nodes still imports the old DataNode surface."},
         {"fix", "Import from mainsequence.meta_tables."}});
    raw["x-metatable-assistant"] = block;
    m_doc = load(raw);
    const ChecklistInput input = checklistInput(*m_doc);
    const NodeChecklist daily = node(input, Daily);
    const ChecklistItem &inline6 = item(daily, 6);
    QCOMPARE(inline6.state, ItemState::NotDone);
    QCOMPARE(inline6.rules, QStringList{QStringLiteral("MT028")});
    QCOMPARE(inline6.pointers, QStringList{QStringLiteral("/x-metatable-assistant/findings/0")});
    QVERIFY(inline6.evidence.first().endsWith(QStringLiteral("(example_project/nodes.py:52)")));
    QVERIFY(inline6.fix.contains(QStringLiteral("Delete get_table_metadata()")));
    QCOMPARE(item(daily, 2).rules, QStringList{QStringLiteral("MT027")});
    QCOMPARE(item(node(input, Positions), 2).state, ItemState::NotDone);
    // Findings concern only the nodes they name.
    QCOMPARE(item(node(input, Observation), 2).state, ItemState::Done);
    QCOMPARE(item(node(input, Positions), 6).state, ItemState::Done);
}

void TestChecklist::manifestMistakesKeepTheirItemOpen()
{
    Json raw = m_demo;
    raw["x-metatable-assistant"] = cleanBlock(raw);
    Json &positions = raw["nodes"][3];
    QCOMPARE(positions["class"]["qualname"], "AccountPositionsNode");
    positions["config_schema"]["properties"]["storage_table"]
        = {{"type", "string"}, {"description", "Output table."}};
    positions["config_schema"]["properties"]["portfolio_scope"].erase("description");
    raw["storage_classes"][2]["ddl"]["foreign_keys"][0]["target_table"]
        = "t_9f86d081884c7d659a2feaa0c55ad015";
    raw["storage_classes"][2]["registration"]["table_contract"]["columns"][2].erase("label");
    m_doc = load(raw);
    const NodeChecklist n = node(checklistInput(*m_doc), Positions);
    QCOMPARE(item(n, 8).state, ItemState::NotDone);
    QCOMPARE(item(n, 8).rules, QStringList{QStringLiteral("MT019")});
    QCOMPARE(item(n, 9).state, ItemState::NotDone);
    QCOMPARE(item(n, 9).rules, QStringList{QStringLiteral("MT017")});
    QCOMPARE(item(n, 10).state, ItemState::NotDone);
    QCOMPARE(item(n, 10).rules, QStringList{QStringLiteral("MT006")});
    QVERIFY(item(n, 10).fix.contains(QStringLiteral("schema_table_name")));
    QCOMPARE(item(n, 5).state, ItemState::NotDone);
    QCOMPARE(item(n, 5).rules, QStringList{QStringLiteral("MT002")});
    QVERIFY(!n.fullyMigrated());
}

void TestChecklist::malformedBlockIsReportedNotGuessed()
{
    Json raw = m_demo;
    Json block = cleanBlock(raw);
    block["nodes"][0]["checked_items"] = {2, 16};
    raw["x-metatable-assistant"] = block;
    m_doc = load(raw);
    const ChecklistInput input = checklistInput(*m_doc);
    QVERIFY(!input.assistant);
    QCOMPARE(input.assistantError,
             QStringLiteral("/x-metatable-assistant/nodes/0/checked_items/1: expected an integer "
                            "from 1 to 15, found the number 16"));
    const ChecklistItem &tdag = item(node(input, Daily), 2);
    QCOMPARE(tdag.state, ItemState::CannotTell);
    QVERIFY(tdag.evidence.first().contains(input.assistantError));
    bool reported = false;
    for (const LintFinding &f : input.lint)
        reported
            = reported || (f.ruleId == QLatin1String("MT035") && f.message == input.assistantError);
    QVERIFY(reported);
}

void TestChecklist::selectedNodesOnly()
{
    m_doc = load(m_demo);
    const ProjectChecklist two = evaluateProject(checklistInput(*m_doc), {Positions, Daily});
    QCOMPARE(two.nodes.size(), 2);
    QCOMPARE(two.nodes[0].node, Daily); // manifest order
    QCOMPARE(two.nodes[1].node, Positions);
    QCOMPARE(two.nodes[1].storageTables,
             QStringList{QStringLiteral("example_project__account_positions")});
}

QTEST_GUILESS_MAIN(TestChecklist)
#include "tst_checklist.moc"
