// SPDX-License-Identifier: MIT
// metatable-sample-node: a DataNode runner that writes deterministic rows for any time-indexed
// storage contract, with switches to inject each kind of bad row and to fail or slow down a run,
// so the console's node runs can be exercised without Python.
#include "badrows.h"
#include "options.h"
#include "rowgenerator.h"
#include "rowwriter.h"

#include <core/manifest/manifestio.h>
#include <core/util/atomicfile.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QThread>

#include <cstdio>

namespace {

enum ExitCode { ExitOk = 0, ExitInput = 1, ExitUsage = 2, ExitFailedOnPurpose = 3 };

void logLine(const QString &text)
{
    std::fprintf(stderr, "metatable-sample-node: %s\n", qPrintable(text));
}

struct Inputs
{
    Core::StorageClass storageClass;
    Core::Json config;
    QByteArray configBytes;
};

Core::Result<Core::Json> readJsonFile(const char *variable, const char *what)
{
    const QString path = qEnvironmentVariable(variable);
    if (path.isEmpty())
        return Core::fail(Core::ErrorCode::InvalidInput,
                          QStringLiteral("%1 is not set: it names the file holding %2. The console "
                                         "sets it when it launches a runner; to run by hand, "
                                         "export %1=/path/to/file.json")
                              .arg(QLatin1String(variable), QLatin1String(what)));
    const auto bytes = Core::readWholeFile(path);
    if (!bytes)
        return Core::fail(
            Core::ErrorCode::InvalidInput,
            QStringLiteral("%1=%2: %3").arg(QLatin1String(variable), path, bytes.error().message));
    try {
        return Core::Json::parse(bytes->toStdString());
    } catch (const Core::Json::parse_error &e) {
        return Core::fail(Core::ErrorCode::InvalidInput,
                          QStringLiteral("%1=%2: not JSON (%3); expected %4")
                              .arg(QLatin1String(variable),
                                   path,
                                   QString::fromUtf8(e.what()),
                                   QLatin1String(what)));
    }
}

Core::Result<Inputs> loadInputs()
{
    const char *contractWhat
        = "the storage contract: one STORAGE_CLASS object of a provider manifest";
    const auto contract = readJsonFile("METATABLE_CONTRACT_FILE", contractWhat);
    if (!contract)
        return tl::unexpected(contract.error());
    const QString contractPath = qEnvironmentVariable("METATABLE_CONTRACT_FILE");
    if (!contract->is_object())
        return Core::fail(Core::ErrorCode::InvalidInput,
                          QStringLiteral("METATABLE_CONTRACT_FILE=%1: expected %2, found JSON of "
                                         "type %3")
                              .arg(contractPath,
                                   QLatin1String(contractWhat),
                                   QString::fromUtf8(contract->type_name())));
    auto storageClass = Core::storageClassFromJson(*contract, contractPath);
    if (!storageClass)
        return tl::unexpected(storageClass.error());

    const char *configWhat = "the effective node configuration (a JSON object)";
    const auto config = readJsonFile("METATABLE_CONFIG_FILE", configWhat);
    if (!config)
        return tl::unexpected(config.error());
    if (!config->is_object())
        return Core::fail(Core::ErrorCode::InvalidInput,
                          QStringLiteral("METATABLE_CONFIG_FILE=%1: expected %2, found JSON of "
                                         "type %3")
                              .arg(qEnvironmentVariable("METATABLE_CONFIG_FILE"),
                                   QLatin1String(configWhat),
                                   QString::fromUtf8(config->type_name())));
    return Inputs{std::move(*storageClass), *config, QByteArray::fromStdString(config->dump())};
}

// A node's output is a function of its configuration: without --seed, the configuration picks it.
quint64 seedFromConfig(const QByteArray &configText)
{
    const QByteArray digest = QCryptographicHash::hash(configText, QCryptographicHash::Md5);
    quint64 seed = 0;
    for (int i = 0; i < 8; ++i)
        seed = (seed << 8) | static_cast<quint8>(digest.at(i));
    return seed;
}

// duplicate-index repeats an earlier well-formed row, so one must come first.
Core::VoidResult checkDuplicatePositions(const SampleNode::Options &o)
{
    for (qint64 r = 1; r <= o.rows; ++r) {
        const auto kind = o.badKindAt(r);
        if (!kind)
            return {}; // a well-formed row: every later duplicate-index has one to repeat
        if (*kind == SampleNode::BadKind::DuplicateIndex)
            return Core::fail(Core::ErrorCode::InvalidInput,
                              QStringLiteral("--bad duplicate-index at row %1: no well-formed row "
                                             "comes before it to repeat the index of; choose a "
                                             "later row")
                                  .arg(r));
    }
    return {};
}

bool writeOut(const QByteArray &bytes, bool flush)
{
    if (!bytes.isEmpty()
        && std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout)
               != static_cast<size_t>(bytes.size()))
        return false;
    return !flush || std::fflush(stdout) == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const auto options = SampleNode::parseOptions(QCoreApplication::arguments().mid(1),
                                                  qEnvironmentVariable("METATABLE_ROW_FORMAT"));
    if (!options) {
        logLine(options.error().message);
        return ExitUsage;
    }
    if (options->help) {
        std::fputs(qPrintable(SampleNode::usageText()), stdout);
        return ExitOk;
    }
    if (auto ok = checkDuplicatePositions(*options); !ok) {
        logLine(ok.error().message);
        return ExitUsage;
    }
    const auto inputs = loadInputs();
    if (!inputs) {
        logLine(inputs.error().message);
        return ExitInput;
    }
    const quint64 seed = options->seed.value_or(seedFromConfig(inputs->configBytes));
    const QDateTime start
        = options->start.value_or(QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC));
    const auto generator
        = SampleNode::RowGenerator::create(inputs->storageClass, seed, start, options->entities);
    if (!generator) {
        logLine(generator.error().message);
        return ExitInput;
    }
    const auto injector = SampleNode::BadRowInjector::create(inputs->storageClass, options->bad);
    if (!injector) {
        logLine(injector.error().message);
        return ExitInput;
    }

    const bool csv = options->format == SampleNode::RowFormat::Csv;
    logLine(QStringLiteral("writing %1 %2 rows for %3 (seed %4, start %5, step %6, %7 index "
                           "tuples per timestamp)")
                .arg(options->rows)
                .arg(csv ? QStringLiteral("csv") : QStringLiteral("ndjson"),
                     inputs->storageClass.tableName())
                .arg(seed)
                .arg(SampleNode::RowGenerator::utcText(start), generator->stepText())
                .arg(generator->entities()));

    const SampleNode::RowWriter writer(options->format, generator->columnNames());
    const bool live = options->sleepMs > 0;
    if (!writeOut(writer.header(), live)) {
        logLine(QStringLiteral("standard output closed; stopping"));
        return ExitInput;
    }
    SampleNode::Row lastGood;
    bool haveGood = false;
    for (qint64 r = 1; r <= options->rows; ++r) {
        if (options->failAfter && r > *options->failAfter)
            break;
        SampleNode::Row row = generator->row(r - 1);
        if (const auto kind = options->badKindAt(r)) {
            const QString what = injector->apply(*kind, row, haveGood ? &lastGood : nullptr);
            logLine(QStringLiteral("row %1 (line %2): bad row %3: %4")
                        .arg(r)
                        .arg(csv ? r + 1 : r)
                        .arg(SampleNode::badKindName(*kind), what));
        } else {
            lastGood = row;
            haveGood = true;
        }
        if (!writeOut(writer.line(row), live)) {
            logLine(QStringLiteral("standard output closed after %1 rows; stopping").arg(r - 1));
            return ExitInput;
        }
        if (live && r < options->rows)
            QThread::msleep(static_cast<unsigned long>(options->sleepMs));
    }
    std::fflush(stdout);
    if (options->failAfter) {
        logLine(QStringLiteral("failing after %1 rows, as --fail-after asked")
                    .arg(std::min(*options->failAfter, options->rows)));
        return ExitFailedOnPurpose;
    }
    logLine(QStringLiteral("done: %1 rows").arg(options->rows));
    return ExitOk;
}
