// SPDX-License-Identifier: MIT
// `metatable describe`: sets a storage class's description or labels, or a column's label or
// description, in the manifest only; the next `metatable upgrade` carries the text to the
// catalog and to COMMENT ON.
#include "command.h"
#include "options.h"

#include <core/manifest/manifestio.h>
#include <core/steward/stewardlint.h>
#include <core/steward/stewardtext.h>

namespace Cli {

namespace {

const QString Name = QStringLiteral("describe");

const Syntax Line = Syntax({Option::once({QStringLiteral("--storage")})
                                .required(QStringLiteral("missing --storage TABLE")),
                            Option::once({QStringLiteral("--column")}),
                            Option::repeated({QStringLiteral("--label")}),
                            Option::once({QStringLiteral("--description")})})
                        .positional(QStringLiteral("missing MANIFEST"));

} // namespace

int runDescribe(const QStringList &args)
{
    const auto o = parseArguments(Line, args);
    if (!o)
        return usageError(Name, o.error());
    const bool hasLabels = o->has(QStringLiteral("--label"));
    const bool hasDescription = o->has(QStringLiteral("--description"));
    if (!hasLabels && !hasDescription)
        return usageError(Name, QStringLiteral("nothing to set: give --label or --description"));
    const QString column = o->value(QStringLiteral("--column"));
    const QStringList labels = o->values(QStringLiteral("--label"));
    if (!column.isEmpty() && labels.size() > 1)
        return usageError(Name, QStringLiteral("a column has one label: give --label once"));

    const QString path = o->first();
    auto doc = Core::readManifestFile(path);
    if (!doc)
        return failWithMessage(Name, doc.error(), false);
    const QString storage = o->value(QStringLiteral("--storage"));
    const Core::StorageClass *sc = Core::Steward::findStorageClass(doc->manifest, storage);
    if (!sc)
        return failWithMessage(Name,
                               {Core::ErrorCode::NotFound,
                                QStringLiteral("%1 has no storage class with the table name, "
                                               "identifier or class path \"%2\".")
                                    .arg(path, storage),
                                {}},
                               false);
    const QString classPath = sc->classRef.path();

    // Exactly the fields given, each set to exactly what was given ("" clears a text).
    QList<QPair<Core::Steward::TextKey, Core::Steward::TextValue>> edits;
    using Core::Steward::TextField;
    const auto text
        = [](const QString &v) { return v.isEmpty() ? std::nullopt : std::optional<QString>(v); };
    if (hasDescription)
        edits.append({{classPath,
                       column,
                       column.isEmpty() ? TextField::Description : TextField::ColumnDescription},
                      {text(o->value(QStringLiteral("--description"))), {}}});
    if (hasLabels) {
        if (column.isEmpty())
            edits.append({{classPath, {}, TextField::Labels}, {std::nullopt, labels}});
        else
            edits.append({{classPath, column, TextField::ColumnLabel}, {text(labels.first()), {}}});
    }

    bool changed = false;
    for (const auto &[key, value] : edits) {
        auto before = Core::Steward::readText(doc->manifest, key);
        if (!before)
            return failWithMessage(Name, before.error(), false);
        if (*before == value) {
            out() << key.display(doc->manifest) << ": unchanged, " << value.display(key.field)
                  << "\n";
            continue;
        }
        if (auto written = Core::Steward::writeText(doc->manifest, key, value); !written)
            return failWithMessage(Name, written.error(), false);
        out() << key.display(doc->manifest) << ": " << before->display(key.field) << " -> "
              << value.display(key.field) << "\n";
        changed = true;
    }
    if (changed) {
        if (auto written = Core::writeManifestFile(*doc, path); !written)
            return failWithMessage(Name, written.error(), false);
        out() << "wrote " << path << "; `metatable upgrade` carries it to the catalog and to "
              << "COMMENT ON\n";
    }
    // What a steward would want to know about the texts just set.
    const QList<Core::Steward::TextFinding> findings = Core::Steward::lintTexts(doc->manifest);
    for (const auto &[key, value] : edits) {
        for (const Core::Steward::TextFinding &f : Core::Steward::findingsFor(findings, key))
            err() << "warning [" << f.ruleId << "] " << key.display(doc->manifest) << ": "
                  << f.message << " (fix: " << f.fix << ")\n";
    }
    return ExitOk;
}

} // namespace Cli
