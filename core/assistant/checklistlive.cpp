// SPDX-License-Identifier: MIT
// Item 15, "run the migration, then one live update": the catalog says whether each output
// storage class is registered with the manifest's contract hash; the caller says whether the
// node has run to success.
#include "checklistcontext.h"

namespace Core::Assistant::Detail {

namespace {

const Migrate::ClassStatus *statusOf(const Migrate::ProviderStatus &status, const QString &path)
{
    for (const Migrate::ClassStatus &s : status.classes) {
        if (s.storageClass == path)
            return &s;
    }
    return nullptr;
}

// True when every output class is registered; the evidence says so class by class.
bool registered(const NodeContext &c, ChecklistItem &item)
{
    bool all = true;
    for (qsizetype i : c.outputs) {
        const StorageClass &sc = c.manifest.storageClasses[i];
        const Migrate::ClassStatus *s = statusOf(*c.input.database, sc.classRef.path());
        if (s && s->state == Migrate::ClassState::Registered) {
            item.evidence << QStringLiteral("%1 is registered (uid %2); its catalog contract hash "
                                            "equals the manifest's (%3).")
                                 .arg(sc.tableName(), s->uid, s->catalogHash);
            continue;
        }
        all = false;
        item.evidence << QStringLiteral("%1 is %2 in the catalog%3")
                             .arg(sc.tableName(),
                                  s ? Migrate::classStateName(s->state) : QStringLiteral("missing"),
                                  s && !s->reasons.isEmpty()
                                      ? QStringLiteral(": ") + s->reasons.join(QStringLiteral("; "))
                                      : QStringLiteral("."));
    }
    return all;
}

} // namespace

void evaluateLive(const NodeContext &c, ChecklistItem &item)
{
    if (!c.input.database) {
        item.state = ItemState::CannotTell;
        item.evidence << QStringLiteral("Not connected to a database: registration and runs "
                                        "cannot be checked.");
        item.fix = QStringLiteral("Check against the project's database (--db CONNINFO).");
        return;
    }
    if (!c.outputsKnown) {
        item.state = ItemState::CannotTell;
        item.evidence << QStringLiteral("The node's output storage class is not known.");
        item.fix = QStringLiteral("Give the node a storage_table default, or export with the "
                                  "source so its storage factory calls are found.");
        return;
    }
    if (!registered(c, item)) {
        item.state = ItemState::NotDone;
        item.fix = QStringLiteral("Run the migration ('metatable upgrade MANIFEST --db CONNINFO', "
                                  "or the migration review), then run the node once.");
        item.action = ItemAction::Upgrade;
        return;
    }
    const auto run = c.input.runs.constFind(c.nodePath);
    const bool known = run != c.input.runs.constEnd() && run->hadSuccessfulRun.has_value();
    if (run != c.input.runs.constEnd() && !run->description.isEmpty())
        item.evidence << run->description;
    else if (!known)
        item.evidence << QStringLiteral("No run history is available for the node.");
    if (known && *run->hadSuccessfulRun) {
        item.state = ItemState::Done;
        return;
    }
    item.state = known ? ItemState::NotDone : ItemState::CannotTell;
    item.fix = QStringLiteral("Run the node once (one live update) and check that its rows are "
                              "written.");
    item.action = ItemAction::RunNode;
}

} // namespace Core::Assistant::Detail
