// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <string_view>

namespace Core::Py {

// Lowercase hex MD5 of the bytes (the SDK's hashlib.md5(...).hexdigest()).
QString md5Hex(std::string_view bytes);
// Lowercase hex MD5 of the UTF-8 encoding of `text` (md5hex in sdk-contract.md).
QString md5Hex(const QString &text);
// Lowercase hex SHA-1 of the UTF-8 encoding of `text` (hashlib.sha1(...).hexdigest()).
QString sha1Hex(const QString &text);

} // namespace Core::Py
