// SPDX-License-Identifier: MIT
#include "clirun.h"

#include "testsupport.h"

#include <QProcess>

namespace TestSupport {

CliRun runCli(const QStringList &args)
{
    QProcess p;
    p.start(cliPath(), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit)
        return {-1, p.readAllStandardOutput(), p.readAllStandardError()};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace TestSupport
