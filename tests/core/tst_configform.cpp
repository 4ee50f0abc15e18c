// SPDX-License-Identifier: MIT
// The configuration form built from schemas real pydantic v2 writes (tests/python/
// config_shapes.py, run at test time): each shape gets its editor kind, titles fall back to the
// $defs title or the key, defaults and computed defaults, Optional as a None toggle, bounds,
// lengths, patterns, examples, hash_excluded; and the demo nodes' forms.
#include <core/config/configform.h>
#include <core/config/configvalidate.h>
#include <core/manifest/manifestio.h>

#include <QtTest>

#include <tests/support/testsupport.h>

using Core::Json;
using namespace Core::Config;

class TestConfigForm : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyShapeHasItsEditor_data();
    void everyShapeHasItsEditor();
    void fieldDetails();
    void initialValues();
    void demoNodes();
    void unrenderableFieldsFallBackToJson();

private:
    const FormField *child(const QString &key) const;
    FormField m_form;
    Json m_schema;
};

void TestConfigForm::initTestCase()
{
    const Json generated = TestSupport::pythonJson(QStringLiteral("config_shapes.py"));
    m_schema = generated.at("schemas").at("Shapes");
    auto form = buildForm(m_schema);
    QVERIFY2(form, form ? "" : qPrintable(form.error().message));
    m_form = *form;
    QCOMPARE(m_form.kind, FieldKind::Model);
}

const FormField *TestConfigForm::child(const QString &key) const
{
    for (const FormField &f : m_form.children) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

void TestConfigForm::everyShapeHasItsEditor_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("nullable");
    const struct
    {
        const char *key, *kind;
        bool nullable;
    } rows[] = {{"name", "text", false},
                {"count", "integer", false},
                {"ratio", "number", false},
                {"step", "number", false},
                {"color", "choice", false},
                {"level", "choice", false},
                {"mode", "choice", false},
                {"window", "model", false},
                {"strict", "model", true},
                {"tags", "list", false},
                {"weights", "dict", false},
                {"start", "date-time", true},
                {"day", "date", false},
                {"uid", "uuid", true},
                {"either", "union", false},
                {"anything", "any", false},
                {"pair", "tuple", false},
                {"label", "text", false}};
    for (const auto &r : rows)
        QTest::newRow(r.key) << QString::fromLatin1(r.key) << QString::fromLatin1(r.kind)
                             << r.nullable;
}

void TestConfigForm::everyShapeHasItsEditor()
{
    QFETCH(QString, key);
    QFETCH(QString, kind);
    QFETCH(bool, nullable);
    const FormField *f = child(key);
    QVERIFY2(f, qPrintable(key));
    QCOMPARE(fieldKindName(f->kind), kind);
    QCOMPARE(f->nullable, nullable);
}

void TestConfigForm::fieldDetails()
{
    // Declaration order, as pydantic writes the properties.
    QStringList keys;
    for (const FormField &f : m_form.children)
        keys.append(f.key);
    QCOMPARE(keys.mid(0, 4), (QStringList{"name", "count", "ratio", "step"}));

    const FormField *name = child(QStringLiteral("name"));
    QVERIFY(name->required);
    QCOMPARE(name->description, QStringLiteral("A short name"));
    QCOMPARE(name->examples.size(), 2);
    QCOMPARE(name->minLength, std::optional<qint64>(2));
    QCOMPARE(name->maxLength, std::optional<qint64>(10));
    const FormField *count = child(QStringLiteral("count"));
    QCOMPARE(count->minimum, std::optional<double>(0));
    QCOMPARE(count->exclusiveMaximum, std::optional<double>(100));
    QCOMPARE(count->defaultValue, std::optional<Json>(Json(0)));
    // A $ref field has no title of its own: the $defs title.
    QCOMPARE(child(QStringLiteral("color"))->title, QStringLiteral("Color"));
    QCOMPARE(child(QStringLiteral("color"))->choices.size(), 2);
    // default_factory: no default in the schema, not required.
    QVERIFY(child(QStringLiteral("tags"))->computedDefault);
    QVERIFY(!child(QStringLiteral("count"))->computedDefault);
    QCOMPARE(child(QStringLiteral("tags"))->maxLength, std::optional<qint64>(3));
    QCOMPARE(fieldKindName(child(QStringLiteral("tags"))->children.first().kind),
             QStringLiteral("text"));
    QCOMPARE(fieldKindName(child(QStringLiteral("weights"))->children.first().kind),
             QStringLiteral("number"));
    const FormField *window = child(QStringLiteral("window"));
    QCOMPARE(window->children.size(), 2);
    QCOMPARE(window->children.first().minimum, std::optional<double>(1));
    QVERIFY(child(QStringLiteral("strict"))->forbidsExtra);
    QCOMPARE(child(QStringLiteral("strict"))->children.first().pattern,
             QStringLiteral("^[A-Z]{3}$"));
    QCOMPARE(child(QStringLiteral("either"))->children.size(), 2);
    QCOMPARE(child(QStringLiteral("pair"))->children.size(), 2);
    QVERIFY(child(QStringLiteral("label"))->hashExcluded);
    QVERIFY(!child(QStringLiteral("name"))->hashExcluded);
    // Where a nested model or enum is defined, for lint findings on its fields.
    QCOMPARE(child(QStringLiteral("window"))->definition, QStringLiteral("Window"));
    QCOMPARE(child(QStringLiteral("strict"))->definition, QStringLiteral("Strict")); // Optional
    QCOMPARE(child(QStringLiteral("color"))->definition, QStringLiteral("Color"));
    QCOMPARE(child(QStringLiteral("name"))->definition, QString());
}

