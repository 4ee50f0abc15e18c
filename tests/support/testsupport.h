// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QString>
#include <QtTest>

#include <memory>

namespace Core::Db {
class Session;
}

namespace TestSupport {

// The repository root (METATABLE_SOURCE_DIR, set by CTest).
QString sourceDir();

// A file under tests/data/ or resources/, by path relative to the repository root.
QString sourcePath(const QString &relative);

// Puts the folder of METATABLE_SAMPLE_NODE (set by CTest) first on PATH, where the demo's
// runner command `metatable-sample-node` is found as a user's would be; false when it is unset.
bool putSampleNodeOnPath();

// Copies the folder `from` into `to` (created), recursively, leaving __pycache__ out.
bool copyDirectory(const QString &from, const QString &to);

// The SDK test vectors folder (../shared/vectors), or empty when it is missing.
QString vectorsDir();

// The `metatable` CLI built next to the tests (METATABLE_CLI, set by CTest).
QString cliPath();

// True when nothing may be skipped: METATABLE_REQUIRE_PG=1 (set by the `ci` test preset) or
// CI=true.
bool strict();

// Runs a script under tests/python with the machine's python3 (METATABLE_PYTHON3, else python3)
// and parses the JSON it prints; the test fails with the script's error output otherwise.
Core::Json pythonJson(const QString &script);

// A session on `conninfo` (e.g. a scratch database), or the end of the test run with the reason:
// an integration test cannot go on without its database.
std::unique_ptr<Core::Db::Session> openSession(const QString &conninfo);

// Creates a fresh, empty database on the test server (METATABLE_TEST_PG) and returns its libpq
// connection string, or an empty string with `why` filled when no server is configured.
// The name is "<prefix>_<pid>": dropped first if it exists.
QString createScratchDatabase(const QString &prefix, QString *why);

} // namespace TestSupport

// In an integration test: binds `conninfo` to a fresh database, or skips loudly when no
// server is configured (fails instead under strict(), e.g. `ctest --preset ci`, where a
// missing server is a broken set-up, not a reason to pass).
#define METATABLE_SCRATCH_DATABASE(conninfo, prefix)                                               \
    QString conninfo;                                                                              \
    do {                                                                                           \
        QString why_;                                                                              \
        conninfo = TestSupport::createScratchDatabase(QStringLiteral(prefix), &why_);              \
        if (conninfo.isEmpty()) {                                                                  \
            if (TestSupport::strict())                                                             \
                QFAIL(qPrintable(why_));                                                           \
            qWarning("SKIPPING INTEGRATION TEST: %s", qPrintable(why_));                           \
            QSKIP(qPrintable(why_));                                                               \
        }                                                                                          \
    } while (false)

// In a unit test that reads SDK vectors: fails in CI when they are missing, skips elsewhere.
#define METATABLE_VECTORS_DIR(dir)                                                                 \
    const QString dir = TestSupport::vectorsDir();                                                 \
    do {                                                                                           \
        if (dir.isEmpty()) {                                                                       \
            const char *why_ = "SDK vectors not found: set METATABLE_VECTORS_DIR or lay "          \
                               "../shared/vectors beside the checkout";                            \
            if (TestSupport::strict())                                                             \
                QFAIL(why_);                                                                       \
            QSKIP(why_);                                                                           \
        }                                                                                          \
    } while (false)
