// SPDX-License-Identifier: MIT
#include <core/sdk/naming.h>

#include <QProcess>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <tests/support/testsupport.h>
#include <tests/support/vectorvalues.h>

using nlohmann::json;

namespace {

QString qstr(const json &j)
{
    return QString::fromStdString(j.get<std::string>());
}

QStringList qstrList(const json &j)
{
    QStringList out;
    for (const auto &item : j)
        out.append(qstr(item));
    return out;
}

std::optional<QString> optionalQstr(const json &j)
{
    if (j.is_null())
        return std::nullopt;
    return qstr(j);
}

// The SDK function of a naming.json case, evaluated by our implementation, as the vectors
// encode results: {"value": ...} or {"error": {"type", "message"}}.
json evaluate(const std::string &fn, const json &args)
{
    using namespace Core::Sdk;
    const auto encode = [](const Core::Result<QString> &r) {
        if (!r)
            return json{{"error",
                         {{"type", r.error().detail.toStdString()},
                          {"message", r.error().message.toStdString()}}}};
        return json{{"value", r->toStdString()}};
    };
    if (fn == "slugify_identifier")
        return json{{"value", slugify(qstr(args.at("value"))).toStdString()}};
    if (fn == "normalize_identifier_part")
        return encode(normalizeIdentifierPart(qstr(args.at("value")), qstr(args.at("field_name"))));
    if (fn == "schema_table_name")
        return encode(schemaTableName(
            qstr(args.at("app")), qstr(args.at("concept")), optionalQstr(args.at("suffix"))));
    if (fn == "parse_schema_table_name") {
        const auto r = parseSchemaTableName(qstr(args.at("table_name")));
        if (!r)
            return json{{"error",
                         {{"type", r.error().detail.toStdString()},
                          {"message", r.error().message.toStdString()}}}};
        return json{{"value",
                     {{"app", r->app.toStdString()},
                      {"concept", r->conceptName.toStdString()},
                      {"suffix", r->suffix ? json(r->suffix->toStdString()) : json(nullptr)}}}};
    }
    if (fn == "bounded_identifier")
        return encode(
            boundedIdentifier(qstrList(args.at("parts")), args.at("max_length").get<int>()));
    if (fn == "schema_index_name")
        return encode(schemaIndexName(qstr(args.at("table_name")),
                                      qstrList(args.at("columns")),
                                      args.at("unique").get<bool>()));
    if (fn == "schema_foreign_key_name")
        return encode(schemaForeignKeyName(qstr(args.at("table_name")),
                                           qstrList(args.at("columns")),
                                           qstr(args.at("target_table")),
                                           qstrList(args.at("target_columns"))));
    if (fn == "schema_primary_key_name")
        return encode(schemaPrimaryKeyName(qstr(args.at("table_name"))));
    if (fn == "schema_unique_constraint_name")
        return encode(
            schemaUniqueConstraintName(qstr(args.at("table_name")), qstrList(args.at("columns"))));
    if (fn == "schema_check_constraint_name")
        return encode(schemaCheckConstraintName(qstr(args.at("table_name")),
                                                optionalQstr(args.at("constraint_name"))));
    if (fn == "namespace_version_slug")
        return json{
            {"value", namespaceVersionSlug(optionalQstr(args.at("namespace"))).toStdString()}};
    throw std::invalid_argument("naming.json names an unknown function: " + fn);
}

// The `metatable names` command line for a case, or an empty list when the CLI has no verb for
// the function.
QStringList cliArguments(const std::string &fn, const json &args)
{
    QStringList a{QStringLiteral("names")};
    if (fn == "schema_table_name") {
        a << QStringLiteral("table") << qstr(args.at("app")) << qstr(args.at("concept"));
        if (!args.at("suffix").is_null())
            a << qstr(args.at("suffix"));
    } else if (fn == "schema_index_name") {
        a << QStringLiteral("index") << qstr(args.at("table_name")) << qstrList(args.at("columns"));
        if (args.at("unique").get<bool>())
            a << QStringLiteral("--unique");
    } else if (fn == "schema_foreign_key_name") {
        a << QStringLiteral("fk") << qstr(args.at("table_name")) << qstrList(args.at("columns"))
          << QStringLiteral("--target") << qstr(args.at("target_table"));
        for (const QString &c : qstrList(args.at("target_columns")))
            a << QStringLiteral("--target-column") << c;
    } else if (fn == "schema_primary_key_name") {
        a << QStringLiteral("pk") << qstr(args.at("table_name"));
    } else if (fn == "schema_unique_constraint_name") {
        a << QStringLiteral("unique") << qstr(args.at("table_name"))
          << qstrList(args.at("columns"));
    } else if (fn == "schema_check_constraint_name") {
        a << QStringLiteral("check") << qstr(args.at("table_name"));
        if (!args.at("constraint_name").is_null())
            a << qstr(args.at("constraint_name"));
    } else if (fn == "namespace_version_slug" && !args.at("namespace").is_null()) {
        a << QStringLiteral("version-slug") << qstr(args.at("namespace"));
    } else {
        return {};
    }
    return a;
}

} // namespace

class TestNaming : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void cli_data();
    void cli();
    void slugifyIsIdempotent();
    void truncatedNamesFitTheLimit();
    void cliUsageErrors();
};

static void addVectorRows()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    const QString dir = TestSupport::vectorsDir();
    if (dir.isEmpty())
        return;
    const json doc = TestSupport::readVectorFile(dir, QStringLiteral("naming.json"));
    for (const auto &c : doc.at("cases")) {
        QTest::newRow(c.at("id").get<std::string>().c_str())
            << QByteArray::fromStdString(c.at("input").dump())
            << QByteArray::fromStdString(c.at("expected").dump());
    }
}

