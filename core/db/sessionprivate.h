// SPDX-License-Identifier: MIT
// Inside core/db only: what a Session holds, shared by session.cpp and copyin.cpp.
#pragma once

#include <core/db/session.h>

#include <pqxx/pqxx>

#include <memory>
#include <string>

#include <libpq-fe.h>

namespace Core::Db {

// libpqxx 6.4 keeps its libpq handle private; COPY FROM STDIN at full speed needs
// PQputCopyData on it. A connection policy is libpqxx's documented hook into connecting, and it
// sees the handle each time the connection is (re)established.
class HandlePolicy final : public pqxx::connect_direct
{
public:
    explicit HandlePolicy(const std::string &options)
        : pqxx::connect_direct(options)
    {}
    handle do_startconnect(handle orig) override
    {
        m_handle = pqxx::connect_direct::do_startconnect(orig);
        return m_handle;
    }
    handle do_completeconnect(handle orig) override
    {
        m_handle = pqxx::connect_direct::do_completeconnect(orig);
        return m_handle;
    }
    handle do_dropconnect(handle orig) noexcept override
    {
        m_handle = pqxx::connect_direct::do_dropconnect(orig);
        return m_handle;
    }
    handle do_disconnect(handle orig) noexcept override
    {
        m_handle = pqxx::connect_direct::do_disconnect(orig);
        return m_handle;
    }
    PGconn *current() const { return m_handle; }

private:
    handle m_handle = nullptr;
};

// pqxx::connection (basic_connection_base<connect_direct>) with the libpq handle reachable.
class RawConnection final : public pqxx::connection_base
{
public:
    explicit RawConnection(const std::string &options)
        : pqxx::connection_base(m_policy)
        , m_options(options)
        , m_policy(m_options)
    {
        init();
    }
    ~RawConnection() noexcept { close(); }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    PGconn *handle() const { return m_policy.current(); }

private:
    std::string m_options; // before m_policy, which is built from it
    HandlePolicy m_policy;
};

class SessionPrivate
{
public:
    std::unique_ptr<RawConnection> conn;
    std::unique_ptr<pqxx::dbtransaction> tx;
    QString redacted;
    quint64 statements = 0;
    bool copying = false; // a COPY FROM STDIN is open: no other statement may run

    // Converts what libpqxx throws into an Error naming the statement's purpose.
    Error toError(const std::exception &e, const QString &what) const;
    Result<pqxx::result> run(const QString &sql, const Params &params);
};

} // namespace Core::Db
