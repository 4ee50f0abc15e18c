// SPDX-License-Identifier: MIT
// The node configuration editor on the demo's DailyMetricsNode, with real keys and clicks:
// editing the hash-excluded display_label keeps update_hash and says so; editing source_scope
// changes it to what `metatable hash` prints for the same configuration; the datetime editor
// writes UTC; Ctrl+Z undoes; a new window restores the draft; saving waits for a valid
// configuration and never overwrites a file changed on disk; presets are kept and loaded; and
// lint findings of the schema sit on their fields.
#include <core/workspace/configdraft.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <tests/support/clirun.h>
#include <tests/support/testsupport.h>

class TestConfigEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void editsShowTheIdentityAndSurviveARestart();
    void savesIntoTheManifestOnlyWhenValidAndUnchangedOnDisk();
    void presetsAreSavedAndLoaded();
    void lintFindingsSitOnTheirFields();

private:
    std::unique_ptr<Gui::MainWindow> openEditor(const QString &manifest = {});
    QString cliUpdateHash(const Core::Json &config);
    QTemporaryDir m_dir;
};

void TestConfigEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("METATABLE_DRAFTS_DIR", m_dir.filePath(QStringLiteral("drafts")).toUtf8());
    qputenv("METATABLE_PRESETS_DIR", m_dir.filePath(QStringLiteral("presets")).toUtf8());
}

std::unique_ptr<Gui::MainWindow> TestConfigEditor::openEditor(const QString &manifest)
{
    auto window = std::make_unique<Gui::MainWindow>();
    window->show();
    QSignalSpy loaded(window.get(), &Gui::MainWindow::manifestLoaded);
    window->openManifest(manifest.isEmpty() ? TestSupport::sourcePath(
                             QStringLiteral("resources/demo/example_project.v1.json"))
                                            : manifest);
    if (!loaded.wait(20000) || !window->selectItem(QStringLiteral("DailyMetricsNode")))
        qFatal("the demo node did not show");
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("nodeTabs"));
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
    return window;
}

QString TestConfigEditor::cliUpdateHash(const Core::Json &config)
{
    return TestSupport::cliUpdateHash(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")),
        QStringLiteral("example_project.nodes:DailyMetricsNode"),
        QByteArray::fromStdString(config.dump()));
}

void TestConfigEditor::editsShowTheIdentityAndSurviveARestart()
{
    QString editedHash;
    {
        auto window = openEditor();
        auto *identity = window->findChild<QLabel *>(QStringLiteral("identity"));
        auto *notice = window->findChild<QLabel *>(QStringLiteral("identityNotice"));
        QVERIFY(identity && notice);
        QTRY_VERIFY(identity->isVisible());
        const QString original = cliUpdateHash(
            Core::Json::parse(R"({"source_scope": "default_scope", "offset_start": null,
                                  "display_label": "Daily metrics"})"));
        QVERIFY(identity->text().contains(original));
        QVERIFY(window->findChild<QLabel *>(QStringLiteral("hashExcludedBadge_display_label")));

        // A hash-excluded field: the identity stays.
        auto *label = window->findChild<QLineEdit *>(QStringLiteral("field_display_label"));
        QVERIFY(label);
        QTest::mouseClick(label, Qt::LeftButton);
        QTest::keyClicks(label, QStringLiteral(" (edited)"));
        QVERIFY2(notice->text().contains(QStringLiteral("Same update identity")),
                 qPrintable(notice->text()));
        QVERIFY(identity->text().contains(QStringLiteral("<b>") + original));

        // A hashed field: a new updater, with the hash the CLI computes.
        auto *scope = window->findChild<QLineEdit *>(QStringLiteral("field_source_scope"));
        QTest::mouseClick(scope, Qt::LeftButton);
        QTest::keyClicks(scope, QStringLiteral("_eu"));
        QVERIFY2(notice->text().contains(QStringLiteral("new updater")),
                 qPrintable(notice->text()));
        Core::ConfigDraft *draft = window->document()->configDraft(
            QStringLiteral("example_project.nodes:DailyMetricsNode"));
        QCOMPARE(draft->config().at("source_scope"), Core::Json("default_scope_eu"));
        editedHash = draft->identity().hashes->updateHash;
        QVERIFY(editedHash != original);
        QCOMPARE(editedHash, cliUpdateHash(draft->config()));
        QVERIFY(identity->text().contains(editedHash));

        // An Optional datetime: off None it starts from the schema's example, and the editor
        // writes an explicit UTC offset; the identity follows, as the CLI computes it.
        auto *start = window->findChild<QDateTimeEdit *>(QStringLiteral("field_offset_start"));
        auto *none = window->findChild<QCheckBox *>(QStringLiteral("none_offset_start"));
        QVERIFY(start && none);
        QVERIFY(none->isChecked());
        QVERIFY(!start->isEnabled());
        QTest::mouseClick(none, Qt::LeftButton);
        QCOMPARE(draft->config().at("offset_start"), Core::Json("2024-01-01T00:00:00+00:00"));
        QVERIFY(start->isEnabled());
        start->setFocus();
        start->setCurrentSection(QDateTimeEdit::YearSection);
        QTest::keyClick(start, Qt::Key_Up);
        QCOMPARE(draft->config().at("offset_start"), Core::Json("2025-01-01T00:00:00+00:00"));
        QCOMPARE(draft->identity().hashes->updateHash, cliUpdateHash(draft->config()));
        QTest::mouseClick(none, Qt::LeftButton);
        QVERIFY(draft->config().at("offset_start").is_null());
        QVERIFY(!start->isEnabled());

        // Ctrl+Z undoes the last edit (None), then the year, then the value given.
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(draft->config().at("offset_start"), Core::Json("2025-01-01T00:00:00+00:00"));
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(draft->config().at("offset_start"), Core::Json("2024-01-01T00:00:00+00:00"));
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(draft->config().at("offset_start").is_null());
    }
    // A new window (as after a restart) finds the draft.
    auto window = openEditor();
    auto *scope = window->findChild<QLineEdit *>(QStringLiteral("field_source_scope"));
    QTRY_COMPARE(scope->text(), QStringLiteral("default_scope_eu"));
    QVERIFY(window->findChild<QLabel *>(QStringLiteral("identity"))->text().contains(editedHash));
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("discardDraft")),
                      Qt::LeftButton);
    QCOMPARE(scope->text(), QStringLiteral("default_scope"));
}

