// SPDX-License-Identifier: MIT
#include "sqlidentifier.h"

namespace Core::Db {

QString quoteIdentifier(const QString &identifier)
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString quoteQualified(const QString &schema, const QString &name)
{
    if (schema.isEmpty())
        return quoteIdentifier(name);
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

QString quoteIdentifierList(const QStringList &identifiers)
{
    QStringList quoted;
    quoted.reserve(identifiers.size());
    for (const QString &i : identifiers)
        quoted.append(quoteIdentifier(i));
    return quoted.join(QLatin1String(", "));
}

} // namespace Core::Db
