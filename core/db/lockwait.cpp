// SPDX-License-Identifier: MIT
#include "lockwait.h"

#include "session.h"

namespace Core::Db {

namespace {

// The ungranted lock of the backend (a backend waits for one lock at a time) joined with every
// session pg_blocking_pids() names: holders of a conflicting lock and sessions queued ahead.
const char *const LockWaitSql = R"(
with waiting as (
    select l.mode, l.locktype, l.relation, l.transactionid,
           coalesce(n.nspname || '.' || c.relname, l.locktype) as relation_name,
           pg_blocking_pids(l.pid) as blockers
    from pg_locks l
    left join pg_class c on c.oid = l.relation
    left join pg_namespace n on n.oid = c.relnamespace
    where l.pid = $1 and not l.granted
    limit 1)
select w.mode, w.relation_name,
       (select floor(extract(epoch from now() - a.query_start) * 1000)::bigint
          from pg_stat_activity a where a.pid = $1) as waiting_ms,
       b.pid, b.usename, b.application_name, b.state, b.query,
       extract(epoch from now() - coalesce(b.xact_start, b.state_change))::float8,
       bl.mode, bl.granted
from waiting w
left join pg_stat_activity b on b.pid = any(w.blockers)
left join lateral (
    select l2.mode, l2.granted from pg_locks l2
    where l2.pid = b.pid and l2.locktype = w.locktype
      and l2.relation is not distinct from w.relation
      and l2.transactionid is not distinct from w.transactionid
    order by l2.granted desc limit 1) bl on true
order by b.xact_start nulls last, b.pid)";

} // namespace

Result<std::optional<LockWait>> readLockWait(Session &session, int pid)
{
    auto rows = session.query(QString::fromLatin1(LockWaitSql), {pid});
    if (!rows)
        return fail(rows.error());
    if (rows->isEmpty())
        return std::optional<LockWait>();
    LockWait wait;
    wait.lockMode = rows->text(0, 0);
    wait.relation = rows->text(0, 1);
    wait.waitingMs = rows->text(0, 2).toLongLong();
    for (qsizetype r = 0; r < rows->size(); ++r) {
        if (rows->isNull(r, 3))
            continue; // waiting, but its blocker has just gone
        TableLockHolder b;
        b.pid = rows->text(r, 3).toInt();
        b.user = rows->text(r, 4);
        b.application = rows->text(r, 5);
        b.state = rows->text(r, 6);
        b.query = redactSecrets(rows->text(r, 7));
        b.ageSeconds = rows->text(r, 8).toDouble();
        b.mode = rows->text(r, 9);
        b.granted = rows->boolean(r, 10);
        wait.blockers.append(b);
    }
    return std::optional<LockWait>(wait);
}

Result<bool> cancelBackend(Session &session, int pid)
{
    auto rows = session.query(QStringLiteral("select pg_cancel_backend($1)"), {pid});
    if (!rows)
        return fail(rows.error());
    return !rows->isEmpty() && rows->boolean(0, 0);
}

} // namespace Core::Db
