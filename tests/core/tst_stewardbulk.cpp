// SPDX-License-Identifier: MIT
// The steward's bulk edits planned before they change anything (labels on several classes, find
// and replace with regular expressions), the column texts as CSV and as a pasted block, the
// three-way view of a save over a changed file, and the copies of a text the provenance view
// compares.
#include <core/manifest/manifestio.h>
#include <core/steward/bulkedit.h>
#include <core/steward/columntexts.h>
#include <core/steward/provenance.h>
#include <core/steward/threeway.h>

#include <QUndoStack>
#include <QtTest>

#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Steward;

class TestStewardBulk : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void labelsAddedAndRemovedWhereNeeded();
    void replaceWithGroupsAcrossTextsAsOneUndoStep();
    void replaceRefusesABadPattern();
    void delimitedTextAsSpreadsheetsWriteIt();
    void csvRoundTripAndImportErrors();
    void threeWayOfAChangedFile();
    void copiesOfEachText();

private:
    ProviderManifest m_manifest;
    const QString m_daily = QStringLiteral("example_project.storage:DailyMetricsStorage");
    const QString m_account = QStringLiteral("example_project.storage:Account");
};

void TestStewardBulk::initTestCase()
{
    auto doc = readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY(doc);
    m_manifest = doc->manifest;
}

void TestStewardBulk::labelsAddedAndRemovedWhereNeeded()
{
    auto plan = planAddLabel(m_manifest, {m_daily, m_account}, QStringLiteral(" daily "));
    QVERIFY(plan);
    // DailyMetricsStorage holds "daily" already: only Account changes.
    QCOMPARE(plan->size(), 1);
    QCOMPARE(plan->first().key.classPath, m_account);
    QCOMPARE(plan->first().after.labels,
             (QStringList{QStringLiteral("accounts"), QStringLiteral("daily")}));
    auto removal = planRemoveLabel(m_manifest, {m_daily, m_account}, QStringLiteral("daily"));
    QVERIFY(removal);
    QCOMPARE(removal->size(), 1);
    QCOMPARE(removal->first().after.labels, QStringList{QStringLiteral("metrics")});
    QVERIFY(!planAddLabel(m_manifest, {m_daily}, QStringLiteral("  ")));
    const auto unknown = planAddLabel(m_manifest, {QStringLiteral("x:Y")}, QStringLiteral("a"));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
}

void TestStewardBulk::replaceWithGroupsAcrossTextsAsOneUndoStep()
{
    ReplaceOptions options;
    options.pattern = QStringLiteral("\\bStable (\\w+)");
    options.replacement = QStringLiteral("Durable \\1");
    auto plan = planReplace(m_manifest, options);
    QVERIFY(plan);
    QVERIFY(plan->size() >= 3); // several column descriptions say "Stable identifier ..."
    for (const PlannedChange &p : *plan) {
        QCOMPARE(p.key.field, TextField::ColumnDescription);
        QVERIFY(p.before.text->startsWith(QStringLiteral("Stable ")));
        QVERIFY(p.after.text->startsWith(QStringLiteral("Durable ")));
    }
    // Labels: a label replaced by nothing goes; duplicates collapse.
    options = {};
    options.pattern = QStringLiteral("^(metrics|daily)$");
    options.replacement = QStringLiteral("");
    options.descriptions = options.columnTexts = false;
    options.classPaths = {m_daily};
    plan = planReplace(m_manifest, options);
    QVERIFY(plan);
    QCOMPARE(plan->size(), 1);
    QCOMPARE(plan->first().after.labels, QStringList());

    // Applied: one command, undone in one step.
    options = {};
    options.pattern = QStringLiteral("identifier");
    options.replacement = QStringLiteral("key");
    options.caseSensitive = false;
    plan = planReplace(m_manifest, options);
    QVERIFY(plan && plan->size() > 2);
    QUndoStack stack;
    StewardEdits edits(&stack);
    edits.setManifest(m_manifest);
    QVERIFY(edits.setTexts(changesOf(*plan), QStringLiteral("Replace")));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(edits.pending().size(), plan->size());
    stack.undo();
    QVERIFY(edits.pending().isEmpty());
    QCOMPARE(edits.edited(), m_manifest);
    // Nothing to change: no command at all.
    QVERIFY(edits.setTexts({}, QStringLiteral("Nothing")));
    QCOMPARE(stack.count(), 1);
}

void TestStewardBulk::replaceRefusesABadPattern()
{
    ReplaceOptions options;
    options.pattern = QStringLiteral("(unclosed");
    const auto plan = planReplace(m_manifest, options);
    QVERIFY(!plan);
    QCOMPARE(plan.error().code, ErrorCode::InvalidInput);
    QVERIFY(plan.error().message.contains(QStringLiteral("offset")));
    options.pattern.clear();
    QVERIFY(!planReplace(m_manifest, options));
}

void TestStewardBulk::delimitedTextAsSpreadsheetsWriteIt()
{
    auto rows = parseDelimited(QStringLiteral("a\tb\r\n\"c\td\"\t\"say \"\"hi\"\"\nthere\"\n"),
                               QLatin1Char('\t'));
    QVERIFY(rows);
    QCOMPARE(*rows,
             (QList<QStringList>{{QStringLiteral("a"), QStringLiteral("b")},
                                 {QStringLiteral("c\td"), QStringLiteral("say \"hi\"\nthere")}}));
    QCOMPARE(parseDelimited(QStringLiteral("x\t\n"), QLatin1Char('\t'))->first(),
             (QStringList{QStringLiteral("x"), QString()}));
    const auto open = parseDelimited(QStringLiteral("a\n\"b\nc"), QLatin1Char('\t'));
    QVERIFY(!open);
    QVERIFY(open.error().message.startsWith(QStringLiteral("Line 2:")));
}

