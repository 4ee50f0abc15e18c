// SPDX-License-Identifier: MIT
#include <core/config/configcoerce.h>
#include <core/config/configserialize.h>
#include <core/sdk/pyjson.h>

#include <QtTest>

#include <optional>

#include <tests/support/testsupport.h>
#include <tests/support/vectorvalues.h>

using nlohmann::json;

namespace {

std::optional<QString> optionalString(const json &v)
{
    if (v.is_null())
        return std::nullopt;
    return QString::fromStdString(v.get<std::string>());
}

QString text(const json &v)
{
    return QString::fromStdString(v.get<std::string>());
}

// The serialized form of a value: what the hash sees of it.
QString serializedText(const Core::Py::Value &value)
{
    const auto serialized = Core::Config::serializeValue(value);
    if (!serialized)
        return QStringLiteral("error: ") + serialized.error().message;
    const auto dumped = Core::Py::dumps(*serialized);
    return dumped ? QString::fromStdString(*dumped)
                  : QStringLiteral("error: ") + dumped.error().message;
}

// Every model field of the vector (recursively) that carries the raw JSON pydantic coerced.
void collectJsonFields(const json &tagged, std::vector<json> &out)
{
    if (!tagged.is_object())
        return;
    if (tagged.value("t", "") == "model") {
        for (const json &field : tagged.at("fields")) {
            if (field.contains("json_value") && field.contains("annotation"))
                out.push_back(field);
            collectJsonFields(field.at("value"), out);
        }
    }
    for (const char *key : {"items"}) {
        if (tagged.contains(key) && tagged.at(key).is_array()) {
            for (const json &item : tagged.at(key))
                collectJsonFields(item, out);
        }
    }
}

} // namespace

class TestUpdateHash : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void jsonValuesCoerceLikePydantic_data();
    void jsonValuesCoerceLikePydantic();
    void unboundStorageClassIsRefused();
    void hashPrefixFallsBack();
};

void TestUpdateHash::vectors_data()
{
    METATABLE_VECTORS_DIR(dir);
    QTest::addColumn<QByteArray>("caseJson");
    const json file = TestSupport::readVectorFile(dir, QStringLiteral("update_hash.json"));
    QVERIFY(!file.at("cases").empty());
    for (const auto &c : file.at("cases"))
        QTest::newRow(c.at("id").get<std::string>().c_str()) << QByteArray::fromStdString(c.dump());
}

void TestUpdateHash::vectors()
{
    QFETCH(QByteArray, caseJson);
    const json c = json::parse(caseJson.toStdString());
    const json &in = c.at("input");
    const json &expected = c.at("expected");

    Core::Config::NodeCall call;
    call.nodeClass = {text(in.at("node").at("module")), text(in.at("node").at("qualname"))};
    QCOMPARE(call.className(), text(in.at("node").at("name")));
    for (const json &pair : in.at("init_kwargs"))
        call.initKwargs.items.emplace_back(Core::Py::Value::str(pair.at(0).get<std::string>()),
                                           TestSupport::decodePyval(pair.at(1)));
    call.hashNamespace = optionalString(in.at("hash_namespace"));
    call.projectBranchUid = optionalString(in.at("project_branch_uid"));

    const auto hashes = Core::Config::computeNodeHashes(call);
    if (expected.contains("error")) {
        QVERIFY2(!hashes, "expected an error");
        QCOMPARE(hashes.error().message, text(expected.at("error").at("message")));
        return;
    }
    QVERIFY2(hashes.has_value(), hashes ? "" : qPrintable(hashes.error().toText()));
    QCOMPARE(hashes->updatePayloadJson, text(expected.at("update_hash_payload_json")));
    QCOMPARE(hashes->storagePayloadJson, text(expected.at("storage_hash_payload_json")));
    QCOMPARE(hashes->buildConfigurationJson, text(expected.at("build_configuration_json")));
    QCOMPARE(hashes->updateHash, text(expected.at("update_hash")));
    QCOMPARE(hashes->storageHash, text(expected.at("storage_hash")));
}

