// SPDX-License-Identifier: MIT
#include <core/contract/contracthash.h>
#include <core/sdk/naming.h>

#include <QtTest>

#include <optional>
#include <stdexcept>

#include <tests/support/testsupport.h>
#include <tests/support/vectorvalues.h>

using Core::Json;

namespace {

std::optional<QString> optionalString(const Json &v)
{
    if (v.is_null())
        return std::nullopt;
    return QString::fromStdString(v.get<std::string>());
}

QStringList stringList(const Json &v)
{
    QStringList out;
    for (const Json &item : v)
        out << QString::fromStdString(item.get<std::string>());
    return out;
}

// The vectors describe a SQLAlchemy declarative class; this maps that description onto the
// console's model the way a manifest exported from the same class would fill it.
Core::StorageClass storageClassFromVector(const Json &in)
{
    Core::StorageClass sc;
    sc.kind = in.at("kind") == "time_indexed" ? Core::TableKind::TimeIndexed
                                              : Core::TableKind::Relational;
    Core::Registration &reg = sc.registration;
    reg.physicalTableName = QString::fromStdString(in.at("table_name").get<std::string>());
    reg.namespaceName = optionalString(in.at("namespace")).value_or(QString());
    reg.physicalSchema = optionalString(in.at("schema")).value_or(QStringLiteral("public"));
    reg.timeIndexName = optionalString(in.at("time_index_name")).value_or(QString());
    if (!in.at("index_names").is_null())
        reg.indexNames = stringList(in.at("index_names"));
    if (!in.at("cadence").is_null())
        reg.cadence = QString::fromStdString(in.at("cadence").get<std::string>());
    reg.storageLayout
        = in.at("storage_layout").is_null() ? Json::object() : in.at("storage_layout");
    for (const Json &c : in.at("columns")) {
        Core::Column column;
        column.name = QString::fromStdString(c.at("name").get<std::string>());
        column.dataType = QString::fromStdString(c.at("data_type").get<std::string>());
        column.backendType = optionalString(c.at("backend_type"));
        column.nullable = c.at("nullable").get<bool>();
        column.primaryKey = c.at("primary_key").get<bool>();
        column.unique = c.at("unique").get<bool>();
        reg.columns.push_back(column);
    }
    for (const Json &i : in.at("indexes")) {
        Core::IndexDef index;
        index.columns = stringList(i.at("columns"));
        index.unique = i.at("unique").get<bool>();
        if (i.contains("dialect_kwargs") && !i.at("dialect_kwargs").is_null())
            index.dialectKwargs = i.at("dialect_kwargs");
        index.name = Core::Sdk::schemaIndexName(reg.physicalTableName, index.columns, index.unique)
                         .value_or(QString());
        sc.ddl.indexes.push_back(index);
    }
    for (const Json &u : in.at("unique_constraints")) {
        Core::UniqueConstraintDef uc;
        uc.columns = stringList(u);
        uc.name = Core::Sdk::schemaUniqueConstraintName(reg.physicalTableName, uc.columns)
                      .value_or(QString());
        sc.ddl.uniqueConstraints.push_back(uc);
    }
    for (const Json &f : in.at("foreign_keys")) {
        Core::ForeignKeyDef fk;
        for (const Json &el : f.at("elements")) {
            fk.columns << QString::fromStdString(el.at("source_column").get<std::string>());
            fk.targetColumns << QString::fromStdString(el.at("target_column").get<std::string>());
            fk.targetTable = QString::fromStdString(el.at("target_table").get<std::string>());
            // null = SQLAlchemy's default schema, i.e. public, whatever this table's schema is.
            fk.targetSchema
                = optionalString(el.at("target_schema")).value_or(QStringLiteral("public"));
        }
        fk.onDelete = optionalString(f.at("ondelete"));
        fk.onUpdate = optionalString(f.at("onupdate"));
        if (!f.at("deferrable").is_null())
            fk.deferrable = f.at("deferrable").get<bool>();
        fk.initially = optionalString(f.at("initially"));
        fk.match = optionalString(f.at("match"));
        sc.ddl.foreignKeys.push_back(fk);
    }
    return sc;
}

} // namespace

