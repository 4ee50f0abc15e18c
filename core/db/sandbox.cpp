// SPDX-License-Identifier: MIT
#include "sandbox.h"

#include <core/db/session.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QVersionNumber>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Core::Db {

namespace {

// The postmaster's socket file is SOCKDIR/.s.PGSQL.5432; sun_path holds 107 bytes plus NUL.
constexpr int MaxSocketPath = 107;
const QString SocketFile = QStringLiteral("/.s.PGSQL.5432");
const QString SuperUser = QStringLiteral("postgres");
const QString DatabaseName = QStringLiteral("metatable");
const QString RootFallback = QStringLiteral("/var/lib/metatable-console/sandbox");

struct Account
{
    QString name;
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups;
};

Result<Account> lookupAccount(const QString &name)
{
    const QByteArray n = name.toLocal8Bit();
    const passwd *pw = getpwnam(n.constData());
    if (!pw)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The sandbox needs the OS user '%1' to run PostgreSQL "
                                   "(initdb refuses root); install Debian's postgresql package, "
                                   "which creates it.")
                        .arg(name));
    Account a{name, pw->pw_uid, pw->pw_gid, {}};
    int count = 64;
    a.groups.resize(size_t(count));
    if (getgrouplist(n.constData(), pw->pw_gid, a.groups.data(), &count) < 0) {
        a.groups.resize(size_t(count));
        getgrouplist(n.constData(), pw->pw_gid, a.groups.data(), &count);
    }
    a.groups.resize(size_t(count));
    return a;
}

// The account that owns the cluster: the caller, or `postgres` when the caller is root.
Result<Account> serverAccount()
{
    if (geteuid() == 0)
        return lookupAccount(QStringLiteral("postgres"));
    const passwd *pw = getpwuid(geteuid());
    if (!pw)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The current user id %1 has no passwd entry; PostgreSQL "
                                   "needs one to run.")
                        .arg(geteuid()));
    return lookupAccount(QString::fromLocal8Bit(pw->pw_name));
}

bool mayTraverse(const Account &a, const struct stat &st)
{
    if (a.uid == 0)
        return true;
    if (st.st_uid == a.uid)
        return st.st_mode & S_IXUSR;
    for (gid_t g : a.groups) {
        if (g == st.st_gid)
            return st.st_mode & S_IXGRP;
    }
    return st.st_mode & S_IXOTH;
}

// The first existing ancestor of `path` the account cannot enter, or empty when all can be.
QString blockedAncestor(const Account &a, const QString &path)
{
    QString current;
    const QStringList parts = QDir::cleanPath(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        current += QLatin1Char('/') + parts[i];
        struct stat st = {};
        if (stat(QFile::encodeName(current).constData(), &st) != 0)
            return {}; // created by us below, with mode 0755
        if (!mayTraverse(a, st))
            return current;
    }
    return {};
}

struct Location
{
    QString root;
    QString reason;
};

Result<Location> resolveLocation(const SandboxOptions &options, const Account &account)
{
    QString explicitDir = options.directory;
    QString source = QStringLiteral("given on the command line");
    if (explicitDir.isEmpty()) {
        explicitDir = qEnvironmentVariable("METATABLE_SANDBOX_DIR");
        source = QStringLiteral("from METATABLE_SANDBOX_DIR");
    }
    if (!explicitDir.isEmpty()) {
        const QString root = QDir::cleanPath(QDir::current().absoluteFilePath(explicitDir));
        if (const QString blocked = blockedAncestor(account, root); !blocked.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("The sandbox directory %1 is not reachable by the user "
                                       "'%2' that runs PostgreSQL: %3 is not searchable by it. "
                                       "Choose a directory under /var/lib or /tmp, or make %3 "
                                       "searchable (chmod o+x).")
                            .arg(root, account.name, blocked));
        return Location{root, QStringLiteral("directory %1").arg(source)};
    }
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString root = QDir::cleanPath(base + QStringLiteral("/metatable-console/sandbox"));
    const QString blocked = blockedAncestor(account, root);
    if (blocked.isEmpty())
        return Location{root, QStringLiteral("default location in the user's data directory")};
    if (const QString fallbackBlocked = blockedAncestor(account, RootFallback);
        !fallbackBlocked.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Neither %1 nor %2 is reachable by the user '%3' that runs "
                                   "PostgreSQL; pass --dir or set METATABLE_SANDBOX_DIR.")
                        .arg(root, RootFallback, account.name));
    return Location{RootFallback,
                    QStringLiteral("As root, PostgreSQL runs as '%2' (initdb refuses root), "
                                   "and '%2' cannot reach %1 (%3 is not searchable by it), so "
                                   "the sandbox lives in %4")
                        .arg(root, account.name, blocked, RootFallback)};
}

