// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include <core/db/session.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <pqxx/pqxx>

namespace TestSupport {

QString sourceDir()
{
    return qEnvironmentVariable("METATABLE_SOURCE_DIR");
}

bool putSampleNodeOnPath()
{
    const QString sampleNode = qEnvironmentVariable("METATABLE_SAMPLE_NODE");
    if (!QFileInfo(sampleNode).isExecutable())
        return false;
    qputenv("PATH",
            (QFileInfo(sampleNode).absolutePath() + QDir::listSeparator()
             + qEnvironmentVariable("PATH"))
                .toLocal8Bit());
    return true;
}

bool copyDirectory(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    const QDir source(from);
    for (const QFileInfo &entry :
         source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (entry.isDir()) {
            if (entry.fileName() != QLatin1String("__pycache__")
                && !copyDirectory(entry.filePath(), target))
                return false;
        } else if (!QFile::copy(entry.filePath(), target)) {
            return false;
        }
    }
    return true;
}

QString sourcePath(const QString &relative)
{
    return QDir(sourceDir()).filePath(relative);
}

QString vectorsDir()
{
    const QString dir = qEnvironmentVariable("METATABLE_VECTORS_DIR");
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return {};
    return QFileInfo(dir).canonicalFilePath();
}

QString cliPath()
{
    return qEnvironmentVariable("METATABLE_CLI");
}

bool strict()
{
    return qEnvironmentVariable("METATABLE_REQUIRE_PG") == QLatin1String("1")
           || qEnvironmentVariable("CI") == QLatin1String("true");
}

QString createScratchDatabase(const QString &prefix, QString *why)
{
    const QString server = qEnvironmentVariable("METATABLE_TEST_PG");
    if (server.isEmpty()) {
        *why = QStringLiteral("METATABLE_TEST_PG is not set, and integration tests need a "
                              "PostgreSQL server: run tools/run-tests.sh (it starts and stops "
                              "one), or start one with 'export METATABLE_TEST_PG=$(tests/scripts/"
                              "pg-up.sh DIR)' and stop it with 'tests/scripts/pg-down.sh DIR'");
        return {};
    }
    const QString name
        = QStringLiteral("%1_%2").arg(prefix).arg(QCoreApplication::applicationPid());
    try {
        pqxx::connection admin(server.toStdString());
        pqxx::nontransaction tx(admin);
        const std::string quoted = tx.quote_name(name.toStdString());
        tx.exec0("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
        tx.exec0("CREATE DATABASE " + quoted);
    } catch (const std::exception &e) {
        *why = QStringLiteral("cannot create test database %1: %2")
                   .arg(name, QString::fromUtf8(e.what()));
        return {};
    }
    return server + QStringLiteral(" dbname=") + name;
}

Core::Json pythonJson(const QString &script)
{
    const QString python = qEnvironmentVariable("METATABLE_PYTHON3", QStringLiteral("python3"));
    QProcess p;
    p.start(python, {sourcePath(QStringLiteral("tests/python/") + script)});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("%s %s failed (it needs pydantic 2): %s",
               qPrintable(python),
               qPrintable(script),
               p.readAllStandardError().constData());
    try {
        return Core::Json::parse(p.readAllStandardOutput().toStdString());
    } catch (const Core::Json::parse_error &e) {
        qFatal("%s printed no JSON: %s", qPrintable(script), e.what());
    }
}

std::unique_ptr<Core::Db::Session> openSession(const QString &conninfo)
{
    auto session = Core::Db::Session::open(conninfo);
    if (!session)
        qFatal("cannot open %s: %s",
               qPrintable(Core::Db::redactConninfo(conninfo)),
               qPrintable(session.error().toText()));
    return std::move(*session);
}

} // namespace TestSupport
