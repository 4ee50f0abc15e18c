// SPDX-License-Identifier: MIT
// End to end: the real metatable-sample-node writes rows with each kind of bad row, and the
// row-stream parser and validator reject exactly those rows, each under its one rule.
#include <core/manifest/manifestio.h>
#include <core/run/rowparser.h>
#include <core/run/rowvalidator.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <tests/support/testsupport.h>

using namespace Core::Run;

namespace {

// The sample node's --bad kinds and the one rule each must be rejected under.
const QList<QPair<QString, RejectRule>> kinds = {
    {QStringLiteral("naive-timestamp"), RejectRule::NaiveTimestamp},
    {QStringLiteral("non-utc-offset"), RejectRule::NonUtcTimeIndex},
    {QStringLiteral("missing-index-column"), RejectRule::MissingIndexColumn},
    {QStringLiteral("extra-column"), RejectRule::UnknownColumn},
    {QStringLiteral("wrong-type"), RejectRule::BadValue},
    {QStringLiteral("null-in-non-null"), RejectRule::NullInNonNullable},
    {QStringLiteral("duplicate-index"), RejectRule::DuplicateIndex},
    {QStringLiteral("malformed-line"), RejectRule::MalformedLine},
};

const QString table = QStringLiteral("example_project__daily_metrics");

class Counter : public AcceptedRowSink
{
public:
    QList<std::int64_t> lines;
    void accepted(std::string_view copyLine, std::int64_t line) override
    {
        QVERIFY(copyLine.size() > 1 && copyLine.back() == '\n');
        lines << line;
    }
};

} // namespace

class TstRunSampleNode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachBadKindIsRejectedUnderItsRule_data();
    void eachBadKindIsRejectedUnderItsRule();
    void allKindsInOneRun_data();
    void allKindsInOneRun();

private:
    QByteArray runNode(const QStringList &args);

    QString m_program;
    QTemporaryDir m_dir;
    Core::StorageClass m_class;
};

void TstRunSampleNode::initTestCase()
{
    m_program = qEnvironmentVariable("METATABLE_SAMPLE_NODE");
    QVERIFY2(!m_program.isEmpty(), "METATABLE_SAMPLE_NODE is not set (CTest sets it)");
    QVERIFY(m_dir.isValid());
    const auto doc = Core::readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY2(doc, qPrintable(doc ? QString() : doc.error().message));
    const Core::StorageClass *sc = doc->manifest.storageClassByTable(table);
    QVERIFY(sc);
    m_class = *sc;
    QFile contract(m_dir.filePath(QStringLiteral("contract.json")));
    QVERIFY(contract.open(QIODevice::WriteOnly));
    contract.write(QByteArray::fromStdString(Core::storageClassToJson(m_class).dump()));
    QFile config(m_dir.filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{\"source_scope\": \"default_scope\"}");
}

QByteArray TstRunSampleNode::runNode(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("METATABLE_CONTRACT_FILE"),
             m_dir.filePath(QStringLiteral("contract.json")));
    e.insert(QStringLiteral("METATABLE_CONFIG_FILE"),
             m_dir.filePath(QStringLiteral("config.json")));
    p.setProcessEnvironment(e);
    p.start(m_program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("%s", p.readAllStandardError().constData());
        return {};
    }
    return p.readAllStandardOutput();
}

void TstRunSampleNode::eachBadKindIsRejectedUnderItsRule_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("rule");
    QTest::addColumn<QString>("column");
    for (const QString &format : {QStringLiteral("ndjson"), QStringLiteral("csv")}) {
        for (const auto &[kind, rule] : kinds) {
            QString column;
            switch (rule) {
            case RejectRule::NaiveTimestamp:
            case RejectRule::NonUtcTimeIndex:
                column = QStringLiteral("time_index");
                break;
            case RejectRule::MissingIndexColumn:
                column = QStringLiteral("entity_identifier");
                break;
            case RejectRule::UnknownColumn:
                column = format == QLatin1String("csv") ? QStringLiteral("field 4")
                                                        : QStringLiteral("unexpected_column");
                break;
            case RejectRule::BadValue:
            case RejectRule::NullInNonNullable:
                column = QStringLiteral("value");
                break;
            case RejectRule::DuplicateIndex:
                column = QStringLiteral("time_index, entity_identifier");
                break;
            default:
                break;
            }
            QTest::addRow("%s %s", qPrintable(format), qPrintable(kind))
                << format << kind << int(rule) << column;
        }
    }
}

