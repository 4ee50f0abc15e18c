// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace TestSupport {

// One run of the `metatable` CLI (cliPath()) to its end.
struct CliRun
{
    int exitCode = -1; // -1 when it did not start or crashed
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList &args);

} // namespace TestSupport