class TestContractHash : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void grainIndexIsDerivedOnlyWhenMissing();
    void validationOrder();
    void cadenceIsNormalizedAndChecked();
};

void TestContractHash::vectors_data()
{
    METATABLE_VECTORS_DIR(dir);
    QTest::addColumn<QByteArray>("caseJson");
    const nlohmann::json file
        = TestSupport::readVectorFile(dir, QStringLiteral("contract_hash.json"));
    QVERIFY(!file.at("cases").empty());
    for (const auto &c : file.at("cases"))
        QTest::newRow(c.at("id").get<std::string>().c_str()) << QByteArray::fromStdString(c.dump());
}

void TestContractHash::vectors()
{
    QFETCH(QByteArray, caseJson);
    const Json c = Json::parse(caseJson.toStdString());
    const Json &in = c.at("input");
    const Json &expected = c.at("expected");
    const Core::StorageClass sc = storageClassFromVector(in);
    const auto result = Core::computeContractHash(sc,
                                                  optionalString(in.at("hash_namespace")),
                                                  in.at("include_table_name").get<bool>(),
                                                  in.at("extra_components"));
    if (expected.contains("error")) {
        QVERIFY2(!result, "expected an error");
        QCOMPARE(result.error().message,
                 QString::fromStdString(expected.at("error").at("message").get<std::string>()));
        return;
    }
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().toText()));
    QCOMPARE(result->payloadJson,
             QString::fromStdString(expected.at("payload_json").get<std::string>()));
    QCOMPARE(result->hash, QString::fromStdString(expected.at("hash").get<std::string>()));
    QCOMPARE(result->grainIndexAdded, expected.at("auto_grain_index_added").get<bool>());
    const auto grain = Core::grainIndexFor(sc);
    QCOMPARE(grain.has_value(), sc.isTimeIndexed());
}

namespace {

Core::StorageClass pricesClass()
{
    Core::StorageClass sc;
    sc.registration.physicalTableName = QStringLiteral("ms_markets__prices");
    sc.registration.namespaceName = QStringLiteral("mainsequence.examples");
    sc.registration.indexNames = {QStringLiteral("time_index"), QStringLiteral("asset_identifier")};
    Core::Column time;
    time.name = QStringLiteral("time_index");
    time.dataType = QStringLiteral("timestamp with time zone");
    time.backendType = QStringLiteral("TIMESTAMP WITH TIME ZONE");
    time.nullable = false;
    Core::Column asset;
    asset.name = QStringLiteral("asset_identifier");
    asset.dataType = QStringLiteral("string");
    asset.backendType = QStringLiteral("VARCHAR(255)");
    asset.nullable = false;
    sc.registration.columns = {time, asset};
    return sc;
}

} // namespace

void TestContractHash::grainIndexIsDerivedOnlyWhenMissing()
{
    Core::StorageClass sc = pricesClass();
    auto grain = Core::grainIndexFor(sc);
    QVERIFY(grain && grain->derived);
    QCOMPARE(grain->index.name,
             QStringLiteral("uix__ms_markets__prices__time_index__asset_identifier"));
    QCOMPARE(grain->index.columns, sc.registration.indexNames);
    const auto derived = Core::computeContractHash(sc, std::nullopt);
    QVERIFY(derived.has_value());
    QVERIFY(derived->grainIndexAdded);

    // The same grain declared as a unique constraint in another column order: nothing added,
    // and the identity lists no index at all (unique constraints are not part of it).
    sc.ddl.uniqueConstraints.push_back(
        {QStringLiteral("uq_x"),
         {QStringLiteral("asset_identifier"), QStringLiteral("time_index")}});
    grain = Core::grainIndexFor(sc);
    QVERIFY(grain && !grain->derived);
    const auto declared = Core::computeContractHash(sc, std::nullopt);
    QVERIFY(declared.has_value());
    QVERIFY(!declared->grainIndexAdded);
    QVERIFY(!declared->payloadJson.contains(QLatin1String("\"indexes\"")));

    // A declared unique index is listed exactly once, and hashes as the derived one did.
    sc.ddl.uniqueConstraints.clear();
    sc.ddl.indexes.push_back({QStringLiteral("hand_named"),
                              sc.registration.indexNames,
                              true,
                              std::nullopt,
                              Json::object()});
    const auto indexed = Core::computeContractHash(sc, std::nullopt);
    QVERIFY(indexed.has_value());
    QVERIFY(!indexed->grainIndexAdded);
    QCOMPARE(indexed->hash, derived->hash);

    // A primary key over the grain does not count.
    sc.ddl.indexes.clear();
    sc.ddl.primaryKey = Core::PrimaryKeyDef{QStringLiteral("pk"), sc.registration.indexNames};
    QVERIFY(Core::grainIndexFor(sc)->derived);
}

