// SPDX-License-Identifier: MIT
// The row validator: every row-stream rule with its rule id, line, column and grain key; the
// COPY text of accepted rows; duplicate detection; the NaN policy; sample limits.
#include <core/run/grainset.h>
#include <core/run/rowparser.h>
#include <core/run/rowvalidator.h>

#include <QTest>

using namespace Core::Run;

namespace {

Core::Column column(const char *name, const char *dataType, const char *backend, bool nullable)
{
    Core::Column c;
    c.name = QLatin1String(name);
    c.dataType = QLatin1String(dataType);
    c.backendType = QLatin1String(backend);
    c.nullable = nullable;
    return c;
}

// One column of every data type the validator reads.
Core::StorageClass everyType()
{
    Core::StorageClass sc;
    Core::Registration &r = sc.registration;
    r.physicalTableName = QStringLiteral("every_type");
    r.timeIndexName = QStringLiteral("time_index");
    r.indexNames = {QStringLiteral("time_index"), QStringLiteral("entity")};
    r.columns = {
        column("time_index", "timestamp with time zone", "TIMESTAMP WITH TIME ZONE", false),
        column("entity", "string", "VARCHAR(8)", false),
        column("price", "float64", "FLOAT", false),
        column("ratio", "float32", "REAL", true),
        column("qty", "int64", "INTEGER", true), // SQLAlchemy Integer: int64 token, int4 column
        column("small", "int16", "SMALLINT", true),
        column("big", "int64", "BIGINT", true),
        column("amount", "numeric", "NUMERIC(6, 2)", true),
        column("flag", "bool", "BOOLEAN", true),
        column("uid", "uuid", "UUID", true),
        column("day", "date", "DATE", true),
        column("seen_at", "timestamp with time zone", "TIMESTAMP WITH TIME ZONE", true),
        column("meta", "json", "JSON", true),
        column("doc", "jsonb", "JSONB", true),
        column("note", "string", "TEXT", true),
    };
    return sc;
}

class Collector : public AcceptedRowSink
{
public:
    QStringList lines;
    void accepted(std::string_view copyLine, std::int64_t line) override
    {
        lines << QStringLiteral("%1:").arg(line)
                     + QString::fromUtf8(copyLine.data(), qsizetype(copyLine.size()));
    }
};

struct Outcome
{
    QStringList accepted;
    RejectLog rejects;
    std::int64_t read = 0;
};

Outcome validate(const QByteArray &stream,
                 RowFormat format,
                 ValidatorOptions options = {},
                 const Core::StorageClass &sc = everyType())
{
    Collector collector;
    auto validator = RowValidator::create(sc, collector, options);
    if (!validator)
        qFatal("%s", qPrintable(validator.error().message));
    auto parser = makeRowParser(format, validator->columnNames(), *validator);
    parser->feed(std::string_view(stream.constData(), size_t(stream.size())));
    parser->finish();
    return {collector.lines, validator->rejects(), validator->rowsRead()};
}

const QByteArray goodRow = R"({"time_index":"2024-01-01T00:00:00Z","entity":"e1","price":1.5})";

} // namespace

class TstRowValidator : public QObject
{
    Q_OBJECT

private slots:
    void acceptedRowsAreCopyText();
    void eachRuleNdjson_data();
    void eachRuleNdjson();
    void eachRuleCsv_data();
    void eachRuleCsv();
    void duplicatesCompareNormalizedValues();
    void nonFinitePolicy();
    void samplesAreLimitedButEveryRejectCounted();
    void longValuesAreCutOnCharacterBoundaries();
    void ruleIdsRoundTrip();
    void unsupportedTypeRefusesToValidate();
    void murmurHashMatchesTheReference();
    void grainSetKeepsEveryHash();
};

