// SPDX-License-Identifier: MIT
#include <core/sdk/md5.h>

#include <QtTest>

class TestMd5 : public QObject
{
    Q_OBJECT

private slots:
    void rfc1321_data();
    void rfc1321();
    void utf8Bytes();
    void sha1();
};

void TestMd5::rfc1321_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("digest");
    // The test suite of RFC 1321, appendix A.5.
    QTest::newRow("empty") << QString() << QStringLiteral("d41d8cd98f00b204e9800998ecf8427e");
    QTest::newRow("a") << QStringLiteral("a") << QStringLiteral("0cc175b9c0f1b6a831c399e269772661");
    QTest::newRow("abc") << QStringLiteral("abc")
                         << QStringLiteral("900150983cd24fb0d6963f7d28e17f72");
    QTest::newRow("message digest")
        << QStringLiteral("message digest") << QStringLiteral("f96b697d7cb7938d525a2f31aaf161d0");
    QTest::newRow("alphabet") << QStringLiteral("abcdefghijklmnopqrstuvwxyz")
                              << QStringLiteral("c3fcd3d76192e4007dfb496cca67e13b");
    QTest::newRow("alnum") << QStringLiteral(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                           << QStringLiteral("d174ab98d277d9f5a5611c2c9f419d9f");
    QTest::newRow("digits") << QStringLiteral("1234567890123456789012345678901234567890123456789"
                                              "0123456789012345678901234567890")
                            << QStringLiteral("57edf4a22be3c955ac49da2e2107b67a");
}

void TestMd5::rfc1321()
{
    QFETCH(QString, input);
    QFETCH(QString, digest);
    QCOMPARE(Core::Py::md5Hex(input), digest);
    const QByteArray bytes = input.toLatin1();
    QCOMPARE(Core::Py::md5Hex(std::string_view(bytes.constData(), size_t(bytes.size()))), digest);
}

void TestMd5::utf8Bytes()
{
    // hashlib.md5("é".encode()).hexdigest(): the UTF-8 bytes C3 A9, not Latin-1 E9.
    QCOMPARE(Core::Py::md5Hex(QStringLiteral("\u00e9")),
             QStringLiteral("66ddcd97cfdeabb2f6fb8a999b4bc76f"));
    QCOMPARE(Core::Py::md5Hex(std::string_view("\xc3\xa9", 2)),
             QStringLiteral("66ddcd97cfdeabb2f6fb8a999b4bc76f"));
}

void TestMd5::sha1()
{
    // FIPS 180-2 appendix A.1 and A.2.
    QCOMPARE(Core::Py::sha1Hex(QStringLiteral("abc")),
             QStringLiteral("a9993e364706816aba3e25717850c26c9cd0d89d"));
    QCOMPARE(Core::Py::sha1Hex(
                 QStringLiteral("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
             QStringLiteral("84983e441c3bd26ebaae4aa1f95129e5e54670f1"));
}

QTEST_GUILESS_MAIN(TestMd5)
#include "tst_md5.moc"
