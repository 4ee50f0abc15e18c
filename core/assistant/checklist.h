// SPDX-License-Identifier: MIT
#pragma once

#include <core/lint/lint.h>
#include <core/manifest/assistantextension.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/status.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Assistant {

// The migration guide's checklist (metatable-migration-guide.txt, "Migration Checklist"),
// evaluated per DataNode from what the console knows: the manifest, its lint, the exporter's
// source checks ("x-metatable-assistant"), and, when connected, the catalog and the node's runs.

enum class ItemState {
    Done,
    NotDone,
    CannotTell,    // the evidence needed is not available (no source checks, no database)
    NotApplicable, // e.g. foreign keys when the output has none
};

QString itemStateName(ItemState state); // "done", "not done", "cannot tell", "n/a"

// What the console can do itself to move an item forward.
enum class ItemAction {
    None,
    Upgrade,       // run the migration (metatable upgrade / the migration review)
    RunNode,       // launch one run of the node
    GenerateTests, // write the guide's validation tests (metatable testgen)
};

QString itemActionName(ItemAction action); // "", "upgrade", "run-node", "generate-tests"

struct ChecklistItem
{
    int number = 0; // 1..15, the guide's numbering
    QString title;  // the guide's wording
    ItemState state = ItemState::CannotTell;
    QStringList evidence; // one line per fact that decided the state
    QString fix;          // what to do; empty when done or n/a
    QStringList rules;    // lint rule ids behind the state, e.g. "MT019"
    QStringList pointers; // their JSON pointers into the manifest
    ItemAction action = ItemAction::None;
};

struct NodeChecklist
{
    QString node;               // "module:qualname"
    QStringList storageTables;  // its output tables, as far as they are known
    QList<ChecklistItem> items; // the 15 items, in the guide's order

    bool fullyMigrated() const; // every item is done or n/a
    int count(ItemState state) const;
};

// Whether a node ever ran to success; supplied by the caller (the node-run history), so that
// the checklist does not depend on how runs are recorded.
struct RunEvidence
{
    std::optional<bool> hadSuccessfulRun; // nullopt: unknown
    QString description;                  // e.g. "last run 2024-05-01 12:00 succeeded, 500 rows"
};

struct ChecklistInput
{
    const ManifestDocument *document = nullptr;
    QList<LintFinding> lint;                     // lintManifest(*document)
    std::optional<AssistantExtension> assistant; // readAssistantExtension(document->raw)
    QString assistantError;                      // why the block could not be read, if it could not
    std::optional<Migrate::ProviderStatus> database; // the catalog; nullopt = not connected
    QHash<QString, RunEvidence> runs;                // by node path; absent = unknown
};

// Lint and the assistant block of `document`; database and runs are left for the caller.
ChecklistInput checklistInput(const ManifestDocument &document);

struct ProjectChecklist
{
    QList<NodeChecklist> nodes; // manifest order
    int fullyMigratedCount() const;
    bool allDone() const { return fullyMigratedCount() == nodes.size(); }
};

NodeChecklist evaluateNode(const ChecklistInput &input, qsizetype nodeIndex);

// Every node of the manifest, or those named in `nodePaths` ("module:qualname"), in manifest
// order. Unknown names are the caller's to reject (ProviderManifest::nodeByClassPath).
ProjectChecklist evaluateProject(const ChecklistInput &input, const QStringList &nodePaths = {});

} // namespace Core::Assistant
