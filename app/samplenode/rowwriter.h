// SPDX-License-Identifier: MIT
#pragma once

#include "options.h"
#include "rowgenerator.h"

#include <QByteArray>
#include <QStringList>

namespace SampleNode {

// Rows as the row stream of provider-manifest.md carries them: NDJSON objects keyed by column,
// or RFC 4180 CSV with a header row, where an empty field is NULL.
class RowWriter
{
public:
    RowWriter(RowFormat format, const QStringList &columns);

    QByteArray header() const; // the CSV header line; empty for NDJSON
    QByteArray line(const Row &row) const;

private:
    QByteArray ndjsonLine(const Row &row) const;
    QByteArray csvLine(const Row &row) const;

    RowFormat m_format;
    QStringList m_columns;
};

} // namespace SampleNode
