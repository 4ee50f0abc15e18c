// SPDX-License-Identifier: MIT
// The row-stream parsers: NDJSON and CSV read incrementally, with rows and malformed lines
// reported alike whatever the chunk boundaries.
#include <core/run/csvparser.h>
#include <core/run/ndjsonparser.h>
#include <core/run/rowparser.h>

#include <QTest>

namespace {

using Core::Run::FieldView;
using Core::Run::RowFormat;
using Core::Run::ValueKind;

const char *kindName(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Null:
        return "null";
    case ValueKind::Text:
        return "text";
    case ValueKind::String:
        return "string";
    case ValueKind::Number:
        return "number";
    case ValueKind::Bool:
        return "bool";
    case ValueKind::Json:
        return "json";
    }
    return "?";
}

// Writes down everything the parser reports, as text a test can compare.
class Recorder : public Core::Run::RowSink
{
public:
    QStringList events;

    void row(const Core::Run::RowView &row) override
    {
        QStringList fields;
        for (const FieldView &f : row.fields) {
            fields << QStringLiteral("%1:%2=%3:%4%5")
                          .arg(f.column)
                          .arg(QString::fromUtf8(f.key.data(), qsizetype(f.key.size())),
                               QLatin1String(kindName(f.kind)),
                               QString::fromUtf8(f.text.data(), qsizetype(f.text.size())),
                               f.nonFinite ? QStringLiteral("!") : QString());
        }
        events << QStringLiteral("%1 %2").arg(row.line).arg(fields.join(QLatin1String(" | ")));
    }
    void malformed(std::int64_t line, std::string_view reason, std::string_view text) override
    {
        QVERIFY(!reason.empty());
        events << QStringLiteral("%1 MALFORMED %2")
                      .arg(line)
                      .arg(QString::fromUtf8(text.data(), qsizetype(text.size())));
    }
};

const std::vector<std::string> columns = {"a", "b", "c"};

struct Parsed
{
    QStringList events;
    std::optional<std::int64_t> expectedRows;
    std::int64_t lines = 0;
    bool failed = false;
};

// Feeds `stream` cut at the given offsets.
Parsed parse(RowFormat format, const QByteArray &stream, const QList<qsizetype> &cuts = {})
{
    Recorder recorder;
    auto parser = Core::Run::makeRowParser(format, columns, recorder);
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        parser->feed(std::string_view(stream.constData() + from, size_t(cut - from)));
        from = cut;
    }
    parser->feed(std::string_view(stream.constData() + from, size_t(stream.size() - from)));
    parser->finish();
    return {recorder.events,
            parser->expectedRows(),
            parser->linesRead(),
            parser->failure().has_value()};
}

QStringList events(RowFormat format, const QByteArray &stream)
{
    return parse(format, stream).events;
}

// Features of both formats in one stream each, for the chunking test: an announcement, escapes,
// nested JSON, multi-byte UTF-8, CRLF, a blank line, quoted line ends, a malformed line, an
// invalid UTF-8 byte and a last line without its line end.
const QByteArray ndjsonSample
    = QByteArray("{\"expected_rows\": 5}\n"
                 "{\"a\":\"x\\\"y\\u00e9\",\"b\":1.5e3,\"c\":null}\n"
                 "\n"
                 "{\"a\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\",\"b\":{\"k\":[1,\"}\"]},\"zz\":true}\r\n"
                 "{\"a\":1,\n"
                 "{\"a\":\"\xff\"}\n"
                 "{\"b\":NaN,\"c\":-Infinity}");
const QByteArray csvSample = QByteArray("{\"expected_rows\": 4}\n"
                                        "a,b,c\r\n"
                                        "x,\"1,5\",\r\n"
                                        "\"multi\nline \"\"q\"\"\",\"\",caf\xc3\xa9\n"
                                        "\n"
                                        "\"bad\"x,1,2\n"
                                        "\xff,1,2\n"
                                        "p,q,r,s");

} // namespace

class TstRowStream : public QObject
{
    Q_OBJECT

private slots:
    void ndjsonFieldsAndKinds();
    void ndjsonMalformedLines_data();
    void ndjsonMalformedLines();
    void ndjsonExpectedRows();
    void csvFieldsAndQuoting();
    void csvMalformedRows_data();
    void csvMalformedRows();
    void csvExpectedRowsBeforeHeader();
    void csvUnusableHeaderStopsTheStream_data();
    void csvUnusableHeaderStopsTheStream();
    void everyChunkBoundaryGivesTheSameRows_data();
    void everyChunkBoundaryGivesTheSameRows();
    void keyOrderChangesAreMapped();
    void formatNames();
};

