// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QByteArray>
#include <QString>

#include <optional>

namespace Core::Migrate {

// Printed expressions kept between runs, so that a repeated diff builds no shells. Entries live
// in memory for the process and as one small JSON file per key under the cache directory:
// $METATABLE_CACHE_DIR when set, else the user's cache directory (XDG_CACHE_HOME) under
// metatable-console/expressions. A cache that cannot be written only costs speed.
class ExpressionCache
{
public:
    static QString directory();
    static std::optional<Json> load(const QByteArray &key);
    static void store(const QByteArray &key, const Json &value);
};

} // namespace Core::Migrate