Result<QString> findBinDir()
{
    QProcess p;
    p.start(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    if (p.waitForFinished(10000) && p.exitCode() == 0) {
        const QString dir = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
        if (QFileInfo(dir + QStringLiteral("/initdb")).isExecutable())
            return dir;
    }
    QDir lib(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) < QVersionNumber::fromString(b);
    });
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        const QString dir = lib.filePath(*it + QStringLiteral("/bin"));
        if (QFileInfo(dir + QStringLiteral("/initdb")).isExecutable())
            return dir;
    }
    return fail(ErrorCode::NotFound,
                QStringLiteral("No PostgreSQL server binaries found (pg_config --bindir, "
                               "/usr/lib/postgresql/<version>/bin): install Debian's "
                               "'postgresql' package."));
}

// A value in a libpq connection string: quoted when it holds spaces, quotes or backslashes.
QString conninfoValue(const QString &v)
{
    if (!v.isEmpty() && !v.contains(QLatin1Char(' ')) && !v.contains(QLatin1Char('\''))
        && !v.contains(QLatin1Char('\\')))
        return v;
    QString q = v;
    q.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    q.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

// pg_ctl hands -o to /bin/sh: single-quote the path.
QString shellQuote(const QString &v)
{
    QString q = v;
    q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

struct Output
{
    int exitCode = 0;
    QString stdOut;
    QString stdErr;
};

class Cluster
{
public:
    SandboxOptions options;
    Account account;
    Location location;
    QString binDir;

    QString dataDir() const { return location.root + QStringLiteral("/data"); }
    QString sockDir() const { return location.root + QStringLiteral("/sock"); }
    QString logFile() const { return location.root + QStringLiteral("/server.log"); }
    bool initialized() const
    {
        return QFileInfo::exists(dataDir() + QStringLiteral("/PG_VERSION"));
    }
    QString conninfo(const QString &db) const
    {
        return QStringLiteral("host=%1 port=5432 user=%2 dbname=%3")
            .arg(conninfoValue(sockDir()), SuperUser, db);
    }

    Result<Output> run(const QString &tool, const QStringList &args) const
    {
        QString program = binDir + QLatin1Char('/') + tool;
        QStringList argv = args;
        if (geteuid() == 0) {
            argv = QStringList{QStringLiteral("-u"), account.name, QStringLiteral("--"), program}
                   + args;
            program = QStringLiteral("runuser");
        }
        QProcess p;
        p.setWorkingDirectory(QStringLiteral("/")); // the server user may not enter ours
        p.start(program, argv);
        const QString shown = tool + QLatin1Char(' ') + args.join(QLatin1Char(' '));
        if (!p.waitForStarted(options.timeoutMs))
            return fail(ErrorCode::ProcessFailed,
                        QStringLiteral("Could not run %1: %2").arg(program, p.errorString()));
        if (!p.waitForFinished(options.timeoutMs)) {
            p.kill();
            p.waitForFinished(2000);
            return fail(ErrorCode::ProcessFailed,
                        QStringLiteral("%1 did not finish within %2 s; see %3.")
                            .arg(shown)
                            .arg(options.timeoutMs / 1000)
                            .arg(logFile()),
                        QString::fromLocal8Bit(p.readAllStandardError()));
        }
        Output out{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                   QString::fromLocal8Bit(p.readAllStandardOutput()),
                   QString::fromLocal8Bit(p.readAllStandardError())};
        return out;
    }

    Result<Output>
    runChecked(const QString &tool, const QStringList &args, const QString &what) const
    {
        auto out = run(tool, args);
        if (!out)
            return out;
        if (out->exitCode != 0) {
            QString detail = out->stdErr.trimmed();
            if (detail.isEmpty())
                detail = out->stdOut.trimmed();
            return fail(ErrorCode::ProcessFailed,
                        QStringLiteral("%1 failed (%2 exited with %3); server log: %4.")
                            .arg(what, tool)
                            .arg(out->exitCode)
                            .arg(logFile()),
                        detail);
        }
        return out;
    }

    // Creates `dir` (and missing parents, mode 0755) owned by the server account, mode 0700.
    VoidResult makePrivateDir(const QString &dir) const
    {
        const QString parent = QFileInfo(dir).path();
        if (!QFileInfo::exists(parent)) {
            QStringList missing;
            for (QString p = parent; !QFileInfo::exists(p); p = QFileInfo(p).path())
                missing.prepend(p);
            for (const QString &m : std::as_const(missing)) {
                if (mkdir(QFile::encodeName(m).constData(), 0755) != 0 && !QFileInfo::exists(m))
                    return fail(ErrorCode::Io,
                                QStringLiteral("Cannot create %1: %2")
                                    .arg(m, QString::fromLocal8Bit(strerror(errno))));
                chmod(QFile::encodeName(m).constData(), 0755);
            }
        }
        const QByteArray path = QFile::encodeName(dir);
        if (mkdir(path.constData(), 0700) != 0 && errno != EEXIST)
            return fail(ErrorCode::Io,
                        QStringLiteral("Cannot create the sandbox directory %1: %2")
                            .arg(dir, QString::fromLocal8Bit(strerror(errno))));
        struct stat st = {};
        if (stat(path.constData(), &st) != 0 || !S_ISDIR(st.st_mode))
            return fail(ErrorCode::Io, QStringLiteral("%1 is not a directory.").arg(dir));
        if (st.st_uid != account.uid) {
            if (geteuid() != 0)
                return fail(ErrorCode::Refused,
                            QStringLiteral("The sandbox directory %1 belongs to uid %2, not to "
                                           "'%3': choose another --dir.")
                                .arg(dir)
                                .arg(st.st_uid)
                                .arg(account.name));
            if (chown(path.constData(), account.uid, account.gid) != 0)
                return fail(ErrorCode::Io,
                            QStringLiteral("Cannot hand %1 to the user '%2': %3")
                                .arg(dir, account.name, QString::fromLocal8Bit(strerror(errno))));
        }
        if (chmod(path.constData(), 0700) != 0)
            return fail(ErrorCode::Io,
                        QStringLiteral("Cannot make %1 private (0700): %2")
                            .arg(dir, QString::fromLocal8Bit(strerror(errno))));
        return {};
    }

    Result<bool> running() const
    {
        if (!initialized())
            return false;
        auto out = run(QStringLiteral("pg_ctl"),
                       {QStringLiteral("status"), QStringLiteral("-D"), dataDir()});
        if (!out)
            return fail(out.error());
        if (out->exitCode == 0)
            return true;
        if (out->exitCode == 3)
            return false;
        return fail(ErrorCode::ProcessFailed,
                    QStringLiteral("Cannot tell whether the sandbox in %1 runs (pg_ctl status "
                                   "exited with %2).")
                        .arg(dataDir())
                        .arg(out->exitCode),
                    out->stdErr.trimmed());
    }

    Result<SandboxStatus> status() const
    {
        SandboxStatus s;
        s.rootDirectory = location.root;
        s.dataDirectory = dataDir();
        s.socketDirectory = sockDir();
        s.logFile = logFile();
        s.conninfo = conninfo(DatabaseName);
        s.binDirectory = binDir;
        s.runAs = account.name;
        s.locationReason = location.reason;
        if (!initialized())
            return s;
        auto isRunning = running();
        if (!isRunning)
            return fail(isRunning.error());
        QFile version(dataDir() + QStringLiteral("/PG_VERSION"));
        if (version.open(QIODevice::ReadOnly))
            s.serverVersion = QString::fromLatin1(version.readAll()).trimmed();
        s.state = *isRunning ? SandboxState::Running : SandboxState::Stopped;
        if (!*isRunning)
            return s;
        QFile pidFile(dataDir() + QStringLiteral("/postmaster.pid"));
        if (pidFile.open(QIODevice::ReadOnly))
            s.pid = QString::fromLatin1(pidFile.readLine()).trimmed().toLongLong();
        auto session = Session::open(conninfo(QStringLiteral("postgres")));
        if (!session)
            return fail(session.error());
        auto v = (*session)->query(QStringLiteral("SHOW server_version"));
        if (!v)
            return fail(v.error());
        s.serverVersion = v->text(0, 0);
        return s;
    }
};

Result<Cluster> makeCluster(const SandboxOptions &options)
{
    Cluster c;
    c.options = options;
    auto account = serverAccount();
    if (!account)
        return fail(account.error());
    c.account = *account;
    auto location = resolveLocation(options, c.account);
    if (!location)
        return fail(location.error());
    c.location = *location;
    const qsizetype socketPath = QFile::encodeName(c.sockDir() + SocketFile).size();
    if (socketPath > MaxSocketPath)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The sandbox socket path %1%2 is %3 bytes, longer than the "
                                   "%4 a Unix socket allows: choose a shorter --dir.")
                        .arg(c.sockDir(), SocketFile)
                        .arg(socketPath)
                        .arg(MaxSocketPath));
    auto bin = findBinDir();
    if (!bin)
        return fail(bin.error());
    c.binDir = *bin;
    return c;
}

