// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Db {
class Session;
struct DbSnapshot;
} // namespace Core::Db

namespace Core::Migrate {
struct Plan;
}

namespace Core::Migrate {

enum class ClassState {
    Registered, // an 'active' catalog row, its contract hash equal, the table as the manifest says
    Reserved,   // a catalog row that an upgrade reserved but never finalized
    Drifted,    // registered, but the table differs from the manifest or the contract hash does
    Missing,    // no catalog row, or no physical table
};

QString classStateName(ClassState state); // "registered", "reserved", "drifted", "missing"

struct ClassStatus
{
    QString storageClass; // "module:qualname"
    QString schema;
    QString table;
    ClassState state = ClassState::Missing;
    QString uid; // empty when there is no catalog row
    bool tableExists = false;
    QString manifestHash; // the contract hash the manifest gives
    QString catalogHash;  // the one stored at the last upgrade (empty without a row)
    QStringList reasons;  // why the class is not registered: one line per difference
    // The catalog row's text_version as read (0 without a row): what an editor of the class's
    // texts passes back in ApplyOptions::expectedTextVersions (by uid) when it saves them.
    qint64 textVersion = 0;
};

struct ProviderStatus
{
    QString providerKey;
    QString database; // redacted connection string
    bool catalogExists = false;
    std::optional<QString> alembicRevision;
    QList<ClassStatus> classes; // manifest order
    bool allRegistered() const;
};

// Each class's contract hash ("module:qualname" -> hash), on the thread pool; a class whose
// hash cannot be computed is left out. It depends on the manifest only, so a workspace computes
// it once per load instead of once per review.
QHash<QString, QString> contractHashes(const ProviderManifest &manifest);

// Each class's status from a snapshot and the plan diffed from it (the table differences come
// from the plan). `database` is left empty. `hashes` (from contractHashes) spares computing the
// manifest's contract hashes again; a class missing from it is hashed here.
ProviderStatus statusFromSnapshot(const ProviderManifest &manifest,
                                  const Db::DbSnapshot &snapshot,
                                  const Plan &plan,
                                  const QHash<QString, QString> &hashes = {});

// Compares each class of the manifest with the catalog and the live table (read-only).
[[nodiscard]] Result<ProviderStatus> providerStatus(Db::Session &session,
                                                    const ProviderManifest &manifest,
                                                    const CancelToken &cancel = {});

} // namespace Core::Migrate
