// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/contract/storageclass.h>
#include <core/util/result.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

// The manifest key under which the Python exporter records what the project's source shows
// about the migration guide's checklist (docs/manifest-extensions.md). Top-level, next to
// "nodes"; the manifest reader keeps it as an unknown key, this reads it.
inline constexpr char assistantExtensionKey[] = "x-metatable-assistant";
inline constexpr int assistantExtensionVersion = 1;

// What a finding is about: a node, a storage class, a storage factory or a whole module.
struct AssistantSubject
{
    QString kind; // "node", "storage_class", "factory", "module"
    QString module;
    QString qualname; // empty for a module

    QString path() const
    {
        return qualname.isEmpty() ? module : module + QLatin1Char(':') + qualname;
    }
    bool operator==(const AssistantSubject &) const = default;
};

// One problem the exporter saw in the source; `item` is the checklist item it keeps open.
struct AssistantFinding
{
    QString check; // e.g. "tdag-import"; lint maps it to a rule
    int item = 0;  // 1..15
    AssistantSubject subject;
    QStringList nodes; // "module:qualname" of the nodes it concerns
    std::optional<QString> file;
    std::optional<int> line;
    QString message;
    QString fix;

    QString location() const; // "pkg/nodes.py:17", "pkg/nodes.py" or empty
    bool operator==(const AssistantFinding &) const = default;
};

// One call of a storage factory, made twice by the exporter.
struct AssistantFactoryCall
{
    QString arguments;             // Python-like rendering of the arguments, e.g. "'equities'"
    std::optional<bool> sameClass; // nullopt: the call could not be checked
    QString result;                // "module:qualname" of the class, when known
    QString error;
    bool operator==(const AssistantFactoryCall &) const = default;
};

struct AssistantFactory
{
    ClassRef function;
    std::optional<bool> memoised; // nullopt: no call could be checked
    QList<AssistantFactoryCall> calls;
    QStringList nodes;
    bool operator==(const AssistantFactory &) const = default;
};

// What the exporter checked for one node.
struct AssistantNode
{
    ClassRef classRef;
    QStringList modules;       // the modules read for it (node, configuration, storage, factory)
    QList<int> checkedItems;   // checklist items the source let it decide
    QStringList storageTables; // output tables, also those its factories make
    QStringList factories;     // "module:qualname" of the storage factories it uses
    std::optional<bool> constructorTakesConfig;
    QString constructorStorageTable; // "parameter", "passed", "missing" or empty (not read)
    QStringList contractTests;       // test files comparing its storage with update()'s rows
    QStringList importSmokeTests;    // test files importing the project's package
    bool operator==(const AssistantNode &) const = default;
};

struct AssistantExtension
{
    int version = assistantExtensionVersion;
    QList<AssistantNode> nodes;
    QList<AssistantFactory> factories;
    QList<AssistantFinding> findings;

    const AssistantNode *node(const QString &nodePath) const;
    const AssistantFactory *factory(const QString &functionPath) const;
    bool operator==(const AssistantExtension &) const = default;
};

// The extension of a manifest document (ManifestDocument::raw): nullopt when the key is absent
// (a hand-written manifest, an older exporter). A malformed one is an InvalidInput error naming
// the JSON pointer, e.g. "/x-metatable-assistant/findings/2/item: expected an integer from 1 to
// 15, found the string \"x\"".
[[nodiscard]] Result<std::optional<AssistantExtension>> readAssistantExtension(const Json &raw);

} // namespace Core
