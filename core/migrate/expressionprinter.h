// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/contract/providermanifest.h>
#include <core/migrate/plan.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Db {
class Session;
}

namespace Core::Migrate {

// The manifest's SQL expressions (CHECK conditions, partial-index predicates, index
// expressions, server defaults) as the target server prints them. Text can only be compared
// safely in the form PostgreSQL itself gives it: it resolves precedence, adds the implicit
// casts, turns IN lists into = ANY (ARRAY[...]) and prints every literal with its type. So each
// desired table that holds an expression is built as a shell (a temporary table with the
// desired column types, defaults, checks and indexes) in a transaction that is always rolled
// back, and read back with the same catalog functions introspection uses.

struct PrintedIndex
{
    QStringList columns;          // pg_get_indexdef per key column (a bare name for columns)
    std::optional<QString> where; // pg_get_expr of the predicate
};

// One storage class's printed expressions, by position in the desired TableSpec.
struct PrintedTable
{
    QHash<QString, QString> defaults;           // column -> printed default
    QList<std::optional<QString>> checks;       // per check constraint
    QList<std::optional<PrintedIndex>> indexes; // per index holding an expression
};

// An expression the server refused: never a match, always an error at its JSON pointer.
struct ExpressionError
{
    QString storageClass; // "module:qualname"
    QString schema;
    QString table;
    QString pointer; // into the manifest, e.g. /storage_classes/2/ddl/check_constraints/0/sqltext
    QString what;    // "check constraint ck__t__positive"
    QString message; // the server's words, SQLSTATE included
};

struct PrintedExpressions
{
    QHash<QString, PrintedTable> tables; // by storage class "module:qualname"
    QList<ExpressionError> errors;
    bool fromCache = false; // no shell was built: a previous run printed the same expressions
};

// Prints every expression of `manifest` on the server behind `session`, in a transaction of its
// own that is always rolled back (so no transaction may be open on the session). Results are cached
// per server version, database, search_path and the exact shells (in memory and under the user's
// cache directory), so repeated diffs of one manifest pay once. Fails only when the database cannot
// be reached or the work is cancelled; expressions the server refuses are listed in `errors`.
[[nodiscard]] Result<PrintedExpressions> printExpressions(Db::Session &session,
                                                          const ProviderManifest &manifest,
                                                          const CancelToken &cancel = {});

// Sets the printed forms of one class's desired table (the one desiredTable() returned).
void applyPrinted(TableSpec &desired, const PrintedTable &printed);

Json printedToJson(const PrintedExpressions &printed);
PrintedExpressions printedFromJson(const Json &json);

} // namespace Core::Migrate
