// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Cli {

// Exit codes every subcommand uses, so scripts and CI can branch on them.
enum ExitCode : int {
    ExitOk = 0,       // success, nothing to report
    ExitFindings = 1, // the command ran and found errors (lint findings, drift, refused plan)
    ExitUsage = 2,    // the command line itself is wrong
};

struct Command
{
    QString name;
    QString summary; // one line for `metatable --help`
    QString usage;   // full help for `metatable NAME --help`
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
