// SPDX-License-Identifier: MIT
// Runs the built metatable-sample-node against the demo manifest's storage classes and checks
// its output with an independent reading of the row-stream rules of provider-manifest.md.
#include <core/manifest/manifestio.h>
#include <core/sdk/naming.h>

#include <QDateTime>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <tests/support/testsupport.h>

using Core::Json;

namespace {

struct RunResult
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// One parsed line of the row stream: the fields, or `malformed` when the line does not parse.
struct StreamRow
{
    qint64 line = 0;
    bool malformed = false;
    QList<QPair<QString, Json>> fields; // CSV: strings, or null for an empty field
    bool extraField = false;            // CSV: more fields than the header
    const Json *value(const QString &column) const
    {
        for (const auto &f : fields) {
            if (f.first == column)
                return &f.second;
        }
        return nullptr;
    }
};

// RFC 4180, strictly: after a closing quote only a comma or the end of the line may follow.
std::optional<QStringList> parseCsvLine(const QString &line)
{
    QStringList fields;
    QString field;
    qsizetype i = 0;
    while (true) {
        field.clear();
        if (i < line.size() && line.at(i) == QLatin1Char('"')) {
            ++i;
            while (true) {
                if (i >= line.size())
                    return std::nullopt; // unterminated quote
                if (line.at(i) == QLatin1Char('"')) {
                    if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += line.at(i++);
            }
            if (i < line.size() && line.at(i) != QLatin1Char(','))
                return std::nullopt;
        } else {
            while (i < line.size() && line.at(i) != QLatin1Char(',')) {
                if (line.at(i) == QLatin1Char('"'))
                    return std::nullopt;
                field += line.at(i++);
            }
        }
        fields << field;
        if (i >= line.size())
            return fields;
        ++i; // the comma
    }
}

QList<StreamRow> parseStream(const QByteArray &out, bool csv, QStringList *header = nullptr)
{
    QList<QByteArray> lines = out.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    QList<StreamRow> rows;
    QStringList columns;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString text = QString::fromUtf8(lines.at(i));
        if (csv && i == 0) {
            columns = parseCsvLine(text).value_or(QStringList());
            if (header)
                *header = columns;
            continue;
        }
        StreamRow row;
        row.line = i + 1;
        if (csv) {
            const auto fields = parseCsvLine(text);
            if (!fields) {
                row.malformed = true;
            } else {
                for (qsizetype f = 0; f < fields->size(); ++f) {
                    if (f >= columns.size()) {
                        row.extraField = true;
                        continue;
                    }
                    const QString &v = fields->at(f);
                    row.fields.append(
                        {columns.at(f), v.isEmpty() ? Json() : Json(v.toStdString())});
                }
            }
        } else {
            const Json object = Json::parse(lines.at(i).toStdString(), nullptr, false);
            if (object.is_discarded() || !object.is_object()) {
                row.malformed = true;
            } else {
                for (const auto &[key, value] : object.items())
                    row.fields.append({QString::fromStdString(key), value});
            }
        }
        rows << row;
    }
    return rows;
}

const QRegularExpression timestampRe(
    QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)?$"));

bool valueHasType(const Json &v, const QString &dataType, bool csv)
{
    const QString text = v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
    if (dataType == QLatin1String("string"))
        return v.is_string();
    if (dataType.startsWith(QLatin1String("float")) || dataType == QLatin1String("numeric")) {
        bool ok = false;
        text.toDouble(&ok);
        return csv ? ok : v.is_number();
    }
    if (dataType.startsWith(QLatin1String("int"))) {
        bool ok = false;
        text.toLongLong(&ok);
        return csv ? ok : v.is_number_integer();
    }
    if (dataType == QLatin1String("bool"))
        return csv ? (text == QLatin1String("true") || text == QLatin1String("false"))
                   : v.is_boolean();
    if (dataType == QLatin1String("uuid"))
        return v.is_string() && !QUuid::fromString(text).isNull() && text.size() == 36;
    if (dataType == QLatin1String("date"))
        return v.is_string() && QDate::fromString(text, Qt::ISODate).isValid() && text.size() == 10;
    if (dataType == QLatin1String("timestamp with time zone")) {
        const auto m = timestampRe.match(text);
        return v.is_string() && m.hasMatch() && !m.captured(2).isEmpty();
    }
    return true; // json: any value
}

// The rules a row breaks, named like the sample node's --bad kinds. `seen` holds the index
// tuples of the rows accepted so far.
QStringList
brokenRules(const Core::StorageClass &sc, const StreamRow &row, bool csv, QSet<QString> &seen)
{
    if (row.malformed)
        return {QStringLiteral("malformed-line")};
    const Core::Registration &reg = sc.registration;
    QStringList broken;
    auto add = [&](const char *rule) {
        if (!broken.contains(QLatin1String(rule)))
            broken << QLatin1String(rule);
    };
    if (row.extraField)
        add("extra-column");
    for (const auto &f : row.fields) {
        if (!sc.column(f.first))
            add("extra-column");
    }
    for (const Core::Column &c : reg.columns) {
        const Json *v = row.value(c.name);
        const bool isIndex = reg.indexNames.contains(c.name);
        if (!v || v->is_null()) {
            if (isIndex)
                add("missing-index-column");
            else if (!c.nullable)
                add("null-in-non-null");
            continue;
        }
        if (c.name == reg.timeIndexName
            && c.dataType == QLatin1String("timestamp with time zone")) {
            const QString text
                = v->is_string() ? QString::fromStdString(v->get<std::string>()) : QString();
            const auto m = timestampRe.match(text);
            if (!m.hasMatch())
                add("wrong-type");
            else if (m.captured(2).isEmpty())
                add("naive-timestamp");
            else if (m.captured(2) != QLatin1String("Z")
                     && m.captured(2) != QLatin1String("+00:00"))
                add("non-utc-offset");
            continue;
        }
        if (!valueHasType(*v, c.dataType, csv))
            add("wrong-type");
    }
    if (broken.isEmpty()) {
        QStringList tuple;
        for (const QString &name : reg.indexNames)
            tuple << QString::fromStdString(row.value(name)->dump());
        const QString key = tuple.join(QLatin1Char('|'));
        if (seen.contains(key))
            add("duplicate-index");
        else
            seen.insert(key);
    }
    return broken;
}

} // namespace

