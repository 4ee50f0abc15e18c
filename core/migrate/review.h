// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/db/dbschema.h>
#include <core/migrate/apply.h>
#include <core/migrate/status.h>
#include <core/migrate/tablefigures.h>

#include <QHash>

namespace Core::Migrate {

// Everything the console shows about one database for one manifest, read from ONE snapshot:
// the plan an upgrade would run with its risks counted, each class's status, the figures of
// every existing table the plan touches, and the manifest bound to its active catalog rows.
struct LiveReview
{
    QString database; // redacted connection string
    int serverVersion = 0;
    Plan plan;
    ProviderStatus status;
    QHash<QString, TableFigures> figures; // by figuresKey()
    ProviderManifest boundManifest;
    Db::DbSnapshot snapshot; // what the review read: tables, comments, catalog rows
    qint64 elapsedMs = 0;
};

struct ReviewOptions
{
    bool allowDestructive = false;
    int statementTimeoutMs = 30000;           // bounds each count and the introspection
    qint64 exactCountBelowRows = 1000000;     // larger tables show the planner's estimate
    QHash<QString, QString> contractHashes{}; // contractHashes(manifest), when already known
};

// Prints the manifest's expressions, then introspects, diffs, counts risks and figures inside
// one REPEATABLE READ READ ONLY transaction. Read-only: it takes ACCESS SHARE locks only.
[[nodiscard]] Result<LiveReview> reviewUpgrade(Db::Session &session,
                                               const ProviderManifest &manifest,
                                               const ReviewOptions &options,
                                               const CancelToken &cancel = {});

} // namespace Core::Migrate
