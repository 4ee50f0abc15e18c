// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/manifest/manifestio.h>

#include <QList>
#include <QString>

namespace Core {

enum class LintSeverity { Error, Warning, Note };

// One finding of the contract lint: a rule of the SDK contract or of the migration guide that
// the manifest breaks, where (JSON pointer into the manifest), and a one-line fix.
struct LintFinding
{
    QString ruleId; // stable, e.g. "MT001"
    QString slug;   // stable, e.g. "storage-description-missing"
    LintSeverity severity = LintSeverity::Error;
    QString pointer; // e.g. "/storage_classes/0/registration/description"
    QString message;
    QString fix;
    bool operator==(const LintFinding &) const = default;
};

QString lintSeverityName(LintSeverity severity); // "error", "warning", "note"

// Rules decidable from the model (storage classes, DDL, nodes, configuration schemas), in
// manifest order.
QList<LintFinding> lintManifest(const ProviderManifest &manifest);

// The model rules plus those that need the document as written: unknown keys (notes) and
// bindings written by hand into the file.
QList<LintFinding> lintManifest(const ManifestDocument &document);

bool hasLintErrors(const QList<LintFinding> &findings);

} // namespace Core
