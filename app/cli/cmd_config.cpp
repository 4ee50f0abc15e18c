// SPDX-License-Identifier: MIT
// `metatable config show|set`: a node's effective configuration, and edits of it, from the
// command line (what the console's node configuration editor does). This file dispatches the
// actions and implements show; cmd_configset.cpp implements set.
#include "command.h"
#include "configreport.h"
#include "nodeselect.h"
#include "options.h"

#include <core/config/effectiveconfig.h>

#include <algorithm>

namespace Cli {

int runConfigSet(const QStringList &args);

namespace {

const QString Name = QStringLiteral("config show");

const Syntax ShowLine = Syntax({Option::flag({QStringLiteral("--json")}),
                                Option::once({QStringLiteral("--node")})
                                    .required(QStringLiteral("missing --node MODULE:QUALNAME"))})
                            .positional(QStringLiteral("missing MANIFEST"));

Core::Json fieldJson(const Core::Config::EffectiveField &field)
{
    return {{"name", field.name.toStdString()},
            {"value", field.value},
            {"source", Core::Config::fieldSourceName(field.source).toStdString()},
            {"hash_excluded", field.hashExcluded},
            {"required", field.required},
            {"description", field.description.toStdString()}};
}

QString shownValue(const Core::Config::EffectiveField &field)
{
    switch (field.source) {
    case Core::Config::FieldSource::ComputedDefault:
        return QStringLiteral("(computed default)");
    case Core::Config::FieldSource::Missing:
        return QStringLiteral("(required, not set)");
    default:
        return valueText(field.value);
    }
}

// One aligned row per field: name, value, source, hashed or excluded, required, description.
void printFields(const QList<Core::Config::EffectiveField> &fields)
{
    QList<QStringList> rows{{QStringLiteral("FIELD"),
                             QStringLiteral("VALUE"),
                             QStringLiteral("SOURCE"),
                             QStringLiteral("HASH"),
                             QStringLiteral("REQUIRED"),
                             QStringLiteral("DESCRIPTION")}};
    for (const Core::Config::EffectiveField &f : fields) {
        rows.append({f.name,
                     shownValue(f),
                     Core::Config::fieldSourceName(f.source),
                     f.hashExcluded ? QStringLiteral("excluded") : QStringLiteral("hashed"),
                     f.required ? QStringLiteral("yes") : QStringLiteral("no"),
                     f.description});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    }
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row[c].leftJustified(widths[c] + 2) : row[c];
        out() << line.trimmed() << "\n";
    }
}

} // namespace

int runConfigShow(const QStringList &args)
{
    const auto o = parseArguments(ShowLine, args);
    if (!o)
        return usageError(Name, o.error());
    const bool json = o->has(QStringLiteral("--json"));
    const auto doc = Core::readManifestFile(o->first());
    if (!doc)
        return failWithMessage(Name, doc.error(), json);
    const QString nodePath = o->value(QStringLiteral("--node"));
    const auto node = findNode(*doc, nodePath);
    if (!node)
        return failWithMessage(Name, node.error(), json);

    const auto fields = Core::Config::effectiveConfig((*node)->configSchema, (*node)->config);
    if (!fields)
        return failWithMessage(Name, fields.error(), json);
    const auto hashes = hashNode(doc->manifest, **node);
    if (json) {
        Core::Json list = Core::Json::array();
        for (const Core::Config::EffectiveField &field : *fields)
            list.push_back(fieldJson(field));
        Core::Json report = {
            {"node", nodePath.toStdString()},
            {"config_class", (*node)->configClass.path().toStdString()},
            {"update_hash", hashes ? Core::Json(hashes->updateHash.toStdString()) : Core::Json()},
            {"storage_hash", hashes ? Core::Json(hashes->storageHash.toStdString()) : Core::Json()},
            {"fields", std::move(list)}};
        if (!hashes)
            report["hash_error"] = hashes.error().message.toStdString();
        out() << QString::fromStdString(report.dump(2)) << "\n";
    } else {
        out() << "node: " << nodePath << "\n"
              << "config_class: " << (*node)->configClass.path() << "\n";
        if (hashes) {
            out() << "update_hash: " << hashes->updateHash << "\n"
                  << "storage_hash: " << hashes->storageHash << "\n";
        } else {
            out() << "update_hash: (not computable)\nstorage_hash: (not computable)\n";
        }
        out() << "\n";
        printFields(*fields);
    }
    if (!hashes) {
        out().flush();
        err() << "metatable " << Name << ": no hashes: " << hashes.error().message << "\n";
        return ExitFindings;
    }
    return ExitOk;
}

int runConfig(const QStringList &args)
{
    const QString action = args.value(0);
    if (action == u"show")
        return runConfigShow(args.mid(1));
    if (action == u"set")
        return runConfigSet(args.mid(1));
    if (action.isEmpty() || action.startsWith(QLatin1Char('-')))
        return usageError(QStringLiteral("config"), QStringLiteral("missing action: show or set"));
    return usageError(QStringLiteral("config"),
                      QStringLiteral("unknown action '%1': use show or set").arg(action));
}

} // namespace Cli
