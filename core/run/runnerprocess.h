// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace Core::Run {

// How a runner is started: an argv run without a shell.
struct RunnerLaunch
{
    QString program; // resolved to a path
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment;
};

// A runner process driven from the thread that runs the node, with no event loop: poll() waits
// for its standard output and hands it on in chunks, and its standard error line by line.
class RunnerProcess
{
public:
    RunnerProcess();
    ~RunnerProcess();

    [[nodiscard]] VoidResult start(const RunnerLaunch &launch);

    // Waits up to `waitMs` for output, then passes what standard output holds to `rows` (in
    // pieces of any size) and each complete line of standard error to `log`. Returns false
    // once the process has ended and all its output was passed on.
    bool poll(int waitMs,
              const std::function<void(std::string_view)> &rows,
              const std::function<void(const QString &)> &log);

    // Terminates the runner, and kills it when it has not ended after `graceMs`.
    void stop(int graceMs);

    // The exit code of a runner that exited by itself; nullopt when it crashed or was killed.
    std::optional<int> exitCode() const;
    bool killed() const { return m_stopped; }

private:
    void readErrors(const std::function<void(const QString &)> &log, bool flush);

    std::unique_ptr<QProcess> m_process;
    std::vector<char> m_buffer;
    QByteArray m_partialError;
    bool m_stopped = false;
};

// The program of a runner command: a name without '/' is looked up on the PATH the runner gets,
// a relative path is taken from its working directory. The error names what was searched.
[[nodiscard]] Result<QString> resolveProgram(const QString &program,
                                             const QString &workingDirectory,
                                             const QProcessEnvironment &environment);

} // namespace Core::Run
