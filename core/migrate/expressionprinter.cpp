// SPDX-License-Identifier: MIT
#include "expressionprinter.h"

#include "ddl.h"
#include "expressioncache.h"
#include "model.h"

#include <core/db/session.h>
#include <core/db/sqlidentifier.h>

#include <QCryptographicHash>
#include <QSet>

namespace Core::Migrate {

namespace {

using Db::quoteIdentifier;

const QString ShellPrefix = QStringLiteral("metatable_shell_");

// A desired table holding a CHECK or an index over an expression: its shell has its columns.
struct Shell
{
    QString storageClass;
    QString schema;
    QString table;
    QString pointer; // the class, /storage_classes/N
    QString name;    // the temporary table
    TableSpec desired;
};

// Defaults cannot refer to columns, so each distinct (type, expression) is printed once,
// whichever tables use it.
struct DefaultSlot
{
    QString sqlType;
    QString expression;
    QList<ExpressionError> users; // every class column with this default (message empty)
};

struct ShellStatement
{
    QString group;        // statements after a failed creating one in the group cannot run
    bool creates = false; // the CREATE TABLE of the group
    QString sql;
    QList<ExpressionError> onFailure; // message empty: filled with the server's
};

QString pointerToken(const QString &key)
{
    QString t = key;
    t.replace(u'~', QStringLiteral("~0"));
    t.replace(u'/', QStringLiteral("~1"));
    return t;
}

bool isExpressionIndex(const IndexSpec &index, const QStringList &columns)
{
    if (index.where)
        return true;
    return std::any_of(index.columns.cbegin(), index.columns.cend(), [&](const QString &c) {
        return !columns.contains(c);
    });
}

// Expressions holding ';' never reach the server: the diff reports them as errors.
bool sendable(const QString &expression)
{
    return !expression.trimmed().isEmpty() && !hasStatementSeparator(expression);
}

// Whether a class has anything to print, judged on the manifest alone: most classes have no
// expression, and building their desired table only to find that out is wasted.
bool holdsExpressions(const StorageClass &sc)
{
    if (!sc.ddl.checkConstraints.isEmpty() || !sc.ddl.serverDefaults.isEmpty())
        return true;
    QSet<QString> columns;
    for (const Column &c : sc.registration.columns)
        columns.insert(c.name);
    return std::any_of(sc.ddl.indexes.cbegin(), sc.ddl.indexes.cend(), [&](const IndexDef &i) {
        return i.where || i.dialectKwargs.contains("postgresql_where")
               || std::any_of(i.columns.cbegin(), i.columns.cend(), [&](const QString &c) {
                      return !columns.contains(c);
                  });
    });
}

QString tempTable(const QString &name)
{
    return Db::quoteQualified(QStringLiteral("pg_temp"), name);
}

ExpressionError site(const Shell &shell, const QString &pointer, const QString &what)
{
    return {shell.storageClass, shell.schema, shell.table, pointer, what, QString()};
}

// The statements of one table's shell (checks and expression indexes); nothing when the table
// has neither.
QList<ShellStatement> shellStatements(const Shell &shell, const StorageClass &sc)
{
    QList<ShellStatement> out;
    const TableSpec &t = shell.desired;
    const QString table = tempTable(shell.name);
    QStringList columnNames;
    QStringList columns;
    for (const ColumnSpec &c : t.columns) {
        columnNames.append(c.name);
        columns.append(quoteIdentifier(c.name) + u' ' + c.sqlType);
    }
    out.append(
        {shell.name,
         true,
         QStringLiteral("CREATE TABLE %1 (%2)").arg(table, columns.join(QStringLiteral(", "))),
         {site(shell, shell.pointer, QStringLiteral("columns of table %1").arg(t.name))}});
    for (qsizetype i = 0; i < t.checkConstraints.size(); ++i) {
        const CheckSpec &check = t.checkConstraints[i];
        if (!sendable(check.expression))
            continue;
        out.append(
            {shell.name,
             false,
             QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 CHECK (%3)")
                 .arg(table, quoteIdentifier(QStringLiteral("check_%1").arg(i)), check.expression),
             {site(shell,
                   shell.pointer + QStringLiteral("/ddl/check_constraints/%1/sqltext").arg(i),
                   QStringLiteral("check constraint %1").arg(check.name))}});
    }
    for (qsizetype i = 0; i < t.indexes.size(); ++i) {
        const IndexSpec &index = t.indexes[i];
        if (!isExpressionIndex(index, columnNames) || (index.where && !sendable(*index.where))
            || !std::all_of(index.columns.cbegin(), index.columns.cend(), sendable))
            continue;
        IndexSpec shellIndex = index;
        shellIndex.name = shell.name + QStringLiteral("_index_%1").arg(i);
        // The derived grain index (after the manifest's own) never holds an expression.
        const QString pointer
            = shell.pointer
              + (i < sc.ddl.indexes.size() ? QStringLiteral("/ddl/indexes/%1").arg(i) : QString());
        out.append({shell.name,
                    false,
                    createIndexSql(QStringLiteral("pg_temp"), shell.name, shellIndex, columnNames),
                    {site(shell, pointer, QStringLiteral("index %1").arg(index.name))}});
    }
    if (out.size() == 1)
        return {};
    return out;
}

QString defaultShellName(int slot)
{
    return ShellPrefix + QStringLiteral("default_%1").arg(slot);
}

// One small shell per distinct default: a type that does not exist then fails only the columns
// that use it.
QList<ShellStatement> defaultStatements(const QList<DefaultSlot> &defaults)
{
    QList<ShellStatement> out;
    for (int i = 0; i < defaults.size(); ++i) {
        const QString name = defaultShellName(i);
        out.append(
            {name,
             true,
             QStringLiteral("CREATE TABLE %1 (d %2)").arg(tempTable(name), defaults[i].sqlType),
             defaults[i].users});
        out.append({name,
                    false,
                    QStringLiteral("ALTER TABLE %1 ALTER COLUMN d SET DEFAULT %2")
                        .arg(tempTable(name), defaults[i].expression),
                    defaults[i].users});
    }
    return out;
}

// Everything the shells print, with the same catalog functions introspection reads the real
// tables with (introspect.cpp), so both sides come out in one spelling.
const char *ReadBackSql = R"(
SELECT c.relname::text, 'default', a.attname::text, pg_get_expr(d.adbin, d.adrelid), NULL
FROM pg_attrdef d
JOIN pg_class c ON c.oid = d.adrelid
JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE c.relnamespace = pg_my_temp_schema() AND starts_with(c.relname::text, $1)
UNION ALL
SELECT c.relname::text, 'check', con.conname::text, pg_get_constraintdef(con.oid), NULL
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
WHERE con.contype = 'c' AND c.relnamespace = pg_my_temp_schema()
  AND starts_with(c.relname::text, $1)
UNION ALL
SELECT c.relname::text, 'index', ic.relname::text, pg_get_expr(i.indpred, i.indrelid),
       array_to_json(ARRAY(
           SELECT CASE WHEN k.attnum <> 0 THEN a.attname::text
                       ELSE pg_get_indexdef(i.indexrelid, k.ord::int, false) END
           FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
           LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
           WHERE k.ord <= i.indnkeyatts ORDER BY k.ord))::text
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace = pg_my_temp_schema() AND starts_with(c.relname::text, $1))";

bool isServerVerdict(const Error &error)
{
    return error.detail.startsWith(QLatin1String("SQLSTATE"));
}

// Finds the statements the server refuses. Each group (one shell) runs alone, one statement at
// a time; a refused statement is recorded, left out, and the group replayed without it (a
// failed statement ends its transaction). Only runs when the whole script failed.
Result<QSet<int>> refusedStatements(Db::Session &session,
                                    const QList<ShellStatement> &statements,
                                    QList<ExpressionError> &errors,
                                    const CancelToken &cancel)
{
    QList<QList<int>> groups;
    QHash<QString, int> groupOf;
    for (int i = 0; i < statements.size(); ++i) {
        auto it = groupOf.constFind(statements[i].group);
        if (it == groupOf.constEnd()) {
            it = groupOf.insert(statements[i].group, int(groups.size()));
            groups.append(QList<int>());
        }
        groups[*it].append(i);
    }
    QSet<int> refused;
    for (const QList<int> &group : groups) {
        bool replay = true;
        while (replay) {
            if (cancel.isCancelled())
                return fail(ErrorCode::Cancelled,
                            QStringLiteral("Printing the manifest's expressions was cancelled."));
            replay = false;
            if (auto r = session.begin(); !r)
                return fail(r.error());
            for (int i : group) {
                if (refused.contains(i))
                    continue;
                auto r = session.execute(statements[i].sql);
                if (r)
                    continue;
                session.rollback();
                if (!isServerVerdict(r.error()))
                    return fail(r.error()); // the connection failed, not the text
                for (ExpressionError e : statements[i].onFailure) {
                    e.message = r.error().detail;
                    errors.append(e);
                }
                if (statements[i].creates) {
                    for (int j : group)
                        refused.insert(j);
                } else {
                    refused.insert(i);
                    replay = true;
                }
                break;
            }
            if (!replay && session.inTransaction())
                session.rollback();
        }
    }
    return refused;
}

// Builds the shells in a transaction that is always rolled back and returns the rows of
// ReadBackSql. Statements the server refuses become errors and are left out.
Result<Db::Rows> buildAndRead(Db::Session &session,
                              const QList<ShellStatement> &statements,
                              QList<ExpressionError> &errors,
                              const CancelToken &cancel)
{
    QStringList script;
    for (const ShellStatement &s : statements)
        script.append(s.sql);
    if (auto r = session.begin(); !r)
        return fail(r.error());
    auto built = session.execute(script.join(QStringLiteral(";\n")));
    if (!built) {
        session.rollback();
        if (!isServerVerdict(built.error()))
            return fail(built.error());
        auto refused = refusedStatements(session, statements, errors, cancel);
        if (!refused)
            return fail(refused.error());
        script.clear();
        for (int i = 0; i < statements.size(); ++i) {
            if (!refused->contains(i))
                script.append(statements[i].sql);
        }
        if (auto r = session.begin(); !r)
            return fail(r.error());
        if (!script.isEmpty())
            built = session.execute(script.join(QStringLiteral(";\n")));
        if (!built) {
            session.rollback();
            return fail(built.error());
        }
    }
    auto rows = session.query(QString::fromLatin1(ReadBackSql), {ShellPrefix});
    session.rollback();
    return rows;
}

// Files the rows read back under the classes they belong to.
void collect(const Db::Rows &rows,
             const QList<Shell> &shells,
             const QList<DefaultSlot> &defaults,
             const QHash<QString, QList<QPair<QString, QString>>> &defaultUsers,
             PrintedExpressions &printed)
{
    QHash<QString, int> byName;
    for (int i = 0; i < shells.size(); ++i) {
        byName.insert(shells[i].name, i);
        PrintedTable &t = printed.tables[shells[i].storageClass];
        t.checks.resize(shells[i].desired.checkConstraints.size());
        t.indexes.resize(shells[i].desired.indexes.size());
    }
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QString relation = rows.text(r, 0);
        const QString kind = rows.text(r, 1);
        const QString name = rows.text(r, 2);
        if (kind == u"default") {
            const QString prefix = ShellPrefix + QStringLiteral("default_");
            const int slot = relation.mid(prefix.size()).toInt();
            if (!relation.startsWith(prefix) || slot < 0 || slot >= defaults.size())
                continue;
            const QString key = defaults[slot].sqlType + u'\x1f' + defaults[slot].expression;
            for (const auto &[storageClass, column] : defaultUsers.value(key))
                printed.tables[storageClass].defaults.insert(column, rows.text(r, 3));
            continue;
        }
        const auto it = byName.constFind(relation);
        if (it == byName.constEnd())
            continue;
        const Shell &shell = shells[*it];
        PrintedTable &t = printed.tables[shell.storageClass];
        if (kind == u"check") {
            const int position = name.mid(int(qstrlen("check_"))).toInt();
            if (position >= 0 && position < t.checks.size())
                t.checks[position] = checkCondition(rows.text(r, 3));
            continue;
        }
        const QString prefix = shell.name + QStringLiteral("_index_");
        const int position = name.mid(prefix.size()).toInt();
        if (!name.startsWith(prefix) || position < 0 || position >= t.indexes.size())
            continue;
        PrintedIndex index;
        index.columns = rows.textList(r, 4);
        if (!rows.isNull(r, 3))
            index.where = rows.text(r, 3);
        t.indexes[position] = index;
    }
}

