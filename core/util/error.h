// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Core {

enum class ErrorCode {
    InvalidInput,     // the user's input (file, argument, manifest) is wrong; message says how
    NotFound,         // a file, table, class or node that was named does not exist
    Io,               // reading or writing a file failed
    Database,         // the server refused or failed; detail holds SQLSTATE and server text
    Conflict,         // the state changed under us (lock, concurrent writer, drift)
    Refused,          // the operation is possible but was refused by a safety rule
    Cancelled,        // the user cancelled
    ProcessFailed,    // an external program failed or timed out
    Internal,         // a programmer error that reached the user
};

// An error a user can act on. `message` says what went wrong, where, and how to fix it;
// `detail` carries technical text (SQLSTATE, driver output) for logs. Neither may contain a
// password: callers redact connection strings before building an Error.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString detail;

    // "message" or "message\n  detail", for a terminal.
    QString toText() const;
};

Error makeError(ErrorCode code, const QString &message, const QString &detail = {});

} // namespace Core
