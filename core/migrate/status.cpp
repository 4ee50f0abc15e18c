// SPDX-License-Identifier: MIT
#include "status.h"

#include <core/contract/contracthash.h>
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/migrate/apply.h>
#include <core/migrate/diff.h>

#include <QHash>
#include <QSet>
#include <QtConcurrent>

namespace Core::Migrate {

namespace {

// What statusOf looks up for every class, indexed once: with thousands of classes, scanning the
// catalog and the plan per class would cost their product.
struct StatusIndex
{
    QHash<QString, const Db::CatalogEntry *> rows; // "schema\ntable"
    QSet<QString> tables;                          // "schema\ntable" of every live table
    QHash<QString, QStringList> differences;       // "schema\ntable"

    static QString key(const QString &schema, const QString &table)
    {
        return schema + QLatin1Char('\n') + table;
    }

    StatusIndex(const Db::DbSnapshot &snapshot, const Plan &plan)
    {
        tables.reserve(snapshot.tables.size());
        for (const Db::DbTable &t : snapshot.tables)
            tables.insert(key(t.schema, t.name));
        rows.reserve(snapshot.catalog.size());
        for (const Db::CatalogEntry &e : snapshot.catalog)
            rows.insert(key(e.physicalSchema, e.physicalTableName), &e);
        // The differences the diff found in each table, one line each (catalog-only changes
        // are not drift: they touch descriptions and labels, not the table or its contract).
        for (const Operation &op : plan.operations) {
            if (!op.catalogOnly)
                differences[key(op.schema, op.table)].append(
                    QStringLiteral("table differs: %1").arg(op.summary));
        }
        for (const Finding &f : plan.findings) {
            if (f.severity == FindingSeverity::Error)
                differences[key(f.schema, f.table)].append(f.message);
        }
    }
};

ClassStatus statusOf(const StorageClass &sc,
                     const QString &schema,
                     const StatusIndex &index,
                     const QHash<QString, QString> &hashes)
{
    ClassStatus s;
    s.storageClass = sc.classRef.path();
    s.schema = schema;
    s.table = sc.tableName();
    const auto known = hashes.constFind(s.storageClass);
    Result<ContractHash> hash = known != hashes.cend() ? Result<ContractHash>(ContractHash{})
                                                       : computeContractHash(sc, std::nullopt);
    if (known != hashes.cend())
        s.manifestHash = *known;
    else if (hash)
        s.manifestHash = hash->hash;
    const Db::CatalogEntry *row = index.rows.value(StatusIndex::key(schema, s.table));
    const bool tableExists = index.tables.contains(StatusIndex::key(schema, s.table));
    s.tableExists = tableExists;
    if (row) {
        s.uid = row->uid;
        s.catalogHash = row->contractHash;
        s.textVersion = row->textVersion;
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
    s.reasons = index.differences.value(StatusIndex::key(schema, s.table));
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

QHash<QString, QString> contractHashes(const ProviderManifest &manifest)
{
    const QList<std::pair<QString, QString>> pairs
        = QtConcurrent::blockingMapped<QList<std::pair<QString, QString>>>(
            manifest.storageClasses, [](const StorageClass &sc) {
                auto hash = computeContractHash(sc, std::nullopt);
                return std::pair(sc.classRef.path(), hash ? hash->hash : QString());
            });
    QHash<QString, QString> hashes;
    hashes.reserve(pairs.size());
    for (const auto &[path, hash] : pairs) {
        if (!hash.isEmpty())
            hashes.insert(path, hash);
    }
    return hashes;
}

ProviderStatus statusFromSnapshot(const ProviderManifest &manifest,
                                  const Db::DbSnapshot &snapshot,
                                  const Plan &plan,
                                  const QHash<QString, QString> &hashes)
{
    ProviderStatus status;
    status.providerKey = manifest.provider.providerKey();
    status.catalogExists = snapshot.catalogExists;
    status.alembicRevision = snapshot.alembicRevision;
    const StatusIndex index(snapshot, plan);
    // Each class's contract hash is independent of the others': computed on the thread pool.
    status.classes = QtConcurrent::blockingMapped<QList<ClassStatus>>(
        manifest.storageClasses, [&](const StorageClass &sc) {
            const QString schema = sc.schema().isEmpty() ? manifest.provider.schema : sc.schema();
            return statusOf(sc, schema, index, hashes);
        });
    return status;
}

} // namespace Core::Migrate