QByteArray cacheKey(const QString &serverIdentity, const QList<ShellStatement> &statements)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(serverIdentity.toUtf8());
    for (const ShellStatement &s : statements) {
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(s.sql.toUtf8());
        for (const ExpressionError &e : s.onFailure) {
            hash.addData(QByteArrayView("\0", 1));
            hash.addData((e.storageClass + u'\x1f' + e.pointer).toUtf8());
        }
    }
    return hash.result();
}

} // namespace

Result<PrintedExpressions>
printExpressions(Db::Session &session, const ProviderManifest &manifest, const CancelToken &cancel)
{
    const QString defaultSchema
        = manifest.provider.schema.isEmpty() ? QStringLiteral("public") : manifest.provider.schema;
    QList<Shell> shells;
    QList<ShellStatement> statements;
    QList<DefaultSlot> defaults;
    QHash<QString, int> slotOf;                                  // type \x1f expression
    QHash<QString, QList<QPair<QString, QString>>> defaultUsers; // same key -> (class, column)
    for (qsizetype k = 0; k < manifest.storageClasses.size(); ++k) {
        const StorageClass &sc = manifest.storageClasses[k];
        if (!holdsExpressions(sc))
            continue;
        auto desired = desiredTable(sc, defaultSchema);
        if (!desired)
            continue; // the diff reports it
        Shell shell;
        shell.storageClass = sc.classRef.path();
        shell.schema = desired->schema;
        shell.table = desired->name;
        shell.pointer = QStringLiteral("/storage_classes/%1").arg(k);
        shell.name = ShellPrefix + QString::number(shells.size());
        shell.desired = *desired;
        for (const ColumnSpec &c : shell.desired.columns) {
            if (!c.serverDefault || !sendable(*c.serverDefault))
                continue;
            const QString key = c.sqlType + u'\x1f' + *c.serverDefault;
            auto slot = slotOf.constFind(key);
            if (slot == slotOf.constEnd()) {
                slot = slotOf.insert(key, int(defaults.size()));
                defaults.append({c.sqlType, *c.serverDefault, {}});
            }
            defaults[*slot].users.append(
                site(shell,
                     shell.pointer + QStringLiteral("/ddl/server_defaults/") + pointerToken(c.name),
                     QStringLiteral("server default of column %1").arg(c.name)));
            defaultUsers[key].append({shell.storageClass, c.name});
        }
        const QList<ShellStatement> own = shellStatements(shell, sc);
        if (own.isEmpty())
            continue;
        shells.append(shell);
        statements.append(own);
    }
    statements.append(defaultStatements(defaults));
    if (statements.isEmpty())
        return PrintedExpressions{};
    if (session.inTransaction())
        return fail(ErrorCode::Internal,
                    QStringLiteral("The manifest's expressions are printed in a transaction of "
                                   "their own: print them before opening one on %1.")
                        .arg(session.redactedConninfo()));

    // Printing depends on the server's version and on what names resolve to: the database and
    // its search_path.
    auto identity = session.query(
        QStringLiteral("SELECT current_setting('server_version_num'), current_database(), "
                       "current_setting('search_path')"));
    if (!identity)
        return fail(identity.error());
    const QByteArray key = cacheKey(identity->text(0, 0) + u'\x1f' + identity->text(0, 1) + u'\x1f'
                                        + identity->text(0, 2),
                                    statements);
    if (const auto cached = ExpressionCache::load(key)) {
        PrintedExpressions printed = printedFromJson(*cached);
        printed.fromCache = true;
        return printed;
    }
    PrintedExpressions printed;
    auto rows = buildAndRead(session, statements, printed.errors, cancel);
    if (!rows)
        return fail(rows.error());
    collect(*rows, shells, defaults, defaultUsers, printed);
    ExpressionCache::store(key, printedToJson(printed));
    return printed;
}