void TestContractHash::validationOrder()
{
    Core::StorageClass sc = pricesClass();
    // Several faults at once: the first rule of the SDK's order wins.
    sc.registration.indexNames = {QStringLiteral("asset_identifier"), QStringLiteral("missing")};
    auto r = Core::validateTimeIndexContract(sc);
    QVERIFY(!r);
    QCOMPARE(r.error().message,
             QStringLiteral("PlatformTimeIndexMetaTable index_names must start with the "
                            "time_index_name. Expected 'time_index', got 'asset_identifier'."));
    sc.registration.indexNames
        = {QStringLiteral("time_index"), QStringLiteral("missing"), QStringLiteral("other")};
    r = Core::validateTimeIndexContract(sc);
    QCOMPARE(r.error().message,
             QStringLiteral("PlatformTimeIndexMetaTable index_names must all exist as table "
                            "columns. Missing columns: ['missing', 'other']."));
    sc.registration.indexNames = {QStringLiteral("asset_identifier")};
    sc.registration.timeIndexName = QStringLiteral("asset_identifier");
    r = Core::validateTimeIndexContract(sc);
    QCOMPARE(r.error().message,
             QStringLiteral("PlatformTimeIndexMetaTable time_index_name must reference a temporal "
                            "column. Column 'asset_identifier' has type 'string'."));
    sc = pricesClass();
    sc.registration.columns[0].dataType = QStringLiteral("datetime64[ns]");
    r = Core::validateTimeIndexContract(sc);
    QCOMPARE(r.error().message,
             QStringLiteral("Timezone-naive SQLAlchemy DateTime columns are not supported by the "
                            "remote TS Manager contract."));
    sc = pricesClass();
    sc.registration.columns[0].dataType = QStringLiteral("date");
    QVERIFY(Core::validateTimeIndexContract(sc).has_value());
}

void TestContractHash::cadenceIsNormalizedAndChecked()
{
    Core::StorageClass sc = pricesClass();
    sc.registration.cadence = QStringLiteral(" 5M ");
    auto r = Core::validateTimeIndexContract(sc);
    QVERIFY(r.has_value());
    QCOMPARE(r->cadence, std::optional<QString>(QStringLiteral("5m")));
    const auto hash = Core::computeContractHash(sc, std::nullopt);
    QVERIFY(hash.has_value());
    QVERIFY(hash->payloadJson.contains(QLatin1String("\"cadence\": \"5m\"")));
    sc.registration.cadence = QStringLiteral("0d");
    r = Core::validateTimeIndexContract(sc);
    QVERIFY(!r);
    QCOMPARE(r.error().message,
             QStringLiteral("PlatformTimeIndexMetaTable cadence must be an interval token such as "
                            "1m, 5m, 1h, 1d, 1w, 1mo, 1q, or 1y."));
    sc.registration.cadence = QStringLiteral("   ");
    r = Core::validateTimeIndexContract(sc);
    QVERIFY(r.has_value());
    QVERIFY(!r->cadence);
}

QTEST_GUILESS_MAIN(TestContractHash)
#include "tst_contracthash.moc"
