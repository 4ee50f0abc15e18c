// SPDX-License-Identifier: MIT
#include "clirun.h"

#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryFile>

namespace TestSupport {

CliRun runCli(const QStringList &args)
{
    QProcess p;
    p.start(cliPath(), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit)
        return {-1, p.readAllStandardOutput(), p.readAllStandardError()};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QString cliUpdateHash(const QString &manifest, const QString &node, const QByteArray &configJson)
{
    QTemporaryFile config;
    if (!config.open() || config.write(configJson) != configJson.size())
        return {};
    config.close();
    const CliRun run = runCli({QStringLiteral("hash"),
                               manifest,
                               QStringLiteral("--node"),
                               node,
                               QStringLiteral("--config"),
                               config.fileName(),
                               QStringLiteral("--json")});
    const QJsonObject out = QJsonDocument::fromJson(run.out).object();
    return out.value(QStringLiteral("update_hash")).toString();
}

} // namespace TestSupport
