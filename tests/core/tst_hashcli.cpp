// SPDX-License-Identifier: MIT
#include <core/config/nodehash.h>
#include <core/contract/contracthash.h>
#include <core/manifest/manifestio.h>

#include <QProcess>
#include <QtTest>

#include <tests/support/testsupport.h>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run metatable(const QStringList &args)
{
    QProcess p;
    p.start(TestSupport::cliPath(), args);
    p.waitForFinished(30000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QString demo()
{
    return TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json"));
}

} // namespace

// The CLI prints what the library computes, and refuses bad input with the library's message.
class TestHashCli : public QObject
{
    Q_OBJECT

private slots:
    void hashMatchesLibrary();
    void unboundStorageClassAndUnknownNames();
    void contractHashMatchesLibrary();
    void unnamedDdlHashesLikeNamed();
};

void TestHashCli::hashMatchesLibrary()
{
    const auto doc = Core::readManifestFile(demo());
    QVERIFY(doc.has_value());
    const QString node = QStringLiteral("example_project.nodes:DailyMetricsNode");
    Core::Config::NodeHashOptions options;
    options.projectBranchUid = QStringLiteral("branch-1");
    const auto expected
        = Core::Config::computeNodeHashes(*doc->manifest.nodeByClassPath(node),
                                          Core::Config::lookupFromManifest(doc->manifest),
                                          options);
    QVERIFY(expected.has_value());

    const Run run = metatable({QStringLiteral("hash"),
                               demo(),
                               QStringLiteral("--node"),
                               node,
                               QStringLiteral("--project-branch-uid"),
                               QStringLiteral("branch-1"),
                               QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const Core::Json out = Core::Json::parse(run.out.toStdString());
    QCOMPARE(QString::fromStdString(out.at("update_hash").get<std::string>()),
             expected->updateHash);
    QCOMPARE(QString::fromStdString(out.at("storage_hash").get<std::string>()),
             expected->storageHash);
    QCOMPARE(QString::fromStdString(out.at("update_hash_payload_json").get<std::string>()),
             expected->updatePayloadJson);
    QVERIFY(expected->updateHash != expected->storageHash);
}

void TestHashCli::unboundStorageClassAndUnknownNames()
{
    Run run = metatable({QStringLiteral("hash"),
                         demo(),
                         QStringLiteral("--node"),
                         QStringLiteral("example_project.nodes:SpreadNode")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("PlatformTimeIndexMetaTable config value is not registered."),
             run.err.constData());
    run = metatable(
        {QStringLiteral("hash"), demo(), QStringLiteral("--node"), QStringLiteral("nope:Missing")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("has no node nope:Missing"));
    run = metatable({QStringLiteral("hash"), demo()});
    QCOMPARE(run.exitCode, 2);
    run = metatable({QStringLiteral("contract-hash"),
                     demo(),
                     QStringLiteral("--storage"),
                     QStringLiteral("nope")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("has no storage class with table name nope"));
}

void TestHashCli::contractHashMatchesLibrary()
{
    const auto doc = Core::readManifestFile(demo());
    QVERIFY(doc.has_value());
    const QString table = QStringLiteral("example_project__daily_metrics");
    const Core::Json extra = {{"storage_name", "daily"}};
    const auto expected = Core::computeContractHash(
        *doc->manifest.storageClassByTable(table), QStringLiteral("exp1"), true, extra);
    QVERIFY(expected.has_value());
    const Run run = metatable({QStringLiteral("contract-hash"),
                               demo(),
                               QStringLiteral("--storage"),
                               table,
                               QStringLiteral("--hash-namespace"),
                               QStringLiteral("exp1"),
                               QStringLiteral("--extra"),
                               QString::fromStdString(extra.dump())});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QString::fromUtf8(run.out).trimmed(), expected->hash);
    QVERIFY(expected->payloadJson.contains(QLatin1String("\"hash_namespace\": \"exp1\"")));
    QVERIFY(expected->payloadJson.contains(QLatin1String("\"storage_name\": \"daily\"")));
}

// A manifest that leaves every DDL name to the SDK's naming convention hashes exactly like the
// same manifest with those names written, in the library and through the CLI.
void TestHashCli::unnamedDdlHashesLikeNamed()
{
    const QString unnamedPath
        = TestSupport::sourcePath(QStringLiteral("tests/data/manifest/unnamed-ddl.json"));
    const QString namedPath
        = TestSupport::sourcePath(QStringLiteral("tests/data/manifest/unnamed-ddl.named.json"));
    const auto unnamed = Core::readManifestFile(unnamedPath);
    const auto named = Core::readManifestFile(namedPath);
    QVERIFY2(unnamed, qPrintable(unnamed ? QString() : unnamed.error().message));
    QVERIFY2(named, qPrintable(named ? QString() : named.error().message));
    QCOMPARE(unnamed->manifest.storageClasses.size(), named->manifest.storageClasses.size());

    for (qsizetype i = 0; i < named->manifest.storageClasses.size(); ++i) {
        const Core::StorageClass &u = unnamed->manifest.storageClasses[i];
        const Core::StorageClass &n = named->manifest.storageClasses[i];
        for (const auto &ns :
             {std::optional<QString>(), std::optional<QString>(QStringLiteral("exp1"))}) {
            const auto hu = Core::computeContractHash(u, ns);
            const auto hn = Core::computeContractHash(n, ns);
            QVERIFY2(hu && hn, qPrintable(n.tableName()));
            QCOMPARE(hu->hash, hn->hash);
            QCOMPARE(hu->payloadJson, hn->payloadJson);
            QCOMPARE(hu->grainIndexAdded, hn->grainIndexAdded);
        }
        const QStringList args{QStringLiteral("--storage"), n.tableName()};
        const Run ru = metatable(QStringList{QStringLiteral("contract-hash"), unnamedPath} + args);
        const Run rn = metatable(QStringList{QStringLiteral("contract-hash"), namedPath} + args);
        QCOMPARE(ru.exitCode, 0);
        QCOMPARE(rn.exitCode, 0);
        QCOMPARE(ru.out, rn.out);
        QCOMPARE(QString::fromUtf8(ru.out).trimmed(), Core::computeContractHash(n, {})->hash);
    }

    int hashed = 0;
    for (const Core::NodeDefinition &node : named->manifest.nodes) {
        const QStringList args{QStringLiteral("--node"),
                               node.classRef.path(),
                               QStringLiteral("--project-branch-uid"),
                               QStringLiteral("branch-1"),
                               QStringLiteral("--json")};
        const Run ru = metatable(QStringList{QStringLiteral("hash"), unnamedPath} + args);
        const Run rn = metatable(QStringList{QStringLiteral("hash"), namedPath} + args);
        QCOMPARE(ru.exitCode, rn.exitCode);
        QCOMPARE(ru.out, rn.out);
        hashed += rn.exitCode == 0 ? 1 : 0;
    }
    QVERIFY(hashed > 0);
}

QTEST_GUILESS_MAIN(TestHashCli)
#include "tst_hashcli.moc"
