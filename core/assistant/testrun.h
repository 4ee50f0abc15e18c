// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Core::Assistant {

// One test of a module run by metatable_export.testrun.
struct TestOutcome
{
    QString test; // the method name, e.g. "test_5_parameterized_storage_factories_are_memoized"
    QString description; // its docstring's first line
    QString outcome;     // "passed", "failed", "error", "skipped"
    QString detail;      // failures of each subtest, tracebacks
    double seconds = 0;
    bool passed() const { return outcome == QLatin1String("passed"); }
};

struct TestRunSettings
{
    QString interpreter = QStringLiteral("python3"); // the project's environment
    QString file;                                    // the test module
    QStringList pythonPath;                          // the project's source folders
    QString workingDirectory;                        // empty: the module's folder
    int timeoutMs = 10 * 60 * 1000;
};

struct TestRun
{
    QList<TestOutcome> tests;
    int count(const QString &outcome) const;
    bool allPassed() const; // at least one test, none failed or in error
};

// Runs the module with the project's interpreter (no shell), the bridge's metatable_export on
// its path. `onTest` is called from this thread as each test ends. The module failing to load
// is an InvalidInput error holding Python's traceback; Cancelled when `cancel` fires; a run
// longer than the timeout is stopped (ProcessFailed).
[[nodiscard]] Result<TestRun> runTestModule(const TestRunSettings &settings,
                                            const CancelToken &cancel = {},
                                            const std::function<void(const TestOutcome &)> &onTest
                                            = {});

} // namespace Core::Assistant
