// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/stewardtext.h>

#include <QList>

namespace Core::Steward {

// What a data steward should look at in a text: checked live, next to the field being edited.
struct TextFinding
{
    TextKey key;
    QString ruleId;  // stable: "description-missing", "description-short", ...
    QString message; // what is wrong, with the text in question
    QString fix;
    bool operator==(const TextFinding &) const = default;
};

// Shorter than this (in characters, trimmed) a description says too little to stand alone.
inline constexpr int ShortDescriptionChars = 12;

// The steward rules over every storage class of `manifest`:
//   description-missing   a storage class or column without a description (or only spaces);
//   description-short     one shorter than ShortDescriptionChars;
//   description-is-name   a column described by its own name ("market_value" → "Market value");
//   description-placeholder a description holding TODO, TBD, FIXME, XXX or "lorem ipsum";
//   labels-missing        a storage class without labels;
//   label-case-variant    a label that differs only in case from one used elsewhere.
QList<TextFinding> lintTexts(const ProviderManifest &manifest);

// The findings of one text.
QList<TextFinding> findingsFor(const QList<TextFinding> &findings, const TextKey &key);

} // namespace Core::Steward
