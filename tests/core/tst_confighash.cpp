// SPDX-License-Identifier: MIT
#include <core/config/nodehash.h>
#include <core/sdk/pyjson.h>

#include <QtTest>

using Core::Json;

namespace {

// What pydantic v2's model_json_schema() writes for
//   class Color(str, Enum): RED = "red"; BLUE = "blue"
//   class Window(BaseModel): start: datetime; size: int = 5
//   class DailyConfig(BaseModel):
//       scale: float = 1
//       count: int
//       start: datetime | None = None
//       uid: UUID | None = None
//       color: Color = Color.RED
//       window: Window | None = None
//       pair: tuple[int, str] = (1, "a")
//       steps: tuple[int, ...] = ()            # marked "x-python-type": "tuple"
//       names: list[str] = []
//       source: type[PricesStorage] | None = None   # marked "x-metatable-storage-class"
//       label: str = "Daily" (json_schema_extra={"hash_excluded": True})
Json configSchema()
{
    return Json::parse(R"({
      "$defs": {
        "Color": {"enum": ["red", "blue"], "title": "Color", "type": "string"},
        "Window": {
          "properties": {
            "start": {"format": "date-time", "title": "Start", "type": "string"},
            "size": {"default": 5, "title": "Size", "type": "integer"}
          },
          "required": ["start"], "title": "Window", "type": "object",
          "x-metatable-class": {"module": "example_project.windows", "qualname": "Window"}
        }
      },
      "properties": {
        "scale": {"default": 1, "title": "Scale", "type": "number"},
        "count": {"title": "Count", "type": "integer"},
        "start": {"anyOf": [{"format": "date-time", "type": "string"}, {"type": "null"}],
                  "default": null, "title": "Start"},
        "uid": {"anyOf": [{"format": "uuid", "type": "string"}, {"type": "null"}],
                "default": null, "title": "Uid"},
        "color": {"$ref": "#/$defs/Color", "default": "red"},
        "window": {"anyOf": [{"$ref": "#/$defs/Window"}, {"type": "null"}], "default": null},
        "pair": {"default": [1, "a"], "maxItems": 2, "minItems": 2,
                 "prefixItems": [{"type": "integer"}, {"type": "string"}], "title": "Pair",
                 "type": "array"},
        "steps": {"default": [], "items": {"type": "integer"}, "title": "Steps", "type": "array",
                  "x-python-type": "tuple"},
        "names": {"default": [], "items": {"type": "string"}, "title": "Names", "type": "array"},
        "source": {"default": null, "title": "Source", "x-metatable-storage-class": true,
                   "anyOf": [{"type": "object"}, {"type": "null"}]},
        "label": {"default": "Daily", "hash_excluded": true, "title": "Label", "type": "string"}
      },
      "required": ["count"], "title": "DailyConfig", "type": "object"
    })");
}

Core::NodeDefinition node(const Json &config)
{
    Core::NodeDefinition n;
    n.classRef = {QStringLiteral("example_project.nodes"), QStringLiteral("DailyNode")};
    n.configClass = {QStringLiteral("example_project.nodes"), QStringLiteral("DailyConfig")};
    n.configSchema = configSchema();
    n.config = config;
    return n;
}

const Core::ClassRef kPrices{QStringLiteral("example_project.storage"),
                             QStringLiteral("PricesStorage")};

std::optional<QString> boundPrices(const Core::ClassRef &ref)
{
    if (ref == kPrices)
        return QStringLiteral("uid-prices");
    return std::nullopt;
}

// The serialized configuration (build configuration) of a node, as text.
QString build(const Json &config)
{
    const auto hashes = Core::Config::computeNodeHashes(node(config), &boundPrices);
    if (!hashes)
        return QStringLiteral("error: ") + hashes.error().message;
    return hashes->buildConfigurationJson;
}

// One coerced value, serialized the way the hash sees it.
QString coerced(const char *schema, const Json &value)
{
    const auto v
        = Core::Config::coerceJsonValue(Json::parse(schema), value, {}, QStringLiteral("config.x"));
    if (!v)
        return QStringLiteral("error: ") + v.error().message;
    const auto s = Core::Config::serializeValue(*v);
    if (!s)
        return QStringLiteral("error: ") + s.error().message;
    const auto text = Core::Py::dumps(*s);
    return text ? QString::fromStdString(*text) : QStringLiteral("error: ") + text.error().message;
}

} // namespace