void applyPrinted(TableSpec &desired, const PrintedTable &printed)
{
    for (ColumnSpec &c : desired.columns) {
        const auto it = printed.defaults.constFind(c.name);
        if (c.serverDefault && it != printed.defaults.constEnd())
            c.printedDefault = *it;
    }
    for (qsizetype i = 0; i < desired.checkConstraints.size() && i < printed.checks.size(); ++i)
        desired.checkConstraints[i].printedExpression = printed.checks[i];
    for (qsizetype i = 0; i < desired.indexes.size() && i < printed.indexes.size(); ++i) {
        if (!printed.indexes[i])
            continue;
        desired.indexes[i].printedColumns = printed.indexes[i]->columns;
        desired.indexes[i].printedWhere = printed.indexes[i]->where;
    }
}

Json printedToJson(const PrintedExpressions &printed)
{
    const auto text
        = [](const std::optional<QString> &s) { return s ? Json(s->toStdString()) : Json(); };
    Json tables = Json::object();
    for (auto it = printed.tables.cbegin(); it != printed.tables.cend(); ++it) {
        Json defaults = Json::object();
        for (auto d = it->defaults.cbegin(); d != it->defaults.cend(); ++d)
            defaults[d.key().toStdString()] = d->toStdString();
        Json checks = Json::array();
        for (const auto &c : it->checks)
            checks.push_back(text(c));
        Json indexes = Json::array();
        for (const auto &i : it->indexes) {
            if (!i) {
                indexes.push_back(nullptr);
                continue;
            }
            Json columns = Json::array();
            for (const QString &c : i->columns)
                columns.push_back(c.toStdString());
            indexes.push_back({{"columns", columns}, {"where", text(i->where)}});
        }
        tables[it.key().toStdString()]
            = {{"defaults", defaults}, {"checks", checks}, {"indexes", indexes}};
    }
    Json errors = Json::array();
    for (const ExpressionError &e : printed.errors)
        errors.push_back({{"storage_class", e.storageClass.toStdString()},
                          {"schema", e.schema.toStdString()},
                          {"table", e.table.toStdString()},
                          {"pointer", e.pointer.toStdString()},
                          {"what", e.what.toStdString()},
                          {"message", e.message.toStdString()}});
    return {{"tables", tables}, {"errors", errors}};
}

