// SPDX-License-Identifier: MIT
// How `metatable run` and `metatable runs` print run records as text.
#pragma once

#include <core/run/noderun.h>

#include <QTextStream>

namespace Cli {

// The end of one run: what happened in one plain sentence (never "succeeded" over refused
// rows), the counts, and per rule its count and first samples.
void printRunSummary(QTextStream &o, const Core::Run::RunRecord &record, int samplesShown = 5);

// One line per run, newest first.
void printRunList(QTextStream &o, const QList<Core::Run::RunRecord> &records);

// The exit status of a finished run: 0 succeeded, 1 succeeded with rejects, 3 failed or
// cancelled.
int runExitCode(const Core::Run::RunRecord &record);

} // namespace Cli
