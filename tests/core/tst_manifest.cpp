// SPDX-License-Identifier: MIT
// The manifest reader and writer: lossless round trips, atomic saves, and one precise error per
// malformed input (tests/data/manifest-errors/*.json with the exact text in *.expected).
#include <core/manifest/manifestio.h>
#include <core/util/atomicfile.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>
#include <tests/support/testsupport.h>
#include <unistd.h>

using namespace Core;

class TestManifest : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void modelEditsFollowTheModel();
    void storageClassJsonRoundTrip();
    void atomicSaveKeepsOldFileWhenWriteFails();
    void atomicSaveKeepsOldFileInReadOnlyFolder();
    void malformed_data();
    void malformed();
    void neverCrashesOnMutations();
};

static ManifestDocument load(const QString &relative)
{
    auto doc = readManifestFile(TestSupport::sourcePath(relative));
    if (!doc)
        qFatal("%s", qPrintable(doc.error().message));
    return *doc;
}

void TestManifest::roundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("full") << QStringLiteral("tests/data/manifest/full.json");
    for (const char *demo : {"example_project.v1.json", "example_project.v2.json"}) {
        const QString path = QStringLiteral("resources/demo/") + QString::fromUtf8(demo);
        if (QFile::exists(TestSupport::sourcePath(path)))
            QTest::newRow(demo) << path;
    }
}

void TestManifest::roundTrip()
{
    QFETCH(QString, file);
    const ManifestDocument doc = load(file);
    QVERIFY(!doc.manifest.storageClasses.isEmpty());

    // Everything the model does not know and every key position survive: the merged document
    // is the loaded one, key for key and in the same order (ordered_json compares in order).
    const QByteArray saved = serializeManifest(doc);
    const QStringList savedLines
        = QString::fromStdString(Json::parse(saved.toStdString()).dump(1)).split(QLatin1Char('\n'));
    const QStringList loadedLines
        = QString::fromStdString(doc.raw.dump(1)).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::min(savedLines.size(), loadedLines.size()); ++i)
        QCOMPARE(savedLines[i], loadedLines[i]);
    QCOMPARE(savedLines.size(), loadedLines.size());

    auto reloaded = parseManifest(saved, QStringLiteral("saved.json"));
    QVERIFY2(reloaded, qPrintable(reloaded ? QString() : reloaded.error().message));
    QVERIFY(reloaded->manifest == doc.manifest);
    // Saving twice is stable.
    QCOMPARE(serializeManifest(*reloaded), saved);
}

void TestManifest::modelEditsFollowTheModel()
{
    ManifestDocument doc = load(QStringLiteral("tests/data/manifest/full.json"));
    StorageClass &account = doc.manifest.storageClasses[0];
    account.registration.description.reset();
    account.registration.columns[1].label = QStringLiteral("Account code");
    Column added;
    added.name = QStringLiteral("closed_on");
    added.dataType = QStringLiteral("date");
    added.description = QStringLiteral("Day the account was closed.");
    account.registration.columns.append(added);
    account.registration.columns.removeFirst();

    const Json out = Json::parse(serializeManifest(doc).toStdString());
    const Json &reg = out["storage_classes"][0]["registration"];
    QVERIFY(!reg.contains("description"));
    const Json &columns = reg["table_contract"]["columns"];
    QCOMPARE(columns.size(), std::size_t(3));
    // The column "code" moved to position 0 and kept its unknown key.
    QCOMPARE(columns[0]["name"], Json("code"));
    QCOMPARE(columns[0]["label"], Json("Account code"));
    QCOMPARE(columns[0]["x-ui"]["width"], Json(12));
    QCOMPARE(columns[2]["name"], Json("closed_on"));
    QVERIFY(!columns[2].contains("label"));
    QCOMPARE(out["storage_classes"][0].begin().key(), std::string("class"));
    QCOMPARE(out["storage_classes"][0]["x-authoring"],
             doc.raw["storage_classes"][0]["x-authoring"]);

    auto reloaded = parseManifest(serializeManifest(doc), QStringLiteral("edited.json"));
    QVERIFY(reloaded);
    QVERIFY(reloaded->manifest == doc.manifest);
}

