// SPDX-License-Identifier: MIT
// `metatable contract-hash`: the SDK's compute_metatable_contract_hash of a storage class, with
// the exact payload text it hashes, so a contract can be fingerprinted without Python.
#include "command.h"
#include "options.h"

#include <core/contract/contracthash.h>
#include <core/manifest/manifestio.h>

namespace Cli {

namespace {

const QString Name = QStringLiteral("contract-hash");

const Syntax CommandLine = Syntax({Option::flag({QStringLiteral("--json")}),
                                   Option::once({QStringLiteral("--storage")})
                                       .required(QStringLiteral("missing --storage TABLE_NAME")),
                                   Option::once({QStringLiteral("--extra")}),
                                   Option::once({QStringLiteral("--hash-namespace")})})
                               .positional(QStringLiteral("missing MANIFEST"));

} // namespace

int runContractHash(const QStringList &args)
{
    const auto o = parseArguments(CommandLine, args);
    if (!o)
        return usageError(Name, o.error());
    const bool json = o->has(QStringLiteral("--json"));
    Core::Json extra;
    if (o->has(QStringLiteral("--extra"))) {
        try {
            extra = Core::Json::parse(o->value(QStringLiteral("--extra")).toStdString());
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
    const auto doc = Core::readManifestFile(o->first());
    if (!doc)
        return failWithMessage(Name, doc.error(), json);
    const QString table = o->value(QStringLiteral("--storage"));
    const Core::StorageClass *sc = doc->manifest.storageClassByTable(table);
    if (!sc) {
        QStringList tables;
        for (const Core::StorageClass &s : doc->manifest.storageClasses)
            tables << s.tableName();
        return failWithMessage(
            Name,
            Core::makeError(Core::ErrorCode::NotFound,
                            QStringLiteral("%1 has no storage class with table name "
                                           "%2; its tables are: %3.")
                                .arg(o->first(), table, tables.join(QLatin1String(", ")))),
            json);
    }
    std::optional<QString> hashNamespace;
    if (o->has(QStringLiteral("--hash-namespace")))
        hashNamespace = o->value(QStringLiteral("--hash-namespace"));
    const auto hash = Core::computeContractHash(*sc, hashNamespace, true, extra);
    if (!hash)
        return failWithMessage(Name, hash.error(), json);
    if (json) {
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
