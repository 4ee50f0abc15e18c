// SPDX-License-Identifier: MIT
#include "runnerprocess.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Core::Run {

namespace {

constexpr qint64 ReadPiece = 256 * 1024;
constexpr int MaxLogLine = 4000; // a longer line of standard error is cut here

QString logText(const QByteArray &line)
{
    QByteArray l = line;
    if (l.endsWith('\r'))
        l.chop(1);
    QString s = QString::fromUtf8(l.left(MaxLogLine));
    if (l.size() > MaxLogLine)
        s += QStringLiteral("…");
    return s;
}

} // namespace

RunnerProcess::RunnerProcess()
    : m_process(std::make_unique<QProcess>())
    , m_buffer(std::size_t(ReadPiece))
{}

RunnerProcess::~RunnerProcess()
{
    if (m_process->state() != QProcess::NotRunning)
        stop(0);
}

VoidResult RunnerProcess::start(const RunnerLaunch &launch)
{
    m_process->setProgram(launch.program);
    m_process->setArguments(launch.arguments);
    m_process->setWorkingDirectory(launch.workingDirectory);
    m_process->setProcessEnvironment(launch.environment);
    m_process->setReadChannel(QProcess::StandardOutput);
    m_process->start(QIODevice::ReadOnly);
    if (!m_process->waitForStarted(30000))
        return fail(ErrorCode::ProcessFailed,
                    QStringLiteral("The runner %1 could not be started in %2: %3")
                        .arg(launch.program, launch.workingDirectory, m_process->errorString()));
    return {};
}

void RunnerProcess::readErrors(const std::function<void(const QString &)> &log, bool flush)
{
    m_partialError += m_process->readAllStandardError();
    qsizetype start = 0;
    for (qsizetype nl = m_partialError.indexOf('\n'); nl >= 0;
         nl = m_partialError.indexOf('\n', start)) {
        log(logText(m_partialError.mid(start, nl - start)));
        start = nl + 1;
    }
    m_partialError.remove(0, start);
    if (flush && !m_partialError.isEmpty()) {
        log(logText(m_partialError));
        m_partialError.clear();
    }
}

bool RunnerProcess::poll(int waitMs,
                         const std::function<void(std::string_view)> &rows,
                         const std::function<void(const QString &)> &log)
{
    const bool running = m_process->state() != QProcess::NotRunning;
    if (running && m_process->bytesAvailable() == 0)
        m_process->waitForReadyRead(waitMs);
    while (m_process->bytesAvailable() > 0) {
        const qint64 n = m_process->read(m_buffer.data(), ReadPiece);
        if (n <= 0)
            break;
        rows(std::string_view(m_buffer.data(), std::size_t(n)));
    }
    const bool ended = m_process->state() == QProcess::NotRunning;
    readErrors(log, ended);
    return !(ended && m_process->bytesAvailable() == 0);
}

void RunnerProcess::stop(int graceMs)
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    m_stopped = true;
    m_process->terminate();
    if (graceMs > 0 && m_process->waitForFinished(graceMs))
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

std::optional<int> RunnerProcess::exitCode() const
{
    if (m_stopped || m_process->exitStatus() != QProcess::NormalExit
        || m_process->error() == QProcess::FailedToStart)
        return std::nullopt;
    return m_process->exitCode();
}

Result<QString> resolveProgram(const QString &program,
                               const QString &workingDirectory,
                               const QProcessEnvironment &environment)
{
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(QDir(workingDirectory).absoluteFilePath(program));
        if (!info.isFile() || !info.isExecutable())
            return fail(ErrorCode::NotFound,
                        QStringLiteral("The runner program %1 is not an executable file.")
                            .arg(info.absoluteFilePath()));
        return info.absoluteFilePath();
    }
    const QStringList path
        = environment.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QString found = QStandardPaths::findExecutable(program, path);
    if (found.isEmpty())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The runner program '%1' is not on the PATH the runner gets "
                                   "(%2): install it, give its path in runner.command, or set "
                                   "PATH in runner.environment.")
                        .arg(program, path.join(QLatin1Char(':'))));
    return found;
}

} // namespace Core::Run
