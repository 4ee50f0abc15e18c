// SPDX-License-Identifier: MIT
#include <core/sdk/dtype.h>

#include <QtTest>

using namespace Core::Sdk;

namespace {

const QString NaiveError
    = QStringLiteral("Timezone-naive datetime dtypes are local-backend-only. Remote writes require "
                     "'timestamp with time zone'.");

} // namespace

class TestDtype : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data();
    void tokens();
    void errors();
    void naiveDatetimeOnLocalBackends();
    void temporal();
    void backendTypeRenormalization();
    void postgresTypes_data();
    void postgresTypes();
    void postgresTypeErrors();
};

void TestDtype::tokens_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("token");
    // sdk-contract.md 2.2, one row per spelling family, plus the documented fall-throughs.
    const QList<QPair<const char *, const char *>> rows{
        {"date", "date"},
        {" Datetime.Date ", "date"},
        {"datetime", "timestamp with time zone"},
        {"datetime64[ns, UTC]", "timestamp with time zone"},
        {"TIMESTAMP_WITH_TIME_ZONE", "timestamp with time zone"},
        {"timestamp   with\ttime zone", "timestamp with time zone"},
        {"TimestampTZ", "timestamp with time zone"},
        {"object", "string"},
        {"VARCHAR(255)", "string"},
        {"nvarchar", "string"},
        {"character varying(10)", "string"},
        {"character(3)", "string"},
        {"Unicode", "string"},
        {"UUID", "uuid"},
        {"UuidType", "uuid"},
        {"postgresql_uuid", "uuid"},
        {"json", "json"},
        {"JSONB", "jsonb"},
        {"Boolean", "bool"},
        {"int2", "int16"},
        {"Integer", "int32"},
        {"BigInteger", "int64"},
        {"uint64", "int64"},
        {"REAL", "float32"},
        {"double_precision", "float64"},
        {"Float", "float64"},
        {"NUMERIC(10, 2)", "numeric"},
        {"decimal", "numeric"},
        // Quirks: these spellings are not recognised and come back unchanged (no error).
        {"datetime64[ns,UTC]", "datetime64[ns,UTC]"},
        {"char(10)", "char(10)"},
        {"decimal(10,2)", "decimal(10,2)"},
        {" tinyint ", "tinyint"},
        {"uint8", "uint8"},
        {"LargeBinary", "LargeBinary"},
        // U+001C is whitespace to Python's strip().
        {"\x1c"
         "bigint\x1f",
         "int64"},
    };
    for (const auto &[in, out] : rows)
        QTest::newRow(in) << QString::fromUtf8(in) << QString::fromUtf8(out);
}

void TestDtype::tokens()
{
    QFETCH(QString, input);
    QFETCH(QString, token);
    const auto r = normalizeDtypeToken(input);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    QCOMPARE(*r, token);
}

void TestDtype::errors()
{
    for (const QString &blank : {QString(), QStringLiteral("  \t"), QStringLiteral("\x1c")}) {
        const auto r = normalizeDtypeToken(blank);
        QVERIFY(!r);
        QCOMPARE(r.error().message, QStringLiteral("DType token is required."));
        QCOMPARE(r.error().detail, QStringLiteral("ValueError"));
    }
    for (const char *naive : {"datetime64[ns]",
                              "timestamp",
                              "TIMESTAMP WITHOUT TIME ZONE",
                              "datetime_without_time_zone",
                              "datetime naive"}) {
        const auto r = normalizeDtypeToken(QString::fromUtf8(naive));
        QVERIFY2(!r, naive);
        QCOMPARE(r.error().message, NaiveError);
    }
}

void TestDtype::naiveDatetimeOnLocalBackends()
{
    QCOMPARE(*normalizeDtypeToken(QStringLiteral("timestamp"), false),
             QStringLiteral("datetime64[ns]"));
    QCOMPARE(*normalizeDtypeToken(QStringLiteral("timestamp"), true, true),
             QStringLiteral("datetime64[ns]"));
}

void TestDtype::temporal()
{
    QVERIFY(isTemporalToken(QStringLiteral("date")));
    QVERIFY(isTemporalToken(QStringLiteral("timestamp with time zone")));
    QVERIFY(isTemporalToken(QStringLiteral("datetime64[ns]")));
    QVERIFY(!isTemporalToken(QStringLiteral("datetime")));
    QVERIFY(!isTemporalToken(QStringLiteral("string")));
}

