// SPDX-License-Identifier: MIT
// The private PostgreSQL sandbox: lifecycle through the core API and through the CLI, as root
// (server runs as `postgres`) and as an ordinary user.
#include <core/db/sandbox.h>
#include <core/db/session.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <pwd.h>
#include <sys/stat.h>
#include <tests/support/testsupport.h>
#include <unistd.h>

using namespace Core::Db;

namespace {

struct CliRun
{
    int exitCode = -1;
    QJsonObject json;
    QString stdErr;
};

// Runs the CLI (`cli`, by default the one built next to the tests), optionally as another user
// through runuser, with extra environment.
CliRun runCli(const QStringList &args,
              const QString &asUser = {},
              const QStringList &env = {},
              const QString &cli = TestSupport::cliPath())
{
    QString program = cli;
    QStringList argv = args;
    if (!asUser.isEmpty() || !env.isEmpty()) {
        argv = QStringList{QStringLiteral("-u"), QStringLiteral("METATABLE_SANDBOX_DIR")} + env
               + QStringList{program} + args;
        program = QStringLiteral("env");
        if (!asUser.isEmpty()) {
            argv = QStringList{QStringLiteral("-u"), asUser, QStringLiteral("--"), program} + argv;
            program = QStringLiteral("runuser");
        }
    }
    QProcess p;
    p.setWorkingDirectory(QStringLiteral("/"));
    p.start(program, argv);
    CliRun r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        r.stdErr = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitCode();
    r.json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    r.stdErr = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

// A temporary directory the server user (postgres, when we are root) can traverse.
bool openUp(const QTemporaryDir &dir)
{
    return chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0;
}

// True when `user` can enter `path` (every folder above it is searchable by that user).
bool reachableBy(const QString &path, const QString &user)
{
    return QProcess::execute(QStringLiteral("runuser"),
                             {QStringLiteral("-u"),
                              user,
                              QStringLiteral("--"),
                              QStringLiteral("test"),
                              QStringLiteral("-x"),
                              path})
           == 0;
}

// A copy of the CLI in `dir` that every user may run. The build tree can sit where an ordinary
// user cannot go (a checkout in /root); the CLI links the project's libraries statically, so
// the executable alone is enough.
QString copyCliInto(const QString &dir)
{
    const QString copy = dir + QStringLiteral("/metatable");
    if (!QFile::copy(TestSupport::cliPath(), copy))
        return {};
    if (chmod(QFile::encodeName(copy).constData(), 0755) != 0)
        return {};
    return copy;
}

int modeOf(const QString &path)
{
    struct stat st = {};
    if (stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TstSandbox : public QObject
{
    Q_OBJECT

private slots:
    void coreLifecycle();
    void cliLifecycle();
    void cliAsOrdinaryUser();
    void rootFallsBackToReachableLocation();
    void badDirectoryIsExplained();
};

void TstSandbox::coreLifecycle()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(openUp(tmp));
    SandboxOptions options;
    options.directory = tmp.filePath(QStringLiteral("sand box")); // a space on purpose
    Sandbox sandbox(options);

    auto s = sandbox.status();
    QVERIFY2(s, qPrintable(s ? QString() : s.error().toText()));
    QCOMPARE(s->state, SandboxState::NotInitialized);
    QCOMPARE(s->rootDirectory, options.directory);
    QVERIFY(!QFileInfo::exists(options.directory)); // status creates nothing

    auto started = sandbox.start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toText()));
    QCOMPARE(started->state, SandboxState::Running);
    QVERIFY(started->pid > 0);
    QCOMPARE(started->socketDirectory, options.directory + QStringLiteral("/sock"));
    QCOMPARE(started->dataDirectory, options.directory + QStringLiteral("/data"));
    QVERIFY(started->serverVersion.startsWith(QStringLiteral("15")));
    QCOMPARE(modeOf(options.directory), 0700);
    QCOMPARE(modeOf(started->socketDirectory), 0700);
    QCOMPARE(started->runAs,
             geteuid() == 0 ? QStringLiteral("postgres")
                            : QString::fromLocal8Bit(getpwuid(geteuid())->pw_name));

    {
        auto session = Session::open(started->conninfo);
        QVERIFY2(session, qPrintable(session ? QString() : session.error().toText()));
        auto db = (*session)->query(QStringLiteral("SELECT current_database(), "
                                                   "current_setting('listen_addresses')"));
        QVERIFY(db);
        QCOMPARE(db->text(0, 0), QStringLiteral("metatable"));
        QCOMPARE(db->text(0, 1), QString()); // no TCP listener
    }

    auto again = sandbox.start();
    QVERIFY2(again, qPrintable(again ? QString() : again.error().toText()));
    QCOMPARE(again->state, SandboxState::Running);
    QCOMPARE(again->pid, started->pid);

    auto stopped = sandbox.stop();
    QVERIFY2(stopped, qPrintable(stopped ? QString() : stopped.error().toText()));
    QCOMPARE(stopped->state, SandboxState::Stopped);
    QCOMPARE(stopped->pid, 0);
    QCOMPARE(stopped->serverVersion, QStringLiteral("15"));
    auto stoppedAgain = sandbox.stop();
    QVERIFY(stoppedAgain);
    QCOMPARE(stoppedAgain->state, SandboxState::Stopped);

    auto restarted = sandbox.start();
    QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().toText()));
    QCOMPARE(restarted->state, SandboxState::Running);
    QVERIFY(restarted->pid != started->pid);
    QVERIFY(sandbox.stop());
    QCOMPARE(sandbox.status()->state, SandboxState::Stopped);
}