void TestStewardBulk::csvRoundTripAndImportErrors()
{
    const QByteArray csv = columnTextsCsv(m_manifest, {m_daily});
    QVERIFY(csv.startsWith("table,column,label,description\r\n"));
    QCOMPARE(csv.count('\n'), 1 + 3);
    auto same = planCsvImport(m_manifest, csv);
    QVERIFY(same);
    QVERIFY(same->isEmpty()); // exported and imported unchanged: nothing to do

    QByteArray edited = csv;
    edited.replace("Daily numeric value produced by the source system.",
                   "\"Closing value, \"\"as reported\"\".\"");
    auto plan = planCsvImport(m_manifest, edited);
    QVERIFY(plan);
    QCOMPARE(plan->size(), 1);
    QCOMPARE(plan->first().key.column, QStringLiteral("value"));
    QCOMPARE(*plan->first().after.text, QStringLiteral("Closing value, \"as reported\"."));

    // Only a label column: descriptions are left alone; an empty field clears.
    plan = planCsvImport(m_manifest, "table,column,label\nexample_project__daily_metrics,value,\n");
    QVERIFY(plan);
    QCOMPARE(plan->size(), 1);
    QCOMPARE(plan->first().after.text, std::nullopt);

    const auto error = [&](const QByteArray &text) {
        const auto r = planCsvImport(m_manifest, text);
        return r ? QString() : r.error().message;
    };
    QVERIFY(error("table,column,label\nnope,value,x\n")
                .startsWith(QStringLiteral("Line 2: the manifest has no table 'nope'")));
    QVERIFY(error("table,column,label\nexample_project__daily_metrics,nope,x\n")
                .contains(QStringLiteral("no column 'nope'")));
    QVERIFY(error("table,label\nx,y\n").startsWith(QStringLiteral("Line 1:")));
    QVERIFY(error("table,column\nx,y\n").contains(QStringLiteral("nothing to import")));
    QVERIFY(error("table,column,label\nexample_project__daily_metrics,value,a\nexample_project__"
                  "daily_metrics,value,b\n")
                .startsWith(QStringLiteral("Line 3:")));
    QVERIFY(!error("").isEmpty());
}

void TestStewardBulk::threeWayOfAChangedFile()
{
    const TextKey value{m_daily, QStringLiteral("value"), TextField::ColumnDescription};
    const TextKey label{m_daily, QStringLiteral("value"), TextField::ColumnLabel};
    const TextKey gone{m_daily, QStringLiteral("no_such_column"), TextField::ColumnLabel};
    ProviderManifest disk = m_manifest;
    QVERIFY(writeText(disk, value, {QStringLiteral("Theirs."), {}}));
    const QList<PendingText> pending = {
        {value, *readText(m_manifest, value), {QStringLiteral("Mine."), {}}},
        {label, *readText(m_manifest, label), {QStringLiteral("Close"), {}}},
        {gone, {}, {QStringLiteral("x"), {}}},
    };
    const QList<ThreeWayText> view = threeWay(pending, disk);
    QCOMPARE(view.size(), 3);
    QVERIFY(view.at(0).conflicting()); // both changed it, differently
    QCOMPARE(view.at(0).theirs->text, std::optional<QString>(QStringLiteral("Theirs.")));
    QVERIFY(!view.at(1).conflicting()); // only mine
    QVERIFY(view.at(2).conflicting() && !view.at(2).theirs);
}

void TestStewardBulk::copiesOfEachText()
{
    const StorageClass *sc = findStorageClass(m_manifest, m_daily);
    QVERIFY(sc);
    StoredTexts stored;
    QList<TextCopies> copies = textCopies(*sc, stored);
    QCOMPARE(copies.size(), 2 + 2 * sc->registration.columns.size());
    for (const TextCopies &c : copies)
        QVERIFY(!c.catalog && !c.database && !c.differs()); // nothing stored, nothing differs

    stored.catalogRow = true;
    stored.catalogDescription = *sc->registration.description;
    stored.catalogLabels = {QStringLiteral("metrics")};
    stored.tableExists = true;
    stored.tableComment = QString(); // an empty comment is no comment
    stored.columnComments.insert(QStringLiteral("value"), QStringLiteral("By hand."));
    copies = textCopies(*sc, stored);
    QVERIFY(!copies.at(0).catalogDiffers());
    QVERIFY(copies.at(0).databaseDiffers()); // the manifest has a description, COMMENT ON none
    QVERIFY(copies.at(1).catalogDiffers());  // labels
    QVERIFY(!copies.at(1).database);         // PostgreSQL keeps no labels
    int differing = 0;
    for (const TextCopies &c : copies)
        differing += c.differs();
    QCOMPARE(differing, 3); // description, labels and value's comment; columns not stored do not
    QCOMPARE(copies.at(2 + 2 * 2 + 1).key.column, QStringLiteral("value"));
    QCOMPARE(copies.at(2 + 2 * 2 + 1).database->text,
             std::optional<QString>(QStringLiteral("By hand.")));
}

QTEST_GUILESS_MAIN(TestStewardBulk)
#include "tst_stewardbulk.moc"