void TstRowValidator::acceptedRowsAreCopyText()
{
    const QByteArray row
        = R"({"time_index":"2024-01-01T00:00:00.5+00:00","entity":"a\tb\\c","price":-2.5e-3,)"
          R"("ratio":3,"qty":-7,"small":12,"big":9007199254740993,"amount":"1234.50",)"
          R"("flag":true,"uid":"6FA459EA-EE8A-3CA4-894E-DB77E160355E","day":"2024-02-29",)"
          R"("seen_at":"2024-01-01T02:00:00+02:00","meta":{"k":["v\n",1]},"doc":[true],)"
          R"("note":"line1\nline2"})";
    const Outcome o = validate(row + "\n", RowFormat::Ndjson);
    QCOMPARE(o.rejects.total(), 0);
    QCOMPARE(o.accepted,
             QStringList({QStringLiteral(
                 "1:2024-01-01T00:00:00.5+00:00\ta\\tb\\\\c\t-2.5e-3\t3\t-7\t12\t9007199254740993\t"
                 "1234.50\tt\t6fa459ea-ee8a-3ca4-894e-db77e160355e\t2024-02-29\t"
                 "2024-01-01T02:00:00+02:00\t{\"k\":[\"v\\\\n\",1]}\t[true]\tline1\\nline2\n")}));

    // Absent nullable columns are NULL; CSV reads the same values from text.
    const Outcome csv
        = validate("time_index,entity,price,flag,uid,note\n"
                   "2024-01-01T00:00:00Z,e1,1.5,F,{6fa459eaee8a3ca4894edb77e160355e},\"\"\n",
                   RowFormat::Csv);
    QCOMPARE(csv.rejects.total(), 0);
    QCOMPARE(
        csv.accepted,
        QStringList({QStringLiteral("2:2024-01-01T00:00:00Z\te1\t1.5\t\\N\t\\N\t\\N\t\\N\t\\N\t"
                                    "f\t6fa459ea-ee8a-3ca4-894e-db77e160355e\t\\N\t\\N\t\\N\t"
                                    "\\N\t\n")}));
}

namespace {

void addRuleRows()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("grainKey");
}

const QString key = QStringLiteral("time_index=2024-01-02T00:00:00Z, entity=e2");

} // namespace