void TstSandbox::cliLifecycle()
{
    if (!QFileInfo(TestSupport::cliPath()).isExecutable())
        QSKIP("METATABLE_CLI is not set: run through ctest");
    QTemporaryDir tmp;
    QVERIFY(openUp(tmp));
    const QString dir = tmp.filePath(QStringLiteral("sb"));
    const QStringList where{QStringLiteral("--dir"), dir, QStringLiteral("--json")};

    CliRun r = runCli(QStringList{QStringLiteral("sandbox"), QStringLiteral("status")} + where);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json.value(QStringLiteral("state")).toString(), QStringLiteral("not-initialized"));

    r = runCli(QStringList{QStringLiteral("sandbox"), QStringLiteral("start")} + where);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stdErr));
    QCOMPARE(r.json.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(r.json.value(QStringLiteral("directory")).toString(), dir);
    const qint64 pid = r.json.value(QStringLiteral("pid")).toInteger();
    QVERIFY(pid > 0);
    const QString conninfo = r.json.value(QStringLiteral("conninfo")).toString();
    QVERIFY(Session::open(conninfo));

    r = runCli(QStringList{QStringLiteral("sandbox"), QStringLiteral("start")} + where);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stdErr));
    QCOMPARE(r.json.value(QStringLiteral("pid")).toInteger(), pid);

    r = runCli(QStringList{QStringLiteral("sandbox"), QStringLiteral("status")} + where);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json.value(QStringLiteral("state")).toString(), QStringLiteral("running"));

    r = runCli(QStringList{QStringLiteral("sandbox"), QStringLiteral("stop")} + where);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stdErr));
    QCOMPARE(r.json.value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
    r = runCli(QStringList{QStringLiteral("sandbox"), QStringLiteral("stop")} + where);
    QCOMPARE(r.exitCode, 0);
    r = runCli(QStringList{QStringLiteral("sandbox"), QStringLiteral("status")} + where);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json.value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));

    r = runCli({QStringLiteral("sandbox"), QStringLiteral("restart")});
    QCOMPARE(r.exitCode, 2);
}

