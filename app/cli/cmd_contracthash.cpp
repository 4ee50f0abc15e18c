// SPDX-License-Identifier: MIT
// `metatable contract-hash`: the SDK's compute_metatable_contract_hash of a storage class, with
// the exact payload text it hashes, so a contract can be fingerprinted without Python.
#include "command.h"

#include <core/contract/contracthash.h>
#include <core/manifest/manifestio.h>

#include <QMap>

namespace Cli {

namespace {

const QString Name = QStringLiteral("contract-hash");

struct Options
{
    QString manifest;
    QMap<QString, QString> values; // --storage, --extra, --hash-namespace
    bool json = false;
};

std::optional<Options> parse(const QStringList &args, QString *problem)
{
    static const QStringList valued = {
        QStringLiteral("--storage"), QStringLiteral("--extra"), QStringLiteral("--hash-namespace")};
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--json")) {
            o.json = true;
        } else if (valued.contains(a)) {
            if (i + 1 >= args.size()) {
                *problem = QStringLiteral("%1 needs a value").arg(a);
                return std::nullopt;
            }
            if (o.values.contains(a)) {
                *problem = QStringLiteral("%1 given twice").arg(a);
                return std::nullopt;
            }
            o.values.insert(a, args.at(++i));
        } else if (a.startsWith(QLatin1Char('-'))) {
            *problem = QStringLiteral("unknown option '%1'").arg(a);
            return std::nullopt;
        } else if (o.manifest.isEmpty()) {
            o.manifest = a;
        } else {
            *problem = QStringLiteral("unexpected argument '%1'").arg(a);
            return std::nullopt;
        }
    }
    if (o.manifest.isEmpty())
        *problem = QStringLiteral("missing MANIFEST");
    else if (!o.values.contains(QStringLiteral("--storage")))
        *problem = QStringLiteral("missing --storage TABLE_NAME");
    if (!problem->isEmpty())
        return std::nullopt;
    return o;
}

int failWith(const Core::Error &error, bool json)
{
    if (json) {
        const Core::Json doc = {{"error", {{"message", error.message.toStdString()}}}};
        out() << QString::fromStdString(doc.dump()) << "\n";
    }
    err() << "metatable " << Name << ": " << error.message << "\n";
    return ExitFindings;
}

} // namespace

int runContractHash(const QStringList &args)
{
    if (handledHelp(Name, args))
        return ExitOk;
    QString problem;
    const auto o = parse(args, &problem);
    if (!o)
        return usageError(Name, problem);
    Core::Json extra;
    if (o->values.contains(QStringLiteral("--extra"))) {
        try {
            extra = Core::Json::parse(o->values.value(QStringLiteral("--extra")).toStdString());
        } catch (const Core::Json::parse_error &e) {
            return usageError(
                Name,
                QStringLiteral("--extra is not valid JSON: %1").arg(QString::fromUtf8(e.what())));
        }
        if (!extra.is_object())
            return usageError(Name,
                              QStringLiteral("--extra must be a JSON object, found %1")
                                  .arg(QString::fromUtf8(extra.type_name())));
    }
    const auto doc = Core::readManifestFile(o->manifest);
    if (!doc)
        return failWith(doc.error(), o->json);
    const QString table = o->values.value(QStringLiteral("--storage"));
    const Core::StorageClass *sc = doc->manifest.storageClassByTable(table);
    if (!sc) {
        QStringList tables;
        for (const Core::StorageClass &s : doc->manifest.storageClasses)
            tables << s.tableName();
        return failWith(
            Core::makeError(Core::ErrorCode::NotFound,
                            QStringLiteral("%1 has no storage class with table name "
                                           "%2; its tables are: %3.")
                                .arg(o->manifest, table, tables.join(QLatin1String(", ")))),
            o->json);
    }
    std::optional<QString> hashNamespace;
    if (o->values.contains(QStringLiteral("--hash-namespace")))
        hashNamespace = o->values.value(QStringLiteral("--hash-namespace"));
    const auto hash = Core::computeContractHash(*sc, hashNamespace, true, extra);
    if (!hash)
        return failWith(hash.error(), o->json);
    if (o->json) {
        const Core::Json out = {{"storage", table.toStdString()},
                                {"hash", hash->hash.toStdString()},
                                {"payload_json", hash->payloadJson.toStdString()},
                                {"grain_index_added", hash->grainIndexAdded}};
        Cli::out() << QString::fromStdString(out.dump()) << "\n";
    } else {
        Cli::out() << hash->hash << "\n";
    }
    return ExitOk;
}

} // namespace Cli
