// SPDX-License-Identifier: MIT
#include "stewardlint.h"

#include <QHash>
#include <QObject>
#include <QRegularExpression>

namespace Core::Steward {

namespace {

// "market_value", "Market value", "market-value" all read as "market value".
QString words(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s_\\-]+"));
    return text.toLower().replace(separators, QStringLiteral(" ")).trimmed();
}

void checkDescription(const TextKey &key,
                      const std::optional<QString> &description,
                      const QString &columnName,
                      QList<TextFinding> &out)
{
    const QString what = key.isColumnField() ? QObject::tr("Column %1").arg(key.column)
                                             : QObject::tr("The storage class");
    const QString text = description.value_or(QString()).trimmed();
    if (text.isEmpty()) {
        out.append({key,
                    QStringLiteral("description-missing"),
                    QObject::tr("%1 has no description.").arg(what),
                    QObject::tr("Say what the data means and where it comes from.")});
        return;
    }
    static const QRegularExpression placeholder(
        QStringLiteral("\\b(TODO|TBD|FIXME|XXX)\\b|lorem ipsum"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto match = placeholder.match(text); match.hasMatch()) {
        out.append({key,
                    QStringLiteral("description-placeholder"),
                    QObject::tr("%1's description still holds the placeholder \"%2\".")
                        .arg(what, match.captured(0)),
                    QObject::tr("Replace the placeholder with the real description.")});
    }
    if (!columnName.isEmpty() && words(text) == words(columnName)) {
        out.append({key,
                    QStringLiteral("description-is-name"),
                    QObject::tr("%1 is described by its own name (\"%2\").").arg(what, text),
                    QObject::tr("Say what the values mean: unit, source, how they are computed.")});
    } else if (text.size() < ShortDescriptionChars) {
        out.append({key,
                    QStringLiteral("description-short"),
                    QObject::tr("%1's description \"%2\" is very short.").arg(what, text),
                    QObject::tr("Write a sentence a reader new to the data understands.")});
    }
}

} // namespace

QList<TextFinding> lintTexts(const ProviderManifest &manifest)
{
    QList<TextFinding> out;
    // Every spelling of each label, to find those that differ only in case.
    QHash<QString, QStringList> spellings; // lower case -> spellings seen, in order
    for (const StorageClass &sc : manifest.storageClasses) {
        for (const QString &label : sc.registration.labels) {
            QStringList &seen = spellings[label.toLower()];
            if (!seen.contains(label))
                seen.append(label);
        }
    }
    for (const StorageClass &sc : manifest.storageClasses) {
        const QString path = sc.classRef.path();
        checkDescription({path, {}, TextField::Description}, sc.registration.description, {}, out);
        const TextKey labelsKey{path, {}, TextField::Labels};
        if (sc.registration.labels.isEmpty())
            out.append({labelsKey,
                        QStringLiteral("labels-missing"),
                        QObject::tr("The storage class has no labels."),
                        QObject::tr("Add the labels people search the catalog by.")});
        for (const QString &label : sc.registration.labels) {
            const QStringList &seen = spellings.value(label.toLower());
            if (seen.size() > 1 && seen.first() != label)
                out.append({labelsKey,
                            QStringLiteral("label-case-variant"),
                            QObject::tr("The label \"%1\" differs only in case from \"%2\", used "
                                        "elsewhere.")
                                .arg(label, seen.first()),
                            QObject::tr("Use one spelling: \"%1\".").arg(seen.first())});
        }
        for (const Column &c : sc.registration.columns)
            checkDescription(
                {path, c.name, TextField::ColumnDescription}, c.description, c.name, out);
    }
    return out;
}

QList<TextFinding> findingsFor(const QList<TextFinding> &findings, const TextKey &key)
{
    QList<TextFinding> out;
    for (const TextFinding &f : findings) {
        if (f.key == key)
            out.append(f);
    }
    return out;
}

} // namespace Core::Steward
