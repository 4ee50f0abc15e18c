// SPDX-License-Identifier: MIT
// `metatable checklist MANIFEST [--node M:Q]... [--db CONNINFO] [--format text|json]`: the
// migration guide's checklist per node, as the console can check it.
#include "checklistreport.h"
#include "command.h"
#include "nodeselect.h"
#include "options.h"

#include <core/assistant/checklist.h>
#include <core/db/noderunsummary.h>
#include <core/db/session.h>
#include <core/migrate/status.h>

namespace Cli {

namespace {

const QString Name = QStringLiteral("checklist");

const Syntax CommandLine
    = Syntax(
          {Option::repeated({QStringLiteral("--node")}).needing(QStringLiteral("MODULE:QUALNAME")),
           Option::value({QStringLiteral("--db")}).needing(QStringLiteral("a connection string")),
           Option::value({QStringLiteral("--format")}),
           Option::flag({QStringLiteral("--json")})
               .storing(QStringLiteral("--format"), QStringLiteral("json"))})
          .positional(QStringLiteral("the MANIFEST file is missing"),
                      QStringLiteral("only one MANIFEST may be given"));

Core::Assistant::RunEvidence
runEvidence(const std::optional<QHash<QString, Core::Db::NodeRunSummary>> &summaries,
            const QString &node)
{
    if (!summaries)
        return {std::nullopt,
                QStringLiteral("The database has no run history (no metatable_catalog "
                               "catalog: run `metatable upgrade` first).")};
    const Core::Db::NodeRunSummary s = summaries->value(node);
    if (s.runs == 0)
        return {false, QStringLiteral("No run of the node is recorded.")};
    if (s.succeeded == 0)
        return {false, QStringLiteral("None of the %1 recorded run(s) succeeded.").arg(s.runs)};
    return {true,
            QStringLiteral("%1 of %2 recorded run(s) succeeded.").arg(s.succeeded).arg(s.runs)};
}

// Catalog status and run history from the database, into `input`.
Core::VoidResult readDatabase(const QString &conninfo, Core::Assistant::ChecklistInput &input)
{
    auto session = Core::Db::Session::open(conninfo);
    if (!session)
        return Core::fail(session.error());
    auto status = Core::Migrate::providerStatus(**session, input.document->manifest);
    if (!status)
        return Core::fail(status.error());
    status->database = (*session)->redactedConninfo();
    input.database = std::move(*status);
    auto runs = Core::Db::readNodeRunSummaries(**session);
    if (!runs)
        return Core::fail(runs.error());
    for (const Core::NodeDefinition &node : input.document->manifest.nodes)
        input.runs.insert(node.classRef.path(), runEvidence(*runs, node.classRef.path()));
    return {};
}

} // namespace

int runChecklist(const QStringList &args)
{
    const auto o = parseArguments(CommandLine, args);
    if (!o)
        return usageError(Name, o.error());
    const QString format = o->value(QStringLiteral("--format"), QStringLiteral("text"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return usageError(Name,
                          QStringLiteral("--format must be text or json, not %1").arg(format));
    const bool json = format == QLatin1String("json");

    const auto document = Core::readManifestFile(o->first());
    if (!document)
        return reportError(Name, document.error(), json);
    const QStringList nodes = o->values(QStringLiteral("--node"));
    for (const QString &node : nodes) {
        if (auto found = findNode(*document, node); !found)
            return usageError(Name, found.error().message);
    }
    Core::Assistant::ChecklistInput input = Core::Assistant::checklistInput(*document);
    if (o->has(QStringLiteral("--db"))) {
        if (auto read = readDatabase(o->value(QStringLiteral("--db")), input); !read)
            return reportError(Name, read.error(), json);
    }
    const Core::Assistant::ProjectChecklist checklist
        = Core::Assistant::evaluateProject(input, nodes);
    if (json)
        out() << QString::fromStdString(
            checklistJson(
                checklist, o->first(), input.database ? input.database->database : QString())
                .dump(2))
              << "\n";
    else
        printChecklistText(checklist);
    return checklist.allDone() ? ExitOk : ExitFindings;
}

} // namespace Cli
