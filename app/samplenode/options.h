// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace SampleNode {

enum class RowFormat { Ndjson, Csv };

// Each way a row can break the row-stream rules of provider-manifest.md.
enum class BadKind {
    NaiveTimestamp,
    NonUtcOffset,
    MissingIndexColumn,
    ExtraColumn,
    WrongType,
    NullInNonNull,
    DuplicateIndex,
    MalformedLine,
};

QString badKindName(BadKind kind);
std::optional<BadKind> badKindFromName(const QString &name);
QStringList badKindNames();

struct Options
{
    qint64 rows = 100;
    RowFormat format = RowFormat::Ndjson;
    std::optional<quint64> seed;     // nullopt: derived from the configuration
    std::optional<QDateTime> start;  // nullopt: 2024-01-01T00:00:00Z
    int entities = 3;                // distinct non-time index tuples per timestamp
    QList<BadKind> bad;              // cycled over the bad positions
    qint64 badEvery = 0;             // 0 = not set
    QList<qint64> badAt;             // 1-based row numbers
    std::optional<qint64> failAfter; // exit non-zero after this many rows
    int sleepMs = 0;
    bool help = false;

    // The bad kind asked for at 1-based row `row`, if any.
    std::optional<BadKind> badKindAt(qint64 row) const;
};

// Parses the command line (without the program name). `envFormat` is METATABLE_ROW_FORMAT.
// Errors are usage errors that name the option, the value and what is accepted.
[[nodiscard]] Core::Result<Options> parseOptions(const QStringList &args, const QString &envFormat);

QString usageText();

} // namespace SampleNode
