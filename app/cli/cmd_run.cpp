// SPDX-License-Identifier: MIT
// `metatable run MANIFEST --node M:Q --db CONNINFO`: one manual run of a DataNode, its rows
// checked against the storage contract and written into its table; `metatable runs`: the
// catalog's run records.
#include "command.h"
#include "nodeselect.h"
#include "options.h"
#include "runreport.h"

#include <core/db/session.h>
#include <core/migrate/apply.h>
#include <core/run/noderun.h>

#include <QFileInfo>

#include <csignal>

namespace Cli {

namespace {

const QString RunName = QStringLiteral("run");
const QString RunsName = QStringLiteral("runs");

QString checkFormat(const QString &option, const QString &value)
{
    if (value == u"text" || value == u"json")
        return {};
    return QStringLiteral("%1 must be text or json, not '%2'").arg(option, value);
}

QString checkPolicy(const QString &option, const QString &value)
{
    if (Core::Run::writePolicyFromName(value))
        return {};
    return QStringLiteral("%1 must be atomic or batched, not '%2'").arg(option, value);
}

QString checkPositive(const QString &option, const QString &value)
{
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (ok && n > 0)
        return {};
    return QStringLiteral("%1 expects a whole number above 0, got '%2'").arg(option, value);
}

const Syntax RunLine
    = Syntax({Option::once({QStringLiteral("--node")})
                  .needing(QStringLiteral("MODULE:QUALNAME"))
                  .required(QStringLiteral("missing --node MODULE:QUALNAME")),
              Option::once({QStringLiteral("--db")})
                  .needing(QStringLiteral("a connection string"))
                  .required(QStringLiteral("--db CONNINFO is missing")),
              Option::once({QStringLiteral("--policy")}).checkedBy(checkPolicy),
              Option::once({QStringLiteral("--batch-rows")}).checkedBy(checkPositive),
              Option::once({QStringLiteral("--config")}).needing(QStringLiteral("a file")),
              Option::once({QStringLiteral("--format")}).checkedBy(checkFormat),
              Option::flag({QStringLiteral("--json")})
                  .storing(QStringLiteral("--format"), QStringLiteral("json"))})
          .positional(QStringLiteral("the MANIFEST file is missing"),
                      QStringLiteral("only one MANIFEST may be given"));

const Syntax RunsLine
    = Syntax({Option::once({QStringLiteral("--db")})
                  .needing(QStringLiteral("a connection string"))
                  .required(QStringLiteral("--db CONNINFO is missing")),
              Option::once({QStringLiteral("--node")}).needing(QStringLiteral("MODULE:QUALNAME")),
              Option::once({QStringLiteral("--limit")}).checkedBy(checkPositive),
              Option::once({QStringLiteral("--format")}).checkedBy(checkFormat),
              Option::flag({QStringLiteral("--json")})
                  .storing(QStringLiteral("--format"), QStringLiteral("json"))});

// Ctrl+C cancels the run as the console's Cancel does: the runner is stopped and the policy
// decides what stays.
Core::CancelToken *s_cancel = nullptr;

extern "C" void cancelOnSignal(int)
{
    if (s_cancel)
        s_cancel->cancel();
}

int failed(const QString &command, const Core::Error &error, bool json)
{
    reportError(command, error, json);
    return ExitError; // a run that could not start is never "succeeded with rejects"
}

} // namespace

int runRun(const QStringList &args)
{
    const auto o = parseArguments(RunLine, args);
    if (!o)
        return usageError(RunName, o.error());
    const bool json = o->value(QStringLiteral("--format")) == u"json";
    const QString conninfo = o->value(QStringLiteral("--db"));
    const auto doc = Core::readManifestFile(o->first());
    if (!doc)
        return failed(RunName, doc.error(), json);

    Core::Run::RunOptions options;
    if (o->has(QStringLiteral("--policy")))
        options.policy = *Core::Run::writePolicyFromName(o->value(QStringLiteral("--policy")));
    if (o->has(QStringLiteral("--batch-rows")))
        options.batchRows = o->value(QStringLiteral("--batch-rows")).toLongLong();
    if (o->has(QStringLiteral("--config"))) {
        auto config = readConfigFile(o->value(QStringLiteral("--config")));
        if (!config)
            return failed(RunName, config.error(), json);
        options.config = std::move(*config);
    }
    // A relative runner.working_directory is relative to the manifest, as in the console.
    options.workingDirectoryBase = QFileInfo(doc->path).absolutePath();

    // Storage classes in the configuration hash by the uid the catalog bound them to.
    Core::ProviderManifest manifest;
    {
        auto session = Core::Db::Session::open(conninfo);
        if (!session)
            return failed(RunName, session.error(), json);
        auto bound = Core::Migrate::bindManifest(**session, doc->manifest);
        if (!bound)
            return failed(RunName, bound.error(), json);
        manifest = std::move(*bound);
    }

    Core::CancelToken cancel;
    s_cancel = &cancel;
    std::signal(SIGINT, cancelOnSignal);
    std::signal(SIGTERM, cancelOnSignal);
    Core::Run::RunCallbacks callbacks;
    callbacks.log = [](const QString &line) {
        err() << "runner: " << line << "\n";
        err().flush();
    };
    const auto record = Core::Run::runNode(
        conninfo, manifest, o->value(QStringLiteral("--node")), options, callbacks, cancel);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    s_cancel = nullptr;
    if (!record)
        return failed(RunName, record.error(), json);
    if (json)
        out() << QString::fromStdString(record->toJson().dump(2)) << "\n";
    else
        printRunSummary(out(), *record);
    return runExitCode(*record);
}

int runRuns(const QStringList &args)
{
    const auto o = parseArguments(RunsLine, args);
    if (!o)
        return usageError(RunsName, o.error());
    const bool json = o->value(QStringLiteral("--format")) == u"json";
    const int limit
        = o->has(QStringLiteral("--limit")) ? o->value(QStringLiteral("--limit")).toInt() : 200;
    const auto records = Core::Run::listRuns(
        o->value(QStringLiteral("--db")), o->value(QStringLiteral("--node")), limit);
    if (!records)
        return failed(RunsName, records.error(), json);
    if (json) {
        Core::Json list = Core::Json::array();
        for (const Core::Run::RunRecord &r : *records)
            list.push_back(r.toJson());
        out() << QString::fromStdString(list.dump(2)) << "\n";
    } else {
        printRunList(out(), *records);
    }
    return ExitOk;
}

} // namespace Cli
