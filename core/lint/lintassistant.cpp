// SPDX-License-Identifier: MIT
// The exporter's source findings ("x-metatable-assistant", docs/manifest-extensions.md) as lint
// rules: what only the Python project shows of the migration guide's common mistakes and of
// checklist items 2, 6, 7, 11 and 12.
#include "lintrules.h"

#include <core/manifest/assistantextension.h>

namespace Core::LintDetail {

namespace {

struct CheckRule
{
    const char *check; // the exporter's check name
    const char *rule;  // the lint rule's slug
    const char *fix;   // %1: the subject (node, class, factory or module)
};

constexpr CheckRule checkRules[] = {
    {"tdag-import",
     "source-tdag-import",
     "In %1, import DataNode, DataNodeConfiguration and PlatformTimeIndexMetaTable from "
     "mainsequence.meta_tables (or the library's wrappers) instead of mainsequence.tdag."},
    {"node-inline-metadata",
     "node-inline-metadata",
     "Delete get_table_metadata()/get_column_metadata() from %1; declare the columns, labels and "
     "descriptions once, on the SQLAlchemy storage class."},
    {"node-constructor-signature",
     "node-constructor-signature",
     "Give %1 an __init__(self, config, storage_table=TheStorage, *, hash_namespace=None) that "
     "passes both to DataNode.__init__."},
    {"storage-factory-not-memoised",
     "storage-factory-not-memoised",
     "Decorate %1 with @functools.lru_cache(maxsize=None) so repeated calls return the same "
     "SQLAlchemy class object."},
    {"storage-factory-call-failed",
     "storage-factory-unchecked",
     "Make %1 callable without a backend with the arguments the nodes use, so its memoisation "
     "can be checked."},
    {"register-kwargs",
     "register-kwargs",
     "Remove the register() call on %1; the migration workflow ('metatable upgrade') registers "
     "it, and description and labels belong on the class."},
    {"manual-uid-binding",
     "manual-uid-binding",
     "Delete the manual binding in %1; the migration workflow binds storage classes."},
    {"data-source-uid-threading",
     "data-source-uid-threading",
     "Remove the data_source_uid parameter and argument in %1; the active project/session "
     "supplies the data source."},
};

QString findingPointer(qsizetype index)
{
    return QStringLiteral("/%1/findings/%2")
        .arg(QString::fromLatin1(assistantExtensionKey))
        .arg(index);
}

} // namespace

void lintAssistantFindings(const Json &raw, QList<LintFinding> &out)
{
    const auto extension = readAssistantExtension(raw);
    if (!extension) {
        report(out,
               "assistant-block-invalid",
               QLatin1Char('/') + QString::fromLatin1(assistantExtensionKey),
               extension.error().message,
               QStringLiteral("Export the manifest again with the console's metatable_export, or "
                              "remove the block; the source checks are then unknown."));
        return;
    }
    if (!*extension)
        return;
    const QList<AssistantFinding> &findings = (*extension)->findings;
    for (qsizetype i = 0; i < findings.size(); ++i) {
        const AssistantFinding &f = findings[i];
        const QString where = f.location();
        const QString message
            = where.isEmpty() ? f.message : f.message + QStringLiteral(" (%1)").arg(where);
        const CheckRule *known = nullptr;
        for (const CheckRule &r : checkRules)
            known = known ? known : (f.check == QLatin1String(r.check) ? &r : nullptr);
        if (!known) {
            report(out,
                   "assistant-check-unknown",
                   findingPointer(i),
                   QStringLiteral("Source check '%1' (checklist item %2) is unknown to this "
                                  "console: %3")
                       .arg(f.check)
                       .arg(f.item)
                       .arg(message),
                   f.fix.isEmpty() ? QStringLiteral("Update the console.") : f.fix);
            continue;
        }
        report(out,
               known->rule,
               findingPointer(i),
               message,
               QString::fromLatin1(known->fix).arg(f.subject.path()));
    }
}

} // namespace Core::LintDetail