class TstSampleNode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoManifestsLoad();
    void demoNamesFollowTheSdk();
    void demoV2EvolvesV1();
    void writesValidRowsForEveryDemoClass_data();
    void writesValidRowsForEveryDemoClass();
    void coversEveryDtype_data();
    void coversEveryDtype();
    void rowCountAndCsvHeader();
    void deterministicForASeed();
    void stepsByCadenceFromStart();
    void eachBadKindBreaksExactlyItsRule_data();
    void eachBadKindBreaksExactlyItsRule();
    void badKindsTakeTurns();
    void failAfterExitsNonZero();
    void badInputIsReportedPrecisely_data();
    void badInputIsReportedPrecisely();

private:
    RunResult run(const QStringList &args,
                  const QString &table,
                  const QString &config = {},
                  const QList<QPair<QString, QString>> &env = {}) const;
    const Core::StorageClass &storageClass(const QString &table) const;

    QString m_program;
    QTemporaryDir m_dir;
    Core::ManifestDocument m_v1;
    QStringList m_timeIndexed; // table names
};

void TstSampleNode::initTestCase()
{
    m_program = qEnvironmentVariable("METATABLE_SAMPLE_NODE");
    QVERIFY2(!m_program.isEmpty(), "METATABLE_SAMPLE_NODE is not set (CTest sets it)");
    QVERIFY(m_dir.isValid());
    auto doc = Core::readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY2(doc, qPrintable(doc ? QString() : doc.error().message));
    m_v1 = *doc;
    // Each contract file is the manifest's own STORAGE_CLASS object, as a runner receives it.
    const Json &classes = m_v1.raw["storage_classes"];
    for (const Json &sc : classes) {
        const QString table = QString::fromStdString(
            sc["registration"]["table_contract"]["physical"]["table_name"].get<std::string>());
        QFile f(m_dir.filePath(table + QStringLiteral(".json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(sc.dump()));
        if (sc["kind"] == "time_indexed")
            m_timeIndexed << table;
    }
    QCOMPARE(m_timeIndexed.size(), 5);
    for (const Json &node : m_v1.raw["nodes"]) {
        QFile f(m_dir.filePath(QString::fromStdString(node["class"]["qualname"].get<std::string>())
                               + QStringLiteral(".config.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(node["config"].dump()));
    }
}

const Core::StorageClass &TstSampleNode::storageClass(const QString &table) const
{
    return *m_v1.manifest.storageClassByTable(table);
}

RunResult TstSampleNode::run(const QStringList &args,
                             const QString &table,
                             const QString &config,
                             const QList<QPair<QString, QString>> &env) const
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("METATABLE_ROW_FORMAT"));
    e.insert(QStringLiteral("METATABLE_CONTRACT_FILE"),
             m_dir.filePath(table + QStringLiteral(".json")));
    e.insert(QStringLiteral("METATABLE_CONFIG_FILE"),
             m_dir.filePath((config.isEmpty() ? QStringLiteral("DailyMetricsNode") : config)
                            + QStringLiteral(".config.json")));
    for (const auto &[key, value] : env) {
        if (value.isNull())
            e.remove(key);
        else
            e.insert(key, value);
    }
    p.setProcessEnvironment(e);
    p.start(m_program, args);
    RunResult r;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TstSampleNode::demoManifestsLoad()
{
    for (const char *name : {"example_project.v1.json", "example_project.v2.json"}) {
        const auto doc = Core::readManifestFile(
            TestSupport::sourcePath(QStringLiteral("resources/demo/") + QLatin1String(name)));
        QVERIFY2(doc, qPrintable(doc ? QString() : doc.error().message));
        const Core::ProviderManifest &m = doc->manifest;
        QCOMPARE(m.provider.providerKey(), QStringLiteral("example_project:example-data"));
        QCOMPARE(m.provider.registryTableName, QStringLiteral("example_project__alembic_version"));
        QCOMPARE(m.storageClasses.size(), 6);
        QCOMPARE(m.nodes.size(), 4);
        for (const Core::NodeDefinition &node : m.nodes) {
            QVERIFY(node.storageClass);
            QVERIFY2(m.storageClassByTable(*node.storageClass), qPrintable(*node.storageClass));
            QCOMPARE(node.runner.command.first(), QStringLiteral("metatable-sample-node"));
        }
        const Core::NodeDefinition *spread
            = m.nodeByClassPath(QStringLiteral("example_project.nodes:SpreadNode"));
        QVERIFY(spread);
        QCOMPARE(spread->configSchema["properties"]["base_storage"]["x-metatable-storage-class"],
                 Json(true));
        QCOMPARE(spread->config["base_storage"]["qualname"], Json("DailyMetricsStorage"));
        const Core::NodeDefinition *daily
            = m.nodeByClassPath(QStringLiteral("example_project.nodes:DailyMetricsNode"));
        QVERIFY(daily);
        QCOMPARE(daily->configSchema["properties"]["display_label"]["hash_excluded"], Json(true));
        QCOMPARE(daily->configSchema["required"], Json::parse(R"(["source_scope"])"));
    }
}

void TstSampleNode::demoNamesFollowTheSdk()
{
    for (const char *name : {"example_project.v1.json", "example_project.v2.json"}) {
        const auto doc = Core::readManifestFile(
            TestSupport::sourcePath(QStringLiteral("resources/demo/") + QLatin1String(name)));
        QVERIFY(doc);
        for (const Core::StorageClass &sc : doc->manifest.storageClasses) {
            const QString t = sc.tableName();
            const auto parts = Core::Sdk::parseSchemaTableName(t);
            QVERIFY2(parts, qPrintable(t));
            QCOMPARE(
                Core::Sdk::schemaTableName(parts->app, parts->conceptName, parts->suffix).value(),
                t);
            if (sc.isTimeIndexed()) {
                QVERIFY(!sc.ddl.primaryKey);
                const QString grain
                    = Core::Sdk::schemaIndexName(t, sc.registration.indexNames, true).value();
                QVERIFY2(std::any_of(sc.ddl.indexes.cbegin(),
                                     sc.ddl.indexes.cend(),
                                     [&](const Core::IndexDef &i) {
                                         return i.name == grain && i.unique
                                                && i.columns == sc.registration.indexNames;
                                     }),
                         qPrintable(t + QStringLiteral(": no grain index ") + grain));
            } else {
                QVERIFY(sc.ddl.primaryKey);
                QCOMPARE(sc.ddl.primaryKey->name, Core::Sdk::schemaPrimaryKeyName(t).value());
            }
            for (const Core::IndexDef &i : sc.ddl.indexes)
                QCOMPARE(i.name, Core::Sdk::schemaIndexName(t, i.columns, i.unique).value());
            for (const Core::ForeignKeyDef &fk : sc.ddl.foreignKeys)
                QCOMPARE(
                    fk.name,
                    Core::Sdk::schemaForeignKeyName(t, fk.columns, fk.targetTable, fk.targetColumns)
                        .value());
            for (const Core::Column &c : sc.registration.columns) {
                QVERIFY2(c.label && c.description, qPrintable(t + QLatin1Char('.') + c.name));
                QCOMPARE(c.serverDefault.has_value(),
                         c.primaryKey && c.dataType == QLatin1String("uuid"));
            }
        }
    }
    QCOMPARE(Core::Sdk::schemaTableName(QStringLiteral("example_project"),
                                        QStringLiteral("observations"),
                                        QStringLiteral("rates"))
                 .value(),
             QStringLiteral("example_project__observations__rates"));
}

void TstSampleNode::demoV2EvolvesV1()
{
    const auto v2 = Core::readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v2.json")));
    QVERIFY(v2);
    const Core::StorageClass *d1
        = m_v1.manifest.storageClassByTable(QStringLiteral("example_project__daily_metrics"));
    const Core::StorageClass *d2
        = v2->manifest.storageClassByTable(QStringLiteral("example_project__daily_metrics"));
    QVERIFY(d1 && d2);
    QVERIFY(!d1->column(QStringLiteral("source")));
    QVERIFY(d2->column(QStringLiteral("source")) && d2->column(QStringLiteral("source"))->nullable);
    QVERIFY(d1->registration.description != d2->registration.description);
    const QString spreads = QStringLiteral("example_project__spreads");
    QVERIFY(
        m_v1.manifest.storageClassByTable(spreads)->column(QStringLiteral("base_value"))->nullable);
    QVERIFY(
        !v2->manifest.storageClassByTable(spreads)->column(QStringLiteral("base_value"))->nullable);
    QCOMPARE(m_v1.manifest.storageClassByTable(spreads)->ddl.foreignKeys.size(), 0);
    QCOMPARE(v2->manifest.storageClassByTable(spreads)->ddl.foreignKeys.size(), 1);
    const QString positions = QStringLiteral("example_project__account_positions");
    QCOMPARE(v2->manifest.storageClassByTable(positions)->ddl.indexes.size(),
             m_v1.manifest.storageClassByTable(positions)->ddl.indexes.size() + 1);
}

void TstSampleNode::writesValidRowsForEveryDemoClass_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<bool>("csv");
    for (const QString &t : std::as_const(m_timeIndexed)) {
        QTest::newRow(qPrintable(t + QStringLiteral(" ndjson"))) << t << false;
        QTest::newRow(qPrintable(t + QStringLiteral(" csv"))) << t << true;
    }
}

void TstSampleNode::writesValidRowsForEveryDemoClass()
{
    QFETCH(QString, table);
    QFETCH(bool, csv);
    const RunResult r = run({QStringLiteral("--rows"),
                             QStringLiteral("300"),
                             QStringLiteral("--format"),
                             csv ? QStringLiteral("csv") : QStringLiteral("ndjson")},
                            table);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<StreamRow> rows = parseStream(r.out, csv);
    QCOMPARE(rows.size(), 300);
    QSet<QString> seen;
    int nulls = 0;
    for (const StreamRow &row : rows) {
        const QStringList broken = brokenRules(storageClass(table), row, csv, seen);
        QVERIFY2(broken.isEmpty(),
                 qPrintable(QStringLiteral("line %1: %2").arg(row.line).arg(broken.join(u','))));
        for (const auto &f : row.fields)
            nulls += f.second.is_null() ? 1 : 0;
    }
    QCOMPARE(seen.size(), 300);
    // Nullable payload columns get some NULLs, so consumers see them.
    const bool hasNullable = std::any_of(storageClass(table).registration.columns.cbegin(),
                                         storageClass(table).registration.columns.cend(),
                                         [](const Core::Column &c) { return c.nullable; });
    QCOMPARE(nulls > 0, hasNullable);
}

void TstSampleNode::coversEveryDtype_data()
{
    QTest::addColumn<QString>("timeType");
    QTest::addColumn<bool>("csv");
    for (const char *t : {"timestamp with time zone", "date"}) {
        QTest::newRow(qPrintable(QLatin1String(t) + QStringLiteral(" ndjson")))
            << QString::fromLatin1(t) << false;
        QTest::newRow(qPrintable(QLatin1String(t) + QStringLiteral(" csv")))
            << QString::fromLatin1(t) << true;
    }
}

// A contract with one column of every dtype token the SDK sends for remote tables.
void TstSampleNode::coversEveryDtype()
{
    QFETCH(QString, timeType);
    QFETCH(bool, csv);
    Json sc = m_v1.raw["storage_classes"][0];
    Json &columns = sc["registration"]["table_contract"]["columns"];
    columns[0]["data_type"] = timeType.toStdString();
    columns.erase(2); // "value": the boolean below becomes the first payload column
    const QList<std::pair<const char *, bool>> extra = {
        {"bool", false},
        {"date", true},
        {"json", true},
        {"jsonb", true},
        {"int16", false},
        {"int32", true},
        {"int64", true},
        {"float32", true},
        {"numeric", true},
        {"uuid", true},
        {"string", true},
        {"timestamp with time zone", true},
    };
    for (const auto &[type, nullable] : extra) {
        const QString name = QStringLiteral("c_") + QString::fromLatin1(type).replace(u' ', u'_');
        columns.push_back(
            {{"name", name.toStdString()}, {"data_type", type}, {"nullable", nullable}});
    }
    const auto parsed = Core::storageClassFromJson(sc, QStringLiteral("every dtype"));
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QFile f(m_dir.filePath(QStringLiteral("every_dtype.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(sc.dump()));
    f.close();

    const RunResult r = run({QStringLiteral("--rows"),
                             QStringLiteral("120"),
                             QStringLiteral("--format"),
                             csv ? QStringLiteral("csv") : QStringLiteral("ndjson"),
                             QStringLiteral("--bad"),
                             QStringLiteral("wrong-type"),
                             QStringLiteral("--bad-at"),
                             QStringLiteral("60")},
                            QStringLiteral("every_dtype"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<StreamRow> rows = parseStream(r.out, csv);
    QCOMPARE(rows.size(), 120);
    QSet<QString> seen;
    QSet<QString> withValues;
    for (const StreamRow &row : rows) {
        QCOMPARE(brokenRules(*parsed, row, csv, seen),
                 row.line == (csv ? 61 : 60) ? QStringList{QStringLiteral("wrong-type")}
                                             : QStringList{});
        for (const auto &field : row.fields) {
            if (!field.second.is_null())
                withValues.insert(field.first);
        }
    }
    QCOMPARE(withValues.size(), qsizetype(columns.size()));
    // The first payload column is the boolean, so that is where wrong-type lands.
    QVERIFY2(r.err.contains(QStringLiteral("c_bool = \"not-a-bool\"")), qPrintable(r.err));
    if (timeType == QLatin1String("date"))
        QCOMPARE(rows.first().value(QStringLiteral("time_index"))->get<std::string>(),
                 std::string("2024-01-01"));
}

void TstSampleNode::rowCountAndCsvHeader()
{
    const QString table = QStringLiteral("example_project__spreads");
    const RunResult csv = run({QStringLiteral("--rows"), QStringLiteral("37")},
                              table,
                              {},
                              {{QStringLiteral("METATABLE_ROW_FORMAT"), QStringLiteral("csv")}});
    QCOMPARE(csv.exitCode, 0);
    QCOMPARE(csv.out.count('\n'), 38);
    QCOMPARE(csv.out.left(csv.out.indexOf('\n')),
             QByteArray("time_index,entity_identifier,spread,base_value,window_days"));
    const RunResult nd = run({QStringLiteral("--rows=37"), QStringLiteral("--format=ndjson")},
                             table,
                             {},
                             {{QStringLiteral("METATABLE_ROW_FORMAT"), QStringLiteral("csv")}});
    QCOMPARE(nd.exitCode, 0);
    QCOMPARE(nd.out.count('\n'), 37);
    const RunResult none = run({QStringLiteral("--rows"),
                                QStringLiteral("0"),
                                QStringLiteral("--format"),
                                QStringLiteral("csv")},
                               table);
    QCOMPARE(none.exitCode, 0);
    QCOMPARE(none.out.count('\n'), 1);
}

void TstSampleNode::deterministicForASeed()
{
    const QString table = QStringLiteral("example_project__account_positions");
    const QStringList seed7 = {QStringLiteral("--rows"),
                               QStringLiteral("50"),
                               QStringLiteral("--seed"),
                               QStringLiteral("7")};
    const RunResult a = run(seed7, table);
    const RunResult b = run(seed7, table);
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, b.out);
    const RunResult c = run({QStringLiteral("--rows"),
                             QStringLiteral("50"),
                             QStringLiteral("--seed"),
                             QStringLiteral("8")},
                            table);
    QVERIFY(a.out != c.out);
    // Without --seed the configuration picks the seed: same configuration, same rows.
    const QStringList noSeed = {QStringLiteral("--rows"), QStringLiteral("50")};
    const RunResult d1 = run(noSeed, table, QStringLiteral("AccountPositionsNode"));
    const RunResult d2 = run(noSeed, table, QStringLiteral("AccountPositionsNode"));
    const RunResult e = run(noSeed, table, QStringLiteral("DailyMetricsNode"));
    QCOMPARE(d1.out, d2.out);
    QVERIFY(d1.out != e.out);
    // Index tuples do not depend on the seed: the foreign key pool stays the same.
    QCOMPARE(parseStream(a.out, false).first().value(QStringLiteral("account_uid"))->dump(),
             parseStream(c.out, false).first().value(QStringLiteral("account_uid"))->dump());
}

void TstSampleNode::stepsByCadenceFromStart()
{
    auto timesOf = [&](const QString &table, const QStringList &extra) {
        const RunResult r = run(QStringList{QStringLiteral("--rows"),
                                            QStringLiteral("6"),
                                            QStringLiteral("--entities"),
                                            QStringLiteral("2")}
                                    + extra,
                                table);
        QStringList times;
        for (const StreamRow &row : parseStream(r.out, false))
            times << QString::fromStdString(
                row.value(QStringLiteral("time_index"))->get<std::string>());
        return times;
    };
    QCOMPARE(timesOf(QStringLiteral("example_project__daily_metrics"), {}),
             QStringList({QStringLiteral("2024-01-01T00:00:00Z"),
                          QStringLiteral("2024-01-01T00:00:00Z"),
                          QStringLiteral("2024-01-02T00:00:00Z"),
                          QStringLiteral("2024-01-02T00:00:00Z"),
                          QStringLiteral("2024-01-03T00:00:00Z"),
                          QStringLiteral("2024-01-03T00:00:00Z")}));
    const QStringList hourly
        = timesOf(QStringLiteral("example_project__spreads"),
                  {QStringLiteral("--start"), QStringLiteral("2025-03-01T12:00:00+02:00")});
    QCOMPARE(hourly.first(), QStringLiteral("2025-03-01T10:00:00Z"));
    QCOMPARE(hourly.last(), QStringLiteral("2025-03-01T12:00:00Z"));
}

void TstSampleNode::eachBadKindBreaksExactlyItsRule_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("csv");
    const QStringList kinds = {
        QStringLiteral("naive-timestamp"),
        QStringLiteral("non-utc-offset"),
        QStringLiteral("missing-index-column"),
        QStringLiteral("extra-column"),
        QStringLiteral("wrong-type"),
        QStringLiteral("null-in-non-null"),
        QStringLiteral("duplicate-index"),
        QStringLiteral("malformed-line"),
    };
    for (const QString &table : {QStringLiteral("example_project__daily_metrics"),
                                 QStringLiteral("example_project__account_positions")}) {
        for (const QString &kind : kinds) {
            QTest::newRow(qPrintable(table + u' ' + kind + QStringLiteral(" ndjson")))
                << table << kind << false;
            QTest::newRow(qPrintable(table + u' ' + kind + QStringLiteral(" csv")))
                << table << kind << true;
        }
    }
}

void TstSampleNode::eachBadKindBreaksExactlyItsRule()
{
    QFETCH(QString, table);
    QFETCH(QString, kind);
    QFETCH(bool, csv);
    const RunResult r = run({QStringLiteral("--rows"),
                             QStringLiteral("12"),
                             QStringLiteral("--bad"),
                             kind,
                             QStringLiteral("--bad-at"),
                             QStringLiteral("5"),
                             QStringLiteral("--format"),
                             csv ? QStringLiteral("csv") : QStringLiteral("ndjson")},
                            table);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(
        r.err.contains(QStringLiteral("row 5 (line %1): bad row %2").arg(csv ? 6 : 5).arg(kind)),
        qPrintable(r.err));
    const QList<StreamRow> rows = parseStream(r.out, csv);
    QCOMPARE(rows.size(), 12);
    QSet<QString> seen;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QStringList broken = brokenRules(storageClass(table), rows.at(i), csv, seen);
        QCOMPARE(broken, i == 4 ? QStringList{kind} : QStringList{});
    }
}

void TstSampleNode::badKindsTakeTurns()
{
    const QString table = QStringLiteral("example_project__daily_metrics");
    const RunResult r = run({QStringLiteral("--rows"),
                             QStringLiteral("10"),
                             QStringLiteral("--bad"),
                             QStringLiteral("wrong-type"),
                             QStringLiteral("--bad"),
                             QStringLiteral("extra-column"),
                             QStringLiteral("--bad-every"),
                             QStringLiteral("3"),
                             QStringLiteral("--bad-at"),
                             QStringLiteral("10")},
                            table);
    QCOMPARE(r.exitCode, 0);
    const QList<StreamRow> rows = parseStream(r.out, false);
    QSet<QString> seen;
    QStringList got;
    for (const StreamRow &row : rows)
        got << brokenRules(storageClass(table), row, false, seen).join(u'+');
    QCOMPARE(got,
             QStringList({{},
                          {},
                          QStringLiteral("wrong-type"),
                          {},
                          {},
                          QStringLiteral("extra-column"),
                          {},
                          {},
                          QStringLiteral("wrong-type"),
                          QStringLiteral("extra-column")}));
}

void TstSampleNode::failAfterExitsNonZero()
{
    const RunResult r = run({QStringLiteral("--rows"),
                             QStringLiteral("10"),
                             QStringLiteral("--fail-after"),
                             QStringLiteral("3"),
                             QStringLiteral("--sleep-ms"),
                             QStringLiteral("1")},
                            QStringLiteral("example_project__daily_metrics"));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.out.count('\n'), 3);
    QVERIFY(r.err.contains(QStringLiteral("failing after 3 rows")));
}

void TstSampleNode::badInputIsReportedPrecisely_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("envKey");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString daily = QStringLiteral("example_project__daily_metrics");
    const QStringList rows = {QStringLiteral("--rows"), QStringLiteral("3")};
    QTest::newRow("no contract variable")
        << rows << daily << QStringLiteral("METATABLE_CONTRACT_FILE") << QString() << 1
        << QStringLiteral("METATABLE_CONTRACT_FILE is not set");
    QTest::newRow("no config variable")
        << rows << daily << QStringLiteral("METATABLE_CONFIG_FILE") << QString() << 1
        << QStringLiteral("METATABLE_CONFIG_FILE is not set");
    QTest::newRow("unreadable contract")
        << rows << daily << QStringLiteral("METATABLE_CONTRACT_FILE")
        << QStringLiteral("/nonexistent/contract.json") << 1
        << QStringLiteral("/nonexistent/contract.json");
    QTest::newRow("contract not JSON")
        << rows << daily << QStringLiteral("METATABLE_CONTRACT_FILE")
        << TestSupport::sourcePath(QStringLiteral("resources/demo/README.md")) << 1
        << QStringLiteral("not JSON");
    QTest::newRow("contract not a storage class")
        << rows << daily << QStringLiteral("METATABLE_CONTRACT_FILE") << QStringLiteral("CONFIG")
        << 1 << QStringLiteral("\"class\"");
    QTest::newRow("relational contract")
        << rows << QStringLiteral("example_project__account") << QString() << QString() << 1
        << QStringLiteral("relational");
    QTest::newRow("bad row format variable")
        << rows << daily << QStringLiteral("METATABLE_ROW_FORMAT") << QStringLiteral("xml") << 2
        << QStringLiteral("METATABLE_ROW_FORMAT: expected \"ndjson\" or \"csv\", found \"xml\"");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--speed")} << daily << QString() << QString() << 2
        << QStringLiteral("unknown option \"--speed\"");
    QTest::newRow("bad kind") << QStringList{QStringLiteral("--bad"),
                                             QStringLiteral("odd"),
                                             QStringLiteral("--bad-at"),
                                             QStringLiteral("1")}
                              << daily << QString() << QString() << 2
                              << QStringLiteral("--bad: unknown kind \"odd\"");
    QTest::newRow("bad without rows")
        << QStringList{QStringLiteral("--bad"), QStringLiteral("wrong-type")} << daily << QString()
        << QString() << 2 << QStringLiteral("--bad needs --bad-every K or --bad-at N");
    QTest::newRow("bad row past the end")
        << QStringList{QStringLiteral("--rows"),
                       QStringLiteral("3"),
                       QStringLiteral("--bad"),
                       QStringLiteral("wrong-type"),
                       QStringLiteral("--bad-at"),
                       QStringLiteral("4")}
        << daily << QString() << QString() << 2 << QStringLiteral("--bad-at 4: only 3 rows");
    QTest::newRow("duplicate first") << QStringList{QStringLiteral("--bad"),
                                                    QStringLiteral("duplicate-index"),
                                                    QStringLiteral("--bad-at"),
                                                    QStringLiteral("1")}
                                     << daily << QString() << QString() << 2
                                     << QStringLiteral("no well-formed row comes before it");
    QTest::newRow("naive start") << QStringList{QStringLiteral("--start"),
                                                QStringLiteral("2024-01-01T00:00:00")}
                                 << daily << QString() << QString() << 2
                                 << QStringLiteral("has no UTC offset");
    QTest::newRow("negative rows")
        << QStringList{QStringLiteral("--rows"), QStringLiteral("-1")} << daily << QString()
        << QString() << 2 << QStringLiteral("--rows: expected an integer >= 0, found \"-1\"");
}

void TstSampleNode::badInputIsReportedPrecisely()
{
    QFETCH(QStringList, args);
    QFETCH(QString, table);
    QFETCH(QString, envKey);
    QFETCH(QString, envValue);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QList<QPair<QString, QString>> env;
    if (!envKey.isEmpty()) {
        // "CONFIG" stands for a file that is valid JSON but no storage class.
        const QString value = envValue == QLatin1String("CONFIG")
                                  ? m_dir.filePath(QStringLiteral("DailyMetricsNode.config.json"))
                                  : envValue;
        env.append({envKey, value});
    }
    const RunResult r = run(args, table, {}, env);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TstSampleNode)
#include "tst_samplenode.moc"
