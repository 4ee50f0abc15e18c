// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/error.h>

#include <tl/expected.hpp>

namespace Core {

// Every fallible core function returns Result<T>: a value, or an Error the caller presents.
template <class T>
using Result = tl::expected<T, Error>;

using VoidResult = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, const QString &message,
                                  const QString &detail = {})
{
    return tl::unexpected<Error>(Error{code, message, detail});
}

inline tl::unexpected<Error> fail(Error error)
{
    return tl::unexpected<Error>(std::move(error));
}

} // namespace Core
