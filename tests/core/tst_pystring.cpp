// SPDX-License-Identifier: MIT
#include <core/sdk/pystring.h>

#include <QtTest>

using namespace Core::Py;

// Expected values are Python 3.11 outputs (Unicode 14, the version Qt 6.4 ships).
class TestPyString : public QObject
{
    Q_OBJECT

private slots:
    void stripUsesPythonWhitespace();
    void alnumByCategory();
    void lowerSpecialCasing();
    void lengthAndSliceInCodePoints();
    void reprQuotesAndEscapes();
};

void TestPyString::stripUsesPythonWhitespace()
{
    QCOMPARE(strip(QStringLiteral("\x1c\x1f a b\u3000\u0085\u2029")), QStringLiteral("a b"));
    QCOMPARE(strip(QStringLiteral("\u200b x")), QStringLiteral("\u200b x")); // ZWSP is not space
    QCOMPARE(strip(QStringLiteral("__a_b__"), QStringLiteral("_")), QStringLiteral("a_b"));
    QCOMPARE(rstrip(QStringLiteral("__a__"), QStringLiteral("_")), QStringLiteral("__a"));
    QCOMPARE(splitWhitespace(QStringLiteral(" a\x1d b\t\n")),
             QStringList({QStringLiteral("a"), QStringLiteral("b")}));
}

void TestPyString::alnumByCategory()
{
    QVERIFY(containsAlnum(QStringLiteral("\u65e5")));     // CJK
    QVERIFY(containsAlnum(QStringLiteral("\u00bd")));     // vulgar fraction (No)
    QVERIFY(containsAlnum(QStringLiteral("\u2163")));     // roman numeral (Nl)
    QVERIFY(containsAlnum(QStringLiteral("\U0001D7D8"))); // astral digit
    QVERIFY(!containsAlnum(QStringLiteral("\u0301")));    // combining mark
    QVERIFY(!containsAlnum(QStringLiteral("_-* ")));
}

void TestPyString::lowerSpecialCasing()
{
    QCOMPARE(lower(QStringLiteral("Node\u03a3")), QStringLiteral("node\u03c2"));
    QCOMPARE(lower(QStringLiteral("\u03a3")), QStringLiteral("\u03c3"));
    QCOMPARE(lower(QStringLiteral("\u03a3A")), QStringLiteral("\u03c3a"));
    QCOMPARE(lower(QStringLiteral("A\u03a3\u0301")), QStringLiteral("a\u03c2\u0301"));
    QCOMPARE(lower(QStringLiteral("A\u03a3'B")), QStringLiteral("a\u03c3'b"));
    QCOMPARE(lower(QStringLiteral("\u00aa\u03a3")), QStringLiteral("\u00aa\u03c2"));
    QCOMPARE(lower(QStringLiteral("\u0130")), QStringLiteral("i\u0307"));
    QCOMPARE(lower(QStringLiteral("\u212a")), QStringLiteral("k")); // Kelvin sign
    QCOMPARE(lower(QStringLiteral("\U00010400")), QStringLiteral("\U00010428"));
}

void TestPyString::lengthAndSliceInCodePoints()
{
    const QString s = QStringLiteral("a\U0001F600b");
    QCOMPARE(s.size(), 4);
    QCOMPARE(length(s), 3);
    QCOMPARE(slice(s, 1, 2), QStringLiteral("\U0001F600"));
    QCOMPARE(sliceFrom(s, -2), QStringLiteral("\U0001F600b"));
    QCOMPARE(slice(s, 2, 1), QString());
    QCOMPARE(slice(s, -10, 10), s);
    QCOMPARE(fromCodePoints(toCodePoints(s)), s);
}

void TestPyString::reprQuotesAndEscapes()
{
    QCOMPARE(repr(QStringLiteral("abc")), QStringLiteral("'abc'"));
    QCOMPARE(repr(QStringLiteral("it's")), QStringLiteral("\"it's\""));
    QCOMPARE(repr(QStringLiteral("'\"")), QStringLiteral("'\\'\"'"));
    QCOMPARE(repr(QStringLiteral("a\\b\n\x1c\x7f")), QStringLiteral("'a\\\\b\\n\\x1c\\x7f'"));
    QCOMPARE(repr(QStringLiteral("\u00a0\u00e9\u200b\U000E0001\U0001F600")),
             QStringLiteral("'\\xa0\u00e9\\u200b\\U000e0001\U0001F600'"));
    QCOMPARE(listRepr({QStringLiteral("x"), QStringLiteral("y")}), QStringLiteral("['x', 'y']"));
    QCOMPARE(listRepr({}), QStringLiteral("[]"));
}

QTEST_GUILESS_MAIN(TestPyString)
#include "tst_pystring.moc"
