// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QByteArray>

namespace Core {

// Parses JSON text into an ordered_json exactly as Json::parse does (same values, key order,
// duplicate keys keeping the first position and the last value, same exceptions), but builds
// every value bottom-up and moves it into its parent once. Json::parse inserts each member into
// its parent before filling it, and ordered_json stores an object's members in a vector whose
// elements cannot be moved without risk of throwing, so every growth of an object deep-copies
// the members before it: a manifest's large arrays were copied over and over.
Json parseJsonText(const QByteArray &bytes);

} // namespace Core