class TestConfigHash : public QObject
{
    Q_OBJECT

private slots:
    void scalarsCoerceLikePydantic_data();
    void scalarsCoerceLikePydantic();
    void defaultsAreNotValidated();
    void nestedModelsEnumsAndTuples();
    void storageClassHashesByBoundUid();
    void hashExcludedEditsKeepTheHash();
    void missingAndUnknownFieldsAreNamed();
    void annotationsGivePydanticSchemas();
};

void TestConfigHash::scalarsCoerceLikePydantic_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    const QString dt = QStringLiteral(R"({"type": "string", "format": "date-time"})");
    const auto row
        = [](const char *name, const QString &schema, const char *value, const char *expected) {
              QTest::newRow(name) << schema << QString::fromUtf8(value)
                                  << QString::fromUtf8(expected);
          };
    row("float from int", QStringLiteral(R"({"type": "number"})"), "1", "1.0");
    row("int from integral float", QStringLiteral(R"({"type": "integer"})"), "3.0", "3");
    row("int from fraction",
        QStringLiteral(R"({"type": "integer"})"),
        "3.5",
        "error: Configuration value config.x: expected an integer (no fractional part), found the "
        "number 3.5.");
    row("int from text", QStringLiteral(R"({"type": "integer"})"), "\" 42 \"", "42");
    row("bool from text", QStringLiteral(R"({"type": "boolean"})"), "\"yes\"", "true");
    row("str refuses numbers",
        QStringLiteral(R"({"type": "string"})"),
        "5",
        "error: Configuration value config.x: expected a string, found the number 5.");
    row("Z becomes +00:00", dt, "\"2024-01-31T10:00:00Z\"", "\"2024-01-31T10:00:00+00:00\"");
    row("offset kept", dt, "\"2024-03-10T05:30:00+05:30\"", "\"2024-03-10T05:30:00+05:30\"");
    row("negative offset kept",
        dt,
        "\"2023-12-31T16:00:00-0800\"",
        "\"2023-12-31T16:00:00-08:00\"");
    row("fraction truncated",
        dt,
        "\"2024-01-31T10:00:00.1234567Z\"",
        "\"2024-01-31T10:00:00.123456+00:00\"");
    row("zero fraction dropped",
        dt,
        "\"2024-01-31T10:00:00.000Z\"",
        "\"2024-01-31T10:00:00+00:00\"");
    row("date alone is naive midnight", dt, "\"2024-01-31\"", "\"2024-01-31T00:00:00\"");
    row("naive stays naive", dt, "\"2024-01-31 10:00\"", "\"2024-01-31T10:00:00\"");
    row("unix seconds", dt, "1700000000", "\"2023-11-14T22:13:20+00:00\"");
    row("unix milliseconds", dt, "1700000000500", "\"2023-11-14T22:13:20.500000+00:00\"");
    row("bad datetime",
        dt,
        "\"2024-02-30T00:00:00Z\"",
        "error: Configuration value config.x: expected a datetime (ISO 8601 text such as "
        "2024-01-31T00:00:00Z, or a Unix time number), found the string "
        "\"2024-02-30T00:00:00Z\".");
    row("uuid lowercased",
        QStringLiteral(R"({"type": "string", "format": "uuid"})"),
        "\"0B1C2D3E4F504A6B8C7D8E9FA0B1C2D3\"",
        "\"0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3\"");
    row("date is not JSON serializable",
        QStringLiteral(R"({"type": "string", "format": "date"})"),
        "\"2024-01-31\"",
        "error: Object of type date is not JSON serializable");
    row("literal", QStringLiteral(R"({"enum": ["a", "b"], "type": "string"})"), "\"b\"", "\"b\"");
    row("optional null",
        QStringLiteral(R"({"anyOf": [{"type": "number"}, {"type": "null"}]})"),
        "null",
        "null");
    row("optional value",
        QStringLiteral(R"({"anyOf": [{"type": "number"}, {"type": "null"}]})"),
        "2",
        "2.0");
    row("set",
        QStringLiteral(R"({"type": "array", "uniqueItems": true, "items": {}})"),
        "[1]",
        "error: Object of type set is not JSON serializable");
    row("dict values",
        QStringLiteral(R"({"type": "object", "additionalProperties": {"type": "number"}})"),
        "{\"b\": 1, \"a\": 2}",
        "{\"a\": 2.0, \"b\": 1.0}");
}