void TestUpdateHash::jsonValuesCoerceLikePydantic_data()
{
    METATABLE_VECTORS_DIR(dir);
    QTest::addColumn<QByteArray>("fieldJson");
    const json file = TestSupport::readVectorFile(dir, QStringLiteral("update_hash.json"));
    int rows = 0;
    for (const auto &c : file.at("cases")) {
        std::vector<json> fields;
        for (const json &pair : c.at("input").at("init_kwargs"))
            collectJsonFields(pair.at(1), fields);
        for (const json &field : fields) {
            const std::string name
                = c.at("id").get<std::string>() + "/" + field.at("name").get<std::string>();
            QTest::newRow(name.c_str()) << QByteArray::fromStdString(field.dump());
            ++rows;
        }
    }
    QVERIFY(rows > 0);
}

// The console starts from JSON: coercing json_value with the declared annotation must give
// the value pydantic held, as far as the hash can tell (same type, same serialization).
void TestUpdateHash::jsonValuesCoerceLikePydantic()
{
    QFETCH(QByteArray, fieldJson);
    const json field = json::parse(fieldJson.toStdString());
    const auto schema = Core::Config::schemaFromAnnotation(text(field.at("annotation")));
    QVERIFY2(schema.has_value(), schema ? "" : qPrintable(schema.error().toText()));
    const Core::Json raw = Core::Json::parse(field.at("json_value").dump());
    const auto coerced = Core::Config::coerceJsonValue(*schema, raw, {}, QStringLiteral("value"));
    QVERIFY2(coerced.has_value(), coerced ? "" : qPrintable(coerced.error().toText()));
    const Core::Py::Value expected = TestSupport::decodePyval(field.at("value"));
    QCOMPARE(QString::fromStdString(coerced->pythonTypeName()),
             QString::fromStdString(expected.pythonTypeName()));
    QCOMPARE(serializedText(*coerced), serializedText(expected));
}

void TestUpdateHash::unboundStorageClassIsRefused()
{
    Core::Py::Model model{"example_project.configs", "NodeConfig", {}};
    model.fields.push_back({"source",
                            std::make_shared<Core::Py::Value>(Core::Py::StorageClassRef{
                                "example_project.storage", "PricesStorage", std::nullopt}),
                            nullptr});
    Core::Config::NodeCall call;
    call.nodeClass = {QStringLiteral("example_project.nodes"), QStringLiteral("PricesNode")};
    call.initKwargs.set("config", Core::Py::Value(model));
    const auto hashes = Core::Config::computeNodeHashes(call);
    QVERIFY(!hashes);
    QCOMPARE(hashes.error().message,
             QStringLiteral("PlatformTimeIndexMetaTable config value is not registered. Run "
                            "`mainsequence migrations upgrade --provider <provider> head` before "
                            "using it in DataNode configuration."));

    // Bound, a storage class directly in the configuration hashes as its uid.
    model.fields[0].value = std::make_shared<Core::Py::Value>(
        Core::Py::StorageClassRef{"example_project.storage", "PricesStorage", "uid-1"});
    call.initKwargs.set("config", Core::Py::Value(model));
    const auto bound = Core::Config::computeNodeHashes(call);
    QVERIFY(bound.has_value());
    QVERIFY(bound->storagePayloadJson.contains(QLatin1String("\"source\": \"uid-1\"")));
    QVERIFY(bound->buildConfigurationJson.contains(
        QLatin1String("\"__type__\": \"platform_time_index_meta_table\"")));

    model.fields[0].hashExcluded = std::make_shared<Core::Py::Value>(Core::Py::Value::integer(1));
    call.initKwargs.set("config", Core::Py::Value(model));
    const auto badFlag = Core::Config::computeNodeHashes(call);
    QVERIFY(!badFlag);
    QCOMPARE(badFlag.error().message,
             QStringLiteral("NodeConfig.source metadata 'hash_excluded' must be bool"));
}

void TestUpdateHash::hashPrefixFallsBack()
{
    QCOMPARE(Core::Config::hashPrefix(QStringLiteral("___")), QStringLiteral("hash"));
    QCOMPARE(Core::Config::hashPrefix(QStringLiteral("AVeryLongDataNodeClassNameThatGoesOnAndOn")),
             QStringLiteral("averylongdatanodeclassnamethat"));
    QCOMPARE(Core::Config::hashPrefix(QStringLiteral("Abcdefghijklmnopqrstuvwxyz123_x")),
             QStringLiteral("abcdefghijklmnopqrstuvwxyz123"));
}

QTEST_GUILESS_MAIN(TestUpdateHash)
#include "tst_updatehash.moc"
