// SPDX-License-Identifier: MIT
#pragma once

#include "options.h"
#include "rowgenerator.h"

namespace SampleNode {

// Turns a good row into one that breaks exactly one row-stream rule. The columns each kind
// touches are chosen once per contract, so every bad row of a kind breaks the rule the same way.
class BadRowInjector
{
public:
    // Fails when the contract has no column a requested kind could break (the message says
    // which kind, and why).
    [[nodiscard]] static Core::Result<BadRowInjector> create(const Core::StorageClass &storageClass,
                                                             const QList<BadKind> &kinds);

    // Rewrites `row`; `lastGood` is the latest row written unchanged (required for
    // duplicate-index). Returns what was done, for the log.
    QString apply(BadKind kind, Row &row, const Row *lastGood) const;

    // The extra key written by extra-column: never a contract column.
    QString extraColumn() const { return m_extraColumn; }

private:
    BadRowInjector() = default;

    QString m_timeIndex;
    QStringList m_indexNames;
    QString m_missingIndexColumn;
    QString m_wrongTypeColumn;
    QString m_wrongTypeValue;
    QString m_nullColumn;
    QString m_extraColumn;
};

} // namespace SampleNode
