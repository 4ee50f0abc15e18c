// SPDX-License-Identifier: MIT
#include "copyin.h"

#include "sessionprivate.h"

#include <core/db/sqlidentifier.h>

#include <climits>

namespace Core::Db {

namespace {

// The server's error of a failed COPY (or of starting one), with its SQLSTATE in `detail`.
Error resultError(PGresult *result, PGconn *conn, const QString &what, const QString &where)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString text
        = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)).trimmed();
    const QString sqlstate = state ? QString::fromLatin1(state) : QString();
    ErrorCode code = ErrorCode::Database;
    if (sqlstate == u"55P03" || sqlstate == u"40001" || sqlstate == u"40P01")
        code = ErrorCode::Conflict;
    else if (sqlstate == u"57014")
        code = ErrorCode::Cancelled;
    return Error{code,
                 QStringLiteral("%1 failed on %2.").arg(what, where),
                 redactSecrets(sqlstate.isEmpty()
                                   ? text
                                   : QStringLiteral("SQLSTATE %1: %2").arg(sqlstate, text))};
}

// Reads the results that end a COPY; the first error wins.
Result<qint64> drainResults(PGconn *conn, const QString &what, const QString &where)
{
    std::optional<Error> error;
    qint64 rows = 0;
    while (PGresult *r = PQgetResult(conn)) {
        if (PQresultStatus(r) == PGRES_COMMAND_OK) {
            rows = QByteArray(PQcmdTuples(r)).toLongLong();
        } else if (!error) {
            error = resultError(r, conn, what, where);
        }
        PQclear(r);
    }
    if (error)
        return fail(*error);
    return rows;
}

} // namespace

CopyIn::CopyIn(SessionPrivate &session, QString target)
    : d(&session)
    , m_target(std::move(target))
{}

CopyIn::~CopyIn()
{
    if (m_open)
        abort(QStringLiteral("the COPY was abandoned"));
}

VoidResult CopyIn::write(std::string_view data)
{
    if (!m_open)
        return fail(ErrorCode::Internal,
                    QStringLiteral("The COPY into %1 is already closed.").arg(m_target));
    PGconn *conn = d->conn->handle();
    while (!data.empty()) {
        const auto piece = std::min<std::size_t>(data.size(), INT_MAX / 2);
        if (PQputCopyData(conn, data.data(), int(piece)) != 1) {
            Error e = resultError(
                nullptr, conn, QStringLiteral("Sending rows to %1").arg(m_target), d->redacted);
            m_open = false;
            d->copying = false;
            (void)drainResults(conn, QString(), QString());
            return fail(std::move(e));
        }
        m_bytes += qint64(piece);
        data.remove_prefix(piece);
    }
    return {};
}

Result<qint64> CopyIn::finish()
{
    if (!m_open)
        return fail(ErrorCode::Internal,
                    QStringLiteral("The COPY into %1 is already closed.").arg(m_target));
    PGconn *conn = d->conn->handle();
    m_open = false;
    d->copying = false;
    ++d->statements;
    const QString what = QStringLiteral("Copying rows into %1").arg(m_target);
    if (PQputCopyEnd(conn, nullptr) != 1) {
        Error e = resultError(nullptr, conn, what, d->redacted);
        (void)drainResults(conn, what, d->redacted);
        return fail(std::move(e));
    }
    return drainResults(conn, what, d->redacted);
}

void CopyIn::abort(const QString &reason)
{
    if (!m_open)
        return;
    PGconn *conn = d->conn->handle();
    m_open = false;
    d->copying = false;
    if (PQputCopyEnd(conn, reason.toUtf8().constData()) == 1)
        (void)drainResults(conn, QString(), QString());
}

Result<std::unique_ptr<CopyIn>>
Session::copyIn(const QString &schema, const QString &table, const QStringList &columns)
{
    const QString target = quoteQualified(schema, table);
    if (d->copying)
        return fail(ErrorCode::Internal,
                    QStringLiteral("A COPY is already open on %1: finish it before starting the "
                                   "COPY into %2.")
                        .arg(d->redacted, target));
    PGconn *conn = d->conn->handle();
    if (!conn)
        return fail(ErrorCode::Database,
                    QStringLiteral("The connection %1 is closed.").arg(d->redacted));
    const QString sql
        = QStringLiteral("COPY %1 (%2) FROM STDIN").arg(target, quoteIdentifierList(columns));
    ++d->statements;
    PGresult *r = PQexec(conn, sql.toUtf8().constData());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        Error e = resultError(
            r, conn, QStringLiteral("Starting a COPY into %1").arg(target), d->redacted);
        PQclear(r);
        return fail(std::move(e));
    }
    PQclear(r);
    d->copying = true;
    return std::unique_ptr<CopyIn>(new CopyIn(*d, target));
}

} // namespace Core::Db
