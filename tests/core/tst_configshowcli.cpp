// SPDX-License-Identifier: MIT
#include <core/contract/json.h>

#include <QtTest>

#include <tests/support/clirun.h>
#include <tests/support/testsupport.h>

using TestSupport::runCli;

namespace {

const QString DemoNode = QStringLiteral("example_project.nodes:DailyMetricsNode");

QString demo()
{
    return TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json"));
}

QString fixture()
{
    return TestSupport::sourcePath(QStringLiteral("tests/data/config/window-config.json"));
}

QString fixtureNode(const char *qualname)
{
    return QStringLiteral("config_fixture.nodes:") + QLatin1String(qualname);
}

Core::Json parsed(const QByteArray &text)
{
    return Core::Json::parse(text.toStdString(), nullptr, false);
}

// The line of `text` that starts with `prefix`, or an empty string.
QString lineStarting(const QByteArray &text, const QString &prefix)
{
    for (const QString &line : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
        if (line.startsWith(prefix))
            return line;
    }
    return {};
}

const Core::Json *field(const Core::Json &report, const char *name)
{
    for (const Core::Json &f : report.at("fields")) {
        if (f.at("name") == name)
            return &f;
    }
    return nullptr;
}

} // namespace

// `metatable config show`: the effective configuration of a node and the hashes `metatable
// hash` gives it.
class TestConfigShowCli : public QObject
{
    Q_OBJECT

private slots:
    void textMatchesHashCommand();
    void jsonMatchesHashCommand();
    void defaultsAndComputedDefaults();
    void usageAndUnknownNode();
};

void TestConfigShowCli::textMatchesHashCommand()
{
    const auto show = runCli({QStringLiteral("config"),
                              QStringLiteral("show"),
                              demo(),
                              QStringLiteral("--node"),
                              DemoNode});
    QCOMPARE(show.exitCode, 0);
    const auto hash = runCli({QStringLiteral("hash"), demo(), QStringLiteral("--node"), DemoNode});
    QCOMPARE(hash.exitCode, 0);
    for (const QString &key : {QStringLiteral("update_hash: "), QStringLiteral("storage_hash: ")}) {
        const QString line = lineStarting(show.out, key);
        QVERIFY2(line.size() > key.size(), show.out.constData());
        QCOMPARE(line, lineStarting(hash.out, key));
    }
    const QStringList scope = lineStarting(show.out, QStringLiteral("source_scope "))
                                  .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QCOMPARE(scope.mid(0, 5),
             QStringList({QStringLiteral("source_scope"),
                          QStringLiteral("\"default_scope\""),
                          QStringLiteral("config"),
                          QStringLiteral("hashed"),
                          QStringLiteral("yes")}));
    const QString label = lineStarting(show.out, QStringLiteral("display_label "));
    QVERIFY2(label.contains(QLatin1String(" excluded ")), qPrintable(label));
    QVERIFY(label.contains(QLatin1String("Human-facing label for UI display only.")));
    QVERIFY(
        lineStarting(show.out, QStringLiteral("offset_start ")).contains(QLatin1String("null")));
}

