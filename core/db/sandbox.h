// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QString>

namespace Core::Db {

enum class SandboxState { NotInitialized, Stopped, Running };

QString sandboxStateName(SandboxState state); // "not-initialized", "stopped", "running"

struct SandboxStatus
{
    SandboxState state = SandboxState::NotInitialized;
    qint64 pid = 0;          // postmaster pid when running
    QString rootDirectory;   // holds data/, sock/ and server.log
    QString dataDirectory;   // PGDATA
    QString socketDirectory; // the only place the server listens (no TCP)
    QString logFile;
    QString serverVersion;  // "15.4" when running, the data directory's major version else
    QString conninfo;       // libpq connection string for the `metatable` database
    QString binDirectory;   // PostgreSQL server binaries used
    QString runAs;          // OS user owning the cluster and running the server
    QString locationReason; // why the sandbox lives where it does
};

struct SandboxOptions
{
    // Empty: METATABLE_SANDBOX_DIR, else $XDG_DATA_HOME/metatable-console/sandbox (or, as
    // root, a location the unprivileged server user can reach).
    QString directory;
    int timeoutMs = 60000; // per external command (initdb, pg_ctl)
};

// A private PostgreSQL cluster owned by the console: Debian's server binaries, trust
// authentication on a Unix socket inside a 0700 directory, no TCP listener. initdb refuses to
// run as root, so as root the cluster belongs to the `postgres` user. All calls are
// synchronous and may take seconds: call them from a worker thread, never the GUI thread.
class Sandbox
{
public:
    explicit Sandbox(SandboxOptions options = {});

    [[nodiscard]] Result<SandboxStatus> status() const;
    // Initialises the cluster when needed, starts it, creates the `metatable` database.
    // Already running is success.
    [[nodiscard]] Result<SandboxStatus> start();
    // Stops the server (fast shutdown). Not running is success.
    [[nodiscard]] Result<SandboxStatus> stop();

private:
    SandboxOptions m_options;
};

} // namespace Core::Db