void TstRowValidator::eachRuleNdjson_data()
{
    addRuleRows();
    auto row = [](const char *name,
                  const QByteArray &extra,
                  const char *rule,
                  const char *column,
                  const QString &grainKey = key) {
        QByteArray text = R"({"time_index":"2024-01-02T00:00:00Z","entity":"e2","price":2)";
        if (!extra.isEmpty())
            text += ',' + extra;
        text += '}';
        QTest::newRow(name) << text << QString::fromLatin1(rule) << QString::fromLatin1(column)
                            << grainKey;
    };
    QTest::newRow("malformed") << QByteArray(R"({"time_index":"2024-01-02T00:00:00Z",)")
                               << QStringLiteral("malformed-line") << QString() << QString();
    QTest::newRow("not an object")
        << QByteArray("[1]") << QStringLiteral("malformed-line") << QString() << QString();
    row("key twice", R"("price":3)", "malformed-line", "price");
    row("unknown column", R"("colour":"red")", "unknown-column", "colour");
    QTest::newRow("missing index")
        << QByteArray(R"({"time_index":"2024-01-02T00:00:00Z","price":2})")
        << QStringLiteral("missing-index-column") << QStringLiteral("entity")
        << QStringLiteral("time_index=2024-01-02T00:00:00Z, entity=(absent)");
    QTest::newRow("null index") << QByteArray(R"({"time_index":null,"entity":"e2","price":2})")
                                << QStringLiteral("missing-index-column")
                                << QStringLiteral("time_index")
                                << QStringLiteral("time_index=null, entity=e2");
    QTest::newRow("null non-nullable")
        << QByteArray(R"({"time_index":"2024-01-02T00:00:00Z","entity":"e2","price":null})")
        << QStringLiteral("null-in-non-nullable") << QStringLiteral("price") << key;
    QTest::newRow("absent non-nullable")
        << QByteArray(R"({"time_index":"2024-01-02T00:00:00Z","entity":"e2"})")
        << QStringLiteral("null-in-non-nullable") << QStringLiteral("price") << key;
    QTest::newRow("naive time index")
        << QByteArray(R"({"time_index":"2024-01-02T00:00:00","entity":"e2","price":2})")
        << QStringLiteral("naive-timestamp") << QStringLiteral("time_index")
        << QStringLiteral("time_index=2024-01-02T00:00:00, entity=e2");
    row("naive payload timestamp", R"("seen_at":"2024-01-02 10:00")", "naive-timestamp", "seen_at");
    row("date in a timestamp column", R"("seen_at":"2024-01-02")", "naive-timestamp", "seen_at");
    QTest::newRow("non-utc time index")
        << QByteArray(R"({"time_index":"2024-01-02T02:00:00+02:00","entity":"e2","price":2})")
        << QStringLiteral("non-utc-time-index") << QStringLiteral("time_index")
        << QStringLiteral("time_index=2024-01-02T02:00:00+02:00, entity=e2");
    row("near-miss column name", R"("entity2":1)", "unknown-column", "entity2");
    QTest::newRow("varchar(8)")
        << QByteArray(R"({"time_index":"2024-01-02T00:00:00Z","entity":"ninechars","price":2})")
        << QStringLiteral("string-too-long") << QStringLiteral("entity")
        << QStringLiteral("time_index=2024-01-02T00:00:00Z, entity=ninechars");
    row("int32 column over range", R"("qty":2147483648)", "bad-value", "qty");
    row("int16 over range", R"("small":32768)", "bad-value", "small");
    row("int64 over range", R"("big":9223372036854775808)", "bad-value", "big");
    row("fraction in an integer column", R"("qty":1.5)", "bad-value", "qty");
    row("exponent in an integer column", R"("qty":1e3)", "bad-value", "qty");
    row("string in an integer column", R"("qty":"7")", "bad-value", "qty");
    row("string in a float column", R"("ratio":"not-a-number")", "bad-value", "ratio");
    row("float64 overflow", R"("ratio":1e39)", "bad-value", "ratio");
    row("numeric syntax", R"("amount":"12,5")", "bad-value", "amount");
    row("numeric(6,2) overflow", R"("amount":12345.6)", "bad-value", "amount");
    row("bool as string", R"("flag":"true")", "bad-value", "flag");
    row("bool as number", R"("flag":1)", "bad-value", "flag");
    row("uuid", R"("uid":"not-a-uuid")", "bad-value", "uid");
    row("uuid bad hyphens", R"("uid":"6fa459eaee8a-3ca4-894e-db77e160355e")", "bad-value", "uid");
    row("date", R"("day":"2023-02-29")", "bad-value", "day");
    row("timestamp", R"("seen_at":"2024-13-01T00:00:00Z")", "bad-value", "seen_at");
    row("timestamp offset seconds",
        R"("seen_at":"2024-01-01T00:00:00+01:00:30")",
        "bad-value",
        "seen_at");
    row("json with NaN", R"("meta":{"x":NaN})", "bad-value", "meta");
    row("jsonb with NUL", R"("doc":"a\u0000b")", "bad-value", "doc");
    row("NUL in text", R"("note":"a\u0000b")", "bad-value", "note");
    row("number in a string column", R"("note":12)", "bad-value", "note");
    // A duplicate of the good first row's tuple: same instant, other spelling.
    QTest::newRow("duplicate index")
        << QByteArray(R"({"time_index":"2024-01-01T00:00:00.000+00:00","entity":"e1","price":9})")
        << QStringLiteral("duplicate-index") << QStringLiteral("time_index, entity")
        << QStringLiteral("time_index=2024-01-01T00:00:00.000+00:00, entity=e1");
}

void TstRowValidator::eachRuleNdjson()
{
    QFETCH(QByteArray, row);
    QFETCH(QString, rule);
    QFETCH(QString, column);
    QFETCH(QString, grainKey);
    // Line 1 good, line 2 the bad row, line 3 good again: exactly line 2 is rejected.
    const QByteArray stream = goodRow + "\n" + row + "\n"
                              + R"({"time_index":"2024-01-03T00:00:00Z","entity":"e3","price":1})"
                              + "\n";
    const Outcome o = validate(stream, RowFormat::Ndjson);
    const auto r = ruleFromId(rule);
    QVERIFY(r);
    QCOMPARE(o.rejects.total(), 1);
    QCOMPARE(o.rejects.count(*r), 1);
    QCOMPARE(o.accepted.size(), 2);
    QCOMPARE(o.read, 3);
    const RejectSample &s = o.rejects.samples(*r).first();
    QCOMPARE(s.line, 2);
    QCOMPARE(s.column, column);
    QCOMPARE(s.grainKey, grainKey);
    QVERIFY(!s.reason.isEmpty());
}

