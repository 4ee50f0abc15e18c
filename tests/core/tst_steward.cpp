// SPDX-License-Identifier: MIT
// Data steward texts: reading and setting a class's or a column's description and labels on the
// model, the steward's lint of them, and `metatable describe`, which edits exactly the fields
// given in the manifest file and leaves the rest of it as it was.
#include <core/manifest/manifestio.h>
#include <core/steward/stewardedits.h>
#include <core/steward/stewardlint.h>
#include <core/steward/stewardtext.h>

#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <tests/support/clirun.h>
#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Steward;

class TestSteward : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readAndWriteTexts();
    void lintRules();
    void pendingEditsUndoAndSurviveAReload();
    void describeEditsExactlyThoseFields();
    void describeRefusesWhatItCannotFind();

private:
    QString demoCopy();
    ProviderManifest m_manifest;
    QString m_daily; // class path of the daily metrics storage
    QTemporaryDir m_dir;
};

void TestSteward::initTestCase()
{
    auto doc = readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY(doc);
    m_manifest = doc->manifest;
    const StorageClass *sc
        = findStorageClass(m_manifest, QStringLiteral("example_project__daily_metrics"));
    QVERIFY(sc);
    m_daily = sc->classRef.path();
    QCOMPARE(findStorageClass(m_manifest, m_daily), sc);
    QVERIFY(!findStorageClass(m_manifest, QStringLiteral("nope")));
}