void TstRowStream::ndjsonFieldsAndKinds()
{
    const QStringList got
        = events(RowFormat::Ndjson,
                 "{\"a\":\"t\\tab\\\\\",\"b\":-0.5,\"c\":false,\"x\":[1,{\"y\":null}]}\n"
                 "{ \"c\" : NaN , \"b\" : \"\\ud83d\\ude00\" }\n");
    QCOMPARE(got,
             QStringList({QStringLiteral("1 0:a=string:t\tab\\ | 1:b=number:-0.5 | 2:c=bool:false "
                                         "| -1:x=json:[1,{\"y\":null}]"),
                          QStringLiteral("2 2:c=number:NaN! | 1:b=string:\U0001F600")}));
}

void TstRowStream::ndjsonMalformedLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("cut off") << QByteArray("{\"a\":\"x\",\"b\":");
    QTest::newRow("text after") << QByteArray("{\"a\":1} 2");
    QTest::newRow("leading zero") << QByteArray("{\"a\":01}");
    QTest::newRow("single quotes") << QByteArray("{'a':1}");
    QTest::newRow("bad escape") << QByteArray("{\"a\":\"\\x\"}");
    QTest::newRow("lone surrogate") << QByteArray("{\"a\":\"\\udc00\"}");
    QTest::newRow("raw tab in string") << QByteArray("{\"a\":\"x\ty\"}");
    QTest::newRow("not json") << QByteArray("hello");
    QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}");
    QTest::newRow("nested broken") << QByteArray("{\"a\":{\"b\":[1,2}}");
    QTest::newRow("invalid utf-8") << QByteArray("{\"a\":\"\xc3\x28\"}");
}

void TstRowStream::ndjsonMalformedLines()
{
    QFETCH(QByteArray, line);
    // A malformed line is reported and the next line is read as usual.
    const QStringList got = events(RowFormat::Ndjson, "{\"a\":\"ok\"}\n" + line + "\n{\"b\":2}\n");
    QCOMPARE(got,
             QStringList({QStringLiteral("1 0:a=string:ok"),
                          QStringLiteral("2 MALFORMED ") + QString::fromUtf8(line),
                          QStringLiteral("3 1:b=number:2")}));
}

void TstRowStream::ndjsonExpectedRows()
{
    const Parsed p = parse(RowFormat::Ndjson,
                           "{\"expected_rows\": 2}\n{\"a\":\"x\"}\n{\"expected_rows\": 9}\n");
    QCOMPARE(p.expectedRows, std::optional<std::int64_t>(2));
    // Only the first line announces; later it is a row like any other.
    QCOMPARE(p.events,
             QStringList({QStringLiteral("2 0:a=string:x"),
                          QStringLiteral("3 -1:expected_rows=number:9")}));
    QCOMPARE(p.lines, std::int64_t(3));

    const Parsed bad = parse(RowFormat::Ndjson, "{\"expected_rows\": -1}\n{\"a\":\"x\"}\n");
    QCOMPARE(bad.expectedRows, std::nullopt);
    QCOMPARE(bad.events.first(), QStringLiteral("1 MALFORMED {\"expected_rows\": -1}"));

    const Parsed none = parse(RowFormat::Ndjson, "{\"a\":\"x\"}\n");
    QCOMPARE(none.expectedRows, std::nullopt);
}

void TstRowStream::csvFieldsAndQuoting()
{
    const QStringList got = events(RowFormat::Csv,
                                   "c,zz,a\n"
                                   "1,,\"x,y\"\n"
                                   "\"say \"\"hi\"\"\",\"\",\"two\nlines\"\r\n"
                                   "3,4,5\n");
    QCOMPARE(
        got,
        QStringList({QStringLiteral("2 2:c=text:1 | -1:zz=null: | 0:a=text:x,y"),
                     QStringLiteral("3 2:c=text:say \"hi\" | -1:zz=text: | 0:a=text:two\nlines"),
                     // the row above spans lines 3 and 4
                     QStringLiteral("5 2:c=text:3 | -1:zz=text:4 | 0:a=text:5")}));
}

void TstRowStream::csvMalformedRows_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("text after closing quote") << QByteArray("\"x\"y,1,2");
    QTest::newRow("quote in unquoted field") << QByteArray("x\"y,1,2");
    QTest::newRow("too few fields") << QByteArray("1,2");
    QTest::newRow("invalid utf-8") << QByteArray("\xe2\x82,1,2");
}