void TestDtype::backendTypeRenormalization()
{
    QCOMPARE(*normalizeBackendType(std::nullopt), std::optional<QString>());
    QCOMPARE(*normalizeBackendType(QStringLiteral("  ")), std::optional<QString>());
    QCOMPARE(*normalizeBackendType(QStringLiteral("timestamptz")),
             std::optional<QString>(QStringLiteral("TIMESTAMP WITH TIME ZONE")));
    QCOMPARE(*normalizeBackendType(QStringLiteral("datetime")),
             std::optional<QString>(QStringLiteral("TIMESTAMP WITH TIME ZONE")));
    QCOMPARE(*normalizeBackendType(QStringLiteral("date")),
             std::optional<QString>(QStringLiteral("DATE")));
    // Anything else is kept as written, including its spacing.
    QCOMPARE(*normalizeBackendType(QStringLiteral("NUMERIC(10, 2)")),
             std::optional<QString>(QStringLiteral("NUMERIC(10, 2)")));
    const auto naive = normalizeBackendType(QStringLiteral("TIMESTAMP WITHOUT TIME ZONE"));
    QVERIFY(!naive);
    QCOMPARE(naive.error().message, NaiveError);
}

void TestDtype::postgresTypes_data()
{
    QTest::addColumn<QString>("dataType");
    QTest::addColumn<QString>("backendType");
    QTest::addColumn<QString>("expected");
    const QList<std::tuple<const char *, const char *, const char *>> rows{
        {"string", "VARCHAR(255)", "character varying(255)"},
        {"string", "VARCHAR", "character varying"},
        {"string", "TEXT", "text"},
        {"string", "CHAR(3)", "character(3)"},
        {"float64", "FLOAT", "double precision"},
        {"float64", "DOUBLE", "double precision"},
        {"float64", "DOUBLE PRECISION", "double precision"},
        {"float32", "REAL", "real"},
        {"float32", "FLOAT(24)", "real"},
        {"timestamp with time zone", "TIMESTAMP WITH TIME ZONE", "timestamp with time zone"},
        {"timestamp with time zone", "timestamp(3) with time zone", "timestamp(3) with time zone"},
        {"uuid", "UUID", "uuid"},
        {"int64", "BIGINT", "bigint"},
        {"int64", "INTEGER", "integer"},
        {"int16", "SMALLINT", "smallint"},
        {"bool", "BOOLEAN", "boolean"},
        {"numeric", "NUMERIC(10, 2)", "numeric(10,2)"},
        {"numeric", "NUMERIC(12)", "numeric(12,0)"},
        {"numeric", "NUMERIC", "numeric"},
        {"json", "JSON", "json"},
        {"jsonb", "JSONB", "jsonb"},
        {"date", "DATE", "date"},
        {"BLOB", "BLOB", "bytea"},
        {"int64", "BIGINT[]", "bigint[]"},
        // No backend type: the canonical token decides.
        {"int32", "", "integer"},
        {"float64", "", "double precision"},
        {"timestamp with time zone", "", "timestamp with time zone"},
        {"string", "", "character varying"},
        {"numeric", "", "numeric"},
    };
    for (const auto &[data, backend, expected] : rows)
        QTest::addRow("%s|%s", data, backend)
            << QString::fromUtf8(data) << QString::fromUtf8(backend) << QString::fromUtf8(expected);
}

void TestDtype::postgresTypes()
{
    QFETCH(QString, dataType);
    QFETCH(QString, backendType);
    QFETCH(QString, expected);
    const auto r = postgresTypeForColumn(
        dataType, backendType.isEmpty() ? std::nullopt : std::optional(backendType));
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    QCOMPARE(*r, expected);
}

void TestDtype::postgresTypeErrors()
{
    const auto unknownBackend
        = postgresTypeForColumn(QStringLiteral("string"), QStringLiteral("GEOMETRY(POINT)"));
    QVERIFY(!unknownBackend);
    QVERIFY(unknownBackend.error().message.contains(QLatin1String("'GEOMETRY(POINT)'")));
    QCOMPARE(unknownBackend.error().code, Core::ErrorCode::InvalidInput);

    const auto badArgs
        = postgresTypeForColumn(QStringLiteral("int64"), QStringLiteral("INTEGER(5)"));
    QVERIFY(!badArgs);

    const auto unknownToken = postgresTypeForColumn(QStringLiteral("tinyint"));
    QVERIFY(!unknownToken);
    QVERIFY(unknownToken.error().message.contains(QLatin1String("'tinyint'")));
}

QTEST_GUILESS_MAIN(TestDtype)
#include "tst_dtype.moc"
