// SPDX-License-Identifier: MIT
// What the item evaluators share: one node, its output storage classes, and the lint and source
// findings that concern them.
#pragma once

#include "checklist.h"

#include <initializer_list>

namespace Core::Assistant::Detail {

struct NodeContext
{
    NodeContext(const ChecklistInput &in, qsizetype index);

    const ChecklistInput &input;
    const ProviderManifest &manifest;
    const NodeDefinition &node;
    qsizetype nodeIndex;
    QString nodePath;
    const AssistantNode *source = nullptr; // the exporter's entry for the node, if any
    QList<qsizetype> outputs;              // indices into manifest.storageClasses
    QStringList outputTables;              // as named, including unknown ones
    bool outputsKnown = false;

    QString nodePointer() const;
    QString classPointer(qsizetype storageIndex) const;
    // Lint findings with one of `rules` (slugs) on the node / on its output storage classes.
    QList<const LintFinding *> nodeLint(std::initializer_list<const char *> rules) const;
    QList<const LintFinding *> outputLint(std::initializer_list<const char *> rules) const;
    // The exporter's findings for checklist item `item` that concern this node.
    QList<const AssistantFinding *> sourceFindings(int item) const;
    bool sourceChecked(int item) const; // the exporter could decide the item for this node
};

ChecklistItem makeItem(int number);

// Marks the item not done by these lint findings: evidence, rule ids, pointers, and the first
// finding's fix unless the item has one.
void addLint(ChecklistItem &item, const QList<const LintFinding *> &findings);

// Items decided by the manifest and its lint (checklistmanifest.cpp).
void evaluateOutputShape(const NodeContext &c, ChecklistItem &item);      // 1
void evaluateStorageClassKind(const NodeContext &c, ChecklistItem &item); // 3
void evaluateClassMetadata(const NodeContext &c, ChecklistItem &item);    // 4
void evaluateColumnInfo(const NodeContext &c, ChecklistItem &item);       // 5
void evaluateConfigScope(const NodeContext &c, ChecklistItem &item);      // 8
void evaluateConfigFields(const NodeContext &c, ChecklistItem &item);     // 9
void evaluateForeignKeys(const NodeContext &c, ChecklistItem &item);      // 10

// Items only the Python source shows (checklistsource.cpp).
void evaluateSourceItem(const NodeContext &c, ChecklistItem &item); // 2, 6, 7, 11, 12
void evaluateTests(const NodeContext &c, ChecklistItem &item);      // 13, 14

// Item 15 from the catalog and the node's runs (checklistlive.cpp).
void evaluateLive(const NodeContext &c, ChecklistItem &item);

} // namespace Core::Assistant::Detail
