// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QString>

#include <string_view>

namespace Core::Db {

class SessionPrivate;

// An open `COPY table (columns) FROM STDIN` (text format) on a Session: rows go to the server
// as they are written, in large pieces, with no per-row work on the client. Made by
// Session::copyIn(). Until finish() or abort() the session runs no other statement. A COPY that
// fails (a constraint, a bad value) leaves the surrounding transaction aborted: roll it back.
// Destroying an unfinished stream aborts it.
class CopyIn
{
public:
    ~CopyIn();
    CopyIn(const CopyIn &) = delete;
    CopyIn &operator=(const CopyIn &) = delete;

    // Whole lines of COPY text ("a\tb\n..."); the server reads them in order.
    [[nodiscard]] VoidResult write(std::string_view data);
    // Ends the COPY; returns the rows the server stored.
    [[nodiscard]] Result<qint64> finish();
    // Ends the COPY with an error, so the server stores none of its rows (the transaction is
    // left aborted). `reason` is what the server logs.
    void abort(const QString &reason);

    bool isOpen() const { return m_open; }
    qint64 bytesWritten() const { return m_bytes; }

private:
    friend class Session;
    CopyIn(SessionPrivate &session, QString target);

    SessionPrivate *d;
    QString m_target; // "schema"."table", for messages
    bool m_open = true;
    qint64 m_bytes = 0;
};

} // namespace Core::Db
