// SPDX-License-Identifier: MIT
// Checklist items only the Python project shows, from the exporter's source checks
// ("x-metatable-assistant"): imports, inline metadata, the constructor, storage factories, UID
// plumbing, and the project's tests.
#include "checklistcontext.h"

namespace Core::Assistant::Detail {

namespace {

bool needSource(const NodeContext &c, ChecklistItem &item)
{
    if (c.sourceChecked(item.number))
        return true;
    item.state = ItemState::CannotTell;
    if (!c.input.assistantError.isEmpty())
        item.evidence
            << QStringLiteral("The source checks cannot be read: %1").arg(c.input.assistantError);
    else if (!c.input.assistant)
        item.evidence << QStringLiteral("The manifest carries no source checks (%1).")
                             .arg(QString::fromLatin1(assistantExtensionKey));
    else
        item.evidence << QStringLiteral("The exporter could not decide this item from the source "
                                        "of %1.")
                             .arg(c.nodePath);
    item.fix = QStringLiteral("Export the manifest from the project with 'metatable export' so "
                              "the source is checked.");
    return false;
}

// The exporter's findings, with the lint rule each became (same place in the manifest).
void addSourceFindings(const NodeContext &c, ChecklistItem &item)
{
    const QList<AssistantFinding> &all = c.input.assistant->findings;
    for (const AssistantFinding *f : c.sourceFindings(item.number)) {
        const QString pointer = QStringLiteral("/%1/findings/%2")
                                    .arg(QString::fromLatin1(assistantExtensionKey))
                                    .arg(f - all.constData());
        QList<const LintFinding *> lint;
        for (const LintFinding &l : c.input.lint) {
            if (l.pointer == pointer)
                lint << &l;
        }
        if (!lint.isEmpty()) {
            addLint(item, lint);
            continue;
        }
        item.state = ItemState::NotDone;
        item.evidence << (f->location().isEmpty()
                              ? f->message
                              : f->message + QStringLiteral(" (%1)").arg(f->location()));
        item.pointers << pointer;
        if (item.fix.isEmpty())
            item.fix = f->fix;
    }
}

QString modules(const NodeContext &c)
{
    return c.source->modules.join(QStringLiteral(", "));
}

void doneEvidence(const NodeContext &c, ChecklistItem &item)
{
    switch (item.number) {
    case 2:
        item.evidence << QStringLiteral("No mainsequence.tdag import in %1.").arg(modules(c));
        break;
    case 6:
        item.evidence << QStringLiteral("Neither %1 nor its project bases define "
                                        "get_table_metadata() or get_column_metadata().")
                             .arg(c.nodePath);
        break;
    case 7:
        item.evidence << (c.source->constructorStorageTable == QLatin1String("passed")
                              ? QStringLiteral("__init__ takes config and hands storage_table to "
                                               "DataNode.__init__ (the guide's parameterised "
                                               "pattern).")
                              : QStringLiteral("__init__ takes config and storage_table."));
        break;
    case 12:
        item.evidence << QStringLiteral("No register() kwargs, manual binding or data_source_uid "
                                        "threading in %1.")
                             .arg(modules(c));
        break;
    default:
        break;
    }
}

void evaluateFactories(const NodeContext &c, ChecklistItem &item)
{
    if (c.source->factories.isEmpty()) {
        item.state = ItemState::NotApplicable;
        item.evidence << QStringLiteral("The node uses no storage factory.");
        return;
    }
    addSourceFindings(c, item);
    if (item.state == ItemState::NotDone)
        return;
    item.state = ItemState::Done;
    for (const QString &path : c.source->factories) {
        const AssistantFactory *f = c.input.assistant->factory(path);
        if (!f)
            continue;
        for (const AssistantFactoryCall &call : f->calls)
            item.evidence << QStringLiteral("%1(%2) returned the same class on two calls (%3).")
                                 .arg(f->function.qualname, call.arguments, call.result);
    }
}

} // namespace

void evaluateSourceItem(const NodeContext &c, ChecklistItem &item)
{
    if (!needSource(c, item))
        return;
    if (item.number == 11) {
        evaluateFactories(c, item);
        return;
    }
    addSourceFindings(c, item);
    if (item.number == 12)
        addLint(item, c.outputLint({"hand-written-binding"}));
    if (item.state == ItemState::NotDone)
        return;
    item.state = ItemState::Done;
    doneEvidence(c, item);
}

void evaluateTests(const NodeContext &c, ChecklistItem &item)
{
    if (!needSource(c, item))
        return;
    const QStringList &files
        = item.number == 13 ? c.source->contractTests : c.source->importSmokeTests;
    if (files.isEmpty()) {
        item.state = ItemState::NotDone;
        item.evidence << (item.number == 13
                              ? QStringLiteral("No test module of the project calls %1.update() "
                                               "and compares it with its storage class.")
                                    .arg(c.node.classRef.qualname)
                              : QStringLiteral("No test module of the project imports its "
                                               "package."));
        item.fix = QStringLiteral("Generate the guide's validation tests with 'metatable testgen' "
                                  "into the project's tests folder, then export again.");
        item.action = ItemAction::GenerateTests;
        return;
    }
    item.state = ItemState::Done;
    item.evidence << QStringLiteral("Tests: %1.").arg(files.join(QStringLiteral(", ")));
}

} // namespace Core::Assistant::Detail
