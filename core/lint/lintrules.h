// SPDX-License-Identifier: MIT
#pragma once

#include <core/lint/lint.h>

namespace Core::LintDetail {

// Appends one finding; the rule table in lint.cpp gives ids, slugs and severities.
void report(QList<LintFinding> &out,
            const char *rule,
            const QString &pointer,
            const QString &message,
            const QString &fix);

QString nodePointer(qsizetype node);
void lintNodeConfig(const NodeDefinition &node, qsizetype index, QList<LintFinding> &out);
void lintDocumentKeys(const Json &raw, QList<LintFinding> &out);
void lintDocumentBindings(const Json &raw, QList<LintFinding> &out);
void lintAssistantFindings(const Json &raw, QList<LintFinding> &out);

} // namespace Core::LintDetail