void TstRowValidator::eachRuleCsv_data()
{
    addRuleRows();
    auto row = [](const char *name,
                  const char *line,
                  const char *rule,
                  const char *column,
                  const QString &grainKey = key) {
        QTest::newRow(name) << QByteArray(line) << QString::fromLatin1(rule)
                            << QString::fromLatin1(column) << grainKey;
    };
    // Header: time_index,entity,price,qty,flag,amount,day
    row("malformed", "\"2024-01-02T00:00:00Z\"x,e2,2,,,,", "malformed-line", "", QString());
    row("too few fields", "2024-01-02T00:00:00Z,e2,2", "malformed-line", "", QString());
    row("extra field", "2024-01-02T00:00:00Z,e2,2,,,,,surplus", "unknown-column", "field 8");
    row("missing index",
        "2024-01-02T00:00:00Z,,2,,,,",
        "missing-index-column",
        "entity",
        QStringLiteral("time_index=2024-01-02T00:00:00Z, entity=null"));
    row("null non-nullable", "2024-01-02T00:00:00Z,e2,,,,,", "null-in-non-nullable", "price");
    row("naive",
        "2024-01-02T00:00:00,e2,2,,,,",
        "naive-timestamp",
        "time_index",
        QStringLiteral("time_index=2024-01-02T00:00:00, entity=e2"));
    row("non-utc",
        "2024-01-02T01:00:00+0100,e2,2,,,,",
        "non-utc-time-index",
        "time_index",
        QStringLiteral("time_index=2024-01-02T01:00:00+0100, entity=e2"));
    row("too long",
        "2024-01-02T00:00:00Z,\"ninechars\",2,,,,",
        "string-too-long",
        "entity",
        QStringLiteral("time_index=2024-01-02T00:00:00Z, entity=ninechars"));
    row("float", "2024-01-02T00:00:00Z,e2,1.2.3,,,,", "bad-value", "price");
    row("float with spaces", "2024-01-02T00:00:00Z,e2, 2,,,,", "bad-value", "price");
    row("integer", "2024-01-02T00:00:00Z,e2,2,1.0,,,", "bad-value", "qty");
    row("bool", "2024-01-02T00:00:00Z,e2,2,,yes,,", "bad-value", "flag");
    row("numeric", "2024-01-02T00:00:00Z,e2,2,,,1e5,", "bad-value", "amount");
    row("date", "2024-01-02T00:00:00Z,e2,2,,,,2024-1-2", "bad-value", "day");
    row("duplicate",
        "2024-01-01T00:00:00+00:00,e1,3,,,,",
        "duplicate-index",
        "time_index, entity",
        QStringLiteral("time_index=2024-01-01T00:00:00+00:00, entity=e1"));
}

void TstRowValidator::eachRuleCsv()
{
    QFETCH(QByteArray, row);
    QFETCH(QString, rule);
    QFETCH(QString, column);
    QFETCH(QString, grainKey);
    const QByteArray stream = "time_index,entity,price,qty,flag,amount,day\n"
                              "2024-01-01T00:00:00Z,e1,1.5,,,,\n"
                              + row + "\n2024-01-03T00:00:00Z,e3,1,7,TRUE,-0.5,2024-01-03\n";
    const Outcome o = validate(stream, RowFormat::Csv);
    const auto r = ruleFromId(rule);
    QVERIFY(r);
    QCOMPARE(o.rejects.total(), 1);
    QCOMPARE(o.rejects.count(*r), 1);
    QCOMPARE(o.accepted.size(), 2);
    const RejectSample &s = o.rejects.samples(*r).first();
    QCOMPARE(s.line, 3);
    QCOMPARE(s.column, column);
    QCOMPARE(s.grainKey, grainKey);
}