void TestManifest::storageClassJsonRoundTrip()
{
    const ManifestDocument doc = load(QStringLiteral("tests/data/manifest/full.json"));
    for (const StorageClass &sc : doc.manifest.storageClasses) {
        const Json json = storageClassToJson(sc);
        auto back = storageClassFromJson(json, QStringLiteral("contract.json"));
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QVERIFY(*back == sc);
    }
    auto bad = storageClassFromJson(Json::array(), QStringLiteral("contract.json"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().message,
             QStringLiteral("contract.json: expected an object, found an array"));
}

// A save whose write fails leaves the previous file byte for byte. A file-size limit makes the
// write fail even for root, who ignores folder permissions.
void TestManifest::atomicSaveKeepsOldFileWhenWriteFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("provider.json"));
    const QByteArray old = "{\"old\": true}\n";
    QVERIFY(writeFileAtomically(path, old));
    const ManifestDocument doc = load(QStringLiteral("tests/data/manifest/full.json"));

    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit small = saved;
    small.rlim_cur = 1024;
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const VoidResult result = writeManifestFile(doc, path);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &saved), 0);
    std::signal(SIGXFSZ, previousHandler);

    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("previous file is unchanged")),
             qPrintable(result.error().message));
    auto now = readWholeFile(path);
    QVERIFY(now);
    QCOMPARE(*now, old);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("provider.json")});

    QVERIFY(writeManifestFile(doc, path));
    auto reread = readManifestFile(path);
    QVERIFY(reread);
    QVERIFY(reread->manifest == doc.manifest);
}

void TestManifest::atomicSaveKeepsOldFileInReadOnlyFolder()
{
    if (geteuid() == 0)
        QSKIP("root writes into read-only folders; the file-size case covers failed writes");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("provider.json"));
    const QByteArray old = "{\"old\": true}\n";
    QVERIFY(writeFileAtomically(path, old));
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
    const VoidResult result
        = writeManifestFile(load(QStringLiteral("tests/data/manifest/full.json")), path);
    QVERIFY(
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY(!result);
    QCOMPARE(*readWholeFile(path), old);
}

void TestManifest::malformed_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedFile");
    const QDir dir(TestSupport::sourcePath(QStringLiteral("tests/data/manifest-errors")));
    const QStringList inputs = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY2(inputs.size() >= 15, "the malformed-manifest corpus is missing");
    for (const QString &name : inputs) {
        QString expected = name;
        expected.replace(QStringLiteral(".json"), QStringLiteral(".expected"));
        QTest::newRow(qPrintable(name)) << dir.filePath(name) << dir.filePath(expected);
    }
}

void TestManifest::malformed()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedFile);
    auto bytes = readWholeFile(input);
    QVERIFY(bytes);
    auto expected = readWholeFile(expectedFile);
    QVERIFY2(expected, "every malformed manifest has its .expected error text");
    const QString name = QFileInfo(input).fileName();
    auto doc = parseManifest(*bytes, name);
    QVERIFY2(!doc, "a malformed manifest was accepted");
    QCOMPARE(doc.error().code, ErrorCode::InvalidInput);
    QCOMPARE(doc.error().message, QString::fromUtf8(*expected).trimmed());
}

// Every prefix and single-byte corruption of a valid manifest gives a result, never a crash.
void TestManifest::neverCrashesOnMutations()
{
    auto bytes
        = readWholeFile(TestSupport::sourcePath(QStringLiteral("tests/data/manifest/full.json")));
    QVERIFY(bytes);
    int rejected = 0;
    for (qsizetype cut = 0; cut < bytes->size(); cut += 31) {
        if (!parseManifest(bytes->left(cut), QStringLiteral("cut.json")))
            ++rejected;
    }
    for (qsizetype at = 0; at < bytes->size(); at += 41) {
        for (char c : {'0', '"', '{', ']', 'n', '\xff'}) {
            QByteArray mutated = *bytes;
            mutated[at] = c;
            const auto doc = parseManifest(mutated, QStringLiteral("mutated.json"));
            if (doc)
                (void)serializeManifest(*doc);
        }
    }
    QVERIFY(rejected > 0);
}

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