void TestNaming::vectors_data()
{
    addVectorRows();
}

void TestNaming::vectors()
{
    METATABLE_VECTORS_DIR(dir);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const json in = json::parse(input.toStdString());
    const json got = evaluate(in.at("fn").get<std::string>(), in.at("args"));
    QCOMPARE(QString::fromStdString(got.dump()),
             QString::fromStdString(json::parse(expected.toStdString()).dump()));
}

void TestNaming::cli_data()
{
    addVectorRows();
}

void TestNaming::cli()
{
    METATABLE_VECTORS_DIR(dir);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const json in = json::parse(input.toStdString());
    const QStringList args = cliArguments(in.at("fn").get<std::string>(), in.at("args"));
    if (args.isEmpty())
        QSKIP("no CLI verb for this function");
    const QString cli = TestSupport::cliPath();
    QVERIFY2(QFileInfo::exists(cli), "METATABLE_CLI does not name the built metatable");
    const json want = json::parse(expected.toStdString());

    QProcess p;
    p.start(cli, QStringList(args) << QStringLiteral("--json"));
    QVERIFY(p.waitForFinished(30000));
    const QByteArray stdoutBytes = p.readAllStandardOutput();
    const json got = json::parse(stdoutBytes.toStdString(), nullptr, false);
    QVERIFY2(!got.is_discarded(),
             qPrintable(QStringLiteral("not JSON: %1 / stderr: %2")
                            .arg(QString::fromUtf8(stdoutBytes),
                                 QString::fromUtf8(p.readAllStandardError()))));
    QCOMPARE(QString::fromStdString(got.dump()), QString::fromStdString(want.dump()));
    QCOMPARE(p.exitCode(), want.contains("error") ? 1 : 0);

    // Without --json: the name on stdout, or the SDK's message on stderr.
    QProcess plain;
    plain.start(cli, args);
    QVERIFY(plain.waitForFinished(30000));
    if (want.contains("error")) {
        QCOMPARE(plain.exitCode(), 1);
        QVERIFY(QString::fromUtf8(plain.readAllStandardError())
                    .contains(
                        QString::fromStdString(want.at("error").at("message").get<std::string>())));
    } else {
        QCOMPARE(plain.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(plain.readAllStandardOutput()).trimmed(),
                 QString::fromStdString(want.at("value").get<std::string>()));
    }
}

void TestNaming::slugifyIsIdempotent()
{
    const QStringList inputs{QStringLiteral("Café au lait"),
                             QStringLiteral("__x__"),
                             QStringLiteral("42 apples"),
                             QStringLiteral(""),
                             QStringLiteral("A--B..C"),
                             QStringLiteral("日本")};
    const QRegularExpression shape(QStringLiteral("^[a-z][a-z0-9_]*$"));
    for (const QString &in : inputs) {
        const QString once = Core::Sdk::slugify(in);
        QCOMPARE(Core::Sdk::slugify(once), once);
        QVERIFY2(shape.match(once).hasMatch(), qPrintable(once));
        QVERIFY(!once.contains(QLatin1String("__")));
        QVERIFY(!once.endsWith(QLatin1Char('_')));
    }
}

void TestNaming::truncatedNamesFitTheLimit()
{
    for (int n = 1; n < 120; n += 7) {
        const QString conceptName = QString(n, QLatin1Char('c'));
        const auto plain = Core::Sdk::schemaTableName(QStringLiteral("app"), conceptName);
        QVERIFY(plain);
        QVERIFY(plain->size() <= 63);
        const auto suffixed = Core::Sdk::schemaTableName(
            QStringLiteral("app"), conceptName, QString(n, QLatin1Char('s')));
        QVERIFY(suffixed);
        QVERIFY(suffixed->size() <= 63);
        // The same input gives the same name: the marker is a digest, not a counter.
        QCOMPARE(*Core::Sdk::schemaTableName(QStringLiteral("app"), conceptName), *plain);
    }
    const auto tooSmall = Core::Sdk::boundedIdentifier({QStringLiteral("abcdefghijkl")}, 11);
    QVERIFY(!tooSmall);
    QCOMPARE(tooSmall.error().message, QStringLiteral("Identifier max_length is too small: 11."));
    QCOMPARE(tooSmall.error().detail, QStringLiteral("ValueError"));
}

void TestNaming::cliUsageErrors()
{
    const QString cli = TestSupport::cliPath();
    QVERIFY2(QFileInfo::exists(cli), "METATABLE_CLI does not name the built metatable");
    const QList<QStringList> bad{
        {QStringLiteral("names")},
        {QStringLiteral("names"), QStringLiteral("bogus")},
        {QStringLiteral("names"), QStringLiteral("table"), QStringLiteral("only_app")},
        {QStringLiteral("names"), QStringLiteral("fk"), QStringLiteral("t"), QStringLiteral("c")},
        {QStringLiteral("names"), QStringLiteral("index")},
        {QStringLiteral("names"),
         QStringLiteral("index"),
         QStringLiteral("t"),
         QStringLiteral("--target"),
         QStringLiteral("x")},
        {QStringLiteral("names"),
         QStringLiteral("pk"),
         QStringLiteral("t"),
         QStringLiteral("--frob")},
    };
    for (const QStringList &args : bad) {
        QProcess p;
        p.start(cli, args);
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 2, qPrintable(args.join(QLatin1Char(' '))));
        QVERIFY(!p.readAllStandardError().isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestNaming)
#include "tst_naming.moc"