void TestConfigHash::scalarsCoerceLikePydantic()
{
    QFETCH(QString, schema);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(coerced(schema.toUtf8().constData(), Json::parse(value.toStdString())), expected);
}

void TestConfigHash::defaultsAreNotValidated()
{
    const QString text = build(Json{{"count", 2}});
    // scale is a float declared "= 1": the default is the int 1, not 1.0.
    QVERIFY2(text.contains(QLatin1String("\"scale\": 1,")), qPrintable(text));
    QVERIFY(
        text.contains(QLatin1String("\"pair\": {\"__type__\": \"tuple\", \"items\": [1, \"a\"]}")));
    QVERIFY(text.contains(QLatin1String("\"steps\": {\"__type__\": \"tuple\", \"items\": []}")));
    QVERIFY(text.contains(QLatin1String("\"names\": []")));
    QVERIFY(text.contains(QLatin1String("\"color\": \"red\"")));
    // Given, the same field is validated into a float.
    QVERIFY(build(Json{{"count", 2}, {"scale", 1}}).contains(QLatin1String("\"scale\": 1.0,")));
}

void TestConfigHash::nestedModelsEnumsAndTuples()
{
    const QString text = build(Json::parse(R"({"count": 1, "color": "blue",
        "window": {"start": "2024-01-01T00:00:00Z"}, "steps": [1, 2], "names": ["x"]})"));
    QVERIFY2(text.contains(QLatin1String(
                 "\"window\": {\"hash_excluded\": [], \"pydantic_model_import_path\": "
                 "{\"module\": \"example_project.windows\", \"qualname\": \"Window\"}, "
                 "\"serialized_model\": {\"size\": 5, \"start\": \"2024-01-01T00:00:00+00:00\"}}")),
             qPrintable(text));
    QVERIFY(text.contains(QLatin1String("\"color\": \"blue\"")));
    QVERIFY(
        text.contains(QLatin1String("\"steps\": {\"__type__\": \"tuple\", \"items\": [1, 2]}")));
    QVERIFY(text.contains(QLatin1String("\"names\": [\"x\"]")));
    QCOMPARE(build(Json{{"count", 1}, {"color", "green"}}),
             QStringLiteral("error: Configuration value config.color: expected one of "
                            "[\"red\",\"blue\"], found the string \"green\"."));
    QCOMPARE(build(Json{{"count", 1}, {"pair", Json::array({1})}}),
             QStringLiteral("error: Configuration value config.pair: expected an array of "
                            "exactly 2 items, found an array."));
}

void TestConfigHash::storageClassHashesByBoundUid()
{
    const Json ref = {{"__type__", "platform_time_index_meta_table"},
                      {"module", "example_project.storage"},
                      {"qualname", "PricesStorage"}};
    const auto bound
        = Core::Config::computeNodeHashes(node(Json{{"count", 1}, {"source", ref}}), &boundPrices);
    QVERIFY2(bound.has_value(), bound ? "" : qPrintable(bound.error().toText()));
    QVERIFY(bound->storagePayloadJson.contains(QLatin1String("\"source\": \"uid-prices\"")));

    // Another class bound to the same uid hashes the same: the hash sees only the uid.
    Core::ProviderManifest manifest;
    Core::StorageClass sc;
    sc.classRef = kPrices;
    sc.binding = Core::Binding{QStringLiteral("uid-prices"), {}, {}, {}};
    manifest.storageClasses.push_back(sc);
    const auto viaManifest = Core::Config::computeNodeHashes(
        node(Json{{"count", 1}, {"source", ref}}), Core::Config::lookupFromManifest(manifest));
    QVERIFY(viaManifest.has_value());
    QCOMPARE(viaManifest->updateHash, bound->updateHash);

    manifest.storageClasses[0].binding.reset();
    const auto unbound = Core::Config::computeNodeHashes(
        node(Json{{"count", 1}, {"source", ref}}), Core::Config::lookupFromManifest(manifest));
    QVERIFY(!unbound);
    QCOMPARE(unbound.error().message,
             QStringLiteral("PlatformTimeIndexMetaTable config value is not registered. Run "
                            "`mainsequence migrations upgrade --provider <provider> head` before "
                            "using it in DataNode configuration."));
    const QString notARef = build(Json{{"count", 1}, {"source", "PricesStorage"}});
    QVERIFY2(notARef.startsWith(QLatin1String(
                 "error: Configuration value config.source: expected a storage class reference")),
             qPrintable(notARef));
}

