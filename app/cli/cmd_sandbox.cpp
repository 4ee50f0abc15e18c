// SPDX-License-Identifier: MIT
// `metatable sandbox start|stop|status`: the private PostgreSQL cluster the console owns.
#include "command.h"
#include "options.h"

#include <core/db/sandbox.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Cli {

namespace {

QJsonObject toJson(const Core::Db::SandboxStatus &s)
{
    return QJsonObject{
        {QStringLiteral("state"), Core::Db::sandboxStateName(s.state)},
        {QStringLiteral("pid"), s.pid},
        {QStringLiteral("directory"), s.rootDirectory},
        {QStringLiteral("data_directory"), s.dataDirectory},
        {QStringLiteral("socket_directory"), s.socketDirectory},
        {QStringLiteral("log_file"), s.logFile},
        {QStringLiteral("server_version"), s.serverVersion},
        {QStringLiteral("conninfo"), s.conninfo},
        {QStringLiteral("bin_directory"), s.binDirectory},
        {QStringLiteral("run_as"), s.runAs},
        {QStringLiteral("location_reason"), s.locationReason},
    };
}

void printText(const Core::Db::SandboxStatus &s)
{
    QTextStream &o = out();
    o << "state:            " << Core::Db::sandboxStateName(s.state) << "\n";
    if (s.pid > 0)
        o << "pid:              " << s.pid << "\n";
    o << "directory:        " << s.rootDirectory << "\n"
      << "  why here:       " << s.locationReason << "\n"
      << "data directory:   " << s.dataDirectory << "\n"
      << "socket directory: " << s.socketDirectory << "\n"
      << "log file:         " << s.logFile << "\n";
    if (!s.serverVersion.isEmpty())
        o << "server version:   " << s.serverVersion << "\n";
    o << "run as:           " << s.runAs << "\n"
      << "binaries:         " << s.binDirectory << "\n"
      << "conninfo:         " << s.conninfo << "\n";
}

const Syntax CommandLine = Syntax({Option::flag({QStringLiteral("--json")}),
                                   Option::value({QStringLiteral("--dir")})
                                       .needing(QStringLiteral("a directory"))
                                       .acceptingInlineValue()})
                               .positional(QStringLiteral("say start, stop or status"));

} // namespace

int runSandbox(const QStringList &args)
{
    const QString name = QStringLiteral("sandbox");
    const auto parsed = parseArguments(CommandLine, args);
    if (!parsed)
        return usageError(name, parsed.error());
    const QString action = parsed->first();
    const bool json = parsed->has(QStringLiteral("--json"));
    Core::Db::SandboxOptions options;
    options.directory = parsed->value(QStringLiteral("--dir"));

    Core::Db::Sandbox sandbox(options);
    Core::Result<Core::Db::SandboxStatus> result;
    if (action == u"start")
        result = sandbox.start();
    else if (action == u"stop")
        result = sandbox.stop();
    else if (action == u"status")
        result = sandbox.status();
    else
        return usageError(
            name, QStringLiteral("unknown action '%1': use start, stop or status").arg(action));

    if (!result) {
        err() << "metatable sandbox " << action << ": " << result.error().toText() << "\n";
        return ExitFindings;
    }
    if (json)
        out() << QJsonDocument(toJson(*result)).toJson(QJsonDocument::Indented);
    else
        printText(*result);
    if (action == u"status")
        return result->state == Core::Db::SandboxState::Running ? ExitOk : ExitFindings;
    return ExitOk;
}

} // namespace Cli
