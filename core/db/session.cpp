// SPDX-License-Identifier: MIT
#include "session.h"

#include "sessionprivate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <pqxx/pqxx>
#include <pqxx/version>

#include <optional>
#include <string>
#include <vector>

#include <libpq-fe.h>

namespace Core::Db {

namespace {

const QString Redacted = QStringLiteral("********");

// password=value, password = 'quoted \' value', in key=value strings and free text.
const QRegularExpression &keywordPassword()
{
    static const QRegularExpression re(
        QStringLiteral(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s]*))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// ALTER ROLE ... PASSWORD 'secret' in SQL text another session is running.
const QRegularExpression &sqlPassword()
{
    static const QRegularExpression re(QStringLiteral(R"((password\s+)'(?:[^']|'')*'?)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// scheme://user:secret@host: the secret is everything between the first ':' of the userinfo and
// the last '@' before the host part.
const QRegularExpression &uriPassword()
{
    static const QRegularExpression re(
        QStringLiteral(R"(((?:postgres|postgresql)://[^:/?#@\s]*:)[^\s/?#]*(@))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// ?password=x&... or &password=x inside a URI query string.
const QRegularExpression &uriQueryPassword()
{
    static const QRegularExpression re(QStringLiteral(R"(([?&]password=)[^&\s#]*)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

bool looksLikeConninfo(const QString &s)
{
    return s.contains(QLatin1Char('=')) || s.startsWith(u"postgres://")
           || s.startsWith(u"postgresql://");
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// PostgreSQL array literal: {"a","b\"c"}; element quoting keeps commas, braces and spaces.
QString arrayLiteral(const QStringList &values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (QString v : values) {
        v.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        v.replace(QLatin1Char('"'), QLatin1String("\\\""));
        quoted.append(QLatin1Char('"') + v + QLatin1Char('"'));
    }
    return QLatin1Char('{') + quoted.join(QLatin1Char(',')) + QLatin1Char('}');
}

Result<std::optional<std::string>> paramText(const QVariant &v, int position)
{
    if (v.isNull())
        return std::nullopt;
    switch (v.typeId()) {
    case QMetaType::QString:
        return v.toString().toStdString();
    case QMetaType::QByteArray:
        return v.toByteArray().toStdString();
    case QMetaType::Bool:
        return std::string(v.toBool() ? "true" : "false");
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return v.toString().toStdString();
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(v.toDouble(), 'g', 17).toStdString();
    case QMetaType::QStringList:
        return arrayLiteral(v.toStringList()).toStdString();
    default:
        return fail(ErrorCode::Internal,
                    QStringLiteral("Statement parameter $%1 has type %2, which cannot be bound: "
                                   "pass text, a number, a bool, a string list or null.")
                        .arg(position)
                        .arg(QString::fromLatin1(v.typeName())));
    }
}

} // namespace

QString libpqVersion()
{
    const int v = PQlibVersion(); // 150018
    return QStringLiteral("%1.%2").arg(v / 10000).arg(v % 10000);
}

QString libpqxxVersion()
{
    return QStringLiteral(PQXX_VERSION);
}

QString describeConninfo(const QString &conninfoOrService)
{
    const QString trimmed = conninfoOrService.trimmed();
    if (!looksLikeConninfo(trimmed))
        return QStringLiteral("service %1").arg(trimmed);
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(trimmed.toUtf8().constData(), &error);
    if (!options) {
        PQfreemem(error);
        return redactConninfo(trimmed);
    }
    QString dbname, host, port, service;
    for (PQconninfoOption *o = options; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString value = QString::fromUtf8(o->val);
        const QByteArray key(o->keyword);
        if (key == "dbname")
            dbname = value;
        else if (key == "host")
            host = value;
        else if (key == "port")
            port = value;
        else if (key == "service")
            service = value;
    }
    PQconninfoFree(options);
    if (!service.isEmpty() && dbname.isEmpty())
        return QStringLiteral("service %1").arg(service);
    QString where = host.isEmpty() ? QStringLiteral("the local socket") : host;
    if (!port.isEmpty() && port != u"5432")
        where += QLatin1Char(':') + port;
    return QStringLiteral("%1 on %2")
        .arg(dbname.isEmpty() ? QStringLiteral("default database") : dbname, where);
}

QString redactConninfo(const QString &conninfo)
{
    return redactSecrets(conninfo);
}

QString redactSecrets(const QString &text)
{
    QString s = text;
    s.replace(keywordPassword(), QStringLiteral("\\1") + Redacted);
    s.replace(uriPassword(), QStringLiteral("\\1") + Redacted + QStringLiteral("\\2"));
    s.replace(uriQueryPassword(), QStringLiteral("\\1") + Redacted);
    s.replace(sqlPassword(), QStringLiteral("\\1") + Redacted);
    return s;
}

Error SessionPrivate::toError(const std::exception &e, const QString &what) const
{
    QString detail = redactSecrets(QString::fromUtf8(e.what()).trimmed());
    ErrorCode code = ErrorCode::Database;
    if (const auto *sql = dynamic_cast<const pqxx::sql_error *>(&e)) {
        const QString state = fromStd(sql->sqlstate());
        detail = QStringLiteral("SQLSTATE %1: %2").arg(state, detail);
        // lock_not_available, serialization_failure, deadlock_detected: someone else holds
        // what we need; the caller may retry.
        if (state == u"55P03" || state == u"40001" || state == u"40P01")
            code = ErrorCode::Conflict;
        if (state == u"57014")
            code = ErrorCode::Cancelled;
    } else if (dynamic_cast<const pqxx::broken_connection *>(&e)) {
        detail = QStringLiteral("connection lost: %1").arg(detail);
    }
    return Error{code, QStringLiteral("%1 failed on %2.").arg(what, redacted), detail};
}

Result<pqxx::result> SessionPrivate::run(const QString &sql, const Params &params)
{
    std::vector<std::optional<std::string>> storage;
    storage.reserve(size_t(params.size()));
    for (int i = 0; i < params.size(); ++i) {
        auto t = paramText(params[i], i + 1);
        if (!t)
            return fail(t.error());
        storage.push_back(std::move(*t));
    }
    std::vector<const char *> pointers;
    pointers.reserve(storage.size());
    for (const auto &s : storage)
        pointers.push_back(s ? s->c_str() : nullptr);

    if (copying)
        return fail(ErrorCode::Internal,
                    QStringLiteral("A statement was sent on %1 while a COPY is still open: finish "
                                   "or abort the COPY first.")
                        .arg(redacted));
    const std::string text = sql.toStdString();
    ++statements;
    // Without parameters the simple protocol is used, which also accepts a script of
    // several statements (the catalog's DDL).
    try {
        if (tx) {
            if (pointers.empty())
                return tx->exec(text);
            return tx->exec_params(text, pqxx::prepare::make_dynamic_params(pointers));
        }
        pqxx::nontransaction nt(*conn);
        if (pointers.empty())
            return nt.exec(text);
        return nt.exec_params(text, pqxx::prepare::make_dynamic_params(pointers));
    } catch (const std::exception &e) {
        return fail(toError(e, QStringLiteral("A statement")));
    }
}

Session::Session(std::unique_ptr<SessionPrivate> p)
    : d(std::move(p))
{}

Session::~Session()
{
    rollback();
}

Result<std::unique_ptr<Session>> Session::open(const QString &conninfoOrService)
{
    const QString trimmed = conninfoOrService.trimmed();
    if (trimmed.isEmpty())
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("No database connection given: pass a libpq connection string "
                           "(host=... dbname=...), a postgresql:// URI or a service name."));
    const QString conninfo
        = looksLikeConninfo(trimmed) ? trimmed : QStringLiteral("service=") + trimmed;
    auto p = std::make_unique<SessionPrivate>();
    p->redacted = redactConninfo(conninfo);
    try {
        p->conn = std::make_unique<RawConnection>(conninfo.toStdString());
    } catch (const std::exception &e) {
        return fail(ErrorCode::Database,
                    QStringLiteral("Cannot connect to %1: check host, port, database name and "
                                   "credentials (password file or service file).")
                        .arg(p->redacted),
                    redactSecrets(QString::fromUtf8(e.what()).trimmed()));
    }
    return std::unique_ptr<Session>(new Session(std::move(p)));
}

QString Session::redactedConninfo() const
{
    return d->redacted;
}

QString Session::databaseName() const
{
    return QString::fromUtf8(d->conn->dbname());
}

int Session::serverVersion() const
{
    return d->conn->server_version();
}

int Session::backendPid() const
{
    return d->conn->backendpid();
}

QStringList Rows::textList(qsizetype row, qsizetype column) const
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(text(row, column).toUtf8()).array();
    for (const auto &v : array)
        out.append(v.toString());
    return out;
}

Result<Rows> Session::query(const QString &sql, const Params &params)
{
    auto r = d->run(sql, params);
    if (!r)
        return fail(r.error());
    Rows rows;
    const auto columnCount = r->columns();
    for (pqxx::row::size_type c = 0; c < columnCount; ++c)
        rows.columns.append(QString::fromUtf8(r->column_name(c)));
    rows.rows.reserve(qsizetype(r->size()));
    for (const auto &row : *r) {
        QVariantList values;
        values.reserve(qsizetype(columnCount));
        for (const auto &field : row) {
            if (field.is_null())
                values.append(QVariant());
            else
                values.append(QString::fromUtf8(field.c_str(), qsizetype(field.size())));
        }
        rows.rows.append(std::move(values));
    }
    rows.affected = qint64(r->affected_rows());
    return rows;
}

Result<qint64> Session::execute(const QString &sql, const Params &params)
{
    auto r = d->run(sql, params);
    if (!r)
        return fail(r.error());
    return qint64(r->affected_rows());
}

VoidResult Session::begin(TransactionMode mode)
{
    if (d->tx)
        return fail(ErrorCode::Internal,
                    QStringLiteral("A transaction is already open on %1: commit or roll it back "
                                   "before beginning another.")
                        .arg(d->redacted));
    ++d->statements;
    try {
        // libpqxx sends BEGIN and the SET TRANSACTION in one round trip.
        if (mode == TransactionMode::ReadOnlySnapshot)
            d->tx = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(
                *d->conn);
        else
            d->tx = std::make_unique<pqxx::work>(*d->conn);
    } catch (const std::exception &e) {
        return fail(d->toError(e, QStringLiteral("Beginning a transaction")));
    }
    return {};
}

VoidResult Session::commit()
{
    if (!d->tx)
        return fail(ErrorCode::Internal,
                    QStringLiteral("No transaction is open on %1 to commit.").arg(d->redacted));
    ++d->statements;
    auto tx = std::move(d->tx);
    try {
        tx->commit();
    } catch (const std::exception &e) {
        return fail(d->toError(e, QStringLiteral("Committing the transaction")));
    }
    return {};
}

void Session::rollback()
{
    if (!d->tx)
        return;
    auto tx = std::move(d->tx);
    try {
        tx->abort();
    } catch (const std::exception &) {
        // The connection broke: the server has already discarded the transaction.
    }
}

bool Session::inTransaction() const
{
    return d->tx != nullptr;
}

static VoidResult setTimeout(Session &s, const char *name, int ms)
{
    if (ms < 0)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 must be 0 (off) or a positive number of milliseconds, "
                                   "not %2.")
                        .arg(QLatin1String(name))
                        .arg(ms));
    // set_config with is_local = true is SET LOCAL; a bound value keeps this one code path.
    auto r
        = s.query(QStringLiteral("SELECT set_config($1, $2, $3)"),
                  {QString::fromLatin1(name), QStringLiteral("%1ms").arg(ms), s.inTransaction()});
    if (!r)
        return fail(r.error());
    return {};
}

VoidResult Session::setLockTimeout(int milliseconds)
{
    return setTimeout(*this, "lock_timeout", milliseconds);
}

VoidResult Session::setStatementTimeout(int milliseconds)
{
    return setTimeout(*this, "statement_timeout", milliseconds);
}

VoidResult Session::advisoryXactLock(const QString &key)
{
    if (!d->tx)
        return fail(ErrorCode::Internal,
                    QStringLiteral("The advisory lock on '%1' needs an open transaction: it is "
                                   "released when that transaction ends.")
                        .arg(key));
    auto r = execute(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext($1))"), {key});
    if (!r) {
        Error e = r.error();
        e.message = QStringLiteral("Could not take the lock on '%1' (another migration of the "
                                   "same provider may be running): %2")
                        .arg(key, e.message);
        return fail(std::move(e));
    }
    return {};
}

Result<bool> Session::tryAdvisoryXactLock(const QString &key)
{
    if (!d->tx)
        return fail(ErrorCode::Internal,
                    QStringLiteral("The advisory lock on '%1' needs an open transaction: it is "
                                   "released when that transaction ends.")
                        .arg(key));
    auto r = query(QStringLiteral("SELECT pg_try_advisory_xact_lock(hashtext($1))"), {key});
    if (!r)
        return fail(r.error());
    return r->boolean(0, 0);
}

Result<bool> Session::tryAdvisoryLock(const QString &scope, const QString &key)
{
    auto r = query(QStringLiteral("SELECT pg_try_advisory_lock(hashtext($1), hashtext($2))"),
                   {scope, key});
    if (!r)
        return fail(r.error());
    return r->boolean(0, 0);
}

VoidResult Session::advisoryUnlock(const QString &scope, const QString &key)
{
    auto r = query(QStringLiteral("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))"),
                   {scope, key});
    if (!r)
        return fail(r.error());
    if (!r->boolean(0, 0))
        return fail(ErrorCode::Internal,
                    QStringLiteral("The advisory lock '%1' on '%2' was not held by this session "
                                   "on %3.")
                        .arg(scope, key, d->redacted));
    return {};
}

quint64 Session::statementCount() const
{
    return d->statements;
}

} // namespace Core::Db
