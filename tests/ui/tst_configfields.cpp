// SPDX-License-Identifier: MIT
// Every field shape of the configuration form, driven with real keys and clicks and checked
// against the validator and `metatable hash`: on the demo's DailyMetricsNode an enum, a nested
// model (an out-of-range int shown on the field and listed, the list jumping to it), a list
// (add, edit, reorder, remove), a dict (add, rename, a bad value, a repeated key) and an Optional
// set to None; on the schema real pydantic writes for config_shapes.py a union's type selector,
// a tuple and a field only JSON can edit.
#include <core/manifest/manifestio.h>
#include <core/workspace/configdraft.h>
#include <core/workspace/workspacedocument.h>
#include <ui/configeditor.h>
#include <ui/mainwindow.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <tests/support/clirun.h>
#include <tests/support/testsupport.h>

using Core::Json;

class TestConfigFields : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoNodeShapes();
    void unionTupleAndJsonFields();

private:
    template <typename T = QWidget>
    T *find(QWidget *root, const QString &name)
    {
        auto *w = root->findChild<T *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    static void retype(QWidget *edit, const QString &text);
    QTemporaryDir m_dir;
};

void TestConfigFields::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("METATABLE_DRAFTS_DIR", m_dir.filePath(QStringLiteral("drafts")).toUtf8());
    qputenv("METATABLE_PRESETS_DIR", m_dir.filePath(QStringLiteral("presets")).toUtf8());
}

void TestConfigFields::retype(QWidget *edit, const QString &text)
{
    QTest::mouseClick(edit, Qt::LeftButton);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, text);
}