PrintedExpressions printedFromJson(const Json &json)
{
    const auto str = [](const Json &v) {
        return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
    };
    const auto opt = [&](const Json &v) -> std::optional<QString> {
        if (!v.is_string())
            return std::nullopt;
        return str(v);
    };
    const auto member = [](const Json &object, const char *key) {
        return object.is_object() ? object.value(key, Json()) : Json();
    };
    PrintedExpressions printed;
    const Json tables = member(json, "tables");
    if (!tables.is_object())
        return printed;
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        PrintedTable t;
        const Json defaults = member(*it, "defaults");
        if (defaults.is_object()) {
            for (auto d = defaults.begin(); d != defaults.end(); ++d)
                t.defaults.insert(QString::fromStdString(d.key()), str(*d));
        }
        for (const Json &c : member(*it, "checks"))
            t.checks.append(opt(c));
        for (const Json &i : member(*it, "indexes")) {
            if (!i.is_object()) {
                t.indexes.append(std::nullopt);
                continue;
            }
            PrintedIndex index;
            for (const Json &c : member(i, "columns"))
                index.columns.append(str(c));
            index.where = opt(member(i, "where"));
            t.indexes.append(index);
        }
        printed.tables.insert(QString::fromStdString(it.key()), t);
    }
    for (const Json &e : member(json, "errors"))
        printed.errors.append({str(member(e, "storage_class")),
                               str(member(e, "schema")),
                               str(member(e, "table")),
                               str(member(e, "pointer")),
                               str(member(e, "what")),
                               str(member(e, "message"))});
    return printed;
}

} // namespace Core::Migrate
