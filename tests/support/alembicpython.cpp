// SPDX-License-Identifier: MIT
#include "alembicpython.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace TestSupport {

namespace {

const char DebianDistPackages[] = "/usr/lib/python3/dist-packages";

} // namespace

QProcessEnvironment alembicPythonEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString path = env.value(QStringLiteral("PYTHONPATH"));
    if (!path.split(QLatin1Char(':')).contains(QLatin1String(DebianDistPackages))) {
        path = path.isEmpty() ? QLatin1String(DebianDistPackages)
                              : path + QLatin1Char(':') + QLatin1String(DebianDistPackages);
    }
    env.insert(QStringLiteral("PYTHONPATH"), path);
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    return env;
}

PythonResult runPython(const QString &python,
                       const QStringList &args,
                       const QString &workDir,
                       const QProcessEnvironment &extraEnv,
                       int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = alembicPythonEnvironment();
    for (const QString &key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    process.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
    process.start(python, args);
    PythonResult result;
    if (!process.waitForStarted(10000)) {
        result.errors = QStringLiteral("cannot start %1: %2").arg(python, process.errorString());
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.errors = QStringLiteral("%1 did not finish within %2 ms").arg(python).arg(timeoutMs);
        return result;
    }
    result.finished = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.output = QString::fromUtf8(process.readAllStandardOutput());
    result.errors = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString alembicPython(QString *why)
{
    QStringList candidates;
    const QString fromEnv = qEnvironmentVariable("METATABLE_PYTHON");
    if (!fromEnv.isEmpty())
        candidates << fromEnv;
    candidates << QStringLiteral("/usr/bin/python3");
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (!onPath.isEmpty())
        candidates << onPath;
    QStringList tried;
    for (const QString &candidate : std::as_const(candidates)) {
        if (!QFileInfo(candidate).isExecutable()) {
            tried << QStringLiteral("%1: not an executable").arg(candidate);
            continue;
        }
        const PythonResult probe = runPython(
            candidate,
            {QStringLiteral("-c"), QStringLiteral("import alembic, sqlalchemy, psycopg2")},
            {},
            {},
            30000);
        if (probe.finished && probe.exitCode == 0)
            return candidate;
        tried << QStringLiteral("%1: %2").arg(
            candidate, probe.errors.trimmed().section(QLatin1Char('\n'), -1));
    }
    *why = QStringLiteral("no Python with alembic, sqlalchemy and psycopg2 found (install "
                          "python3-alembic python3-sqlalchemy python3-psycopg2, or set "
                          "METATABLE_PYTHON); tried: %1")
               .arg(tried.join(QLatin1String("; ")));
    return {};
}

} // namespace TestSupport