void TestConfigEditor::savesIntoTheManifestOnlyWhenValidAndUnchangedOnDisk()
{
    const QString path = m_dir.filePath(QStringLiteral("demo.json"));
    QFile::remove(path);
    QVERIFY(QFile::copy(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    auto window = openEditor(path);
    auto *save = window->findChild<QPushButton *>(QStringLiteral("saveConfig"));
    auto *scope = window->findChild<QLineEdit *>(QStringLiteral("field_source_scope"));
    auto *days = window->findChild<QLineEdit *>(QStringLiteral("field_quality.min_entities"));
    QVERIFY(save && scope && days);
    QVERIFY(!save->isEnabled()); // nothing to save

    // An out-of-range int blocks saving, its error inline; a valid value unblocks it.
    QTest::mouseClick(days, Qt::LeftButton);
    QTest::keyClick(days, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(days, QStringLiteral("20000"));
    auto *error = window->findChild<QLabel *>(QStringLiteral("error_quality.min_entities"));
    QVERIFY(error && error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("at most 10000")), qPrintable(error->text()));
    QVERIFY(!save->isEnabled());
    QTest::keyClick(days, Qt::Key_Backspace);
    QTest::keyClick(days, Qt::Key_Backspace);
    QVERIFY(!error->isVisible());
    QTest::mouseClick(scope, Qt::LeftButton);
    QTest::keyClicks(scope, QStringLiteral("_saved"));
    QVERIFY(save->isEnabled());

    // The file changed on disk since it was loaded: refused, the file and the draft kept.
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write("\n");
    file.close();
    const QByteArray outside = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QSignalSpy failed(window->document(), &Core::WorkspaceDocument::configSaveFailed);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.first().at(1).value<Core::Error>().message.contains(
        QStringLiteral("changed on disk")));
    QFile again(path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), outside);
    again.close();

    // Reloaded (F5), the draft is restored and saves; the manifest holds the new value.
    QSignalSpy loaded(window.get(), &Gui::MainWindow::manifestLoaded);
    QTest::keyClick(window.get(), Qt::Key_F5);
    QVERIFY(loaded.wait(10000));
    QVERIFY(window->selectItem(QStringLiteral("DailyMetricsNode")));
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("nodeTabs"));
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
    save = window->findChild<QPushButton *>(QStringLiteral("saveConfig"));
    QTRY_VERIFY(save->isEnabled());
    QSignalSpy saved(window->document(), &Core::WorkspaceDocument::configSaved);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    QVERIFY(loaded.wait(10000)); // the save reloads the manifest
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const Core::Json manifest = Core::Json::parse(written.readAll().toStdString());
    bool found = false;
    for (const Core::Json &node : manifest.at("nodes")) {
        if (node.dump().find("DailyMetricsNode") != std::string::npos) {
            QCOMPARE(node.at("config").at("source_scope"), Core::Json("default_scope_saved"));
            QCOMPARE(node.at("config").at("quality").at("min_entities"), Core::Json(200));
            found = true;
        }
    }
    QVERIFY(found);
    // The node is shown again, with nothing left to save, and our own write is no outside change.
    auto *notice = window->findChild<QLabel *>(QStringLiteral("identityNotice"));
    QVERIFY(notice);
    QTRY_VERIFY2(notice->text().contains(QStringLiteral("No changes")), qPrintable(notice->text()));
    QTest::qWait(300);
    QVERIFY(!window->findChild<QLabel *>(QStringLiteral("diskChangedBanner"))->isVisible());
}

