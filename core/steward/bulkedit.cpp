// SPDX-License-Identifier: MIT
#include "bulkedit.h"

namespace Core::Steward {

namespace {

Result<const StorageClass *> classOf(const ProviderManifest &manifest, const QString &classPath)
{
    for (const StorageClass &sc : manifest.storageClasses) {
        if (sc.classRef.path() == classPath)
            return &sc;
    }
    return fail(ErrorCode::NotFound,
                QStringLiteral("The manifest has no storage class %1.").arg(classPath));
}

Result<QList<PlannedChange>> planLabels(const ProviderManifest &manifest,
                                        const QStringList &classPaths,
                                        const QString &label,
                                        bool add)
{
    const QString trimmed = label.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Give the label to %1.")
                        .arg(add ? QStringLiteral("add") : QStringLiteral("remove")));
    QList<PlannedChange> plan;
    for (const QString &path : classPaths) {
        auto sc = classOf(manifest, path);
        if (!sc)
            return fail(sc.error());
        const QStringList &labels = (*sc)->registration.labels;
        if (labels.contains(trimmed) == add)
            continue;
        TextValue after{std::nullopt, labels};
        if (add)
            after.labels.append(trimmed);
        else
            after.labels.removeAll(trimmed);
        plan.append({{path, {}, TextField::Labels}, {std::nullopt, labels}, after});
    }
    return plan;
}

} // namespace

QList<TextChange> changesOf(const QList<PlannedChange> &plan)
{
    QList<TextChange> changes;
    for (const PlannedChange &p : plan)
        changes.append({p.key, p.after});
    return changes;
}

Result<QList<PlannedChange>>
planAddLabel(const ProviderManifest &manifest, const QStringList &classPaths, const QString &label)
{
    return planLabels(manifest, classPaths, label, true);
}

Result<QList<PlannedChange>> planRemoveLabel(const ProviderManifest &manifest,
                                             const QStringList &classPaths,
                                             const QString &label)
{
    return planLabels(manifest, classPaths, label, false);
}

Result<QList<PlannedChange>> planReplace(const ProviderManifest &manifest,
                                         const ReplaceOptions &options)
{
    if (options.pattern.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("Give the text or pattern to find."));
    QRegularExpression re(options.pattern,
                          options.caseSensitive ? QRegularExpression::NoPatternOption
                                                : QRegularExpression::CaseInsensitiveOption);
    if (!re.isValid())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The pattern is not a valid regular expression at offset "
                                   "%1: %2.")
                        .arg(re.patternErrorOffset())
                        .arg(re.errorString()));
    const auto replaced = [&](const std::optional<QString> &text) -> std::optional<QString> {
        if (!text)
            return text;
        QString out = *text;
        out.replace(re, options.replacement);
        return out;
    };

    QList<PlannedChange> plan;
    const auto consider = [&](const TextKey &key, const TextValue &before, const TextValue &after) {
        if (before != after)
            plan.append({key, before, after});
    };
    for (const StorageClass &sc : manifest.storageClasses) {
        const QString path = sc.classRef.path();
        if (!options.classPaths.isEmpty() && !options.classPaths.contains(path))
            continue;
        const Registration &reg = sc.registration;
        if (options.descriptions)
            consider({path, {}, TextField::Description},
                     {reg.description, {}},
                     {replaced(reg.description), {}});
        if (options.labels) {
            QStringList labels;
            for (const QString &label : reg.labels) {
                const QString out = replaced(label).value_or(QString()).trimmed();
                if (!out.isEmpty() && !labels.contains(out))
                    labels.append(out);
            }
            consider(
                {path, {}, TextField::Labels}, {std::nullopt, reg.labels}, {std::nullopt, labels});
        }
        if (options.columnTexts) {
            for (const Column &column : reg.columns) {
                consider({path, column.name, TextField::ColumnLabel},
                         {column.label, {}},
                         {replaced(column.label), {}});
                consider({path, column.name, TextField::ColumnDescription},
                         {column.description, {}},
                         {replaced(column.description), {}});
            }
        }
    }
    return plan;
}

} // namespace Core::Steward
