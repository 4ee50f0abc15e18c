// SPDX-License-Identifier: MIT
#include "contracttext.h"

#include <core/contract/contracthash.h>
#include <core/manifest/manifestio.h>

#include <QCoreApplication>

namespace Gui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gui::ContractText", text);
}

} // namespace

QString registrationContractText(const Core::StorageClass &storageClass)
{
    const Core::Json registration
        = Core::storageClassToJson(storageClass).value("registration", Core::Json::object());
    Core::Json request = Core::Json::object();
    if (storageClass.binding && !storageClass.binding->dataSourceUid.isEmpty())
        request["data_source_uid"] = storageClass.binding->dataSourceUid.toStdString();
    for (auto it = registration.begin(); it != registration.end(); ++it)
        request[it.key()] = it.value();
    return QString::fromStdString(request.dump(2));
}

QString contractHashText(const Core::StorageClass &storageClass)
{
    const auto hash = Core::computeContractHash(storageClass, std::nullopt);
    if (!hash)
        return tr("The contract hash cannot be computed:\n%1").arg(hash.error().message);
    QStringList text;
    text << hash->hash << QString();
    text << tr("What it covers (compute_metatable_contract_hash, sdk-contract.md 5):")
         << tr("  - namespace and schema, and the physical table name")
         << tr("  - every column: position, name, data and backend type, nullability, primary "
               "key, unique, and the uuid primary key's server default")
         << tr("  - every index (columns, unique, dialect options), including the grain index")
         << tr("  - every foreign key (columns, target, actions, deferrable, match)");
    if (storageClass.isTimeIndexed())
        text << tr("  - the time-indexed profile: time index, index names, cadence, "
                   "storage layout");
    text << tr("Not covered: object names, labels, descriptions, identifier, provisioning.");
    if (hash->grainIndexAdded)
        text << tr("The grain index is one the SDK adds; the hash counts it all the same.");
    text << QString() << tr("Payload hashed (MD5 of this exact text):") << hash->payloadJson;
    return text.join(u'\n');
}

} // namespace Gui