void TestConfigForm::initialValues()
{
    // What a field starts from when given a value: valid for pydantic wherever that is possible.
    QCOMPARE(initialValue(*child(QStringLiteral("name"))), Json("alpha")); // the first example
    QCOMPARE(initialValue(*child(QStringLiteral("count"))), Json(0));      // the default
    QCOMPARE(initialValue(*child(QStringLiteral("color"))), Json("red"));
    QCOMPARE(initialValue(*child(QStringLiteral("tags"))), Json::array());
    QCOMPARE(initialValue(*child(QStringLiteral("weights"))), Json::object());
    QCOMPARE(initialValue(*child(QStringLiteral("pair"))), Json::parse(R"([1, "a"])"));
    const FormField &days = child(QStringLiteral("window"))->children.first();
    FormField noDefault = days;
    noDefault.defaultValue.reset();
    QCOMPARE(initialValue(noDefault), Json(1)); // ge=1
    const Json start = initialValue(*child(QStringLiteral("start")));
    QVERIFY(start.is_string());
    QVERIFY(QString::fromStdString(start.get<std::string>()).endsWith(QStringLiteral("+00:00")));
    for (const char *key : {"uid", "start", "either", "day", "count", "ratio", "mode"}) {
        Json config = Json::parse(R"({"name": "ok"})");
        config[key] = initialValue(*child(QString::fromLatin1(key)));
        const auto issues = validateConfig(m_schema, config);
        QVERIFY2(issues.isEmpty(), key);
    }
}

void TestConfigForm::demoNodes()
{
    auto doc = Core::readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY(doc);
    for (const Core::NodeDefinition &node : doc->manifest.nodes) {
        auto form = buildForm(node.configSchema);
        QVERIFY2(form, qPrintable(node.classRef.path()));
        for (const FormField &f : form->children)
            QVERIFY2(f.kind != FieldKind::Json, qPrintable(node.classRef.path() + u' ' + f.key));
    }
    const Core::NodeDefinition &spread
        = *std::find_if(doc->manifest.nodes.cbegin(),
                        doc->manifest.nodes.cend(),
                        [](const auto &n) { return n.classRef.qualname == u"SpreadNode"; });
    auto form = buildForm(spread.configSchema);
    QVERIFY(std::any_of(form->children.cbegin(), form->children.cend(), [](const FormField &f) {
        return f.kind == FieldKind::StorageClass;
    }));
}

void TestConfigForm::unrenderableFieldsFallBackToJson()
{
    const Json schema = Json::parse(R"({"type": "object", "properties": {
        "odd": {"type": "object", "allOf": [{"type": "object"}, {"type": "object"}]},
        "old": {"allOf": [{"$ref": "#/$defs/Mode"}], "default": "a"}},
        "$defs": {"Mode": {"enum": ["a", "b"], "title": "Mode", "type": "string"}}})");
    auto form = buildForm(schema);
    QVERIFY(form);
    QCOMPARE(form->children.at(0).kind, FieldKind::Json);
    QVERIFY(!form->children.at(0).unsupported.isEmpty());
    QCOMPARE(form->children.at(1).kind, FieldKind::Choice); // the older allOf wrapping
    QCOMPARE(form->children.at(1).title, QStringLiteral("Mode"));
    QVERIFY(!buildForm(Json::parse(R"({"type": "string"})")));
    // A flag written as a string by hand marks nothing, and does not throw.
    auto odd = buildForm(Json::parse(
        R"({"type": "object", "properties": {"a": {"type": "string", "hash_excluded": "yes"}}})"));
    QVERIFY(odd);
    QVERIFY(!odd->children.first().hashExcluded);
}

QTEST_GUILESS_MAIN(TestConfigForm)
#include "tst_configform.moc"