QString TestSteward::demoCopy()
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("demo%1.json").arg(++n));
    QFile::copy(TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")),
                path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

void TestSteward::readAndWriteTexts()
{
    ProviderManifest m = m_manifest;
    const TextKey label{m_daily, QStringLiteral("value"), TextField::ColumnLabel};
    const auto before = readText(m, label);
    QVERIFY(before);
    QVERIFY(writeText(m, label, {QStringLiteral("Value (units)"), {}}));
    QCOMPARE(readText(m, label)->text, std::optional<QString>(QStringLiteral("Value (units)")));
    // Nothing else moved.
    ProviderManifest back = m;
    QVERIFY(writeText(back, label, *before));
    QCOMPARE(back, m_manifest);
    const TextKey labels{m_daily, {}, TextField::Labels};
    QVERIFY(writeText(m, labels, {std::nullopt, {QStringLiteral("a"), QStringLiteral("b")}}));
    QCOMPARE(readText(m, labels)->labels, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    const auto missing = readText(m, {m_daily, QStringLiteral("nope"), TextField::ColumnLabel});
    QVERIFY(!missing);
    QVERIFY2(missing.error().message.contains(QStringLiteral("time_index")),
             qPrintable(missing.error().message)); // it lists the columns there are
}

void TestSteward::lintRules()
{
    // The demo's texts are clean of the placeholder and name rules.
    for (const TextFinding &f : lintTexts(m_manifest))
        QVERIFY2(f.ruleId != u"description-placeholder" && f.ruleId != u"description-is-name",
                 qPrintable(f.message));

    ProviderManifest m = m_manifest;
    const auto set
        = [&](const TextKey &key, const TextValue &value) { QVERIFY(writeText(m, key, value)); };
    const TextKey table{m_daily, {}, TextField::Description};
    const TextKey value{m_daily, QStringLiteral("value"), TextField::ColumnDescription};
    const TextKey entity{
        m_daily, QStringLiteral("entity_identifier"), TextField::ColumnDescription};
    const TextKey labels{m_daily, {}, TextField::Labels};
    set(table, {QStringLiteral("   "), {}});
    set(value, {QStringLiteral("Value, TODO units"), {}});
    set(entity, {QStringLiteral("Entity identifier"), {}});
    set(labels, {std::nullopt, {}});
    // Two other classes spell a label the same but for case: the later one is told the
    // spelling the first one uses.
    const TextKey firstLabels{m.storageClasses.at(1).classRef.path(), {}, TextField::Labels};
    const TextKey lastLabels{m.storageClasses.last().classRef.path(), {}, TextField::Labels};
    QVERIFY(firstLabels.classPath != m_daily && lastLabels.classPath != m_daily);
    set(firstLabels, {std::nullopt, {QStringLiteral("Risk")}});
    set(lastLabels, {std::nullopt, {QStringLiteral("positions"), QStringLiteral("risk")}});

    const QList<TextFinding> findings = lintTexts(m);
    const auto rules = [&](const TextKey &key) {
        QStringList ids;
        for (const TextFinding &f : findingsFor(findings, key))
            ids << f.ruleId;
        return ids;
    };
    QCOMPARE(rules(table), QStringList({QStringLiteral("description-missing")}));
    QCOMPARE(rules(value), QStringList({QStringLiteral("description-placeholder")}));
    QCOMPARE(rules(entity), QStringList({QStringLiteral("description-is-name")}));
    QCOMPARE(rules(labels), QStringList({QStringLiteral("labels-missing")}));
    QCOMPARE(rules(firstLabels), QStringList());
    QCOMPARE(rules(lastLabels), QStringList({QStringLiteral("label-case-variant")}));
    QVERIFY(findingsFor(findings, lastLabels).first().fix.contains(QStringLiteral("\"Risk\"")));
    set(value, {QStringLiteral("Short"), {}});
    QCOMPARE(findingsFor(lintTexts(m), value).first().ruleId, QStringLiteral("description-short"));
}

void TestSteward::pendingEditsUndoAndSurviveAReload()
{
    QUndoStack stack;
    StewardEdits edits(&stack);
    edits.setManifest(m_manifest);
    const TextKey label{m_daily, QStringLiteral("value"), TextField::ColumnLabel};
    const TextValue was = *readText(m_manifest, label);
    QVERIFY(edits.setText(label, {QStringLiteral("Close"), {}}));
    QVERIFY(edits.isPending(label));
    QCOMPARE(*edits.original(label), was);
    QCOMPARE(edits.text(label)->text, std::optional<QString>(QStringLiteral("Close")));
    QVERIFY(!edits.setText({m_daily, QStringLiteral("nope"), TextField::ColumnLabel}, {}));
    QCOMPARE(stack.count(), 1); // a refused edit is no command
    stack.undo();
    QVERIFY(!edits.isPending(label));
    stack.redo();
    // Typed back to the manifest's value: no longer pending.
    QVERIFY(edits.setText(label, was));
    QVERIFY(edits.pending().isEmpty());
    QVERIFY(edits.setText(label, {QStringLiteral("Close"), {}}));

    // A reload keeps it, applied to the new manifest; one whose column went is dropped, said.
    ProviderManifest reloaded = m_manifest;
    QVERIFY(writeText(reloaded,
                      {m_daily, QStringLiteral("entity_identifier"), TextField::ColumnDescription},
                      {QStringLiteral("Changed on disk."), {}}));
    const TextKey table{m_daily, {}, TextField::Description};
    QVERIFY(edits.setText(table, {QStringLiteral("Mine."), {}}));
    QCOMPARE(edits.setManifest(reloaded), QStringList());
    QCOMPARE(edits.pending().size(), 2);
    QCOMPARE(
        edits.text({m_daily, QStringLiteral("entity_identifier"), TextField::ColumnDescription})
            ->text,
        std::optional<QString>(QStringLiteral("Changed on disk.")));
    ProviderManifest gone = reloaded;
    for (StorageClass &sc : gone.storageClasses) {
        if (sc.classRef.path() == m_daily)
            sc.registration.columns.removeIf([](const Column &c) { return c.name == u"value"; });
    }
    const QStringList dropped = edits.setManifest(gone);
    QCOMPARE(dropped.size(), 1);
    QVERIFY2(dropped.first().contains(QStringLiteral("value")), qPrintable(dropped.first()));
    QCOMPARE(edits.pending().size(), 1);
}

void TestSteward::describeEditsExactlyThoseFields()
{
    const QString path = demoCopy();
    const auto run = TestSupport::runCli({QStringLiteral("describe"),
                                          path,
                                          QStringLiteral("--storage"),
                                          QStringLiteral("example_project__daily_metrics"),
                                          QStringLiteral("--column"),
                                          QStringLiteral("value"),
                                          QStringLiteral("--description"),
                                          QStringLiteral("Closing value, in the source's units."),
                                          QStringLiteral("--label"),
                                          QStringLiteral("Close")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("-> \"Closing value, in the source's units.\""), run.out.constData());
    auto edited = readManifestFile(path);
    QVERIFY(edited);
    ProviderManifest expected = m_manifest;
    QVERIFY(writeText(expected,
                      {m_daily, QStringLiteral("value"), TextField::ColumnDescription},
                      {QStringLiteral("Closing value, in the source's units."), {}}));
    QVERIFY(writeText(expected,
                      {m_daily, QStringLiteral("value"), TextField::ColumnLabel},
                      {QStringLiteral("Close"), {}}));
    QCOMPARE(edited->manifest, expected);
    // Unknown keys of the document survive.
    QCOMPARE(edited->raw.contains("x-authoring"),
             readManifestFile(
                 TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")))
                 ->raw.contains("x-authoring"));

    // The class's labels: every --label, in order, replaces the list; a warning for a
    // placeholder goes to stderr and the edit is still made.
    const auto labels = TestSupport::runCli({QStringLiteral("describe"),
                                             path,
                                             QStringLiteral("--storage"),
                                             m_daily,
                                             QStringLiteral("--label"),
                                             QStringLiteral("metrics"),
                                             QStringLiteral("--label"),
                                             QStringLiteral("daily"),
                                             QStringLiteral("--description"),
                                             QStringLiteral("TBD")});
    QCOMPARE(labels.exitCode, 0);
    QVERIFY2(labels.err.contains("description-placeholder"), labels.err.constData());
    edited = readManifestFile(path);
    const StorageClass *sc = findStorageClass(edited->manifest, m_daily);
    QCOMPARE(sc->registration.labels,
             QStringList({QStringLiteral("metrics"), QStringLiteral("daily")}));
    QCOMPARE(sc->registration.description, std::optional<QString>(QStringLiteral("TBD")));
}

void TestSteward::describeRefusesWhatItCannotFind()
{
    const QString path = demoCopy();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    const auto unknownColumn
        = TestSupport::runCli({QStringLiteral("describe"),
                               path,
                               QStringLiteral("--storage"),
                               QStringLiteral("example_project__daily_metrics"),
                               QStringLiteral("--column"),
                               QStringLiteral("nope"),
                               QStringLiteral("--label"),
                               QStringLiteral("x")});
    QCOMPARE(unknownColumn.exitCode, 1);
    QVERIFY2(unknownColumn.err.contains("no column \"nope\""), unknownColumn.err.constData());
    const auto unknownTable = TestSupport::runCli({QStringLiteral("describe"),
                                                   path,
                                                   QStringLiteral("--storage"),
                                                   QStringLiteral("t"),
                                                   QStringLiteral("--description"),
                                                   QStringLiteral("x")});
    QCOMPARE(unknownTable.exitCode, 1);
    QVERIFY2(unknownTable.err.contains("\"t\""), unknownTable.err.constData());
    const auto nothing = TestSupport::runCli(
        {QStringLiteral("describe"), path, QStringLiteral("--storage"), QStringLiteral("t")});
    QCOMPARE(nothing.exitCode, 2);
    const auto twoLabels = TestSupport::runCli({QStringLiteral("describe"),
                                                path,
                                                QStringLiteral("--storage"),
                                                m_daily,
                                                QStringLiteral("--column"),
                                                QStringLiteral("value"),
                                                QStringLiteral("--label"),
                                                QStringLiteral("a"),
                                                QStringLiteral("--label"),
                                                QStringLiteral("b")});
    QCOMPARE(twoLabels.exitCode, 2);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

QTEST_GUILESS_MAIN(TestSteward)
#include "tst_steward.moc"
