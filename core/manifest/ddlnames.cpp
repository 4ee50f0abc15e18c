// SPDX-License-Identifier: MIT
#include "ddlnames.h"

#include "jsonreader.h"

#include <core/sdk/naming.h>

#include <QHash>

namespace Core::ManifestDetail {

namespace {

// One DDL object of the table, after naming.
struct Named
{
    QString name;
    bool derived = false;
    QString pointer;
    QString what;                 // "index", "check constraint"...
    bool afterTableAlone = false; // a check the SDK names after its table only
};

class Namer
{
public:
    explicit Namer(QString table)
        : m_table(std::move(table))
    {}

    // Fills `name` when it is derived and records the object for the collision check.
    template <class SdkName>
    void add(QString &name, bool derived, const QString &pointer, const char *what, SdkName sdkName)
    {
        Named object{name, derived, pointer, QString::fromLatin1(what)};
        if (derived) {
            const Result<QString> given = sdkName(m_table);
            if (!given)
                failAt(pointer,
                       QStringLiteral("cannot name this %1 with the SDK's naming convention: %2 "
                                      "Write its \"name\".")
                           .arg(object.what, given.error().message));
            name = object.name = *given;
        }
        m_objects.append(object);
    }

    void markAfterTableAlone() { m_objects.last().afterTableAlone = true; }

    // Authored names are the author's business; a derived name that repeats a name of the same
    // table would only fail later, in PostgreSQL, so it fails here, at the derived object.
    void refuseCollisions() const
    {
        QHash<QString, QString> taken;
        for (const Named &o : m_objects) {
            if (!o.derived && !taken.contains(o.name))
                taken.insert(o.name, o.pointer);
        }
        for (const Named &o : m_objects) {
            if (!o.derived)
                continue;
            const auto it = taken.constFind(o.name);
            if (it == taken.constEnd()) {
                taken.insert(o.name, o.pointer);
            } else if (o.afterTableAlone) {
                failAt(o.pointer,
                       QStringLiteral("the SDK's naming convention names a check constraint "
                                      "without \"name\" and \"authored_name\" after its table "
                                      "alone, \"%1\", which is already the name of %2, and "
                                      "PostgreSQL needs distinct names. Give this check an "
                                      "\"authored_name\" (or a \"name\").")
                           .arg(o.name, *it));
            } else {
                failAt(o.pointer,
                       QStringLiteral("the SDK's naming convention names this %1 \"%2\", which "
                                      "is already the name of %3, and PostgreSQL needs distinct "
                                      "names. Write a distinct \"name\", or remove the "
                                      "duplicate.")
                           .arg(o.what, o.name, *it));
            }
        }
    }

private:
    QString m_table;
    QList<Named> m_objects;
};

} // namespace

void deriveDdlNames(TableDdl &ddl, const QString &tableName, const QString &p)
{
    Namer namer(tableName);
    if (ddl.primaryKey)
        namer.add(ddl.primaryKey->name,
                  ddl.primaryKey->nameDerived,
                  childPointer(p, "primary_key"),
                  "primary key",
                  [](const QString &t) { return Sdk::schemaPrimaryKeyName(t); });
    const QString indexes = childPointer(p, "indexes");
    for (qsizetype i = 0; i < ddl.indexes.size(); ++i) {
        IndexDef &x = ddl.indexes[i];
        namer.add(x.name, x.nameDerived, childPointer(indexes, i), "index", [&](const QString &t) {
            return Sdk::schemaIndexName(t, x.columns, x.unique);
        });
    }
    const QString uniques = childPointer(p, "unique_constraints");
    for (qsizetype i = 0; i < ddl.uniqueConstraints.size(); ++i) {
        UniqueConstraintDef &u = ddl.uniqueConstraints[i];
        namer.add(u.name,
                  u.nameDerived,
                  childPointer(uniques, i),
                  "unique constraint",
                  [&](const QString &t) { return Sdk::schemaUniqueConstraintName(t, u.columns); });
    }
    // The authored name is the convention's name token; without one the SDK still names the
    // check: schema_check_constraint_name(table, None) is "ck__<table>".
    const QString checks = childPointer(p, "check_constraints");
    for (qsizetype i = 0; i < ddl.checkConstraints.size(); ++i) {
        CheckConstraintDef &c = ddl.checkConstraints[i];
        namer.add(
            c.name,
            c.nameDerived,
            childPointer(checks, i),
            "check constraint",
            [&](const QString &t) { return Sdk::schemaCheckConstraintName(t, c.authoredName); });
        if (c.authoredName.value_or(QString()).isEmpty())
            namer.markAfterTableAlone();
    }
    // Named after the target's authored table name, without its schema, as SQLAlchemy gives it.
    const QString fks = childPointer(p, "foreign_keys");
    for (qsizetype i = 0; i < ddl.foreignKeys.size(); ++i) {
        ForeignKeyDef &f = ddl.foreignKeys[i];
        namer.add(
            f.name, f.nameDerived, childPointer(fks, i), "foreign key", [&](const QString &t) {
                return Sdk::schemaForeignKeyName(t, f.columns, f.targetTable, f.targetColumns);
            });
    }
    namer.refuseCollisions();
}

} // namespace Core::ManifestDetail
