// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace Core::Db {

// The client libraries' versions, for an About box: "15.18", "6.4.5".
QString libpqVersion();
QString libpqxxVersion();

// Removes passwords from a libpq connection string, key=value ("password=secret",
// "password='s e'") or URI form ("postgresql://user:secret@host/db?password=x"). Every message
// that mentions a connection string goes through this first.
QString redactConninfo(const QString &conninfo);

// A short name for a connection, for a status bar: "shop on db.example.com:5433",
// "shop on /run/postgresql", "service billing". Never contains a password.
QString describeConninfo(const QString &conninfoOrService);

// Removes anything that looks like a password assignment or URI credentials from free text
// (server or driver messages that may echo a connection string).
QString redactSecrets(const QString &text);

// The rows of one statement. Values are text as PostgreSQL prints them; SQL NULL is a null
// QVariant. Kept free of libpqxx types so callers above core/db never see the driver.
struct Rows
{
    QStringList columns;
    QList<QVariantList> rows;
    qint64 affected = 0; // rows changed by INSERT/UPDATE/DELETE

    qsizetype size() const { return rows.size(); }
    bool isEmpty() const { return rows.isEmpty(); }
    qsizetype columnIndex(const QString &name) const { return columns.indexOf(name); }
    bool isNull(qsizetype row, qsizetype column) const { return rows[row][column].isNull(); }
    QString text(qsizetype row, qsizetype column) const { return rows[row][column].toString(); }
    bool boolean(qsizetype row, qsizetype column) const { return text(row, column) == u"t"; }
    // A cell holding a JSON array of strings (array_to_json(...)::text), as a list. Catalog
    // queries return name arrays that way, so commas, quotes and braces in names need no
    // parsing of array literals.
    QStringList textList(qsizetype row, qsizetype column) const;
};

// Statement parameters, bound as $1, $2, ... in order. Accepted values: a null QVariant (SQL
// NULL), QString, QByteArray (UTF-8 text), bool, integers, double, and QStringList (sent as a
// PostgreSQL array literal: cast it, e.g. `= ANY($1::text[])`). Anything else is refused.
using Params = QVariantList;

class SessionPrivate;
class CopyIn;

enum class TransactionMode {
    ReadWrite, // READ COMMITTED, read-write: what migrations use
    // REPEATABLE READ, READ ONLY: every statement sees the same snapshot, so several catalog
    // queries describe one state of the database even while others change it.
    ReadOnlySnapshot,
};

// One open connection to PostgreSQL, used from one thread only. Statements outside begin()/
// commit() run in autocommit mode; between them they share one transaction. Every error is a
// Core::Error with SQLSTATE and the server text in `detail`, never a password.
class Session
{
public:
    // Opens a connection from a libpq conninfo ("host=... dbname=..."), a URI
    // ("postgresql://..."), or a bare service name from pg_service.conf.
    [[nodiscard]] static Result<std::unique_ptr<Session>> open(const QString &conninfoOrService);

    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // The connection string with the password removed: safe to show and log.
    QString redactedConninfo() const;
    QString databaseName() const;
    int serverVersion() const; // e.g. 150004
    // The server process serving this connection: what pg_stat_activity and pg_locks call it,
    // so another session can watch what it waits for, or cancel it.
    int backendPid() const;

    [[nodiscard]] Result<Rows> query(const QString &sql, const Params &params = {});
    // For statements whose rows do not matter; returns the affected row count.
    [[nodiscard]] Result<qint64> execute(const QString &sql, const Params &params = {});

    // Transactions: one at a time. A failed statement inside a transaction leaves it aborted
    // until rollback(), as in PostgreSQL.
    [[nodiscard]] VoidResult begin(TransactionMode mode = TransactionMode::ReadWrite);
    [[nodiscard]] VoidResult commit();
    void rollback();
    bool inTransaction() const;

    // SET LOCAL inside a transaction (gone at commit/rollback), SET for the session otherwise.
    // 0 disables the timeout.
    [[nodiscard]] VoidResult setLockTimeout(int milliseconds);
    [[nodiscard]] VoidResult setStatementTimeout(int milliseconds);

    // Transaction-scoped advisory lock on hashtext(key), e.g. a provider key: released at
    // commit or rollback. Requires an open transaction. The blocking form waits (bounded by
    // lock_timeout, when set, which fails with SQLSTATE 55P03 and ErrorCode::Conflict).
    [[nodiscard]] VoidResult advisoryXactLock(const QString &key);
    // Returns false at once when another session holds the lock.
    [[nodiscard]] Result<bool> tryAdvisoryXactLock(const QString &key);

    // Session-scoped advisory lock on (hashtext(scope), hashtext(key)): held across transactions
    // until advisoryUnlock() or the end of the connection. Returns false at once when another
    // session holds it. Node runs take one per node, so Batched commits keep it.
    [[nodiscard]] Result<bool> tryAdvisoryLock(const QString &scope, const QString &key);
    [[nodiscard]] VoidResult advisoryUnlock(const QString &scope, const QString &key);

    // COPY schema.table (columns) FROM STDIN in text format, inside the open transaction (or
    // on its own outside one). Until the returned stream is finished or aborted no other
    // statement may run on this session. See copyin.h.
    [[nodiscard]] Result<std::unique_ptr<CopyIn>>
    copyIn(const QString &schema, const QString &table, const QStringList &columns);

    // Statements sent to the server since open() (each query/execute/begin/commit counts one):
    // lets tests check that introspection costs a constant number of round trips.
    quint64 statementCount() const;

private:
    explicit Session(std::unique_ptr<SessionPrivate> d);
    std::unique_ptr<SessionPrivate> d;
};

// Rolls back on scope exit unless commit() succeeded, so an early `return fail(...)` never
// leaves a transaction open.
class Transaction
{
public:
    explicit Transaction(Session &session)
        : m_session(session)
    {}
    ~Transaction()
    {
        if (m_open)
            m_session.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    [[nodiscard]] VoidResult begin(TransactionMode mode = TransactionMode::ReadWrite)
    {
        auto r = m_session.begin(mode);
        m_open = r.has_value();
        return r;
    }
    [[nodiscard]] VoidResult commit()
    {
        m_open = false;
        return m_session.commit();
    }

private:
    Session &m_session;
    bool m_open = false;
};

} // namespace Core::Db