void TestConfigHash::hashExcludedEditsKeepTheHash()
{
    const Core::NodeDefinition n = node(Json{{"count", 1}, {"label", "Daily"}});
    QCOMPARE(Core::Config::hashExcludedFields(n.configSchema),
             QStringList{QStringLiteral("label")});
    QVERIFY(Core::Config::isHashExcluded(n.configSchema, QStringLiteral("label")));
    QVERIFY(!Core::Config::isHashExcluded(n.configSchema, QStringLiteral("count")));

    auto changes
        = Core::Config::editChangesUpdateHash(n, QStringLiteral("label"), "Weekly", &boundPrices);
    QVERIFY(changes.has_value());
    QVERIFY(!*changes);
    changes = Core::Config::editChangesUpdateHash(n, QStringLiteral("count"), 2, &boundPrices);
    QVERIFY(changes.has_value());
    QVERIFY(*changes);
    // Equal after coercion: 1.0 for an int field is the same 1.
    changes = Core::Config::editChangesUpdateHash(n, QStringLiteral("count"), 1.0, &boundPrices);
    QVERIFY(changes.has_value());
    QVERIFY(!*changes);
    changes = Core::Config::editChangesUpdateHash(n, QStringLiteral("nope"), 1, &boundPrices);
    QVERIFY(!changes);

    // A namespace and a project branch change the update hash; the branch not the storage one.
    Core::Config::NodeHashOptions options;
    const auto plain = Core::Config::computeNodeHashes(n, &boundPrices);
    options.projectBranchUid = QStringLiteral("branch-1");
    const auto branched = Core::Config::computeNodeHashes(n, &boundPrices, options);
    QVERIFY(plain && branched);
    QVERIFY(plain->updateHash != branched->updateHash);
    QCOMPARE(plain->storageHash, branched->storageHash);
    QVERIFY(plain->updateHash.startsWith(QLatin1String("dailynode_")));
}

void TestConfigHash::missingAndUnknownFieldsAreNamed()
{
    QCOMPARE(build(Json::object()),
             QStringLiteral("error: Configuration value config.count is required: DailyConfig "
                            "declares no default for it; give it a value."));
    QCOMPARE(build(Json{{"count", 1}, {"colour", "red"}}),
             QStringLiteral("error: Configuration value config.colour: DailyConfig has no field "
                            "colour; remove the key or add the field to the configuration "
                            "class."));
    QCOMPARE(build(Json::parse(R"({"count": 1, "window": {"size": 2}})")),
             QStringLiteral("error: Configuration value config.window.start is required: Window "
                            "declares no default for it; give it a value."));
}

void TestConfigHash::annotationsGivePydanticSchemas()
{
    const auto schema
        = Core::Config::schemaFromAnnotation(QStringLiteral("Optional[tuple[int, ...]]"));
    QVERIFY(schema.has_value());
    QCOMPARE(
        QString::fromStdString(schema->dump()),
        QStringLiteral(
            R"({"anyOf":[{"type":"array","items":{"type":"integer"},"x-python-type":"tuple"},{"type":"null"}]})"));
    QCOMPARE(coerced(schema->dump().c_str(), Json::array({1, 2.0})),
             QStringLiteral("{\"__type__\": \"tuple\", \"items\": [1, 2]}"));
    QVERIFY(!Core::Config::schemaFromAnnotation(QStringLiteral("list[int")));
    QVERIFY(!Core::Config::schemaFromAnnotation(QStringLiteral("Frobnicator")));
}

QTEST_GUILESS_MAIN(TestConfigHash)
#include "tst_confighash.moc"
