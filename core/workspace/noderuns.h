// SPDX-License-Identifier: MIT
#pragma once

#include <core/run/noderun.h>

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <memory>
#include <optional>

namespace Core {

// One point of a run's live chart.
struct RunSample
{
    double seconds = 0;       // since the run started
    double rowsPerSecond = 0; // rows read per second over the last interval
    double rejectPercent = 0; // rejected among the rows read in that interval
};

// A node run as the console follows it: the run itself works on a worker thread and publishes
// into a shared state; this object reads that state on the GUI thread at most 20 times a second,
// however fast rows arrive, and says what changed.
class NodeRunSession : public QObject
{
    Q_OBJECT

public:
    struct Shared; // what the worker writes and the poll reads, under its mutex

    NodeRunSession(const QString &nodePath,
                   const Json &config,
                   Run::WritePolicy policy,
                   QObject *parent = nullptr);
    ~NodeRunSession() override;

    const QString &nodePath() const { return m_nodePath; }
    const Json &config() const { return m_config; } // the configuration it runs with
    Run::WritePolicy policy() const { return m_policy; }
    bool isRunning() const { return !m_outcome.has_value(); }
    const Run::RunCounters &counters() const { return m_counters; }
    const Run::RejectLog &rejects() const { return m_rejects; }
    const QList<RunSample> &samples() const { return m_samples; }
    const QStringList &log() const { return m_log; } // every line so far (bounded)
    // The record once the run exists in the catalog; the final one when it ended.
    const std::optional<Run::RunRecord> &record() const { return m_record; }
    // Set when the run ended: its record, or why it could not be made at all.
    const std::optional<Result<Run::RunRecord>> &outcome() const { return m_outcome; }
    void cancel();
    bool isCancelling() const { return m_cancelling; }

    std::shared_ptr<Shared> shared() const { return m_shared; }
    CancelToken cancelToken() const { return m_cancel; }

signals:
    void updated(int newLogLines); // counters, rejects, samples, log
    void finished();

private:
    void poll();

    QString m_nodePath;
    Json m_config;
    Run::WritePolicy m_policy;
    std::shared_ptr<Shared> m_shared;
    CancelToken m_cancel;
    bool m_cancelling = false;
    QTimer m_timer;
    Run::RunCounters m_counters;
    Run::RejectLog m_rejects;
    QList<RunSample> m_samples;
    qint64 m_lastSampleRead = 0;
    qint64 m_lastSampleRejected = 0;
    double m_lastSampleSeconds = 0;
    QStringList m_log;
    std::optional<Run::RunRecord> m_record;
    std::optional<Result<Run::RunRecord>> m_outcome;
};

// The node runs of a workspace: starts them on worker threads (runs of different nodes in
// parallel), keeps the last run of each node for the run panel, and reads run history.
class NodeRuns : public QObject
{
    Q_OBJECT

public:
    explicit NodeRuns(QObject *parent = nullptr);
    ~NodeRuns() override; // cancels what runs and waits for it

    // Starts a run of `nodePath` with `config`; refused (nullptr, `why` set) while the node
    // already runs here. The database refuses a run another console started.
    NodeRunSession *start(const QString &conninfo,
                          const ProviderManifest &boundManifest,
                          const QString &nodePath,
                          const Json &config,
                          const Run::RunOptions &options,
                          QString *why = nullptr);
    NodeRunSession *last(const QString &nodePath) const { return m_last.value(nodePath); }
    bool isRunning(const QString &nodePath) const;

    // Reads the node's run records (newest first); historyLoaded or historyFailed follows.
    void loadHistory(const QString &conninfo, const QString &nodePath);
    QList<Run::RunRecord> history(const QString &nodePath) const
    {
        return m_history.value(nodePath);
    }

signals:
    void runStarted(const QString &nodePath);
    void runFinished(const QString &nodePath);
    void historyLoaded(const QString &nodePath);
    void historyFailed(const QString &nodePath, const Core::Error &error);

private:
    QThreadPool m_pool;
    QHash<QString, NodeRunSession *> m_last;
    QHash<QString, QList<Run::RunRecord>> m_history;
    QHash<QString, int> m_historyGeneration;
};

} // namespace Core
