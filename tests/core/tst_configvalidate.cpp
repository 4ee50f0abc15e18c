// SPDX-License-Identifier: MIT
// Configuration validation against what pydantic itself decides: tests/python/config_shapes.py
// builds pydantic v2 models covering every shape (bounds, lengths, patterns, enums, literals,
// nested and extra-forbidding models, Optional, unions, lists, dicts, tuples, datetimes, dates,
// UUIDs) and validates candidate configurations with pydantic; every verdict and every error
// location must come out the same here.
#include <core/config/configvalidate.h>

#include <QtTest>

#include <tests/support/testsupport.h>

using Core::Json;
using namespace Core::Config;

class TestConfigValidate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void agreesWithPydantic_data();
    void agreesWithPydantic();
    void readsTheOlderAllOfWrapping();
    void unknownKeysAreWarnedUnlessForbidden();
    void messagesSayWhatIsAccepted();
    void naiveDateTimesAreWarned();

private:
    Json m_generated;
};

void TestConfigValidate::initTestCase()
{
    m_generated = TestSupport::pythonJson(QStringLiteral("config_shapes.py"));
    QVERIFY(QString::fromStdString(m_generated.at("pydantic").get<std::string>())
                .startsWith(QLatin1Char('2')));
    QVERIFY(m_generated.at("cases").size() >= 50);
}

void TestConfigValidate::agreesWithPydantic_data()
{
    QTest::addColumn<int>("index");
    const Json &cases = m_generated.at("cases");
    for (size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases.at(i).at("config").dump().c_str()) << int(i);
}

void TestConfigValidate::agreesWithPydantic()
{
    QFETCH(int, index);
    const Json &c = m_generated.at("cases").at(size_t(index));
    const Json &schema = m_generated.at("schemas").at(c.at("model").get<std::string>());
    const QList<ConfigIssue> issues = validateConfig(schema, c.at("config"));
    QStringList ours;
    for (const ConfigIssue &i : issues)
        ours.append((i.warning ? QStringLiteral("warning ") : QString()) + i.path()
                    + QStringLiteral(": ") + i.message);
    const bool valid = c.at("valid").get<bool>();
    QVERIFY2(hasErrors(issues) != valid,
             qPrintable(QStringLiteral("pydantic says %1, we say: %2")
                            .arg(valid ? QStringLiteral("valid") : QStringLiteral("invalid"),
                                 ours.join(QStringLiteral("; ")))));
    // Every pydantic error is ours too: our location equals its loc, or is its loc without the
    // union member tag pydantic appends ("either", "int").
    QList<QStringList> locs;
    for (const Json &loc : c.at("locs")) {
        QStringList l;
        for (const Json &part : loc)
            l.append(QString::fromStdString(part.get<std::string>()));
        locs.append(l);
    }
    const auto prefixOf = [](const QStringList &a, const QStringList &b) {
        return a.size() <= b.size() && b.mid(0, a.size()) == a;
    };
    for (const QStringList &loc : locs) {
        const bool found = std::any_of(issues.cbegin(), issues.cend(), [&](const ConfigIssue &i) {
            return !i.warning && prefixOf(i.location, loc);
        });
        QVERIFY2(found,
                 qPrintable(QStringLiteral("pydantic reports %1; we report: %2")
                                .arg(loc.join(QLatin1Char('.')), ours.join(QStringLiteral("; ")))));
    }
    for (const ConfigIssue &i : issues) {
        if (i.warning)
            continue;
        const bool known = std::any_of(locs.cbegin(), locs.cend(), [&](const QStringList &loc) {
            return prefixOf(i.location, loc);
        });
        QVERIFY2(
            known,
            qPrintable(QStringLiteral("pydantic does not report %1: %2").arg(i.path(), i.message)));
    }
}

void TestConfigValidate::readsTheOlderAllOfWrapping()
{
    const Json schema = Json::parse(R"({
        "type": "object",
        "properties": {"window": {"allOf": [{"$ref": "#/$defs/Window"}], "description": "w"}},
        "$defs": {"Window": {"type": "object", "title": "Window",
                             "properties": {"days": {"type": "integer", "minimum": 1}},
                             "required": ["days"]}}
    })");
    QVERIFY(validateConfig(schema, Json::parse(R"({"window": {"days": 3}})")).isEmpty());
    const auto issues = validateConfig(schema, Json::parse(R"({"window": {"days": 0}})"));
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().path(), QStringLiteral("window.days"));
    QCOMPARE(issues.first().message, QStringLiteral("0 must be at least 1"));
    const auto missing = validateConfig(schema, Json::parse(R"({"window": {}})"));
    QCOMPARE(missing.size(), 1);
    QCOMPARE(missing.first().path(), QStringLiteral("window.days"));
}

void TestConfigValidate::unknownKeysAreWarnedUnlessForbidden()
{
    const Json &schema = m_generated.at("schemas").at("Shapes");
    const auto issues = validateConfig(schema, Json::parse(R"({"name": "ok", "nmae": 1})"));
    QCOMPARE(issues.size(), 1);
    QVERIFY(issues.first().warning);
    QVERIFY(!hasErrors(issues));
    QCOMPARE(issues.first().path(), QStringLiteral("nmae"));
}

void TestConfigValidate::messagesSayWhatIsAccepted()
{
    const Json &schema = m_generated.at("schemas").at("Shapes");
    const auto first = [&](const char *config) {
        const auto issues = validateConfig(schema, Json::parse(config));
        return issues.isEmpty()
                   ? QString()
                   : issues.first().path() + QStringLiteral(": ") + issues.first().message;
    };
    QCOMPARE(first(R"({"name": "ok", "color": "blue"})"),
             QStringLiteral("color: \"blue\" is not one of \"red\", \"green\""));
    QCOMPARE(first(R"({"name": "ok", "count": 100})"),
             QStringLiteral("count: 100 must be less than 100"));
    QCOMPARE(first(R"({"name": "a"})"), QStringLiteral("name: needs at least 2 characters, has 1"));
    QCOMPARE(first(R"({"name": "ok", "tags": ["a", "b", "c", "d"]})"),
             QStringLiteral("tags: takes at most 3 items, has 4"));
    QCOMPARE(first(R"({})"), QStringLiteral("name: required field is missing: give it a value"));
}

void TestConfigValidate::naiveDateTimesAreWarned()
{
    const Json &schema = m_generated.at("schemas").at("Shapes");
    for (const char *aware : {R"({"name": "ok", "start": "2024-05-01T09:30:00Z"})",
                              R"({"name": "ok", "start": "2024-05-01T09:30:00+02:00"})",
                              R"({"name": "ok", "start": 1714555800})",
                              R"({"name": "ok", "start": null})"})
        QVERIFY2(validateConfig(schema, Json::parse(aware)).isEmpty(), aware);
    // Valid for pydantic (a warning, saving is allowed), but naive: said, with the UTC spelling.
    const auto issues
        = validateConfig(schema, Json::parse(R"({"name": "ok", "start": "2024-05-01 09:30"})"));
    QCOMPARE(issues.size(), 1);
    QVERIFY(issues.first().warning);
    QCOMPARE(issues.first().path(), QStringLiteral("start"));
    QVERIFY2(issues.first().message.contains(QStringLiteral("\"2024-05-01T09:30:00+00:00\"")),
             qPrintable(issues.first().message));
}

QTEST_GUILESS_MAIN(TestConfigValidate)
#include "tst_configvalidate.moc"
