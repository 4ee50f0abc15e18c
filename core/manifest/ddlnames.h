// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>

#include <QString>

namespace Core::ManifestDetail {

// Gives every DDL object of one table whose name the manifest left unset (read with
// `nameDerived` set) the name the SDK's naming convention gives it when SQLAlchemy builds the
// table (sdk-contract.md 1.6), from the authored table name. A ReadError at the object when the
// SDK cannot name it, or when the name equals another object's of the same table, since
// PostgreSQL would refuse the second.
void deriveDdlNames(TableDdl &ddl, const QString &tableName, const QString &ddlPointer);

} // namespace Core::ManifestDetail