void TestConfigEditor::presetsAreSavedAndLoaded()
{
    auto window = openEditor();
    Core::ConfigDraft *draft
        = window->document()->configDraft(QStringLiteral("example_project.nodes:DailyMetricsNode"));
    auto *scope = window->findChild<QLineEdit *>(QStringLiteral("field_source_scope"));
    auto *name = window->findChild<QComboBox *>(QStringLiteral("presetName"));
    auto *save = window->findChild<QPushButton *>(QStringLiteral("savePreset"));
    auto *load = window->findChild<QPushButton *>(QStringLiteral("loadPreset"));
    auto *message = window->findChild<QLabel *>(QStringLiteral("presetMessage"));
    QVERIFY(scope && name && save && load && message);

    // Without a name: said next to the buttons, nothing kept.
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY2(message->text().contains(QStringLiteral("needs a name")), qPrintable(message->text()));
    QCOMPARE(name->count(), 0);

    QTest::mouseClick(scope, Qt::LeftButton);
    QTest::keyClick(scope, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(scope, QStringLiteral("regional_scope"));
    QTest::mouseClick(name->lineEdit(), Qt::LeftButton);
    QTest::keyClicks(name->lineEdit(), QStringLiteral("regional"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(name->count(), 1);
    QCOMPARE(name->itemText(0), QStringLiteral("regional"));
    const QString regionalHash = draft->identity().hashes->updateHash;

    // Back to the manifest's configuration, then the preset again: an undoable edit.
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("discardDraft")),
                      Qt::LeftButton);
    QCOMPARE(scope->text(), QStringLiteral("default_scope"));
    QTest::mouseClick(load, Qt::LeftButton);
    QCOMPARE(scope->text(), QStringLiteral("regional_scope"));
    QCOMPARE(draft->identity().hashes->updateHash, regionalHash);
    QCOMPARE(regionalHash, cliUpdateHash(draft->config()));
    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(scope->text(), QStringLiteral("default_scope"));

    // A restart lists it; deleting forgets it.
    window = openEditor();
    name = window->findChild<QComboBox *>(QStringLiteral("presetName"));
    QCOMPARE(name->count(), 1);
    name->lineEdit()->clear();
    QTest::mouseClick(name->lineEdit(), Qt::LeftButton);
    QTest::keyClicks(name->lineEdit(), QStringLiteral("regional"));
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("removePreset")),
                      Qt::LeftButton);
    QCOMPARE(name->count(), 0);
}

void TestConfigEditor::lintFindingsSitOnTheirFields()
{
    // The demo node's schema with the guide's configuration mistakes written into it.
    QFile demo(TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY(demo.open(QIODevice::ReadOnly));
    Core::Json manifest = Core::Json::parse(demo.readAll().toStdString());
    for (Core::Json &node : manifest.at("nodes")) {
        if (node.at("class").at("qualname") != "DailyMetricsNode")
            continue;
        Core::Json &schema = node.at("config_schema");
        schema["properties"]["source_scope"].erase("description");
        schema["properties"]["display_label"]["update_only"] = true;
        schema["properties"]["storage_table"]
            = {{"type", "string"}, {"title", "Storage Table"}, {"description", "The table."}};
        schema["$defs"]["QualityGate"]["properties"]["min_entities"].erase("description");
    }
    const QString path = m_dir.filePath(QStringLiteral("lint.json"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(QByteArray::fromStdString(manifest.dump(2)));
    out.close();

    auto window = openEditor(path);
    const auto lint = [&](const char *field) {
        auto *label = window->findChild<QLabel *>(QStringLiteral("lint_") + QLatin1String(field));
        return label && label->isVisible() ? label->text() : QString();
    };
    QVERIFY2(lint("source_scope").contains(QStringLiteral("has no description")),
             qPrintable(lint("source_scope")));
    QVERIFY2(lint("display_label").contains(QStringLiteral("update_only")),
             qPrintable(lint("display_label")));
    QVERIFY2(lint("storage_table").contains(QStringLiteral("storage identity")),
             qPrintable(lint("storage_table")));
    QVERIFY2(lint("quality.min_entities").contains(QStringLiteral("has no description")),
             qPrintable(lint("quality.min_entities")));
    QCOMPARE(lint("offset_start"), QString());
    QCOMPARE(lint("quality.max_missing_ratio"), QString());
}

QTEST_MAIN(TestConfigEditor)
#include "tst_configeditor.moc"