void TstRunSampleNode::eachBadKindIsRejectedUnderItsRule()
{
    QFETCH(QString, format);
    QFETCH(QString, kind);
    QFETCH(int, rule);
    QFETCH(QString, column);
    const int rows = 40, badRow = 17;
    const QByteArray out = runNode({QStringLiteral("--rows"),
                                    QString::number(rows),
                                    QStringLiteral("--format"),
                                    format,
                                    QStringLiteral("--bad"),
                                    kind,
                                    QStringLiteral("--bad-at"),
                                    QString::number(badRow)});
    QVERIFY(!out.isEmpty());

    Counter counter;
    auto validator = RowValidator::create(m_class, counter);
    QVERIFY2(validator, qPrintable(validator ? QString() : validator.error().message));
    auto parser = makeRowParser(
        *rowFormatFromName(format.toStdString()), validator->columnNames(), *validator);
    // Odd-sized chunks, as a pipe delivers them.
    for (qsizetype pos = 0; pos < out.size(); pos += 997)
        parser->feed(std::string_view(out.constData() + pos,
                                      size_t(std::min<qsizetype>(997, out.size() - pos))));
    parser->finish();
    QVERIFY(!parser->failure());

    const bool csv = format == QLatin1String("csv");
    const std::int64_t badLine = csv ? badRow + 1 : badRow;
    const RejectLog &log = validator->rejects();
    QCOMPARE(log.total(), 1);
    QCOMPARE(log.count(RejectRule(rule)), 1);
    const RejectSample &s = log.samples(RejectRule(rule)).first();
    QCOMPARE(s.line, badLine);
    QCOMPARE(s.column, column);
    if (RejectRule(rule) != RejectRule::MalformedLine) {
        // Row 17 of the sample node: time step (17 - 1) / 3 = 5 days after 2024-01-01, index
        // tuple (17 - 1) % 3 = 1 (the duplicate repeats row 16, tuple 0).
        QVERIFY2(s.grainKey.startsWith(QLatin1String("time_index=2024-01-06T")),
                 qPrintable(s.grainKey));
        QVERIFY2(s.grainKey.contains(RejectRule(rule) == RejectRule::MissingIndexColumn
                                         ? QLatin1String("entity_identifier=")
                                     : RejectRule(rule) == RejectRule::DuplicateIndex
                                         ? QLatin1String("entity_identifier=entity_identifier_0")
                                         : QLatin1String("entity_identifier=entity_identifier_1")),
                 qPrintable(s.grainKey));
    }
    QCOMPARE(validator->rowsRead(), rows);
    QCOMPARE(counter.lines.size(), rows - 1);
    QVERIFY(!counter.lines.contains(badLine));
}

void TstRunSampleNode::allKindsInOneRun_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("ndjson") << QStringLiteral("ndjson");
    QTest::newRow("csv") << QStringLiteral("csv");
}

void TstRunSampleNode::allKindsInOneRun()
{
    QFETCH(QString, format);
    // Every 7th row is bad, the kinds taking turns: two of each in 120 rows.
    const int rows = 120, every = 7;
    QStringList args = {QStringLiteral("--rows"),
                        QString::number(rows),
                        QStringLiteral("--format"),
                        format,
                        QStringLiteral("--bad-every"),
                        QString::number(every)};
    for (const auto &k : kinds)
        args << QStringLiteral("--bad") << k.first;
    const QByteArray out = runNode(args);
    QVERIFY(!out.isEmpty());

    Counter counter;
    auto validator = RowValidator::create(m_class, counter);
    QVERIFY(validator);
    auto parser = makeRowParser(
        *rowFormatFromName(format.toStdString()), validator->columnNames(), *validator);
    parser->feed(std::string_view(out.constData(), size_t(out.size())));
    parser->finish();

    const std::int64_t offset = format == QLatin1String("csv") ? 1 : 0;
    QMap<std::int64_t, RejectRule> expected; // line -> rule
    for (int r = every; r <= rows; r += every)
        expected.insert(r + offset, kinds.at((r / every - 1) % kinds.size()).second);
    const RejectLog &log = validator->rejects();
    QMap<std::int64_t, RejectRule> got;
    for (const RejectRule rule : allRules()) {
        for (const RejectSample &s : log.samples(rule))
            got.insert(s.line, rule);
    }
    QCOMPARE(got, expected);
    QCOMPARE(log.total(), std::int64_t(expected.size()));
    QCOMPARE(counter.lines.size(), rows - expected.size());
}

QTEST_GUILESS_MAIN(TstRunSampleNode)
#include "tst_runsamplenode.moc"
