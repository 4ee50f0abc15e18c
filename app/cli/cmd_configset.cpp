// SPDX-License-Identifier: MIT
// `metatable config set`: edits a node's configuration values in the manifest, after checking
// them against the node's config_schema, and says what the edit does to its update_hash.
#include "command.h"
#include "configreport.h"
#include "nodeselect.h"
#include "options.h"

#include <core/config/configedit.h>
#include <core/config/nodehash.h>

#include <optional>

namespace Cli {

namespace {

const QString Name = QStringLiteral("config set");

const Syntax SetLine = Syntax({Option::flag({QStringLiteral("--json")}),
                               Option::flag({QStringLiteral("--dry-run")}),
                               Option::once({QStringLiteral("--node")})
                                   .required(QStringLiteral("missing --node MODULE:QUALNAME"))})
                           .anyPositionals();

struct Change
{
    QString path;
    std::optional<Core::Json> before; // nullopt: not set in the manifest
    Core::Json after;
    bool hashExcluded = false;
};

struct Edit
{
    Core::Json config;
    QList<Change> changes;
    QList<Core::Config::ConfigIssue> issues; // paths that do not lead to a field
};

Edit applyAssignments(const Core::NodeDefinition &node,
                      const QList<Core::Config::ConfigAssignment> &assignments)
{
    Edit edit{node.config.is_object() ? node.config : Core::Json::object(), {}, {}};
    for (const Core::Config::ConfigAssignment &a : assignments) {
        const QString path = a.path.join(QLatin1Char('.'));
        auto next = Core::Config::assignConfigValue(node.configSchema, edit.config, a);
        if (!next) {
            edit.issues.append({a.path, next.error().message, false});
            continue;
        }
        edit.changes.append({path,
                             Core::Config::configValueAt(node.config, a.path),
                             a.value,
                             Core::Config::isHashExcluded(node.configSchema, a.path.first())});
        edit.config = std::move(*next);
    }
    return edit;
}

// VALUE is read as JSON first, so label=123 sets a number: where a string was expected there,
// the issue says how to give the string.
QList<Core::Config::ConfigIssue>
withQuotingHints(QList<Core::Config::ConfigIssue> issues,
                 const QList<Core::Config::ConfigAssignment> &assignments)
{
    for (Core::Config::ConfigIssue &issue : issues) {
        for (const Core::Config::ConfigAssignment &a : assignments) {
            if (issue.location != a.path || a.value.is_string()
                || !issue.message.contains(QLatin1String("expected a string")))
                continue;
            const QString field = a.path.join(QLatin1Char('.'));
            issue.message += QStringLiteral(" (VALUE is read as JSON; for the text write "
                                            "%1='\"%2\"')")
                                 .arg(field, valueText(a.value));
        }
    }
    return issues;
}

// What the edit does to the node's update identity, in one line.
QString verdict(const Core::Result<Core::Config::NodeHashes> &before,
                const Core::Result<Core::Config::NodeHashes> &after,
                const QList<Change> &changes)
{
    if (!after)
        return QStringLiteral("update_hash not computable: %1").arg(after.error().message);
    if (!before)
        return QStringLiteral("update_hash not computable before the edit: %1")
            .arg(before.error().message);
    if (before->updateHash != after->updateHash)
        return QStringLiteral("update_hash changed: this runs as a new updater");
    const bool allExcluded = std::all_of(
        changes.begin(), changes.end(), [](const Change &c) { return c.hashExcluded; });
    return allExcluded ? QStringLiteral("hash-excluded edit: update identity unchanged")
                       : QStringLiteral("update_hash unchanged: update identity unchanged");
}

Core::Json hashJson(const Core::Result<Core::Config::NodeHashes> &hashes, bool update)
{
    if (!hashes)
        return Core::Json();
    return (update ? hashes->updateHash : hashes->storageHash).toStdString();
}

struct Outcome
{
    QString node;
    QString manifest;
    bool dryRun = false;
    bool written = false;
    QString verdict;
};

void printJson(const Outcome &o,
               const QList<Change> &changes,
               const Core::Result<Core::Config::NodeHashes> &before,
               const Core::Result<Core::Config::NodeHashes> &after)
{
    Core::Json list = Core::Json::array();
    for (const Change &c : changes) {
        Core::Json item = {{"path", c.path.toStdString()}};
        if (c.before)
            item["old"] = *c.before;
        item["new"] = c.after;
        item["hash_excluded"] = c.hashExcluded;
        list.push_back(std::move(item));
    }
    const bool changed = before && after && before->updateHash != after->updateHash;
    const Core::Json report = {{"node", o.node.toStdString()},
                               {"manifest", o.manifest.toStdString()},
                               {"dry_run", o.dryRun},
                               {"written", o.written},
                               {"changes", std::move(list)},
                               {"old_update_hash", hashJson(before, true)},
                               {"new_update_hash", hashJson(after, true)},
                               {"update_hash_changed", changed},
                               {"old_storage_hash", hashJson(before, false)},
                               {"new_storage_hash", hashJson(after, false)},
                               {"summary", o.verdict.toStdString()}};
    out() << QString::fromStdString(report.dump(2)) << "\n";
}

void printText(const Outcome &o,
               const QList<Change> &changes,
               const Core::Result<Core::Config::NodeHashes> &before,
               const Core::Result<Core::Config::NodeHashes> &after)
{
    for (const Change &c : changes) {
        out() << c.path << ": " << (c.before ? valueText(*c.before) : QStringLiteral("(not set)"))
              << " -> " << valueText(c.after)
              << (c.hashExcluded ? QStringLiteral(" (hash-excluded)") : QString()) << "\n";
    }
    const auto hashText = [](const Core::Result<Core::Config::NodeHashes> &h) {
        return h ? h->updateHash : QStringLiteral("(not computable)");
    };
    out() << "old update_hash: " << hashText(before) << "\n"
          << "new update_hash: " << hashText(after) << "\n"
          << o.verdict << "\n";
    if (o.dryRun)
        out() << "dry run: " << o.manifest << " not written\n";
    else if (o.written)
        out() << "wrote " << o.manifest << "\n";
    else
        out() << "no change: " << o.manifest << " left as it was\n";
}

} // namespace

int runConfigSet(const QStringList &args)
{
    const auto o = parseArguments(SetLine, args);
    if (!o)
        return usageError(Name, o.error());
    if (o->positional().isEmpty())
        return usageError(Name, QStringLiteral("missing MANIFEST"));
    if (o->positional().size() < 2)
        return usageError(Name, QStringLiteral("missing FIELD=VALUE"));
    QList<Core::Config::ConfigAssignment> assignments;
    for (const QString &text : o->positional().mid(1)) {
        auto assignment = Core::Config::parseAssignment(text);
        if (!assignment)
            return usageError(Name, assignment.error().message);
        assignments.append(std::move(*assignment));
    }
    const bool json = o->has(QStringLiteral("--json"));
    const QString path = o->first();
    auto doc = Core::readManifestFile(path);
    if (!doc)
        return failWithMessage(Name, doc.error(), json);
    const auto found = findNode(*doc, o->value(QStringLiteral("--node")));
    if (!found)
        return failWithMessage(Name, found.error(), json);
    const Core::NodeDefinition node = **found; // a copy: the edit goes into doc below

    const Edit edit = applyAssignments(node, assignments);
    const QString rejected = QStringLiteral("rejected; %1 is unchanged").arg(path);
    if (!edit.issues.isEmpty())
        return reportIssues(Name, rejected, edit.issues, json);
    Core::NodeDefinition edited = node;
    edited.config = edit.config;
    const QList<Core::Config::ConfigIssue> issues = configIssues(edited);
    if (Core::Config::hasErrors(issues))
        return reportIssues(Name, rejected, withQuotingHints(issues, assignments), json);
    for (const Core::Config::ConfigIssue &warning : issues)
        err() << "metatable " << Name << ": warning: " << warning.path() << ": " << warning.message
              << "\n";

    const auto before = hashNode(doc->manifest, node);
    const auto after = hashNode(doc->manifest, edited);
    Outcome outcome{node.classRef.path(),
                    path,
                    o->has(QStringLiteral("--dry-run")),
                    false,
                    verdict(before, after, edit.changes)};
    if (!outcome.dryRun && edited.config != node.config) {
        if (const auto written = Core::writeNodeConfig(*doc, edited.classRef, edited.config);
            !written)
            return failWithMessage(Name, written.error(), json);
        outcome.written = true;
    }
    if (json)
        printJson(outcome, edit.changes, before, after);
    else
        printText(outcome, edit.changes, before, after);
    return ExitOk;
}

} // namespace Cli
