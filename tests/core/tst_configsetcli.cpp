// SPDX-License-Identifier: MIT
#include <core/contract/json.h>

#include <QDir>
#include <QFile>
#include <QtTest>

#include <csignal>

#include <sys/resource.h>
#include <tests/support/clirun.h>
#include <tests/support/testsupport.h>
#include <unistd.h>

using TestSupport::runCli;

namespace {

const QString DemoNode = QStringLiteral("example_project.nodes:DailyMetricsNode");
const QString WindowNode = QStringLiteral("config_fixture.nodes:WindowNode");

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A copy of a repository file in `dir`, which the test may change.
QString copyInto(const QTemporaryDir &dir, const QString &relative)
{
    const QString path = dir.filePath(QFileInfo(relative).fileName());
    QFile::copy(TestSupport::sourcePath(relative), path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

QString demoCopy(const QTemporaryDir &dir)
{
    return copyInto(dir, QStringLiteral("resources/demo/example_project.v1.json"));
}

QString fixtureCopy(const QTemporaryDir &dir)
{
    return copyInto(dir, QStringLiteral("tests/data/config/window-config.json"));
}

TestSupport::CliRun configSet(const QString &manifest,
                              const QString &node,
                              const QStringList &assignments,
                              const QStringList &extra = {})
{
    return runCli(QStringList{QStringLiteral("config"),
                              QStringLiteral("set"),
                              manifest,
                              QStringLiteral("--node"),
                              node}
                  + assignments + extra);
}

Core::Json parsed(const QByteArray &text)
{
    return Core::Json::parse(text.toStdString(), nullptr, false);
}

Core::Json hashJson(const QString &manifest, const QString &node)
{
    const auto run = runCli({QStringLiteral("hash"),
                             manifest,
                             QStringLiteral("--node"),
                             node,
                             QStringLiteral("--json")});
    return run.exitCode == 0 ? parsed(run.out) : Core::Json();
}

Core::Json nodeConfig(const QString &manifest, const QString &node)
{
    const Core::Json doc = parsed(bytesOf(manifest));
    for (const Core::Json &n : doc.at("nodes")) {
        if (n.at("class").at("module").get<std::string>() + ":"
                + n.at("class").at("qualname").get<std::string>()
            == node.toStdString())
            return n.at("config");
    }
    return Core::Json();
}

QStringList keysOf(const Core::Json &object)
{
    QStringList keys;
    for (const auto &[key, value] : object.items())
        keys << QString::fromStdString(key);
    return keys;
}

} // namespace

// `metatable config set`: checked edits of a node's configuration, written atomically, with what
// they do to the node's update_hash.
class TestConfigSetCli : public QObject
{
    Q_OBJECT

private slots:
    void hashExcludedEditKeepsUpdateHash();
    void hashedEditChangesUpdateHash();
    void nestedPathNullAndList();
    void dryRunWritesNothing();
    void rejectedEditLeavesFileUntouched_data();
    void rejectedEditLeavesFileUntouched();
    void everyIssueIsNamed();
    void usageErrors();
    void unwritableManifestIsReported();
};

void TestConfigSetCli::hashExcludedEditKeepsUpdateHash()
{
    QTemporaryDir dir;
    const QString path = demoCopy(dir);
    const QByteArray original = bytesOf(path);
    const Core::Json before = hashJson(path, DemoNode);
    QVERIFY(before.is_object());

    const auto run = configSet(path, DemoNode, {QStringLiteral("display_label=Nightly metrics")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("hash-excluded edit: update identity unchanged"),
             run.out.constData());
    const QString oldHash = QString::fromStdString(before.at("update_hash").get<std::string>());
    QVERIFY(run.out.contains(("old update_hash: " + oldHash + "\n").toUtf8()));
    QVERIFY(run.out.contains(("new update_hash: " + oldHash + "\n").toUtf8()));
    QCOMPARE(nodeConfig(path, DemoNode).at("display_label"), Core::Json("Nightly metrics"));
    QCOMPARE(hashJson(path, DemoNode).at("update_hash"), before.at("update_hash"));

    // Setting the value back gives the file as it was: the rest of the manifest (unknown keys,
    // key order, formatting) is written as it was read.
    QCOMPARE(configSet(path, DemoNode, {QStringLiteral("display_label=Daily metrics")}).exitCode,
             0);
    QCOMPARE(bytesOf(path), original);
}

void TestConfigSetCli::hashedEditChangesUpdateHash()
{
    QTemporaryDir dir;
    const QString path = demoCopy(dir);
    const Core::Json before = hashJson(path, DemoNode);
    const auto run = configSet(
        path, DemoNode, {QStringLiteral("source_scope=us")}, {QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const Core::Json report = parsed(run.out);
    QVERIFY2(report.is_object(), run.out.constData());
    QCOMPARE(report.at("written"), Core::Json(true));
    QCOMPARE(report.at("update_hash_changed"), Core::Json(true));
    QVERIFY(report.at("summary").get<std::string>().find("this runs as a new updater")
            != std::string::npos);
    QCOMPARE(report.at("old_update_hash"), before.at("update_hash"));
    QCOMPARE(report.at("changes")[0].at("old"), Core::Json("default_scope"));
    QCOMPARE(report.at("changes")[0].at("new"), Core::Json("us"));
    const Core::Json after = hashJson(path, DemoNode);
    QVERIFY(after.is_object());
    QCOMPARE(report.at("new_update_hash"), after.at("update_hash"));
    QCOMPARE(report.at("new_storage_hash"), after.at("storage_hash"));
    QVERIFY(after.at("update_hash") != before.at("update_hash"));
    QCOMPARE(nodeConfig(path, DemoNode).at("source_scope"), Core::Json("us"));
}

// A dotted path creates the nested models it passes through; null and JSON lists are values;
// what the manifest already holds keeps its place, new keys go last, unknown keys stay.
void TestConfigSetCli::nestedPathNullAndList()
{
    QTemporaryDir dir;
    const QString path = fixtureCopy(dir);
    const Core::Json doc = parsed(bytesOf(path));
    const auto run = configSet(path,
                               WindowNode,
                               {QStringLiteral("base.window.days=3"),
                                QStringLiteral("offset_start=null"),
                                QStringLiteral("tags=[\"a\",\"b\"]"),
                                QStringLiteral("window_days=5")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const Core::Json config = nodeConfig(path, WindowNode);
    QCOMPARE(config.at("base"), Core::Json::parse("{\"window\": {\"days\": 3}}"));
    QVERIFY(config.at("offset_start").is_null());
    QCOMPARE(config.at("tags"), Core::Json::parse("[\"a\", \"b\"]"));
    QCOMPARE(config.at("window_days"), Core::Json(5));
    QCOMPARE(keysOf(config),
             QStringList({QStringLiteral("source_scope"),
                          QStringLiteral("tags"),
                          QStringLiteral("display_label"),
                          QStringLiteral("base"),
                          QStringLiteral("offset_start"),
                          QStringLiteral("window_days")}));
    const Core::Json written = parsed(bytesOf(path));
    QCOMPARE(keysOf(written), keysOf(doc));
    QCOMPARE(written.at("x-trailer"), doc.at("x-trailer"));
    QCOMPARE(written.at("nodes")[0].at("x-owner"), Core::Json("data-team"));
    QCOMPARE(keysOf(written.at("nodes")[0]), keysOf(doc.at("nodes")[0]));
    QVERIFY(run.out.contains("this runs as a new updater"));
    QVERIFY(run.out.contains("base.window.days: (not set) -> 3"));
}

void TestConfigSetCli::dryRunWritesNothing()
{
    QTemporaryDir dir;
    const QString path = demoCopy(dir);
    const QByteArray original = bytesOf(path);
    const auto run = configSet(
        path, DemoNode, {QStringLiteral("source_scope=us")}, {QStringLiteral("--dry-run")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("this runs as a new updater"));
    QVERIFY(run.out.contains("dry run: "));
    QCOMPARE(bytesOf(path), original);
}

void TestConfigSetCli::rejectedEditLeavesFileUntouched_data()
{
    QTest::addColumn<QStringList>("assignments");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("says");
    const auto row = [](const char *name, QStringList edit, const char *path, const char *says) {
        QTest::newRow(name) << edit << QString::fromUtf8(path) << QString::fromUtf8(says);
    };
    row("unknown field", {QStringLiteral("nope=1")}, "nope", "WindowConfig has no field nope");
    row("unknown nested field",
        {QStringLiteral("base.window.weeks=2")},
        "base.window.weeks",
        "Window has no field weeks");
    row("wrong type", {QStringLiteral("window_days=abc")}, "window_days", "expected");
    row("null for a required string",
        {QStringLiteral("source_scope=null")},
        "source_scope",
        "null");
    row("required field missing", {QStringLiteral("base.region=us")}, "base.window", "required");
    row("enum", {QStringLiteral("mode=slow")}, "mode", "slow");
    row("list item type", {QStringLiteral("tags=[1]")}, "tags[0]", "expected");
    row("path through a list",
        {QStringLiteral("tags.first=a")},
        "tags.first",
        "tags holds a list, not an object");
    row("path through a non-model",
        {QStringLiteral("offset_start.year=2024")},
        "offset_start.year",
        "offset_start is not a nested model");
    row("below minimum", {QStringLiteral("window_days=0")}, "window_days", "at least 1");
    row("exclusive maximum", {QStringLiteral("window_days=1000")}, "window_days", "less than 1000");
    row("nested maximum", {QStringLiteral("base.window.days=366")}, "base.window.days", "365");
    row("pattern", {QStringLiteral("source_scope=EU")}, "source_scope", "pattern");
    row("minLength", {QStringLiteral("source_scope=a")}, "source_scope", "at least 2");
    row("maxLength",
        {QStringLiteral("source_scope=abcdefghijklmnopq")},
        "source_scope",
        "at most 16");
    row("number for a string",
        {QStringLiteral("source_scope=123")},
        "source_scope",
        "source_scope='\"123\"'");
    row("one bad among good",
        {QStringLiteral("display_label=x"), QStringLiteral("window_days=[]")},
        "window_days",
        "expected");
}

void TestConfigSetCli::rejectedEditLeavesFileUntouched()
{
    QFETCH(QStringList, assignments);
    QFETCH(QString, path);
    QFETCH(QString, says);
    QTemporaryDir dir;
    const QString manifest = fixtureCopy(dir);
    const QByteArray original = bytesOf(manifest);

    const auto text = configSet(manifest, WindowNode, assignments);
    QCOMPARE(text.exitCode, 1);
    const QString err = QString::fromUtf8(text.err);
    QVERIFY2(err.contains(QStringLiteral("\n  %1: ").arg(path)), qPrintable(err));
    QVERIFY2(err.contains(says), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("is unchanged")), qPrintable(err));
    QCOMPARE(bytesOf(manifest), original);

    const auto json = configSet(manifest, WindowNode, assignments, {QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 1);
    const Core::Json report = parsed(json.out);
    QVERIFY2(report.is_object(), json.out.constData());
    QCOMPARE(report.at("error").at("issues")[0].at("path"), Core::Json(path.toStdString()));
    QCOMPARE(bytesOf(manifest), original);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QFileInfo(manifest).fileName()});
}

// Every problem is named, not only the first.
void TestConfigSetCli::everyIssueIsNamed()
{
    QTemporaryDir dir;
    const QString manifest = fixtureCopy(dir);
    const QByteArray original = bytesOf(manifest);
    const auto run = configSet(manifest,
                               WindowNode,
                               {QStringLiteral("mode=slow"), QStringLiteral("window_days=0")},
                               {QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 1);
    const Core::Json report = parsed(run.out);
    QVERIFY2(report.is_object(), run.out.constData());
    QStringList paths;
    for (const Core::Json &issue : report.at("error").at("issues"))
        paths << QString::fromStdString(issue.at("path").get<std::string>());
    QCOMPARE(paths, QStringList({QStringLiteral("mode"), QStringLiteral("window_days")}));
    QCOMPARE(bytesOf(manifest), original);
}

void TestConfigSetCli::usageErrors()
{
    QTemporaryDir dir;
    const QString path = demoCopy(dir);
    const QByteArray original = bytesOf(path);
    QCOMPARE(configSet(path, DemoNode, {}).exitCode, 2);
    QCOMPARE(configSet(path, DemoNode, {QStringLiteral("display_label")}).exitCode, 2);
    QCOMPARE(configSet(path, DemoNode, {QStringLiteral("base..days=1")}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("config"), QStringLiteral("set"), path}).exitCode, 2);
    const auto unknown = configSet(path, QStringLiteral("nope:Missing"), {QStringLiteral("a=1")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains("has no node nope:Missing"));
    QCOMPARE(bytesOf(path), original);
}

// A manifest that cannot be written is reported, and neither it nor a partial file changes the
// folder. A file-size limit makes the write fail even for root; a read-only folder does for
// everyone else.
void TestConfigSetCli::unwritableManifestIsReported()
{
    QTemporaryDir dir;
    const QString path = demoCopy(dir);
    const QByteArray original = bytesOf(path);
    const QStringList edit{QStringLiteral("source_scope=us")};

    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit small = saved;
    small.rlim_cur = 1024;
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const auto run = configSet(path, DemoNode, edit);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &saved), 0);
    std::signal(SIGXFSZ, previousHandler);

    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("Cannot write") && run.err.contains("Nothing was changed."),
             run.err.constData());
    QCOMPARE(bytesOf(path), original);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QFileInfo(path).fileName()});

    if (geteuid() == 0)
        return; // root writes into read-only folders
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
    const auto readOnly = configSet(path, DemoNode, edit);
    QVERIFY(
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QCOMPARE(readOnly.exitCode, 1);
    QVERIFY2(readOnly.err.contains("Cannot write"), readOnly.err.constData());
    QCOMPARE(bytesOf(path), original);
}

QTEST_GUILESS_MAIN(TestConfigSetCli)
#include "tst_configsetcli.moc"
