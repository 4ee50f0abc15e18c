// SPDX-License-Identifier: MIT
#include <core/sdk/pyjson.h>

#include <QtTest>

#include <nlohmann/json.hpp>

#include <bit>
#include <cstdint>

#include <tests/support/testsupport.h>
#include <tests/support/vectorvalues.h>

using nlohmann::json;

namespace {

// {"json": text} or {"error": {"type", "message"}}, as python_json.json states results.
json evaluate(const json &input)
{
    const auto r = Core::Py::dumps(TestSupport::decodePyval(input.at("value")));
    if (!r)
        return json{{"error",
                     {{"type", r.error().detail.toStdString()},
                      {"message", r.error().message.toStdString()}}}};
    return json{{"json", *r}};
}

void compareCase(const QByteArray &caseJson)
{
    const json c = json::parse(caseJson.toStdString());
    const json got = evaluate(c.at("input"));
    QCOMPARE(QString::fromStdString(got.dump()), QString::fromStdString(c.at("expected").dump()));
}

} // namespace

class TestPyJson : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void extraCases_data();
    void extraCases();
    void floatRepr_data();
    void floatRepr();
    void unsupportedTypesNameThePythonType();
};

void TestPyJson::vectors_data()
{
    QTest::addColumn<QByteArray>("caseJson");
    const QString dir = TestSupport::vectorsDir();
    if (dir.isEmpty())
        return;
    const json doc = TestSupport::readVectorFile(dir, QStringLiteral("python_json.json"));
    for (const auto &c : doc.at("cases"))
        QTest::newRow(c.at("id").get<std::string>().c_str()) << QByteArray::fromStdString(c.dump());
}

void TestPyJson::vectors()
{
    METATABLE_VECTORS_DIR(dir);
    QFETCH(QByteArray, caseJson);
    compareCase(caseJson);
}

// Outputs of Python 3.11 json.dumps(value, sort_keys=True) for rules the public vectors do not
// pin down: escapes, key order by code point, numeric keys, NaN keys, mixed-key errors.
void TestPyJson::extraCases_data()
{
    QTest::addColumn<QByteArray>("caseJson");
    QTest::newRow("big-int") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "int", "v": "18446744073709551616"}}, "expected": {"json": "18446744073709551616"}})");
    QTest::newRow("escapes") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "str", "v": "q\"b\\s/\n\r\t\b\f\u0000\u001f\u007f"}}, "expected": {"json": "\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\""}})");
    QTest::newRow("astral-pair") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "str", "v": "\ud83d\ude00"}}, "expected": {"json": "\"\\ud83d\\ude00\""}})");
    QTest::newRow("key-code-point-order") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "str", "v": "\uffff"}, {"t": "int", "v": "1"}], [{"t": "str", "v": "\ud83d\ude00"}, {"t": "int", "v": "2"}], [{"t": "str", "v": "\ue000"}, {"t": "int", "v": "3"}]]}}, "expected": {"json": "{\"\\ue000\": 3, \"\\uffff\": 1, \"\\ud83d\\ude00\": 2}"}})");
    QTest::newRow("int-keys-numeric-order") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "int", "v": "10"}, {"t": "str", "v": "a"}], [{"t": "int", "v": "9"}, {"t": "str", "v": "b"}]]}}, "expected": {"json": "{\"9\": \"b\", \"10\": \"a\"}"}})");
    QTest::newRow("none-key") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "none"}, {"t": "int", "v": "1"}]]}}, "expected": {"json": "{\"null\": 1}"}})");
    QTest::newRow("mixed-keys") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "int", "v": "1"}, {"t": "str", "v": "a"}], [{"t": "str", "v": "b"}, {"t": "int", "v": "2"}]]}}, "expected": {"error": {"type": "TypeError", "message": "'<' not supported between instances of 'str' and 'int'"}}})");
    QTest::newRow("tuple-key") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "tuple", "items": [{"t": "int", "v": "1"}, {"t": "int", "v": "2"}]}, {"t": "int", "v": "0"}]]}}, "expected": {"error": {"type": "TypeError", "message": "keys must be str, int, float, bool or None, not tuple"}}})");
    QTest::newRow("set-value") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "str", "v": "a"}, {"t": "set", "items": [{"t": "int", "v": "1"}]}]]}}, "expected": {"error": {"type": "TypeError", "message": "Object of type set is not JSON serializable"}}})");
    QTest::newRow("nan-key-order") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "float", "bits": "7ff8000000000000"}, {"t": "int", "v": "1"}], [{"t": "int", "v": "1"}, {"t": "int", "v": "2"}], [{"t": "int", "v": "0"}, {"t": "int", "v": "3"}]]}}, "expected": {"json": "{\"NaN\": 1, \"0\": 3, \"1\": 2}"}})");
    QTest::newRow("nested-empty") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "str", "v": "a"}, {"t": "list", "items": []}], [{"t": "str", "v": "b"}, {"t": "dict", "items": []}], [{"t": "str", "v": "c"}, {"t": "tuple", "items": []}]]}}, "expected": {"json": "{\"a\": [], \"b\": {}, \"c\": []}"}})");
    QTest::newRow("big-int-vs-float-keys") << QByteArrayLiteral(
        R"({"input": {"value": {"t": "dict", "items": [[{"t": "int", "v": "18446744073709551616"}, {"t": "str", "v": "b"}], [{"t": "int", "v": "-1180591620717411303424"}, {"t": "str", "v": "c"}], [{"t": "float", "bits": "3fe0000000000000"}, {"t": "str", "v": "d"}]]}}, "expected": {"json": "{\"-1180591620717411303424\": \"c\", \"0.5\": \"d\", \"18446744073709551616\": \"b\"}"}})");
}

