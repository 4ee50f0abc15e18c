// SPDX-License-Identifier: MIT
// Editing a node's configuration: each edit an undo command (typing merges), validated, its
// update_hash recomputed (equal to what `metatable hash` prints for the same configuration),
// hash-excluded edits keeping the identity, and the draft kept on disk until saved or discarded.
#include <core/manifest/manifestio.h>
#include <core/workspace/configdraft.h>

#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <tests/support/clirun.h>
#include <tests/support/testsupport.h>

using namespace Core;

class TestConfigDraft : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void hashExcludedEditKeepsTheIdentity();
    void hashedEditChangesItAsTheCliSays();
    void typingMergesAndUndoRestores();
    void invalidValuesAreIssuesNotCrashes();
    void draftSurvivesANewEditor();
    void presetsAreKeptLoadedAsAnEditAndRemoved();
    void unreadablePresetsAreAnErrorNotAnEmptyList();

private:
    QString cliUpdateHash(const Json &config);
    ProviderManifest m_manifest;
    NodeDefinition m_node;
    QTemporaryDir m_drafts;
};

void TestConfigDraft::initTestCase()
{
    auto doc = readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY(doc);
    m_manifest = doc->manifest;
    for (const NodeDefinition &n : m_manifest.nodes) {
        if (n.classRef.qualname == u"DailyMetricsNode")
            m_node = n;
    }
    QCOMPARE(m_node.classRef.qualname, QStringLiteral("DailyMetricsNode"));
}

QString TestConfigDraft::cliUpdateHash(const Json &config)
{
    return TestSupport::cliUpdateHash(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")),
        m_node.classRef.path(),
        QByteArray::fromStdString(config.dump()));
}

void TestConfigDraft::hashExcludedEditKeepsTheIdentity()
{
    QUndoStack stack;
    ConfigDraft draft(
        m_node, m_manifest, &stack, DraftStore(m_drafts.filePath(QStringLiteral("a"))));
    QVERIFY(draft.identity().hashes);
    const QString before = draft.identity().hashes->updateHash;
    draft.setValue({QStringLiteral("display_label")}, Json("Another label"));
    QVERIFY(draft.isModified());
    QCOMPARE(draft.identity().hashes->updateHash, before);
    QVERIFY(!draft.changesIdentity());
    const QList<ConfigChange> changes = draft.changes();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().path, QStringList{QStringLiteral("display_label")});
    QVERIFY(changes.first().hashExcluded);
}

void TestConfigDraft::hashedEditChangesItAsTheCliSays()
{
    QUndoStack stack;
    ConfigDraft draft(
        m_node, m_manifest, &stack, DraftStore(m_drafts.filePath(QStringLiteral("b"))));
    const QString before = draft.identity().hashes->updateHash;
    QCOMPARE(before, cliUpdateHash(m_node.config));
    draft.setValue({QStringLiteral("source_scope")}, Json("another_scope"));
    QVERIFY(draft.identity().hashes);
    QVERIFY(draft.identity().hashes->updateHash != before);
    QVERIFY(draft.changesIdentity());
    QCOMPARE(draft.identity().hashes->updateHash, cliUpdateHash(draft.config()));
    QVERIFY(!draft.changes().first().hashExcluded);
}

void TestConfigDraft::typingMergesAndUndoRestores()
{
    QUndoStack stack;
    ConfigDraft draft(
        m_node, m_manifest, &stack, DraftStore(m_drafts.filePath(QStringLiteral("c"))));
    QSignalSpy changed(&draft, &ConfigDraft::changed);
    for (const char *typed : {"a", "ab", "abc"})
        draft.setValue({QStringLiteral("source_scope")}, Json(typed), true);
    draft.setValue({QStringLiteral("display_label")}, Json("x"));
    QCOMPARE(stack.count(), 2); // the three keystrokes are one step
    QCOMPARE(changed.count(), 4);
    stack.undo();
    QCOMPARE(draft.config().at("display_label"), m_node.config.at("display_label"));
    QCOMPARE(draft.config().at("source_scope"), Json("abc"));
    stack.undo();
    QCOMPARE(draft.config(), m_node.config);
    QVERIFY(!draft.isModified());
    stack.redo();
    QCOMPARE(draft.config().at("source_scope"), Json("abc"));
}

void TestConfigDraft::invalidValuesAreIssuesNotCrashes()
{
    QUndoStack stack;
    ConfigDraft draft(
        m_node, m_manifest, &stack, DraftStore(m_drafts.filePath(QStringLiteral("d"))));
    QVERIFY(draft.issues().isEmpty());
    draft.setValue({QStringLiteral("source_scope")}, std::nullopt); // required, now missing
    QVERIFY(Config::hasErrors(draft.issues()));
    QCOMPARE(draft.issues().first().path(), QStringLiteral("source_scope"));
    QVERIFY(!draft.identity().hashes);
    QVERIFY(!draft.identity().error.isEmpty());
    draft.setValue({QStringLiteral("source_scope")}, Json("back"));
    draft.setValue({QStringLiteral("offset_start")}, Json("not a date"));
    QCOMPARE(draft.issues().size(), 1);
    QCOMPARE(draft.issues().first().path(), QStringLiteral("offset_start"));
}

