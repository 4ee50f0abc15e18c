// SPDX-License-Identifier: MIT
// `metatable`: lint, name, hash, diff and upgrade provider manifests from a terminal or CI.
#include "command.h"

#include <core/core.h>

#include <QCoreApplication>

namespace {

void printHelp()
{
    QTextStream &o = Cli::out();
    o << "Usage: metatable [--version] [--help] COMMAND [ARGS...]\n\n"
      << "MetaTable Console command-line client: works on provider manifests\n"
      << "(metatable-provider/1) and PostgreSQL databases without the GUI.\n\nCommands:\n";
    for (const Cli::Command &c : Cli::commands())
        o << "  " << c.name.leftJustified(14) << c.summary << "\n";
    o << "\nRun 'metatable COMMAND --help' for a command's options.\n"
      << "Exit status (lint, diff, status, revision, upgrade):\n"
      << "  0  ok: the manifest is clean, the database matches, the upgrade was applied\n"
      << "  1  something to act on: lint errors, changes pending, drift, a refused or\n"
      << "     unconfirmed upgrade\n"
      << "  2  usage error\n"
      << "  3  error: unreadable manifest, no connection, a database error or timeout\n"
      << "hash, config, contract-hash, names, export and sandbox: 0 ok, 1 rejected input or\n"
      << "failure, 2 usage (see each command's --help).\n";
    o.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("metatable"));
    QCoreApplication::setOrganizationName(QStringLiteral("metatable-console"));
    QCoreApplication::setApplicationVersion(Core::version());

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QStringLiteral("--help")
        || args.first() == QStringLiteral("-h") || args.first() == QStringLiteral("help")) {
        printHelp();
        return args.isEmpty() ? Cli::ExitUsage : Cli::ExitOk;
    }
    if (args.first() == QStringLiteral("--version")) {
        Cli::out() << "metatable " << Core::version() << "\n";
        return Cli::ExitOk;
    }
    const QString name = args.takeFirst();
    for (const Cli::Command &c : Cli::commands()) {
        if (c.name != name)
            continue;
        if (Cli::handledHelp(name, args))
            return Cli::ExitOk;
        const int code = c.run(args);
        Cli::out().flush();
        Cli::err().flush();
        return code;
    }
    Cli::err() << "metatable: unknown command '" << name << "'. Run 'metatable --help'.\n";
    return Cli::ExitUsage;
}