void TstRowValidator::duplicatesCompareNormalizedValues()
{
    Core::StorageClass sc = everyType();
    sc.registration.indexNames = {QStringLiteral("time_index"),
                                  QStringLiteral("uid"),
                                  QStringLiteral("amount"),
                                  QStringLiteral("price")};
    auto line = [](const char *t, const char *uid, const char *amount, const char *price) {
        return QByteArray("{\"time_index\":\"") + t + "\",\"entity\":\"e\",\"uid\":\"" + uid
               + "\",\"amount\":" + amount + ",\"price\":" + price + "}\n";
    };
    const char *uid = "6fa459ea-ee8a-3ca4-894e-db77e160355e";
    const QByteArray stream
        = line("2024-01-01T00:00:00Z", uid, "1.5", "0")
          + line("2024-01-01T01:00:00+01:00", "6FA459EAEE8A3CA4894EDB77E160355E", "1.50", "-0.0")
          + line("2024-01-01T00:00:00.0000001Z", uid, "\"15e-1\"", "0e0")
          + line("2024-01-01T00:00:00.000001Z", uid, "1.5", "0") // a microsecond later
          + line("2024-01-01T00:00:00Z", uid, "1.51", "0")       // another amount
          + line("2024-01-01T00:00:00Z", uid, "1.5", "1e-300");  // another price
    // The time index must be UTC, so the +01:00 spelling is refused before the duplicate check.
    const Outcome o = validate(stream, RowFormat::Ndjson, {}, sc);
    QCOMPARE(o.rejects.count(RejectRule::NonUtcTimeIndex), 1);
    QCOMPARE(o.rejects.count(RejectRule::DuplicateIndex), 1);
    QCOMPARE(o.rejects.samples(RejectRule::DuplicateIndex).first().line, 3);
    QCOMPARE(o.accepted.size(), 4);
}

void TstRowValidator::nonFinitePolicy()
{
    const QByteArray stream
        = R"({"time_index":"2024-01-01T00:00:00Z","entity":"e","price":1,"ratio":NaN})"
          "\n"
          R"({"time_index":"2024-01-02T00:00:00Z","entity":"e","price":-Infinity})"
          "\n";
    const Outcome asNull = validate(stream, RowFormat::Ndjson);
    QCOMPARE(asNull.accepted.size(), 1);
    QVERIFY(asNull.accepted.first().contains(QLatin1String("\t1\t\\N\t")));
    QCOMPARE(asNull.rejects.count(RejectRule::NullInNonNullable), 1);
    QVERIFY(asNull.rejects.samples(RejectRule::NullInNonNullable)
                .first()
                .reason.contains(QLatin1String("NaN")));

    const Outcome refused = validate(stream, RowFormat::Ndjson, {50, 200, NonFinitePolicy::Reject});
    QCOMPARE(refused.rejects.count(RejectRule::BadValue), 2);

    const Outcome kept = validate(stream, RowFormat::Ndjson, {50, 200, NonFinitePolicy::Keep});
    QCOMPARE(kept.accepted.size(), 2);
    QVERIFY(kept.accepted.at(0).contains(QLatin1String("\t1\tNaN\t")));
    QVERIFY(kept.accepted.at(1).contains(QLatin1String("\t-Infinity\t")));

    // CSV spells them as text.
    const Outcome csv = validate("time_index,entity,price,ratio\n"
                                 "2024-01-01T00:00:00Z,e,1,nan\n2024-01-02T00:00:00Z,e,inf,\n",
                                 RowFormat::Csv);
    QCOMPARE(csv.accepted.size(), 1);
    QCOMPARE(csv.rejects.count(RejectRule::NullInNonNullable), 1);
}

void TstRowValidator::samplesAreLimitedButEveryRejectCounted()
{
    QByteArray stream;
    for (int i = 0; i < 60; ++i)
        stream += "not json\n";
    const Outcome o = validate(stream, RowFormat::Ndjson, {5, 200, NonFinitePolicy::StoreNull});
    QCOMPARE(o.rejects.count(RejectRule::MalformedLine), 60);
    QCOMPARE(o.rejects.samples(RejectRule::MalformedLine).size(), 5);
    QCOMPARE(o.rejects.samples(RejectRule::MalformedLine).last().line, 5);
}

