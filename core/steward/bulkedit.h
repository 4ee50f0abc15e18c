// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/stewardedits.h>

#include <QRegularExpression>

namespace Core::Steward {

// Bulk edits of the steward's texts, planned before anything changes: each plan lists every
// text it would change with its value before and after, for a preview, and becomes one undo
// command (StewardEdits::setTexts) once accepted.

struct PlannedChange
{
    TextKey key;
    TextValue before;
    TextValue after;
};

QList<TextChange> changesOf(const QList<PlannedChange> &plan);

// Adds `label` to each class (by class path) that does not hold it yet (compared exactly; a
// label differing only in case is added, and the steward's lint then says so).
[[nodiscard]] Result<QList<PlannedChange>>
planAddLabel(const ProviderManifest &manifest, const QStringList &classPaths, const QString &label);
// Removes `label` from each class that holds it.
[[nodiscard]] Result<QList<PlannedChange>> planRemoveLabel(const ProviderManifest &manifest,
                                                           const QStringList &classPaths,
                                                           const QString &label);

struct ReplaceOptions
{
    QString pattern;     // a regular expression (PCRE, as QRegularExpression reads it)
    QString replacement; // \1 .. \9 stand for the pattern's groups
    bool caseSensitive = true;
    bool descriptions = true; // class descriptions
    bool labels = true;       // class labels (a label replaced by nothing is removed)
    bool columnTexts = true;  // column labels and descriptions
    QStringList classPaths;   // the classes to search; empty: every class
};

// Every text the replacement changes. An invalid pattern is InvalidInput naming the offset and
// the reason; an empty pattern is refused (it would match everywhere).
[[nodiscard]] Result<QList<PlannedChange>> planReplace(const ProviderManifest &manifest,
                                                       const ReplaceOptions &options);

} // namespace Core::Steward
