// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Core {

// One run of a program of the bridge package (resources/python) with the interpreter of the
// user's environment: the exporter, the steward patch.
struct BridgeRun
{
    QString interpreter;               // path or name of the Python executable
    QStringList arguments;             // e.g. "-m", "metatable_export", ...
    QStringList pythonPath;            // after the bridge folder, before the inherited PYTHONPATH
    QString workingDirectory;          // empty = the console's
    QByteArray input;                  // written to standard input, which is then closed
    QString what;                      // "The Python export": how messages name the run
    QString timeoutHint;               // what to check when it runs too long, or empty
    QList<int> successExitCodes = {0}; // e.g. {0, 1} for a test run whose tests may fail
    // Called with each piece of standard output as it arrives (the whole output is still
    // returned), for programs that report progress line by line.
    std::function<void(const QByteArray &chunk)> onOutput;
};

// Runs it without a shell and returns its standard output. NotFound when the bridge package is
// missing; ProcessFailed when the interpreter cannot start, the program exits with a status
// not in successExitCodes (the
// message carries the end of its standard error, the detail the command line) or runs longer
// than timeoutMs (it is killed; <= 0 = no limit); Cancelled when `cancel` fires.
[[nodiscard]] Result<QByteArray>
runBridgeProgram(const BridgeRun &run, int timeoutMs, const CancelToken &cancel = {});

} // namespace Core
