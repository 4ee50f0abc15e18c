// SPDX-License-Identifier: MIT
#include "error.h"

namespace Core {

QString Error::toText() const
{
    if (detail.isEmpty())
        return message;
    return message + QStringLiteral("\n  ") + detail;
}

Error makeError(ErrorCode code, const QString &message, const QString &detail)
{
    return Error{code, message, detail};
}

} // namespace Core
