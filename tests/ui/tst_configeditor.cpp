// SPDX-License-Identifier: MIT
// The node configuration editor on the demo's DailyMetricsNode, with real keys and clicks:
// editing the hash-excluded display_label keeps update_hash and says so; editing source_scope
// changes it to what `metatable hash` prints for the same configuration; an invalid datetime
// shows its error on the field; Ctrl+Z undoes; and a new window restores the draft.
#include <core/workspace/configdraft.h>
#include <core/workspace/workspacedocument.h>
#include <ui/mainwindow.h>

#include <QCheckBox>
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

private:
    std::unique_ptr<Gui::MainWindow> openEditor(const QString &manifest = {});
    QString cliUpdateHash(const Core::Json &config);
    QTemporaryDir m_dir;
};

void TestConfigEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("METATABLE_DRAFTS_DIR", m_dir.filePath(QStringLiteral("drafts")).toUtf8());
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

        // An invalid datetime: the error sits on the field; None clears it.
        auto *start = window->findChild<QLineEdit *>(QStringLiteral("field_offset_start"));
        auto *none = window->findChild<QCheckBox *>(QStringLiteral("none_offset_start"));
        QVERIFY(start && none);
        QTest::mouseClick(none, Qt::LeftButton); // currently None: off, the field edits
        QTest::mouseClick(start, Qt::LeftButton);
        QTest::keyClicks(start, QStringLiteral("yesterday"));
        auto *error = window->findChild<QLabel *>(QStringLiteral("error_offset_start"));
        QTRY_VERIFY(error->isVisible());
        QTest::mouseClick(none, Qt::LeftButton);
        QVERIFY(!error->isVisible());
        QVERIFY(draft->config().at("offset_start").is_null());

        // Ctrl+Z undoes the last edit (None), then the datetime typed before it.
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(draft->config().at("offset_start"), Core::Json("yesterday"));
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
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
    auto *start = window->findChild<QLineEdit *>(QStringLiteral("field_offset_start"));
    auto *none = window->findChild<QCheckBox *>(QStringLiteral("none_offset_start"));
    QVERIFY(save && scope && start && none);
    QVERIFY(!save->isEnabled()); // nothing to save

    // An invalid value blocks saving.
    QTest::mouseClick(none, Qt::LeftButton);
    QTest::mouseClick(start, Qt::LeftButton);
    QTest::keyClicks(start, QStringLiteral("2026-13-01"));
    QVERIFY(!save->isEnabled());
    QTest::mouseClick(none, Qt::LeftButton); // None again: valid
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

QTEST_MAIN(TestConfigEditor)
#include "tst_configeditor.moc"