void TstRowStream::csvMalformedRows()
{
    QFETCH(QByteArray, line);
    const QStringList got = events(RowFormat::Csv, "a,b,c\n" + line + "\n1,2,3\n");
    QCOMPARE(got,
             QStringList({QStringLiteral("2 MALFORMED ") + QString::fromUtf8(line),
                          QStringLiteral("3 0:a=text:1 | 1:b=text:2 | 2:c=text:3")}));
    // A quote left open swallows the rest of the stream: one malformed record at the end.
    const QStringList open = events(RowFormat::Csv, "a,b,c\n\"x,1,2\n3,4,5\n");
    QCOMPARE(open, QStringList({QStringLiteral("2 MALFORMED \"x,1,2\n3,4,5\n")}));
}

void TstRowStream::csvExpectedRowsBeforeHeader()
{
    const Parsed p = parse(RowFormat::Csv, "{\"expected_rows\":1}\na,b,c\nx,y,z\n");
    QCOMPARE(p.expectedRows, std::optional<std::int64_t>(1));
    QCOMPARE(p.events, QStringList({QStringLiteral("3 0:a=text:x | 1:b=text:y | 2:c=text:z")}));
    // Extra fields past the header keep their value, with no column and no key.
    const Parsed extra = parse(RowFormat::Csv, "a,b\n1,2,3\n");
    QCOMPARE(extra.events, QStringList({QStringLiteral("2 0:a=text:1 | 1:b=text:2 | -1:=text:3")}));
}

void TstRowStream::csvUnusableHeaderStopsTheStream_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("duplicate name") << QByteArray("a,b,a");
    QTest::newRow("empty name") << QByteArray("a,,c");
    QTest::newRow("broken quoting") << QByteArray("\"a\"b,c");
}

void TstRowStream::csvUnusableHeaderStopsTheStream()
{
    QFETCH(QByteArray, header);
    Recorder recorder;
    Core::Run::CsvParser parser(columns, recorder);
    const QByteArray stream = header + "\n1,2,3\n";
    parser.feed(std::string_view(stream.constData(), size_t(stream.size())));
    parser.finish();
    QVERIFY(parser.failure().has_value());
    QVERIFY2(parser.failure()->message.contains(QLatin1String("line 1")),
             qPrintable(parser.failure()->message));
    QVERIFY(recorder.events.isEmpty());
}

void TstRowStream::everyChunkBoundaryGivesTheSameRows_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("expectedEvents");
    QTest::newRow("ndjson") << int(RowFormat::Ndjson) << ndjsonSample << 5;
    QTest::newRow("csv") << int(RowFormat::Csv) << csvSample << 5;
}

void TstRowStream::everyChunkBoundaryGivesTheSameRows()
{
    QFETCH(int, format);
    QFETCH(QByteArray, stream);
    QFETCH(int, expectedEvents);
    const auto f = RowFormat(format);
    const Parsed whole = parse(f, stream);
    QCOMPARE(whole.events.size(), expectedEvents);
    QVERIFY(whole.expectedRows.has_value());
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        const Parsed two = parse(f, stream, {cut});
        QCOMPARE(two.events, whole.events);
        QCOMPARE(two.expectedRows, whole.expectedRows);
        QCOMPARE(two.lines, whole.lines);
        // And with a second cut a few bytes later, so a row straddles three chunks.
        if (cut + 3 <= stream.size())
            QCOMPARE(parse(f, stream, {cut, cut + 3}).events, whole.events);
    }
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < stream.size(); ++i)
        everyByte << i;
    QCOMPARE(parse(f, stream, everyByte).events, whole.events);
}

void TstRowStream::keyOrderChangesAreMapped()
{
    // The key cache guesses from the previous row's order; a changed order must still map right.
    const QStringList got
        = events(RowFormat::Ndjson,
                 "{\"a\":1,\"b\":2,\"c\":3}\n{\"c\":1,\"a\":2}\n{\"b\":1,\"q\":2,\"a\":3}\n");
    QCOMPARE(got,
             QStringList({QStringLiteral("1 0:a=number:1 | 1:b=number:2 | 2:c=number:3"),
                          QStringLiteral("2 2:c=number:1 | 0:a=number:2"),
                          QStringLiteral("3 1:b=number:1 | -1:q=number:2 | 0:a=number:3")}));
}

void TstRowStream::formatNames()
{
    QCOMPARE(Core::Run::rowFormatFromName("ndjson"), std::optional(RowFormat::Ndjson));
    QCOMPARE(Core::Run::rowFormatFromName("csv"), std::optional(RowFormat::Csv));
    QCOMPARE(Core::Run::rowFormatFromName("json"), std::nullopt);
}

QTEST_GUILESS_MAIN(TstRowStream)
#include "tst_rowstream.moc"
