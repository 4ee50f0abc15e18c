// SPDX-License-Identifier: MIT
#include "command.h"

#include <cstdio>

namespace Cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

static const Command *findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

int usageError(const QString &command, const QString &message)
{
    err() << "metatable " << command << ": " << message << "\n";
    err() << "Run 'metatable " << command << " --help' for usage.\n";
    err().flush();
    return ExitUsage;
}

bool handledHelp(const QString &command, const QStringList &args)
{
    if (!args.contains(QStringLiteral("--help")) && !args.contains(QStringLiteral("-h")))
        return false;
    if (const Command *c = findCommand(command))
        out() << c->usage << "\n";
    out().flush();
    return true;
}

} // namespace Cli