void TstRowValidator::longValuesAreCutOnCharacterBoundaries()
{
    QByteArray value;
    for (int i = 0; i < 150; ++i)
        value += "\xc3\xa9\xe2\x82\xac"; // é€: 2- and 3-byte characters
    const QByteArray stream
        = R"({"time_index":"2024-01-01T00:00:00Z","entity":")" + value + R"(","price":1})" + "\n";
    const Outcome o = validate(stream, RowFormat::Ndjson);
    QCOMPARE(o.rejects.count(RejectRule::StringTooLong), 1);
    const RejectSample &s = o.rejects.samples(RejectRule::StringTooLong).first();
    QCOMPARE(s.value.size(), 201); // 200 characters and the ellipsis
    QVERIFY(s.value.startsWith(QStringLiteral("é€é€")));
    QVERIFY(s.value.endsWith(QStringLiteral("€…")));
    QVERIFY(s.reason.contains(QLatin1String("300 characters")));
}

void TstRowValidator::ruleIdsRoundTrip()
{
    QStringList ids;
    for (const RejectRule rule : allRules()) {
        ids << QLatin1String(ruleId(rule));
        QCOMPARE(ruleFromId(ids.last()), std::optional(rule));
    }
    QCOMPARE(ids,
             QStringList({"malformed-line",
                          "unknown-column",
                          "missing-index-column",
                          "null-in-non-nullable",
                          "naive-timestamp",
                          "non-utc-time-index",
                          "bad-value",
                          "string-too-long",
                          "duplicate-index"}));
    QCOMPARE(ruleFromId(QStringLiteral("wrong-type")), std::nullopt);
}

void TstRowValidator::unsupportedTypeRefusesToValidate()
{
    Core::StorageClass sc = everyType();
    sc.registration.columns << column("blob", "BLOB", "BLOB", true);
    Collector collector;
    const auto v = RowValidator::create(sc, collector);
    QVERIFY(!v);
    QVERIFY2(v.error().message.contains(QLatin1String("\"blob\"")), qPrintable(v.error().message));
}

void TstRowValidator::murmurHashMatchesTheReference()
{
    // SMHasher's verification: hash keys {0}, {0,1}, ... of lengths 0..255 with seed 256 - n,
    // hash the concatenated results with seed 0; the first 4 bytes, little-endian, are
    // 0x6384BA69 for MurmurHash3_x64_128.
    std::string key, hashes;
    for (int n = 0; n < 256; ++n) {
        const Hash128 h = murmur3x64_128(key, std::uint32_t(256 - n));
        hashes.append(reinterpret_cast<const char *>(&h.lo), 8);
        hashes.append(reinterpret_cast<const char *>(&h.hi), 8);
        key.push_back(char(n));
    }
    const Hash128 all = murmur3x64_128(hashes, 0);
    QCOMPARE(std::uint32_t(all.lo & 0xffffffffu), std::uint32_t(0x6384BA69));
}

void TstRowValidator::grainSetKeepsEveryHash()
{
    GrainSet set;
    const int n = 300000;
    for (int i = 0; i < n; ++i) {
        const std::string k = std::to_string(i);
        QVERIFY(set.insert(murmur3x64_128(k)));
    }
    QCOMPARE(set.size(), std::size_t(n));
    for (int i = 0; i < n; i += 7)
        QVERIFY(!set.insert(murmur3x64_128(std::to_string(i))));
    QVERIFY(set.insert(Hash128{0, 0})); // the empty marker's value is still a value
    QVERIFY(!set.insert(Hash128{0, 0}));
    // Lean: at most about 30 bytes per hash, 16 of them the hash itself.
    QVERIFY2(set.memoryBytes() < std::size_t(n) * 30,
             qPrintable(QString::number(set.memoryBytes())));
}

QTEST_GUILESS_MAIN(TstRowValidator)
#include "tst_rowvalidator.moc"
