// SPDX-License-Identifier: MIT
#include "status.h"

#include <core/contract/contracthash.h>
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/migrate/apply.h>
#include <core/migrate/diff.h>

namespace Core::Migrate {

namespace {

const Db::CatalogEntry *
findRow(const Db::DbSnapshot &snapshot, const QString &schema, const QString &table)
{
    for (const Db::CatalogEntry &e : snapshot.catalog) {
        if (e.physicalSchema == schema && e.physicalTableName == table)
            return &e;
    }
    return nullptr;
}

// The differences the diff found in one table, one line each (catalog-only changes are not
// drift: they touch descriptions and labels, not the table or its contract).
QStringList tableDifferences(const Plan &plan, const QString &schema, const QString &table)
{
    QStringList out;
    for (const Operation &op : plan.operations) {
        if (op.schema == schema && op.table == table && !op.catalogOnly)
            out.append(QStringLiteral("table differs: %1").arg(op.summary));
    }
    for (const Finding &f : plan.findings) {
        if (f.schema == schema && f.table == table && f.severity == FindingSeverity::Error)
            out.append(f.message);
    }
    return out;
}

ClassStatus statusOf(const StorageClass &sc,
                     const QString &schema,
                     const Db::DbSnapshot &snapshot,
                     const Plan &plan)
{
    ClassStatus s;
    s.storageClass = sc.classRef.path();
    s.schema = schema;
    s.table = sc.tableName();
    auto hash = computeContractHash(sc, std::nullopt);
    if (hash)
        s.manifestHash = hash->hash;
    const Db::CatalogEntry *row = findRow(snapshot, schema, s.table);
    const bool tableExists = snapshot.table(schema, s.table) != nullptr;
    s.tableExists = tableExists;
    if (row) {
        s.uid = row->uid;
        s.catalogHash = row->contractHash;
    }
    if (!row) {
        s.state = ClassState::Missing;
        s.reasons.append(tableExists ? QStringLiteral("the table exists but is not registered in "
                                                      "the catalog: run `metatable upgrade`")
                                     : QStringLiteral("not registered and no table: run "
                                                      "`metatable upgrade`"));
        return s;
    }
    if (!tableExists) {
        s.state = ClassState::Missing;
        s.reasons.append(
            QStringLiteral("registered (uid %1) but the table does not exist").arg(row->uid));
        return s;
    }
    if (row->provisioningStatus != u"active") {
        s.state = ClassState::Reserved;
        s.reasons.append(QStringLiteral("the catalog row is '%1': an upgrade reserved it but "
                                        "never finalized it; run `metatable upgrade`")
                             .arg(row->provisioningStatus));
        return s;
    }
    s.reasons = tableDifferences(plan, schema, s.table);
    if (!hash)
        s.reasons.append(
            QStringLiteral("contract hash cannot be computed: %1").arg(hash.error().message));
    else if (row->contractHash != s.manifestHash)
        s.reasons.append(QStringLiteral("contract hash differs: catalog %1, manifest %2")
                             .arg(row->contractHash, s.manifestHash));
    s.state = s.reasons.isEmpty() ? ClassState::Registered : ClassState::Drifted;
    return s;
}

} // namespace

QString classStateName(ClassState state)
{
    switch (state) {
    case ClassState::Registered:
        return QStringLiteral("registered");
    case ClassState::Reserved:
        return QStringLiteral("reserved");
    case ClassState::Drifted:
        return QStringLiteral("drifted");
    case ClassState::Missing:
        return QStringLiteral("missing");
    }
    return {};
}

bool ProviderStatus::allRegistered() const
{
    for (const ClassStatus &c : classes) {
        if (c.state != ClassState::Registered)
            return false;
    }
    return true;
}

Result<ProviderStatus>
providerStatus(Db::Session &session, const ProviderManifest &manifest, const CancelToken &cancel)
{
    auto snapshot = Db::introspect(session, introspectOptionsFor(manifest), cancel);
    if (!snapshot)
        return fail(snapshot.error());
    auto diffed = diffManifest(session, manifest, *snapshot, DiffOptions{}, cancel);
    if (!diffed)
        return fail(diffed.error());
    ProviderStatus status = statusFromSnapshot(manifest, *snapshot, *diffed);
    status.database = session.redactedConninfo();
    return status;
}

ProviderStatus statusFromSnapshot(const ProviderManifest &manifest,
                                  const Db::DbSnapshot &snapshot,
                                  const Plan &plan)
{
    ProviderStatus status;
    status.providerKey = manifest.provider.providerKey();
    status.catalogExists = snapshot.catalogExists;
    status.alembicRevision = snapshot.alembicRevision;
    for (const StorageClass &sc : manifest.storageClasses) {
        const QString schema = sc.schema().isEmpty() ? manifest.provider.schema : sc.schema();
        status.classes.append(statusOf(sc, schema, snapshot, plan));
    }
    return status;
}

} // namespace Core::Migrate
