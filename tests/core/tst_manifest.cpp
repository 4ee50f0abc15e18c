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
    void unnamedDdlTakesTheSdkNames();
    void derivedNamesStayUnsetOnSave();
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
    QTest::newRow("unnamed-ddl") << QStringLiteral("tests/data/manifest/unnamed-ddl.json");
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
    for (const char *file :
         {"tests/data/manifest/full.json", "tests/data/manifest/unnamed-ddl.json"}) {
        const ManifestDocument doc = load(QString::fromUtf8(file));
        for (const StorageClass &sc : doc.manifest.storageClasses) {
            const Json json = storageClassToJson(sc);
            auto back = storageClassFromJson(json, QStringLiteral("contract.json"));
            QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
            QVERIFY(*back == sc);
        }
    }
    auto bad = storageClassFromJson(Json::array(), QStringLiteral("contract.json"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().message,
             QStringLiteral("contract.json: expected an object, found an array"));
}

static QStringList ddlNames(const StorageClass &sc, bool derivedOnly)
{
    QStringList names;
    auto add = [&](const QString &name, bool derived) {
        if (derived || !derivedOnly)
            names << name;
    };
    if (sc.ddl.primaryKey)
        add(sc.ddl.primaryKey->name, sc.ddl.primaryKey->nameDerived);
    for (const IndexDef &x : sc.ddl.indexes)
        add(x.name, x.nameDerived);
    for (const UniqueConstraintDef &x : sc.ddl.uniqueConstraints)
        add(x.name, x.nameDerived);
    for (const CheckConstraintDef &x : sc.ddl.checkConstraints)
        add(x.name, x.nameDerived);
    for (const ForeignKeyDef &x : sc.ddl.foreignKeys)
        add(x.name, x.nameDerived);
    return names;
}

static void clearDerivedFlags(ProviderManifest &m)
{
    for (StorageClass &sc : m.storageClasses) {
        if (sc.ddl.primaryKey)
            sc.ddl.primaryKey->nameDerived = false;
        for (IndexDef &x : sc.ddl.indexes)
            x.nameDerived = false;
        for (UniqueConstraintDef &x : sc.ddl.uniqueConstraints)
            x.nameDerived = false;
        for (CheckConstraintDef &x : sc.ddl.checkConstraints)
            x.nameDerived = false;
        for (ForeignKeyDef &x : sc.ddl.foreignKeys)
            x.nameDerived = false;
    }
}

// unnamed-ddl.json leaves every DDL object unnamed ("name": null or no "name"); its .named twin
// spells out the names the SDK's schema_names.py gives them (computed by the demo's Python
// restatement of it, not by the console). The reader must arrive at the same model.
void TestManifest::unnamedDdlTakesTheSdkNames()
{
    const ManifestDocument unnamed = load(QStringLiteral("tests/data/manifest/unnamed-ddl.json"));
    const ManifestDocument named
        = load(QStringLiteral("tests/data/manifest/unnamed-ddl.named.json"));
    QCOMPARE(unnamed.manifest.storageClasses.size(), named.manifest.storageClasses.size());
    int objects = 0;
    for (qsizetype i = 0; i < named.manifest.storageClasses.size(); ++i) {
        const StorageClass &u = unnamed.manifest.storageClasses[i];
        const StorageClass &n = named.manifest.storageClasses[i];
        QCOMPARE(ddlNames(u, false), ddlNames(n, false));
        QCOMPARE(ddlNames(u, true), ddlNames(u, false)); // every name was derived
        QCOMPARE(ddlNames(n, true), QStringList());
        objects += int(ddlNames(u, false).size());
    }
    QCOMPARE(objects, 13);
    ProviderManifest pinned = unnamed.manifest;
    clearDerivedFlags(pinned);
    QVERIFY(pinned == named.manifest);
}

// Saving keeps "name": null as null and a missing name missing, also after an edit; the name
// follows the convention when the object changes, and a name someone sets is written.
void TestManifest::derivedNamesStayUnsetOnSave()
{
    ManifestDocument doc = load(QStringLiteral("tests/data/manifest/unnamed-ddl.json"));
    StorageClass &account = doc.manifest.storageClasses[1];
    QCOMPARE(account.tableName(), QStringLiteral("example_project__account"));
    QVERIFY(account.ddl.indexes[0].nameDerived && account.ddl.uniqueConstraints[0].nameDerived);
    account.ddl.indexes[0].columns
        = QStringList{QStringLiteral("uid"), QStringLiteral("display_name")};
    account.ddl.uniqueConstraints[0].name = QStringLiteral("uq_account_display_name");
    account.ddl.uniqueConstraints[0].nameDerived = false;

    const Json out = Json::parse(serializeManifest(doc).toStdString());
    const Json &ddl = out["storage_classes"][1]["ddl"];
    const Json &rawDdl = doc.raw["storage_classes"][1]["ddl"];
    QCOMPARE(ddl["primary_key"], rawDdl["primary_key"]);
    QVERIFY(ddl["primary_key"].contains("name") && ddl["primary_key"]["name"].is_null());
    QVERIFY(!ddl["indexes"][0].contains("name"));
    QCOMPARE(ddl["indexes"][0]["columns"], Json::parse(R"(["uid", "display_name"])"));
    QCOMPARE(ddl["unique_constraints"][0]["name"], Json("uq_account_display_name"));
    QCOMPARE(ddl["check_constraints"], rawDdl["check_constraints"]);

    auto reloaded = parseManifest(serializeManifest(doc), QStringLiteral("edited.json"));
    QVERIFY2(reloaded, qPrintable(reloaded ? QString() : reloaded.error().message));
    const StorageClass &again = reloaded->manifest.storageClasses[1];
    QCOMPARE(again.ddl.indexes[0].name,
             QStringLiteral("ix__example_project__account__uid__display_name"));
    QVERIFY(again.ddl.indexes[0].nameDerived);
    QVERIFY(!again.ddl.uniqueConstraints[0].nameDerived);
    QVERIFY(reloaded->manifest != doc.manifest); // the index name followed its new columns
    doc.manifest.storageClasses[1].ddl.indexes[0].name = again.ddl.indexes[0].name;
    QVERIFY(reloaded->manifest == doc.manifest);
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
