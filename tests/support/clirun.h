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

// The update_hash `metatable hash MANIFEST --node NODE --config FILE --json` prints for
// `configJson` (written to a temporary file); empty when the CLI gives none.
QString cliUpdateHash(const QString &manifest, const QString &node, const QByteArray &configJson);

} // namespace TestSupport