VoidResult initialize(const Cluster &c)
{
    const QDir data(c.dataDir());
    if (data.exists() && !data.isEmpty())
        return fail(ErrorCode::Refused,
                    QStringLiteral("%1 exists but holds no PostgreSQL cluster (no PG_VERSION): "
                                   "remove it or choose another --dir.")
                        .arg(c.dataDir()));
    auto out
        = c.runChecked(QStringLiteral("initdb"),
                       {QStringLiteral("-D"),
                        c.dataDir(),
                        QStringLiteral("-U"),
                        SuperUser,
                        QStringLiteral("-A"),
                        QStringLiteral("trust"),
                        QStringLiteral("-E"),
                        QStringLiteral("UTF8"),
                        QStringLiteral("--locale=C.UTF-8")},
                       QStringLiteral("Initialising the sandbox cluster in %1").arg(c.dataDir()));
    if (!out)
        return fail(out.error());
    return {};
}

VoidResult createDatabase(const Cluster &c)
{
    auto session = Session::open(c.conninfo(QStringLiteral("postgres")));
    if (!session)
        return fail(session.error());
    auto exists = (*session)->query(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = $1"),
                                    {DatabaseName});
    if (!exists)
        return fail(exists.error());
    if (!exists->isEmpty())
        return {};
    auto created = (*session)->execute(QStringLiteral("CREATE DATABASE ") + DatabaseName);
    // A concurrent start() may have created it first (duplicate_database).
    if (!created && !created.error().detail.contains(u"42P04"))
        return fail(created.error());
    return {};
}

} // namespace

