// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>
#include <core/util/result.h>

#include <QString>

namespace Core::Migrate {

// The SQLAlchemy 1.4 type expression (Python source) that makes PostgreSQL create exactly
// `sqlType`, e.g. "character varying(255)" -> "sa.String(length=255)", "uuid" ->
// "postgresql.UUID(as_uuid=True)", "numeric(18,6)" -> "sa.Numeric(precision=18, scale=6)".
// Accepts format_type() spellings as introspection and the diff write them, and the SDK's
// backend_type spellings ("VARCHAR(255)", "TIMESTAMP WITH TIME ZONE", "FLOAT", "NUMERIC(18, 6)"),
// case-insensitively; arrays ("integer[]") become postgresql.ARRAY(...). An unknown type is an
// InvalidInput error naming it: a guessed type would make the revision create a different table
// than the plan shows.
[[nodiscard]] Result<QString> sqlalchemyType(const QString &sqlType);

// The type of a column: its PostgreSQL type when known, else its backend_type, else its SDK
// dtype token ("float64", "int64", "timestamp with time zone", ...). The error names the column.
[[nodiscard]] Result<QString> sqlalchemyColumnType(const ColumnSpec &column);

} // namespace Core::Migrate
