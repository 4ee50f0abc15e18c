// SPDX-License-Identifier: MIT
// `metatable sandbox start|stop|status`: the private PostgreSQL cluster the console owns.
#include "command.h"

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

} // namespace

int runSandbox(const QStringList &args)
{
    const QString name = QStringLiteral("sandbox");
    QString action;
    Core::Db::SandboxOptions options;
    bool json = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == u"--json") {
            json = true;
        } else if (a == u"--dir") {
            if (i + 1 >= args.size())
                return usageError(name, QStringLiteral("--dir needs a directory"));
            options.directory = args[++i];
        } else if (a.startsWith(u"--dir=")) {
            options.directory = a.mid(6);
        } else if (a.startsWith(u"-")) {
            return usageError(name, QStringLiteral("unknown option '%1'").arg(a));
        } else if (action.isEmpty()) {
            action = a;
        } else {
            return usageError(name, QStringLiteral("unexpected argument '%1'").arg(a));
        }
    }
    if (options.directory.isEmpty() && args.contains(QStringLiteral("--dir=")))
        return usageError(name, QStringLiteral("--dir needs a directory"));

    Core::Db::Sandbox sandbox(options);
    Core::Result<Core::Db::SandboxStatus> result;
    if (action == u"start")
        result = sandbox.start();
    else if (action == u"stop")
        result = sandbox.stop();
    else if (action == u"status")
        result = sandbox.status();
    else if (action.isEmpty())
        return usageError(name, QStringLiteral("say start, stop or status"));
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