void TstSandbox::cliAsOrdinaryUser()
{
    if (geteuid() != 0)
        QSKIP("runs only as root: it switches to the user 'nobody'");
    if (!QFileInfo(TestSupport::cliPath()).isExecutable())
        QSKIP("METATABLE_CLI is not set: run through ctest");
    const passwd *nobody = getpwnam("nobody");
    QVERIFY(nobody);
    QTemporaryDir tmp;
    QVERIFY(openUp(tmp));
    QVERIFY2(reachableBy(tmp.path(), QStringLiteral("nobody")),
             qPrintable(QStringLiteral("'nobody' cannot enter %1: point TMPDIR at a folder every "
                                       "user can reach")
                            .arg(tmp.path())));
    const QString cli = copyCliInto(tmp.path());
    QVERIFY2(!cli.isEmpty(), "cannot copy the CLI where 'nobody' can run it");
    const QString xdg = tmp.filePath(QStringLiteral("xdg"));
    QVERIFY(QDir().mkpath(xdg));
    QCOMPARE(chown(QFile::encodeName(xdg).constData(), nobody->pw_uid, nobody->pw_gid), 0);
    const QStringList env{QStringLiteral("XDG_DATA_HOME=") + xdg};
    const QString expected = xdg + QStringLiteral("/metatable-console/sandbox");
    const QStringList start{
        QStringLiteral("sandbox"), QStringLiteral("start"), QStringLiteral("--json")};
    const QStringList status{
        QStringLiteral("sandbox"), QStringLiteral("status"), QStringLiteral("--json")};
    const QStringList stop{
        QStringLiteral("sandbox"), QStringLiteral("stop"), QStringLiteral("--json")};

    CliRun r = runCli(start, QStringLiteral("nobody"), env, cli);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stdErr));
    QCOMPARE(r.json.value(QStringLiteral("run_as")).toString(), QStringLiteral("nobody"));
    QCOMPARE(r.json.value(QStringLiteral("directory")).toString(), expected);
    QCOMPARE(r.json.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    struct stat st = {};
    QCOMPARE(stat(QFile::encodeName(expected).constData(), &st), 0);
    QCOMPARE(st.st_uid, nobody->pw_uid);

    r = runCli(status, QStringLiteral("nobody"), env, cli);
    QCOMPARE(r.exitCode, 0);
    r = runCli(stop, QStringLiteral("nobody"), env, cli);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stdErr));
    r = runCli(status, QStringLiteral("nobody"), env, cli);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json.value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
}

void TstSandbox::rootFallsBackToReachableLocation()
{
    if (geteuid() != 0)
        QSKIP("only root needs a location the postgres user can reach");
    QTemporaryDir tmp; // 0700, owned by root: the postgres user cannot enter it
    const QString xdg = tmp.filePath(QStringLiteral("share"));
    qputenv("XDG_DATA_HOME", QFile::encodeName(xdg));
    qunsetenv("METATABLE_SANDBOX_DIR");
    auto s = Sandbox().status(); // status only: nothing is created
    qunsetenv("XDG_DATA_HOME");
    QVERIFY2(s, qPrintable(s ? QString() : s.error().toText()));
    QCOMPARE(s->rootDirectory, QStringLiteral("/var/lib/metatable-console/sandbox"));
    QVERIFY2(s->locationReason.contains(xdg), qPrintable(s->locationReason));
    // One sentence: who runs PostgreSQL and why, what it cannot reach, where the sandbox goes.
    QCOMPARE(s->locationReason,
             QStringLiteral("As root, PostgreSQL runs as 'postgres' (initdb refuses root), and "
                            "'postgres' cannot reach %1/metatable-console/sandbox (%2 is not "
                            "searchable by it), so the sandbox lives in "
                            "/var/lib/metatable-console/sandbox")
                 .arg(xdg, QDir::cleanPath(tmp.path())));
}

void TstSandbox::badDirectoryIsExplained()
{
    SandboxOptions options;
    options.directory = QStringLiteral("/tmp/") + QString(120, QLatin1Char('x'));
    auto s = Sandbox(options).start();
    QVERIFY(!s);
    QVERIFY2(s.error().message.contains(QStringLiteral("shorter --dir")),
             qPrintable(s.error().message));
    QVERIFY(!QFileInfo::exists(options.directory));
}

QTEST_GUILESS_MAIN(TstSandbox)
#include "tst_sandbox.moc"
