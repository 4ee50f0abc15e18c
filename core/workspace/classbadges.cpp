// SPDX-License-Identifier: MIT
#include "classbadges.h"

#include <QSet>

namespace Core {

namespace {

// "/storage_classes/12/..." -> 12; -1 for pointers elsewhere.
int classPosition(const QString &pointer)
{
    static const QString prefix = QStringLiteral("/storage_classes/");
    if (!pointer.startsWith(prefix))
        return -1;
    const qsizetype end = pointer.indexOf(QLatin1Char('/'), prefix.size());
    bool ok = false;
    const int position = pointer.mid(prefix.size(), end < 0 ? -1 : end - prefix.size()).toInt(&ok);
    return ok ? position : -1;
}

} // namespace

QHash<QString, ClassBadgeInfo> classBadges(const ProviderManifest &manifest,
                                           const QList<LintFinding> &lint,
                                           const Migrate::ProviderStatus *status,
                                           const Migrate::Plan *plan)
{
    QHash<int, QStringList> lintErrors;
    for (const LintFinding &f : lint) {
        if (f.severity == LintSeverity::Error) {
            const int position = classPosition(f.pointer);
            if (position >= 0)
                lintErrors[position].append(QStringLiteral("%1 %2").arg(f.ruleId, f.message));
        }
    }
    // "schema\ntable" -> how many operations the plan has for it, and the summaries of its
    // catalog-only ones (the status already says "table differs: ..." for the others).
    QHash<QString, int> pending;
    QHash<QString, QStringList> catalogChanges;
    if (plan) {
        for (const Migrate::Operation &op : plan->operations) {
            const QString key = op.schema + QLatin1Char('\n') + op.table;
            ++pending[key];
            if (op.catalogOnly)
                catalogChanges[key].append(op.summary);
        }
    }
    QHash<QString, const Migrate::ClassStatus *> byClass;
    if (status) {
        for (const Migrate::ClassStatus &s : status->classes)
            byClass.insert(s.storageClass, &s);
    }

    QHash<QString, ClassBadgeInfo> badges;
    badges.reserve(manifest.storageClasses.size());
    for (qsizetype i = 0; i < manifest.storageClasses.size(); ++i) {
        const StorageClass &sc = manifest.storageClasses.at(i);
        const QString path = sc.classRef.path();
        ClassBadgeInfo info;
        const Migrate::ClassStatus *s = byClass.value(path);
        if (lintErrors.contains(int(i))) {
            info = {ClassBadge::LintErrors, lintErrors.value(int(i)).join(QLatin1Char('\n'))};
        } else if (!s) {
            info = {ClassBadge::Unknown, QStringLiteral("Not connected to a database.")};
        } else {
            const QString key = s->schema + QLatin1Char('\n') + s->table;
            const QString reasons
                = (s->reasons + catalogChanges.value(key)).join(QLatin1Char('\n'));
            if (s->state == Migrate::ClassState::Registered && pending.value(key) == 0)
                info = {ClassBadge::Registered, QStringLiteral("Registered, uid %1.").arg(s->uid)};
            else if (s->state == Migrate::ClassState::Missing && !s->tableExists
                     && s->uid.isEmpty())
                info = {ClassBadge::NotCreated, reasons};
            // The table differs from the contract the catalog registered, and the manifest did
            // not change that contract: someone changed the table by hand.
            else if (s->state == Migrate::ClassState::Drifted && s->catalogHash == s->manifestHash)
                info = {ClassBadge::Drifted, reasons};
            else
                info = {ClassBadge::ChangesPending, reasons};
        }
        badges.insert(path, info);
    }
    return badges;
}

} // namespace Core
