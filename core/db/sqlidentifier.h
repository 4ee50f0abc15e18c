// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace Core::Db {

// The one function that puts an identifier into SQL text: always double-quoted, embedded
// quotes doubled, so upper case, spaces, quotes and reserved words survive. Values never go
// through here: they are bound as parameters.
QString quoteIdentifier(const QString &identifier);

// "schema"."name"; an empty schema gives just "name".
QString quoteQualified(const QString &schema, const QString &name);

// "a", "b", "c"
QString quoteIdentifierList(const QStringList &identifiers);

} // namespace Core::Db
