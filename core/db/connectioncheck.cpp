// SPDX-License-Identifier: MIT
#include "connectioncheck.h"

#include "session.h"

namespace Core::Db {

Result<ConnectionCheck> checkConnection(Session &session, const QStringList &schemas)
{
    auto rows = session.query(
        QStringLiteral(
            "select current_setting('server_version'), current_database(), current_user, "
            "(select rolsuper from pg_roles where rolname = current_user), "
            "has_database_privilege(current_database(), 'CREATE'), s.name, "
            "exists (select 1 from pg_namespace where nspname = s.name), "
            "case when exists (select 1 from pg_namespace where nspname = s.name) "
            "then has_schema_privilege(s.name, 'USAGE') else false end, "
            "case when exists (select 1 from pg_namespace where nspname = s.name) "
            "then has_schema_privilege(s.name, 'CREATE') else false end "
            "from unnest($1::text[]) with ordinality as s(name, n) order by s.n"),
        {schemas});
    if (!rows)
        return fail(rows.error());
    ConnectionCheck check;
    if (rows->isEmpty()) {
        auto who = session.query(QStringLiteral(
            "select current_setting('server_version'), current_database(), current_user, "
            "(select rolsuper from pg_roles where rolname = current_user), "
            "has_database_privilege(current_database(), 'CREATE')"));
        if (!who)
            return fail(who.error());
        rows = std::move(who);
    }
    check.serverVersion = rows->text(0, 0).section(QLatin1Char(' '), 0, 0);
    check.database = rows->text(0, 1);
    check.user = rows->text(0, 2);
    check.superuser = rows->boolean(0, 3);
    check.createSchema = rows->boolean(0, 4);
    for (qsizetype r = 0; r < rows->size() && rows->columns.size() > 5; ++r)
        check.schemas.append(
            {rows->text(r, 5), rows->boolean(r, 6), rows->boolean(r, 7), rows->boolean(r, 8)});
    return check;
}

QString describeCheck(const ConnectionCheck &check)
{
    QStringList parts{QStringLiteral("PostgreSQL %1").arg(check.serverVersion),
                      QStringLiteral("%1 as %2%3")
                          .arg(check.database,
                               check.user,
                               check.superuser ? QStringLiteral(" (superuser)") : QString())};
    for (const SchemaRights &s : check.schemas) {
        if (!s.exists)
            parts.append(QStringLiteral("%1: missing (%2)")
                             .arg(s.schema,
                                  check.createSchema ? QStringLiteral("can create")
                                                     : QStringLiteral("cannot create")));
        else
            parts.append(QStringLiteral("%1: %2").arg(
                s.schema,
                s.create ? QStringLiteral("read, create")
                         : (s.usage ? QStringLiteral("read only") : QStringLiteral("no access"))));
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace Core::Db
