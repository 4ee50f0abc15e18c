// SPDX-License-Identifier: MIT
#include "revision.h"

#include <core/migrate/plan.h>

#include <QCryptographicHash>

namespace Core::Migrate {

QString revisionIdFor(const Plan &plan)
{
    // Fields are separated by a unit separator and operations by a record separator, characters
    // that cannot occur in identifiers a manifest accepts, so no two plans collide by
    // concatenation.
    const QChar unit(0x1f);
    const QChar record(0x1e);
    QString text = plan.providerKey;
    for (const Operation &op : plan.operations) {
        // Catalog rows are not part of an Alembic revision, and whether the diff lists them
        // depends on whether the catalog existed when the plan was made.
        if (op.catalogOnly)
            continue;
        text += record;
        text += operationKindName(op.kind) + unit + op.schema + unit + op.table + unit
                + op.objectName + unit + op.previousName + unit + op.summary;
        for (const QString &statement : op.statements)
            text += unit + statement;
    }
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5);
    return QString::fromLatin1(digest.toHex().left(12));
}

} // namespace Core::Migrate
