// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Cli {

// Exit codes every subcommand uses, so scripts and CI can branch on them: a pipeline must tell
// "the database needs an upgrade" from "the check could not run" (no server, bad manifest).
enum ExitCode : int {
    ExitOk = 0,       // success: the database matches, the manifest is clean, the upgrade ran
    ExitFindings = 1, // the command ran and found something to act on: lint errors, changes
                      // pending, drift, a refused or unconfirmed upgrade
    ExitUsage = 2,    // the command line itself is wrong
    ExitError = 3,    // the command could not do its job: unreadable manifest, no connection,
                      // a database error or timeout
};

struct Command
{
    QString name;
    QString summary;                     // one line for `metatable --help`
    QString usage;                       // full help for `metatable NAME --help`
    int (*run)(const QStringList &args); // args after the subcommand name
};

// Every subcommand, in the order `--help` lists them (defined in commandtable.cpp).
const QList<Command> &commands();

QTextStream &out(); // standard output, UTF-8
QTextStream &err(); // standard error, UTF-8

// Prints "metatable NAME: message" and the usage hint to stderr; returns ExitUsage.
int usageError(const QString &command, const QString &message);

// True when args contain --help or -h; prints the command's usage.
bool handledHelp(const QString &command, const QStringList &args);

} // namespace Cli