void TestConfigDraft::draftSurvivesANewEditor()
{
    const DraftStore store(m_drafts.filePath(QStringLiteral("e")));
    {
        QUndoStack stack;
        ConfigDraft draft(m_node, m_manifest, &stack, store);
        QVERIFY(!draft.restoredFromDraft());
        draft.setValue({QStringLiteral("display_label")}, Json("kept"));
    }
    QUndoStack stack;
    const QString file = store.fileFor(m_manifest.provider.providerKey(), m_node.classRef.path());
    QVERIFY(QFile::exists(file)); // written when the editor went
    ConfigDraft again(m_node, m_manifest, &stack, store);
    QVERIFY(again.restoredFromDraft());
    QCOMPARE(again.config().at("display_label"), Json("kept"));
    again.discard();
    QVERIFY(!again.isModified());
    QVERIFY(
        !QFile::exists(store.fileFor(m_manifest.provider.providerKey(), m_node.classRef.path())));
    ConfigDraft fresh(m_node, m_manifest, &stack, store);
    QVERIFY(!fresh.restoredFromDraft());
    // While the editor stays, the draft is written once the typing pauses.
    fresh.setValue({QStringLiteral("display_label")}, Json("a"), true);
    fresh.setValue({QStringLiteral("display_label")}, Json("ab"), true);
    QTRY_VERIFY(QFile::exists(file));
    QVERIFY(fresh.storeError().isEmpty());
}

void TestConfigDraft::presetsAreKeptLoadedAsAnEditAndRemoved()
{
    const DraftStore drafts(m_drafts.filePath(QStringLiteral("p-drafts")));
    const PresetStore presets(m_drafts.filePath(QStringLiteral("p-presets")));
    QUndoStack stack;
    {
        ConfigDraft draft(m_node, m_manifest, &stack, drafts, presets);
        QCOMPARE(*draft.presetNames(), QStringList());
        draft.setValue({QStringLiteral("source_scope")}, Json("eu_scope"));
        QVERIFY(draft.savePreset(QStringLiteral("eu backfill")));
        draft.setValue({QStringLiteral("source_scope")}, Json("us_scope"));
        QVERIFY(draft.savePreset(QStringLiteral("us nightly")));
        QVERIFY(!draft.savePreset(QStringLiteral("  "))); // a name is needed
        draft.discard();
    }
    // A new editor (a restart) sees both, in the order they were made.
    ConfigDraft draft(m_node, m_manifest, &stack, drafts, presets);
    QCOMPARE(*draft.presetNames(),
             QStringList({QStringLiteral("eu backfill"), QStringLiteral("us nightly")}));
    QVERIFY(draft.loadPreset(QStringLiteral("eu backfill")));
    QCOMPARE(draft.config().at("source_scope"), Json("eu_scope"));
    QCOMPARE(draft.identity().hashes->updateHash, cliUpdateHash(draft.config()));
    stack.undo(); // loading was an edit
    QCOMPARE(draft.config(), m_node.config);
    const auto missing = draft.loadPreset(QStringLiteral("nope"));
    QVERIFY(!missing);
    QVERIFY(missing.error().message.contains(QStringLiteral("nope")));
    QVERIFY(draft.removePreset(QStringLiteral("eu backfill")));
    QCOMPARE(*draft.presetNames(), QStringList({QStringLiteral("us nightly")}));
}

void TestConfigDraft::unreadablePresetsAreAnErrorNotAnEmptyList()
{
    const QString dir = m_drafts.filePath(QStringLiteral("bad-presets"));
    QVERIFY(QDir().mkpath(dir));
    QFile file(QDir(dir).filePath(
        nodeStoreFileName(m_manifest.provider.providerKey(), m_node.classRef.path())));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();
    QUndoStack stack;
    ConfigDraft draft(m_node,
                      m_manifest,
                      &stack,
                      DraftStore(m_drafts.filePath(QStringLiteral("bd"))),
                      PresetStore(dir));
    const auto names = draft.presetNames();
    QVERIFY(!names);
    QVERIFY2(names.error().message.contains(file.fileName()), qPrintable(names.error().message));
    // Saving would overwrite what cannot be read: refused, the file is as it was.
    QVERIFY(!draft.savePreset(QStringLiteral("x")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{ not json"));
}

QTEST_GUILESS_MAIN(TestConfigDraft)
#include "tst_configdraft.moc"
