// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>
#include <core/util/result.h>

#include <QDateTime>
#include <QString>

#include <optional>

namespace Core::Migrate {

// What an Alembic revision file says about itself, next to the operations.
struct AlembicRevisionInfo
{
    QString revision;                    // revisionIdFor(plan) (revision.h)
    std::optional<QString> downRevision; // DbSnapshot::alembicRevision; nullopt = first revision
    QString message = QStringLiteral("migration"); // `alembic revision -m`; the SDK's default
    QDateTime createDate;                          // written as Python's str(datetime)
    QString providerPackage;                       // provider.package
    QString migrationNamespace;                    // provider.migration_namespace
};

// The plan as an Alembic revision file, laid out like `alembic revision` writes one: docstring
// (message, Revision ID, Revises, Create Date), revision identifiers, upgrade() with one op.*
// call per operation in plan order, and downgrade() undoing them in reverse order (what was
// created is dropped, what was dropped is re-created from the operation's "before" value).
// Renames without an Alembic operation and constraint renames run as op.execute(sa.text(...)).
// Catalog-only operations are listed as comments: they are not DDL.
// The output is a function of (plan, info) only. Errors: a column type without a SQLAlchemy
// equivalent (InvalidInput), an operation missing the value its kind needs (Internal).
[[nodiscard]] Result<QString> renderAlembicRevision(const Plan &plan,
                                                    const AlembicRevisionInfo &info);

// Alembic's default file name for a revision: "<revision>_<slug>.py", where the slug is the
// message's word characters joined by "_", lower-cased, cut at 40 characters as Alembic does.
QString alembicRevisionFileName(const AlembicRevisionInfo &info);

} // namespace Core::Migrate
