// SPDX-License-Identifier: MIT
#include "checklist.h"

#include "checklistcontext.h"

namespace Core::Assistant {

using namespace Detail;

QString itemStateName(ItemState state)
{
    switch (state) {
    case ItemState::Done:
        return QStringLiteral("done");
    case ItemState::NotDone:
        return QStringLiteral("not done");
    case ItemState::CannotTell:
        return QStringLiteral("cannot tell");
    case ItemState::NotApplicable:
        break;
    }
    return QStringLiteral("n/a");
}

QString itemActionName(ItemAction action)
{
    switch (action) {
    case ItemAction::None:
        break;
    case ItemAction::Upgrade:
        return QStringLiteral("upgrade");
    case ItemAction::RunNode:
        return QStringLiteral("run-node");
    case ItemAction::GenerateTests:
        return QStringLiteral("generate-tests");
    }
    return {};
}

bool NodeChecklist::fullyMigrated() const
{
    for (const ChecklistItem &item : items) {
        if (item.state != ItemState::Done && item.state != ItemState::NotApplicable)
            return false;
    }
    return !items.isEmpty();
}

int NodeChecklist::count(ItemState state) const
{
    int n = 0;
    for (const ChecklistItem &item : items)
        n += item.state == state ? 1 : 0;
    return n;
}

int ProjectChecklist::fullyMigratedCount() const
{
    int n = 0;
    for (const NodeChecklist &node : nodes)
        n += node.fullyMigrated() ? 1 : 0;
    return n;
}

ChecklistInput checklistInput(const ManifestDocument &document)
{
    ChecklistInput input;
    input.document = &document;
    input.lint = lintManifest(document);
    auto assistant = readAssistantExtension(document.raw);
    if (assistant)
        input.assistant = std::move(*assistant);
    else
        input.assistantError = assistant.error().message;
    return input;
}

NodeChecklist evaluateNode(const ChecklistInput &input, qsizetype nodeIndex)
{
    Q_ASSERT(input.document && nodeIndex >= 0 && nodeIndex < input.document->manifest.nodes.size());
    const NodeContext c(input, nodeIndex);
    NodeChecklist out;
    out.node = c.nodePath;
    out.storageTables = c.outputTables;
    using Evaluate = void (*)(const NodeContext &, ChecklistItem &);
    static const Evaluate evaluators[15] = {
        evaluateOutputShape,
        evaluateSourceItem, // 2
        evaluateStorageClassKind,
        evaluateClassMetadata,
        evaluateColumnInfo,
        evaluateSourceItem, // 6
        evaluateSourceItem, // 7
        evaluateConfigScope,
        evaluateConfigFields,
        evaluateForeignKeys,
        evaluateSourceItem, // 11
        evaluateSourceItem, // 12
        evaluateTests,      // 13
        evaluateTests,      // 14
        evaluateLive,
    };
    for (int number = 1; number <= 15; ++number) {
        ChecklistItem item = makeItem(number);
        evaluators[number - 1](c, item);
        out.items << item;
    }
    return out;
}

ProjectChecklist evaluateProject(const ChecklistInput &input, const QStringList &nodePaths)
{
    ProjectChecklist out;
    const QList<NodeDefinition> &nodes = input.document->manifest.nodes;
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        if (nodePaths.isEmpty() || nodePaths.contains(nodes[i].classRef.path()))
            out.nodes << evaluateNode(input, i);
    }
    return out;
}

} // namespace Core::Assistant
