// SPDX-License-Identifier: MIT
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QtTest>

namespace TestSupport {

// A Python interpreter that imports alembic, sqlalchemy and psycopg2: METATABLE_PYTHON when
// set, else Debian's /usr/bin/python3, else the python3 on PATH with Debian's dist-packages on
// PYTHONPATH. Empty, with `why` filled, when none works.
QString alembicPython(QString *why);

// The environment to run alembicPython() with (PYTHONPATH reaching Debian's dist-packages).
QProcessEnvironment alembicPythonEnvironment();

struct PythonResult
{
    bool finished = false; // started and ended within the timeout
    int exitCode = -1;
    QString output; // stdout
    QString errors; // stderr
};

// Runs `python args...` in `workDir` with alembicPythonEnvironment() plus `extraEnv`.
PythonResult runPython(const QString &python,
                       const QStringList &args,
                       const QString &workDir = {},
                       const QProcessEnvironment &extraEnv = {},
                       int timeoutMs = 120000);

} // namespace TestSupport

// Binds `python` to an interpreter with Alembic, or fails: the Alembic tests check generated
// revisions with the real Alembic, and are never skipped (install python3-alembic,
// python3-sqlalchemy and python3-psycopg2; see tools/setup-deps.sh).
#define METATABLE_ALEMBIC_PYTHON(python)                                                           \
    QString python;                                                                                \
    do {                                                                                           \
        QString why_;                                                                              \
        python = TestSupport::alembicPython(&why_);                                                \
        if (python.isEmpty())                                                                      \
            QFAIL(qPrintable(why_));                                                               \
    } while (false)