void TestConfigFields::demoNodeShapes()
{
    const QString manifest
        = TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json"));
    auto window = std::make_unique<Gui::MainWindow>();
    window->show();
    QSignalSpy loaded(window.get(), &Gui::MainWindow::manifestLoaded);
    window->openManifest(manifest);
    QVERIFY(loaded.wait(20000));
    QVERIFY(window->selectItem(QStringLiteral("DailyMetricsNode")));
    auto *tabs = find<QTabWidget>(window.get(), QStringLiteral("nodeTabs"));
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
    Core::ConfigDraft *draft
        = window->document()->configDraft(QStringLiteral("example_project.nodes:DailyMetricsNode"));
    const auto cliHash = [&] {
        return TestSupport::cliUpdateHash(manifest,
                                          draft->node().classRef.path(),
                                          QByteArray::fromStdString(draft->config().dump()));
    };
    auto *save = find<QPushButton>(window.get(), QStringLiteral("saveConfig"));

    // An enum: a combo box of its members; the keyboard picks the next one.
    auto *aggregation = find<QComboBox>(window.get(), QStringLiteral("field_aggregation"));
    QCOMPARE(aggregation->currentText(), QStringLiteral("last"));
    aggregation->setFocus();
    QTest::keyClick(aggregation, Qt::Key_Down);
    QCOMPARE(draft->config().at("aggregation"), Json("mean"));
    QVERIFY(draft->issues().isEmpty());
    QCOMPARE(draft->identity().hashes->updateHash, cliHash());

    // A nested model: its fields in a group; out of range is an error on the field, listed,
    // and blocks saving; the list takes the keyboard to the field.
    auto *entitiesMin = find<QLineEdit>(window.get(), QStringLiteral("field_quality.min_entities"));
    QCOMPARE(entitiesMin->text(), QStringLiteral("1"));
    retype(entitiesMin, QStringLiteral("0"));
    auto *error = find<QLabel>(window.get(), QStringLiteral("error_quality.min_entities"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("0 must be at least 1"));
    QVERIFY(!save->isEnabled());
    auto *issues = find<QListWidget>(window.get(), QStringLiteral("issuesList"));
    QCOMPARE(issues->count(), 1);
    QVERIFY(issues->item(0)->text().startsWith(QStringLiteral("quality.min_entities: ")));
    QTest::mouseClick(aggregation, Qt::LeftButton); // the keyboard elsewhere first
    issues->setFocus();
    issues->setCurrentRow(0);
    QTest::keyClick(issues, Qt::Key_Return);
    QCOMPARE(QApplication::focusWidget(), entitiesMin);
    retype(entitiesMin, QStringLiteral("25"));
    QVERIFY(!error->isVisible());
    QCOMPARE(draft->config().at("quality"),
             Json::parse(R"({"min_entities": 25, "max_missing_ratio": 0.05})"));
    QVERIFY(save->isEnabled());
    QCOMPARE(draft->identity().hashes->updateHash, cliHash());

    // A list: add, edit, reorder, remove.
    auto *add = find<QToolButton>(window.get(), QStringLiteral("add_entities"));
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(draft->config().at("entities"), Json::parse(R"([""])"));
    retype(find(window.get(), QStringLiteral("field_entities.0")), QStringLiteral("ACME"));
    QTest::mouseClick(add, Qt::LeftButton);
    retype(find(window.get(), QStringLiteral("field_entities.1")), QStringLiteral("GLOBEX"));
    QCOMPARE(draft->config().at("entities"), Json::parse(R"(["ACME", "GLOBEX"])"));
    QTest::mouseClick(find(window.get(), QStringLiteral("moveUp_entities.1")), Qt::LeftButton);
    QCOMPARE(draft->config().at("entities"), Json::parse(R"(["GLOBEX", "ACME"])"));
    QCOMPARE(find<QLineEdit>(window.get(), QStringLiteral("field_entities.0"))->text(),
             QStringLiteral("GLOBEX"));
    QTest::mouseClick(find(window.get(), QStringLiteral("remove_entities.0")), Qt::LeftButton);
    QCOMPARE(draft->config().at("entities"), Json::parse(R"(["ACME"])"));
    QVERIFY(draft->issues().isEmpty());
    QCOMPARE(draft->identity().hashes->updateHash, cliHash());

    // A dict: a new entry, its key renamed, a value that is not a number, then a good one;
    // a repeated key is refused next to the table.
    auto *addEntry = find<QToolButton>(window.get(), QStringLiteral("add_scale_factors"));
    QTest::mouseClick(addEntry, Qt::LeftButton);
    QCOMPARE(draft->config().at("scale_factors"), Json::parse(R"({"new_key": 0.0})"));
    auto *key = find<QLineEdit>(window.get(), QStringLiteral("key_scale_factors.0"));
    retype(key, QStringLiteral("ACME"));
    QTest::keyClick(key, Qt::Key_Return);
    QCOMPARE(draft->config().at("scale_factors"), Json::parse(R"({"ACME": 0.0})"));
    QTRY_VERIFY(window->findChild<QLineEdit *>(QStringLiteral("field_scale_factors.ACME")));
    auto *factor = find<QLineEdit>(window.get(), QStringLiteral("field_scale_factors.ACME"));
    retype(factor, QStringLiteral("lots"));
    auto *factorError = find<QLabel>(window.get(), QStringLiteral("error_scale_factors.ACME"));
    QTRY_VERIFY(factorError->isVisible()); // a new row shows once the event loop runs
    QVERIFY(!save->isEnabled());
    retype(factor, QStringLiteral("1.5"));
    QVERIFY(!factorError->isVisible());
    QCOMPARE(draft->config().at("scale_factors"), Json::parse(R"({"ACME": 1.5})"));
    QTest::mouseClick(addEntry, Qt::LeftButton);
    auto *second = find<QLineEdit>(window.get(), QStringLiteral("key_scale_factors.1"));
    retype(second, QStringLiteral("ACME"));
    QTest::keyClick(second, Qt::Key_Return);
    auto *keyError = find<QLabel>(window.get(), QStringLiteral("keyError_scale_factors"));
    QVERIFY(keyError->isVisible());
    QVERIFY2(keyError->text().contains(QStringLiteral("already a key")),
             qPrintable(keyError->text()));
    QCOMPARE(draft->config().at("scale_factors"), Json::parse(R"({"ACME": 1.5, "new_key": 0.0})"));
    QTest::mouseClick(find(window.get(), QStringLiteral("remove_scale_factors.new_key")),
                      Qt::LeftButton);
    QCOMPARE(draft->config().at("scale_factors"), Json::parse(R"({"ACME": 1.5})"));
    QCOMPARE(draft->identity().hashes->updateHash, cliHash());

    // An Optional set to None, on a hash-excluded field: the identity does not move.
    const QString before = draft->identity().hashes->updateHash;
    QTest::mouseClick(find(window.get(), QStringLiteral("none_display_label")), Qt::LeftButton);
    QVERIFY(draft->config().at("display_label").is_null());
    QVERIFY(!find(window.get(), QStringLiteral("field_display_label"))->isEnabled());
    QCOMPARE(draft->identity().hashes->updateHash, before);
    QVERIFY(draft->issues().isEmpty());
    QVERIFY(save->isEnabled());
    draft->discard();
}

void TestConfigFields::unionTupleAndJsonFields()
{
    const Json generated = TestSupport::pythonJson(QStringLiteral("config_shapes.py"));
    auto doc = Core::readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY(doc);
    Core::NodeDefinition node = doc->manifest.nodes.first();
    node.configSchema = generated.at("schemas").at("Shapes");
    node.config = Json::parse(R"({"name": "ok"})");
    QUndoStack stack;
    Core::ConfigDraft draft(node,
                            doc->manifest,
                            &stack,
                            Core::DraftStore(m_dir.filePath(QStringLiteral("shape-drafts"))),
                            Core::PresetStore(m_dir.filePath(QStringLiteral("shape-presets"))));
    Gui::ConfigEditor editor(&draft, doc->manifest);
    editor.resize(900, 700);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    // Union[int, str]: the selector shows the member the value is; another member starts
    // from its own value, then edits as that type.
    auto *type = find<QComboBox>(&editor, QStringLiteral("type_either"));
    QCOMPARE(type->currentText(), QStringLiteral("integer"));
    type->setFocus();
    QTest::keyClick(type, Qt::Key_Down);
    QCOMPARE(type->currentText(), QStringLiteral("text"));
    QCOMPARE(draft.config().at("either"), Json(""));
    retype(find(&editor, QStringLiteral("member_either.1")), QStringLiteral("five"));
    QCOMPARE(draft.config().at("either"), Json("five"));
    QVERIFY(draft.issues().isEmpty());

    // tuple[int, str]: one editor per position; a word in the int position is an error there.
    retype(find(&editor, QStringLiteral("field_pair.0")), QStringLiteral("7"));
    QCOMPARE(draft.config().at("pair"), Json::parse(R"([7, "a"])"));
    retype(find(&editor, QStringLiteral("field_pair.0")), QStringLiteral("seven"));
    QVERIFY(find<QLabel>(&editor, QStringLiteral("error_pair.0"))->isVisible());
    retype(find(&editor, QStringLiteral("field_pair.0")), QStringLiteral("8"));
    QVERIFY(draft.issues().isEmpty());

    // Any: a JSON value, typed as JSON.
    retype(find(&editor, QStringLiteral("field_anything")), QStringLiteral(R"({"k": [1, 2]})"));
    QCOMPARE(draft.config().at("anything"), Json::parse(R"({"k": [1, 2]})"));

    // Optional[model] from None: the model's fields appear, its required one is said missing.
    QTest::mouseClick(find(&editor, QStringLiteral("none_strict")), Qt::LeftButton);
    QCOMPARE(draft.config().at("strict"), Json::object());
    auto *code = find<QLineEdit>(&editor, QStringLiteral("field_strict.code"));
    QVERIFY(find<QLabel>(&editor, QStringLiteral("error_strict.code"))->isVisible());
    retype(code, QStringLiteral("ABC"));
    QCOMPARE(draft.config().at("strict"), Json::parse(R"({"code": "ABC"})"));
    QVERIFY(draft.issues().isEmpty());
    retype(code, QStringLiteral("abc"));
    QVERIFY2(find<QLabel>(&editor, QStringLiteral("error_strict.code"))
                 ->text()
                 .contains(QStringLiteral("pattern")),
             "the pattern is checked as the user types");
}

QTEST_MAIN(TestConfigFields)
#include "tst_configfields.moc"