QString sandboxStateName(SandboxState state)
{
    switch (state) {
    case SandboxState::NotInitialized:
        return QStringLiteral("not-initialized");
    case SandboxState::Stopped:
        return QStringLiteral("stopped");
    case SandboxState::Running:
        return QStringLiteral("running");
    }
    return QStringLiteral("unknown");
}

Sandbox::Sandbox(SandboxOptions options)
    : m_options(std::move(options))
{}

Result<SandboxStatus> Sandbox::status() const
{
    auto c = makeCluster(m_options);
    if (!c)
        return fail(c.error());
    return c->status();
}

Result<SandboxStatus> Sandbox::start()
{
    auto c = makeCluster(m_options);
    if (!c)
        return fail(c.error());
    if (auto r = c->makePrivateDir(c->location.root); !r)
        return fail(r.error());
    if (auto r = c->makePrivateDir(c->sockDir()); !r)
        return fail(r.error());
    if (!c->initialized()) {
        if (auto r = initialize(*c); !r)
            return fail(r.error());
    }
    auto isRunning = c->running();
    if (!isRunning)
        return fail(isRunning.error());
    if (!*isRunning) {
        const QString serverOptions
            = QStringLiteral("-k %1 -c listen_addresses=''").arg(shellQuote(c->sockDir()));
        auto out = c->runChecked(QStringLiteral("pg_ctl"),
                                 {QStringLiteral("-D"),
                                  c->dataDir(),
                                  QStringLiteral("-l"),
                                  c->logFile(),
                                  QStringLiteral("-w"),
                                  QStringLiteral("-t"),
                                  QString::number(std::max(1, m_options.timeoutMs / 1000)),
                                  QStringLiteral("-o"),
                                  serverOptions,
                                  QStringLiteral("start")},
                                 QStringLiteral("Starting the sandbox server"));
        if (!out) {
            // The reason is in the server log rather than on pg_ctl's stderr.
            Error e = out.error();
            QFile log(c->logFile());
            if (log.open(QIODevice::ReadOnly))
                e.detail
                    += QStringLiteral("\n") + QString::fromLocal8Bit(log.readAll().right(2000));
            return fail(std::move(e));
        }
    }
    if (auto r = createDatabase(*c); !r)
        return fail(r.error());
    return c->status();
}

Result<SandboxStatus> Sandbox::stop()
{
    auto c = makeCluster(m_options);
    if (!c)
        return fail(c.error());
    auto isRunning = c->running();
    if (!isRunning)
        return fail(isRunning.error());
    if (*isRunning) {
        auto out = c->runChecked(QStringLiteral("pg_ctl"),
                                 {QStringLiteral("-D"),
                                  c->dataDir(),
                                  QStringLiteral("-m"),
                                  QStringLiteral("fast"),
                                  QStringLiteral("-w"),
                                  QStringLiteral("-t"),
                                  QString::number(std::max(1, m_options.timeoutMs / 1000)),
                                  QStringLiteral("stop")},
                                 QStringLiteral("Stopping the sandbox server"));
        // Exit 1 with "Is server running?" means it stopped between our check and pg_ctl.
        if (!out && !out.error().detail.contains(u"Is server running"))
            return fail(out.error());
    }
    return c->status();
}

} // namespace Core::Db
