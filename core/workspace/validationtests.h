// SPDX-License-Identifier: MIT
#pragma once

#include <core/assistant/testrun.h>
#include <core/manifest/manifestio.h>
#include <core/util/canceltoken.h>

#include <QObject>
#include <QThreadPool>

#include <optional>

namespace Core {

// The migration guide's validation tests of a workspace: generates the module into the
// project's tests folder and runs it with the project's interpreter on a worker thread, telling
// each test's outcome as it ends. One run at a time; the last one is kept for every view.
class ValidationTests : public QObject
{
    Q_OBJECT

public:
    explicit ValidationTests(QObject *parent = nullptr);
    ~ValidationTests() override; // cancels a run and waits for it

    // Generates into `folder` from `document` and runs the module with `interpreter`, the
    // project's `pythonPath` on sys.path. False (with `why`) while a run is going on.
    bool start(const ManifestDocument &document,
               const QString &folder,
               const QString &interpreter,
               const QStringList &pythonPath,
               QString *why = nullptr);
    void cancel();
    bool isRunning() const { return m_running; }

    const QString &file() const { return m_file; } // the module written, once written
    const QList<Assistant::TestOutcome> &outcomes() const { return m_outcomes; }
    const std::optional<Error> &error() const { return m_error; } // why the last run failed
    const QStringList &notes() const { return m_notes; }

signals:
    void started();
    void generated(const QString &file);
    void testFinished(const Core::Assistant::TestOutcome &outcome);
    void finished(); // outcomes() complete, or error() set

private:
    QThreadPool m_pool;
    CancelToken m_cancel;
    bool m_running = false;
    int m_generation = 0;
    QString m_file;
    QStringList m_notes;
    QList<Assistant::TestOutcome> m_outcomes;
    std::optional<Error> m_error;
};

} // namespace Core