void TestPyJson::extraCases()
{
    QFETCH(QByteArray, caseJson);
    compareCase(caseJson);
}

void TestPyJson::floatRepr_data()
{
    QTest::addColumn<quint64>("bits");
    QTest::addColumn<QString>("repr");
    QTest::newRow("0.1") << Q_UINT64_C(0x3fb999999999999a) << QStringLiteral("0.1");
    QTest::newRow("100.0") << Q_UINT64_C(0x4059000000000000) << QStringLiteral("100.0");
    QTest::newRow("0.0001") << Q_UINT64_C(0x3f1a36e2eb1c432d) << QStringLiteral("0.0001");
    QTest::newRow("1e-05") << Q_UINT64_C(0x3ee4f8b588e368f1) << QStringLiteral("1e-05");
    QTest::newRow("1e+16") << Q_UINT64_C(0x4341c37937e08000) << QStringLiteral("1e+16");
    QTest::newRow("1e15") << Q_UINT64_C(0x430c6bf526340000) << QStringLiteral("1000000000000000.0");
    QTest::newRow("123456789.125")
        << Q_UINT64_C(0x419d6f3454800000) << QStringLiteral("123456789.125");
    QTest::newRow("1.5e-07") << Q_UINT64_C(0x3e8421f5f40d8376) << QStringLiteral("1.5e-07");
    QTest::newRow("1e+20") << Q_UINT64_C(0x4415af1d78b58c40) << QStringLiteral("1e+20");
    QTest::newRow("5e-324") << Q_UINT64_C(0x0000000000000001) << QStringLiteral("5e-324");
    QTest::newRow("1.2345678901234568e+17")
        << Q_UINT64_C(0x437b69b4ba630f35) << QStringLiteral("1.2345678901234568e+17");
    QTest::newRow("-0.0") << Q_UINT64_C(0x8000000000000000) << QStringLiteral("-0.0");
    QTest::newRow("nan") << Q_UINT64_C(0x7ff8000000000000) << QStringLiteral("NaN");
    QTest::newRow("inf") << Q_UINT64_C(0x7ff0000000000000) << QStringLiteral("Infinity");
    QTest::newRow("-inf") << Q_UINT64_C(0xfff0000000000000) << QStringLiteral("-Infinity");
    QTest::newRow("-1.0") << Q_UINT64_C(0xbff0000000000000) << QStringLiteral("-1.0");
    QTest::newRow("9999999999999998.0")
        << Q_UINT64_C(0x4341c37937e07fff) << QStringLiteral("9999999999999998.0");
    QTest::newRow("0.00030000000000000003")
        << Q_UINT64_C(0x3f33a92a30553262) << QStringLiteral("0.00030000000000000003");
    QTest::newRow("0.30000000000000004")
        << Q_UINT64_C(0x3fd3333333333334) << QStringLiteral("0.30000000000000004");
}

void TestPyJson::floatRepr()
{
    QFETCH(quint64, bits);
    QFETCH(QString, repr);
    QCOMPARE(QString::fromStdString(Core::Py::floatRepr(std::bit_cast<double>(bits))), repr);
}

void TestPyJson::unsupportedTypesNameThePythonType()
{
    using namespace Core::Py;
    const auto message = [](const Value &v) {
        const auto r = dumps(List{{Value::integer(1), v}});
        return r ? QString() : r.error().message;
    };
    QCOMPARE(message(Value(Decimal{"1.10"})),
             QStringLiteral("Object of type Decimal is not JSON serializable"));
    QCOMPARE(message(Value(Uuid{"ABC"})),
             QStringLiteral("Object of type UUID is not JSON serializable"));
    QCOMPARE(message(Value(DateTime{})),
             QStringLiteral("Object of type datetime is not JSON serializable"));
    QCOMPARE(message(Value(Set{})), QStringLiteral("Object of type set is not JSON serializable"));
    const auto err = dumps(Value(Set{}));
    QVERIFY(!err);
    QCOMPARE(err.error().detail, QStringLiteral("TypeError"));
    QCOMPARE(err.error().code, Core::ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestPyJson)
#include "tst_pyjson.moc"
