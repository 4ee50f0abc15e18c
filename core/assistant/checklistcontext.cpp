// SPDX-License-Identifier: MIT
#include "checklistcontext.h"

namespace Core::Assistant::Detail {

namespace {

// The guide's wording of each item (metatable-migration-guide.txt, "Migration Checklist").
const char *const titles[15] = {
    "Identify the output shape: index columns, payload columns, dtypes, nullable flags, and any "
    "SQLAlchemy/Alembic FK metadata.",
    "Replace old mainsequence.tdag imports with the modern SDK or domain-layer DataNode surface.",
    "Create a PlatformTimeIndexMetaTable SQLAlchemy storage class.",
    "Move table identifier, namespace, descriptions, labels, and storage disambiguation to class "
    "metadata.",
    "Move column labels and descriptions to SQLAlchemy column info.",
    "Replace old inline metadata methods with the storage class.",
    "Make the node constructor accept config and storage_table.",
    "Keep DataNodeConfiguration limited to update-scope fields.",
    "Use Field(...) descriptions and examples for config fields.",
    "Keep foreign keys as normal SQLAlchemy ForeignKey(...) declarations and use project-prefixed "
    "table names for explicit string targets.",
    "Use a memoized storage-class factory for parameterized table identities.",
    "Delete manual UID binding, manual data_source_uid threading, and direct register kwargs.",
    "Add contract tests comparing the storage columns/indexes to the frame returned by update().",
    "Add an import smoke test for the library package.",
    "Run mainsequence migrations upgrade --provider <provider> head against an authenticated "
    "project to verify storage registration, then run one live update to verify row writes.",
};

bool matches(const LintFinding &f, std::initializer_list<const char *> rules)
{
    for (const char *r : rules) {
        if (f.slug == QLatin1String(r))
            return true;
    }
    return false;
}

bool under(const QString &pointer, const QString &prefix)
{
    return pointer == prefix || pointer.startsWith(prefix + QLatin1Char('/'));
}

} // namespace

NodeContext::NodeContext(const ChecklistInput &in, qsizetype index)
    : input(in)
    , manifest(in.document->manifest)
    , node(in.document->manifest.nodes[index])
    , nodeIndex(index)
    , nodePath(node.classRef.path())
{
    if (input.assistant)
        source = input.assistant->node(nodePath);
    if (node.storageClass)
        outputTables << *node.storageClass;
    else if (source)
        outputTables = source->storageTables;
    outputsKnown = !outputTables.isEmpty();
    for (const QString &table : outputTables) {
        qsizetype found = -1;
        for (qsizetype i = 0; i < manifest.storageClasses.size() && found < 0; ++i) {
            if (manifest.storageClasses[i].tableName() == table)
                found = i;
        }
        if (found < 0)
            outputsKnown = false;
        else
            outputs << found;
    }
}

QString NodeContext::nodePointer() const
{
    return QStringLiteral("/nodes/%1").arg(nodeIndex);
}

QString NodeContext::classPointer(qsizetype storageIndex) const
{
    return QStringLiteral("/storage_classes/%1").arg(storageIndex);
}

QList<const LintFinding *> NodeContext::nodeLint(std::initializer_list<const char *> rules) const
{
    QList<const LintFinding *> out;
    for (const LintFinding &f : input.lint) {
        if (matches(f, rules) && under(f.pointer, nodePointer()))
            out << &f;
    }
    return out;
}

QList<const LintFinding *> NodeContext::outputLint(std::initializer_list<const char *> rules) const
{
    QList<const LintFinding *> out;
    for (const LintFinding &f : input.lint) {
        if (!matches(f, rules))
            continue;
        for (qsizetype i : outputs) {
            if (under(f.pointer, classPointer(i))) {
                out << &f;
                break;
            }
        }
    }
    return out;
}

QList<const AssistantFinding *> NodeContext::sourceFindings(int item) const
{
    QList<const AssistantFinding *> out;
    if (!input.assistant)
        return out;
    for (const AssistantFinding &f : input.assistant->findings) {
        if (f.item == item && f.nodes.contains(nodePath))
            out << &f;
    }
    return out;
}

bool NodeContext::sourceChecked(int item) const
{
    return source && source->checkedItems.contains(item);
}

ChecklistItem makeItem(int number)
{
    ChecklistItem item;
    item.number = number;
    item.title = QString::fromUtf8(titles[number - 1]);
    return item;
}

void addLint(ChecklistItem &item, const QList<const LintFinding *> &findings)
{
    if (findings.isEmpty())
        return;
    item.state = ItemState::NotDone;
    for (const LintFinding *f : findings) {
        item.evidence << QStringLiteral("%1 %2: %3").arg(f->ruleId, f->slug, f->message);
        if (!item.rules.contains(f->ruleId))
            item.rules << f->ruleId;
        item.pointers << f->pointer;
        if (item.fix.isEmpty())
            item.fix = f->fix;
    }
}

} // namespace Core::Assistant::Detail
