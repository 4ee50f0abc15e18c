// SPDX-License-Identifier: MIT
// The manifest's JSON parser must give exactly what Json::parse gives: values, key order,
// duplicate keys, and the same errors at the same byte.
#include <core/manifest/jsonparse.h>

#include <QDirIterator>
#include <QFile>
#include <QtTest>

#include <tests/support/testsupport.h>

using namespace Core;

namespace {

// The dump of both parses, or the error each threw.
QString outcome(const std::function<Json()> &parse)
{
    try {
        return QString::fromStdString(parse().dump());
    } catch (const Json::parse_error &e) {
        return QStringLiteral("parse_error at %1: %2").arg(e.byte).arg(QString::fromUtf8(e.what()));
    } catch (const Json::exception &e) {
        return QStringLiteral("%1: %2").arg(e.id).arg(QString::fromUtf8(e.what()));
    }
}

void compareWithNlohmann(const QByteArray &text, const QString &what)
{
    const QString ours = outcome([&] { return parseJsonText(text); });
    const QString theirs = outcome([&] { return Json::parse(text.begin(), text.end()); });
    QVERIFY2(ours == theirs,
             qPrintable(what + u":\n ours   "_qs + ours.left(300) + u"\n theirs "_qs
                        + theirs.left(300)));
}

} // namespace

class TestJsonParse : public QObject
{
    Q_OBJECT

private slots:
    void sameAsNlohmann_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("scalars") << QByteArray(
            "[null, true, false, 0, -1, 18446744073709551615,\n            -9223372036854775808, "
            "1.5, 1e300, -0.0, \"a\\u00e9\\ud83d\\ude00\\n\"]");
        QTest::newRow("key order")
            << QByteArray("{\"z\": 1, \"a\": {\"y\": [], \"b\": {}}, \"m\": 3}");
        QTest::newRow("duplicate keys")
            << QByteArray("{\"a\": 1, \"b\": 2, \"a\": [3], \"c\": {\"x\": 1, \"x\": 2}}");
        QByteArray large = "{";
        for (int i = 0; i < 100; ++i)
            large += QByteArray("\"k") + QByteArray::number(i % 70) + "\": " + QByteArray::number(i)
                     + ",";
        large += "\"end\": true}";
        QTest::newRow("duplicate keys in a large object") << large;
        QTest::newRow("nested") << QByteArray("[[[[{\"a\": [[{}]]}]]], {\"\": \"\"}]");
        QTest::newRow("empty containers") << QByteArray("{\"a\": {}, \"b\": [], \"c\": [{}]}");
        QTest::newRow("trailing comma") << QByteArray("{\"a\": 1,}");
        QTest::newRow("unterminated string") << QByteArray("{\"a\": \"b");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("number overflow") << QByteArray("{\"a\": 1e999}");
        QTest::newRow("garbage after") << QByteArray("{\"a\": 1} x");
        QTest::newRow("integers beyond 64 bits")
            << QByteArray("[18446744073709551616, -9223372036854775809, 123456789012345678901234]");
        QTest::newRow("negative zero") << QByteArray("[-0, -0.0, 0e0, 1E+2]");
        QTest::newRow("lone surrogate") << QByteArray("[\"\\ud800\"]");
        QTest::newRow("reversed surrogates") << QByteArray("[\"\\udc00\\ud800\"]");
        QTest::newRow("invalid utf-8") << QByteArray("[\"\xff\xfe\"]");
        QTest::newRow("overlong utf-8") << QByteArray("[\"\xc0\xaf\"]");
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"a\": 1}");
        QTest::newRow("control character") << QByteArray("[\"a\tb\"]");
        QTest::newRow("leading zero") << QByteArray("[01]");
        QTest::newRow("bad escape") << QByteArray("[\"\\x\"]");
    }

    void sameAsNlohmann()
    {
        QFETCH(QByteArray, text);
        compareWithNlohmann(text, QString::fromUtf8(QTest::currentDataTag()));
    }

    // Every JSON file the project ships or tests with.
    void sameAsNlohmannOnEveryShippedFile()
    {
        int files = 0;
        for (const QString &folder : {u"resources"_qs, u"tests/data"_qs}) {
            QDirIterator it(TestSupport::sourcePath(folder),
                            {u"*.json"_qs},
                            QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                compareWithNlohmann(f.readAll(), path);
                ++files;
            }
        }
        QVERIFY2(files > 20, qPrintable(QString::number(files)));
    }
};

QTEST_GUILESS_MAIN(TestJsonParse)
#include "tst_jsonparse.moc"
