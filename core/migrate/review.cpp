// SPDX-License-Identifier: MIT
#include "review.h"

#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/migrate/diff.h>
#include <core/migrate/expressionprinter.h>
#include <core/migrate/risk.h>

#include <QElapsedTimer>

namespace Core::Migrate {

Result<LiveReview> reviewUpgrade(Db::Session &session,
                                 const ProviderManifest &manifest,
                                 const ReviewOptions &options,
                                 const CancelToken &cancel)
{
    QElapsedTimer timer;
    timer.start();
    // Expressions are printed in a transaction of their own, before the snapshot's.
    auto printed = printExpressions(session, manifest, cancel);
    if (!printed)
        return fail(printed.error());

    Db::Transaction tx(session);
    if (auto r = tx.begin(Db::TransactionMode::ReadOnlySnapshot); !r)
        return fail(r.error());
    if (auto r = session.setStatementTimeout(options.statementTimeoutMs); !r)
        return fail(r.error());
    auto snapshot = Db::introspect(session, introspectOptionsFor(manifest), cancel);
    if (!snapshot)
        return fail(snapshot.error());

    LiveReview review;
    review.database = session.redactedConninfo();
    review.serverVersion = session.serverVersion();
    DiffOptions diffOptions;
    diffOptions.allowDestructive = options.allowDestructive;
    diffOptions.printed = &*printed;
    review.plan = diffManifest(manifest, *snapshot, diffOptions);
    SessionRiskProbe probe(session);
    if (auto r = assessRisks(review.plan, probe, cancel); !r)
        return fail(r.error());
    review.status = statusFromSnapshot(manifest, *snapshot, review.plan, options.contractHashes);
    review.status.database = review.database;
    auto figures = readTableFigures(
        session, tablesTouched(review.plan), options.exactCountBelowRows, cancel);
    if (!figures)
        return fail(figures.error());
    review.figures = std::move(*figures);
    review.boundManifest = bindManifest(manifest, *snapshot);
    review.snapshot = std::move(*snapshot);
    if (auto r = tx.commit(); !r)
        return fail(r.error());
    review.elapsedMs = timer.elapsed();
    return review;
}

} // namespace Core::Migrate
