// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Core {

// One CSV field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote
// or a line break.
QString csvField(const QString &text);

// One CSV line of the fields, ended by CRLF, in UTF-8.
QByteArray csvLine(const QStringList &fields);

} // namespace Core