void TestConfigShowCli::jsonMatchesHashCommand()
{
    const auto show = runCli({QStringLiteral("config"),
                              QStringLiteral("show"),
                              demo(),
                              QStringLiteral("--node"),
                              DemoNode,
                              QStringLiteral("--json")});
    QCOMPARE(show.exitCode, 0);
    const auto hash = runCli({QStringLiteral("hash"),
                              demo(),
                              QStringLiteral("--node"),
                              DemoNode,
                              QStringLiteral("--json")});
    QCOMPARE(hash.exitCode, 0);
    const Core::Json report = parsed(show.out);
    const Core::Json expected = parsed(hash.out);
    QVERIFY2(report.is_object() && expected.is_object(), show.out.constData());
    QCOMPARE(report.at("node"), Core::Json(DemoNode.toStdString()));
    QVERIFY(report.at("update_hash").is_string());
    QCOMPARE(report.at("update_hash"), expected.at("update_hash"));
    QCOMPARE(report.at("storage_hash"), expected.at("storage_hash"));

    QStringList names;
    for (const Core::Json &f : report.at("fields"))
        names << QString::fromStdString(f.at("name").get<std::string>());
    QCOMPARE(names,
             QStringList({QStringLiteral("source_scope"),
                          QStringLiteral("offset_start"),
                          QStringLiteral("aggregation"),
                          QStringLiteral("quality"),
                          QStringLiteral("entities"),
                          QStringLiteral("scale_factors"),
                          QStringLiteral("display_label")}));
    const Core::Json scope = *field(report, "source_scope");
    QCOMPARE(scope.at("value"), Core::Json("default_scope"));
    QCOMPARE(scope.at("source"), Core::Json("config"));
    QCOMPARE(scope.at("hash_excluded"), Core::Json(false));
    QCOMPARE(scope.at("required"), Core::Json(true));
    QCOMPARE(scope.at("description"),
             Core::Json("Stable upstream scope selected by this updater."));
    const Core::Json label = *field(report, "display_label");
    QCOMPARE(label.at("hash_excluded"), Core::Json(true));
    QCOMPARE(label.at("required"), Core::Json(false));
    QCOMPARE(label.at("value"), Core::Json("Daily metrics"));
}

// Values the manifest leaves out come from the schema's default; a default_factory field has
// none in the schema, so it is a computed default, and the node cannot be hashed without it.
void TestConfigShowCli::defaultsAndComputedDefaults()
{
    auto run = runCli({QStringLiteral("config"),
                       QStringLiteral("show"),
                       fixture(),
                       QStringLiteral("--node"),
                       fixtureNode("WindowNode"),
                       QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    Core::Json report = parsed(run.out);
    QCOMPARE(field(report, "mode")->at("source"), Core::Json("default"));
    QCOMPARE(field(report, "mode")->at("value"), Core::Json("fast"));
    QCOMPARE(field(report, "window_days")->at("value"), Core::Json(30));
    QCOMPARE(field(report, "base")->at("source"), Core::Json("default"));
    QCOMPARE(field(report, "tags")->at("source"), Core::Json("config"));
    QCOMPARE(field(report, "tags")->at("value"), Core::Json::parse("[\"x\"]"));

    run = runCli({QStringLiteral("config"),
                  QStringLiteral("show"),
                  fixture(),
                  QStringLiteral("--node"),
                  fixtureNode("FactoryNode"),
                  QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 1);
    report = parsed(run.out);
    QCOMPARE(field(report, "tags")->at("source"), Core::Json("computed default"));
    QVERIFY(field(report, "tags")->at("value").is_null());
    QVERIFY(report.at("update_hash").is_null());
    QVERIFY(run.err.contains("default_factory"));

    run = runCli({QStringLiteral("config"),
                  QStringLiteral("show"),
                  fixture(),
                  QStringLiteral("--node"),
                  fixtureNode("FactoryNode")});
    QCOMPARE(run.exitCode, 1);
    const QString tags = lineStarting(run.out, QStringLiteral("tags "));
    QVERIFY2(tags.contains(QLatin1String("(computed default)  computed default")),
             qPrintable(tags));
}

void TestConfigShowCli::usageAndUnknownNode()
{
    QCOMPARE(runCli({QStringLiteral("config")}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("config"), QStringLiteral("frob")}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("config"), QStringLiteral("show"), demo()}).exitCode, 2);
    const auto unknown = runCli({QStringLiteral("config"),
                                 QStringLiteral("show"),
                                 demo(),
                                 QStringLiteral("--node"),
                                 QStringLiteral("nope:Missing")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains("has no node nope:Missing"));
    const auto help = runCli({QStringLiteral("config"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("metatable config set MANIFEST"));
}

QTEST_GUILESS_MAIN(TestConfigShowCli)
#include "tst_configshowcli.moc"
