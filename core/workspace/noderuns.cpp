// SPDX-License-Identifier: MIT
#include "noderuns.h"

#include <QMutex>

namespace Core {

namespace {

constexpr int PollMs = 50;             // at most 20 updates a second
constexpr double SampleEverySec = 0.5; // the chart's resolution
constexpr int MaxLogLines = 5000;      // the panel keeps the tail

} // namespace

struct NodeRunSession::Shared
{
    QMutex mutex;
    Run::RunCounters counters;
    bool countersChanged = false;
    std::optional<Run::RejectLog> rejects; // set when changed since the last poll
    QStringList log;                       // lines since the last poll
    std::optional<Run::RunRecord> started;
    std::optional<Result<Run::RunRecord>> outcome;
};

NodeRunSession::NodeRunSession(const QString &nodePath,
                               const Json &config,
                               Run::WritePolicy policy,
                               QObject *parent)
    : QObject(parent)
    , m_nodePath(nodePath)
    , m_config(config)
    , m_policy(policy)
    , m_shared(std::make_shared<Shared>())
{
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, &NodeRunSession::poll);
    m_timer.start();
}

NodeRunSession::~NodeRunSession() = default;

void NodeRunSession::cancel()
{
    if (!isRunning())
        return;
    m_cancelling = true;
    m_cancel.cancel();
    emit updated(0);
}

void NodeRunSession::poll()
{
    Run::RunCounters counters;
    bool countersChanged = false;
    std::optional<Run::RejectLog> rejects;
    QStringList lines;
    std::optional<Run::RunRecord> started;
    std::optional<Result<Run::RunRecord>> outcome;
    {
        QMutexLocker lock(&m_shared->mutex);
        countersChanged = std::exchange(m_shared->countersChanged, false);
        counters = m_shared->counters;
        rejects = std::exchange(m_shared->rejects, std::nullopt);
        lines = std::exchange(m_shared->log, {});
        started = std::exchange(m_shared->started, std::nullopt);
        outcome = std::exchange(m_shared->outcome, std::nullopt);
    }
    if (started)
        m_record = std::move(started);
    if (rejects)
        m_rejects = std::move(*rejects);
    if (countersChanged) {
        m_counters = counters;
        const double seconds = counters.elapsedMs / 1000.0;
        if (seconds - m_lastSampleSeconds >= SampleEverySec) {
            const double span = seconds - m_lastSampleSeconds;
            const qint64 read = counters.rowsRead - m_lastSampleRead;
            const qint64 rejected = counters.rejected - m_lastSampleRejected;
            m_samples.append({seconds,
                              double(read) / span,
                              read > 0 ? 100.0 * double(rejected) / double(read) : 0.0});
            m_lastSampleSeconds = seconds;
            m_lastSampleRead = counters.rowsRead;
            m_lastSampleRejected = counters.rejected;
        }
    }
    m_log += lines;
    if (m_log.size() > MaxLogLines)
        m_log.remove(0, m_log.size() - MaxLogLines);
    if (outcome) {
        m_timer.stop();
        if (*outcome) {
            m_record = **outcome;
            m_counters = (*outcome)->counters;
        }
        m_outcome = std::move(outcome);
        emit updated(int(lines.size()));
        emit finished();
        return;
    }
    if (countersChanged || rejects || !lines.isEmpty() || m_record)
        emit updated(int(lines.size()));
}

NodeRuns::NodeRuns(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(8); // runs of different nodes at once, and history reads
}

NodeRuns::~NodeRuns()
{
    for (NodeRunSession *session : std::as_const(m_last))
        session->cancel();
    m_pool.waitForDone();
}

bool NodeRuns::isRunning(const QString &nodePath) const
{
    NodeRunSession *session = m_last.value(nodePath);
    return session && session->isRunning();
}

NodeRunSession *NodeRuns::start(const QString &conninfo,
                                const ProviderManifest &boundManifest,
                                const QString &nodePath,
                                const Json &config,
                                const Run::RunOptions &options,
                                QString *why)
{
    if (isRunning(nodePath)) {
        if (why)
            *why = tr("%1 is already running; wait for it or cancel it first.").arg(nodePath);
        return nullptr;
    }
    auto *session = new NodeRunSession(nodePath, config, options.policy, this);
    if (NodeRunSession *previous = m_last.value(nodePath))
        previous->deleteLater();
    m_last.insert(nodePath, session);
    connect(
        session, &NodeRunSession::finished, this, [this, nodePath] { emit runFinished(nodePath); });

    Run::RunOptions runOptions = options;
    runOptions.config = config;
    std::shared_ptr<NodeRunSession::Shared> shared = session->shared();
    const CancelToken cancel = session->cancelToken();
    m_pool.start([shared, cancel, conninfo, boundManifest, nodePath, runOptions] {
        Run::RunCallbacks callbacks;
        callbacks.progress = [shared](const Run::RunCounters &c) {
            QMutexLocker lock(&shared->mutex);
            shared->counters = c;
            shared->countersChanged = true;
        };
        callbacks.log = [shared](const QString &line) {
            QMutexLocker lock(&shared->mutex);
            if (shared->log.size() < MaxLogLines)
                shared->log.append(line);
        };
        callbacks.rejects = [shared](const Run::RejectLog &log) {
            QMutexLocker lock(&shared->mutex);
            shared->rejects = log;
        };
        callbacks.started = [shared](const Run::RunRecord &record) {
            QMutexLocker lock(&shared->mutex);
            shared->started = record;
        };
        auto result
            = Run::runNode(conninfo, boundManifest, nodePath, runOptions, callbacks, cancel);
        QMutexLocker lock(&shared->mutex);
        shared->outcome = std::move(result);
    });
    emit runStarted(nodePath);
    return session;
}

void NodeRuns::loadHistory(const QString &conninfo, const QString &nodePath)
{
    const int generation = ++m_historyGeneration[nodePath];
    m_pool.start([this, conninfo, nodePath, generation] {
        auto runs = Run::listRuns(conninfo, nodePath);
        QMetaObject::invokeMethod(
            this,
            [this, nodePath, generation, runs = std::move(runs)] {
                if (generation != m_historyGeneration.value(nodePath))
                    return; // a newer read is on its way
                if (!runs) {
                    emit historyFailed(nodePath, runs.error());
                    return;
                }
                m_history.insert(nodePath, *runs);
                emit historyLoaded(nodePath);
            },
            Qt::QueuedConnection);
    });
}

} // namespace Core
