// SPDX-License-Identifier: MIT
#include "dbschema.h"

namespace Core::Db {

const DbColumn *DbTable::column(const QString &columnName) const
{
    for (const DbColumn &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

const DbTable *DbSnapshot::table(const QString &schema, const QString &name) const
{
    for (const DbTable &t : tables) {
        if (t.schema == schema && t.name == name)
            return &t;
    }
    return nullptr;
}

const CatalogEntry *DbSnapshot::catalogEntry(const QString &schema, const QString &table) const
{
    for (const CatalogEntry &e : catalog) {
        if (e.physicalSchema == schema && e.physicalTableName == table)
            return &e;
    }
    return nullptr;
}

} // namespace Core::Db
