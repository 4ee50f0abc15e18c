// SPDX-License-Identifier: MIT
#include "alembicops.h"

#include <core/db/sqlidentifier.h>
#include <core/migrate/alembictype.h>
#include <core/migrate/pythonsource.h>

#include <QHash>
#include <QSet>

namespace Core::Migrate {

namespace {

constexpr int LineLimit = 88;
constexpr int BodyIndent = 4;

QString kw(const QString &name, const QString &value)
{
    return name + QLatin1Char('=') + value;
}

// fn(a, b) on one line when it fits, else one argument per line with a trailing comma.
QString call(const QString &fn, const QStringList &args)
{
    const QString oneLine
        = fn + QLatin1Char('(') + args.join(QLatin1String(", ")) + QLatin1Char(')');
    if (BodyIndent + oneLine.size() <= LineLimit)
        return oneLine;
    const QString pad(BodyIndent + 4, QLatin1Char(' '));
    QString text = fn + QStringLiteral("(\n");
    for (const QString &arg : args)
        text += pad + arg + QStringLiteral(",\n");
    return text + QString(BodyIndent, QLatin1Char(' ')) + QLatin1Char(')');
}

QString py(const QString &text)
{
    return pythonString(text);
}

struct Steps
{
    QStringList up;
    QStringList down;
};

struct Renderer
{
    const Plan &plan;
    AlembicSteps steps;
    QStringList lateDowngrade; // foreign keys of re-created tables: every table exists by then
    QHash<QString, QSet<QString>> knownColumns; // "schema\x1ftable" -> column names in the plan
    QSet<QString> separatelyDropped; // "schema\x1ftable\x1fname" of DropIndex / DropForeignKey
    // Tables and columns whose comment the plan sets with its own operation (the diff does so
    // for new tables): create_table / add_column then leave the comment to that operation.
    QSet<QString> separatelyCommented; // "schema\x1ftable\x1f" or "schema\x1ftable\x1fcolumn"

    explicit Renderer(const Plan &p)
        : plan(p)
    {}

    static QString key(const QString &schema, const QString &table, const QString &name = {})
    {
        return schema + QChar(0x1f) + table + QChar(0x1f) + name;
    }

    static QString constraint(const QString &fn, const QStringList &columns, const QString &name)
    {
        QStringList args;
        for (const QString &c : columns)
            args << py(c);
        args << kw(QStringLiteral("name"), py(name));
        return fn + QLatin1Char('(') + args.join(QLatin1String(", ")) + QLatin1Char(')');
    }

    static QString schemaArg(const QString &schema)
    {
        return kw(QStringLiteral("schema"), py(schema));
    }

    Result<QString> type(const ColumnSpec &column)
    {
        Result<QString> t = sqlalchemyColumnType(column);
        if (t && t->contains(QLatin1String("postgresql.")))
            steps.usesPostgresqlTypes = true;
        return t;
    }

    // The type of the column as it is now, for Alembic's existing_type: optional there, so a
    // value read from the database that has no SQLAlchemy spelling is simply left out.
    std::optional<QString> existingType(const std::optional<ColumnSpec> &column)
    {
        if (!column)
            return std::nullopt;
        Result<QString> t = type(*column);
        return t ? std::optional<QString>(*t) : std::nullopt;
    }

    // `soleKey`: the column is the table's whole primary key. SQLAlchemy would then make an
    // integer column SERIAL (a sequence default the plan does not have), so autoincrement is off.
    Result<QString> columnExpr(const ColumnSpec &column, bool withComment, bool soleKey = false)
    {
        Result<QString> t = type(column);
        if (!t)
            return fail(t.error());
        QStringList args{
            py(column.name), *t, kw(QStringLiteral("nullable"), pythonBool(column.nullable))};
        if (soleKey && t->contains(QLatin1String("Integer()")))
            args << kw(QStringLiteral("autoincrement"), pythonBool(false));
        if (column.serverDefault)
            args << kw(QStringLiteral("server_default"), pythonSqlText(*column.serverDefault));
        if (withComment && column.comment)
            args << kw(QStringLiteral("comment"), py(*column.comment));
        return QStringLiteral("sa.Column(") + args.join(QLatin1String(", ")) + QLatin1Char(')');
    }

    Result<QString> createTable(const TableSpec &t)
    {
        QStringList args{py(t.name)};
        for (const ColumnSpec &c : t.columns) {
            const bool soleKey = t.primaryKey && t.primaryKey->columns == QStringList{c.name};
            Result<QString> col = columnExpr(
                c, !separatelyCommented.contains(key(t.schema, t.name, c.name)), soleKey);
            if (!col)
                return fail(col.error());
            args << *col;
        }
        if (t.primaryKey)
            args << constraint(QStringLiteral("sa.PrimaryKeyConstraint"),
                               t.primaryKey->columns,
                               t.primaryKey->name);
        for (const UniqueSpec &u : t.uniqueConstraints)
            args << constraint(QStringLiteral("sa.UniqueConstraint"), u.columns, u.name);
        for (const CheckSpec &c : t.checkConstraints) {
            args << QStringLiteral("sa.CheckConstraint(") + pythonSqlText(c.expression)
                        + QStringLiteral(", name=") + py(c.name) + QLatin1Char(')');
        }
        args << schemaArg(t.schema);
        if (t.comment && !separatelyCommented.contains(key(t.schema, t.name)))
            args << kw(QStringLiteral("comment"), py(*t.comment));
        return call(QStringLiteral("op.create_table"), args);
    }

    QString dropTable(const QString &schema, const QString &table) const
    {
        return call(QStringLiteral("op.drop_table"), {py(table), schemaArg(schema)});
    }

    // A name the plan knows as a column of the table is a column; anything else with a
    // parenthesis is an expression (lower(name), (a + b)), which Alembic needs as text().
    QString indexColumn(const QString &schema, const QString &table, const QString &column) const
    {
        const auto known = knownColumns.constFind(key(schema, table));
        if (known != knownColumns.cend() && known->contains(column))
            return py(column);
        if (column.contains(QLatin1Char('(')))
            return pythonSqlText(column);
        return py(column);
    }

    QString createIndex(const QString &schema, const QString &table, const IndexSpec &index) const
    {
        QStringList cols;
        for (const QString &c : index.columns)
            cols << indexColumn(schema, table, c);
        QStringList args{py(index.name),
                         py(table),
                         QLatin1Char('[') + cols.join(QLatin1String(", ")) + QLatin1Char(']')};
        if (index.unique)
            args << kw(QStringLiteral("unique"), pythonBool(true));
        args << schemaArg(schema);
        if (index.where)
            args << kw(QStringLiteral("postgresql_where"), pythonSqlText(*index.where));
        if (!index.method.isEmpty()
            && index.method.compare(QLatin1String("btree"), Qt::CaseInsensitive) != 0)
            args << kw(QStringLiteral("postgresql_using"), py(index.method));
        return call(QStringLiteral("op.create_index"), args);
    }

    QString dropIndex(const QString &schema, const QString &table, const QString &name) const
    {
        return call(QStringLiteral("op.drop_index"),
                    {py(name), kw(QStringLiteral("table_name"), py(table)), schemaArg(schema)});
    }

    QString
    createForeignKey(const QString &schema, const QString &table, const ForeignKeySpec &fk) const
    {
        QStringList args{py(fk.name),
                         py(table),
                         py(fk.targetTable),
                         pythonStringList(fk.columns),
                         pythonStringList(fk.targetColumns)};
        if (fk.onDelete.compare(QLatin1String("NO ACTION"), Qt::CaseInsensitive) != 0)
            args << kw(QStringLiteral("ondelete"), py(fk.onDelete));
        if (fk.onUpdate.compare(QLatin1String("NO ACTION"), Qt::CaseInsensitive) != 0)
            args << kw(QStringLiteral("onupdate"), py(fk.onUpdate));
        if (fk.deferrable)
            args << kw(QStringLiteral("deferrable"), pythonBool(true));
        if (fk.initiallyDeferred)
            args << kw(QStringLiteral("initially"), py(QStringLiteral("DEFERRED")));
        if (fk.match.compare(QLatin1String("SIMPLE"), Qt::CaseInsensitive) != 0)
            args << kw(QStringLiteral("match"), py(fk.match));
        args << kw(QStringLiteral("source_schema"), py(schema))
             << kw(QStringLiteral("referent_schema"),
                   py(fk.targetSchema.isEmpty() ? schema : fk.targetSchema));
        return call(QStringLiteral("op.create_foreign_key"), args);
    }

    QString dropConstraint(const QString &schema,
                           const QString &table,
                           const QString &name,
                           const char *type) const
    {
        return call(QStringLiteral("op.drop_constraint"),
                    {py(name),
                     py(table),
                     kw(QStringLiteral("type_"), py(QLatin1String(type))),
                     schemaArg(schema)});
    }

    static QString execute(const QString &sql)
    {
        return call(QStringLiteral("op.execute"), {pythonSqlText(sql)});
    }

    static QString renameConstraintSql(const QString &schema,
                                       const QString &table,
                                       const QString &from,
                                       const QString &to)
    {
        return QStringLiteral("ALTER TABLE %1 RENAME CONSTRAINT %2 TO %3")
            .arg(Db::quoteQualified(schema, table),
                 Db::quoteIdentifier(from),
                 Db::quoteIdentifier(to));
    }

    static QString renameIndexSql(const QString &schema, const QString &from, const QString &to)
    {
        return QStringLiteral("ALTER INDEX %1 RENAME TO %2")
            .arg(Db::quoteQualified(schema, from), Db::quoteIdentifier(to));
    }
    QString addColumnCall(const QString &schema, const QString &table, const QString &column) const
    {
        return call(QStringLiteral("op.add_column"), {py(table), column, schemaArg(schema)});
    }

    // op.alter_column(table, column, <args>, schema=...)
    static QString alterColumn(const QString &schema,
                               const QString &table,
                               const QString &column,
                               const QStringList &args)
    {
        return call(QStringLiteral("op.alter_column"),
                    QStringList{py(table), py(column)} + args + QStringList{schemaArg(schema)});
    }

    // A column as add_column creates it: PostgreSQL's ADD COLUMN carries no comment, so a
    // comment follows as its own alter_column.
    Result<QStringList> addColumn(const QString &schema, const QString &table, const ColumnSpec &c)
    {
        Result<QString> expr = columnExpr(c, false);
        if (!expr)
            return fail(expr.error());
        QStringList out{addColumnCall(schema, table, *expr)};
        if (c.comment && !separatelyCommented.contains(key(schema, table, c.name)))
            out << alterColumn(
                schema, table, c.name, {kw(QStringLiteral("comment"), py(*c.comment))});
        return out;
    }

    QString dropColumn(const QString &schema, const QString &table, const QString &column) const
    {
        return call(QStringLiteral("op.drop_column"), {py(table), py(column), schemaArg(schema)});
    }

    QString tableComment(const QString &schema,
                         const QString &table,
                         const std::optional<QString> &comment,
                         const std::optional<QString> &existing) const
    {
        const QString existingArg = kw(QStringLiteral("existing_comment"),
                                       existing ? py(*existing) : QStringLiteral("None"));
        if (comment) {
            return call(QStringLiteral("op.create_table_comment"),
                        {py(table), py(*comment), existingArg, schemaArg(schema)});
        }
        return call(QStringLiteral("op.drop_table_comment"),
                    {py(table), existingArg, schemaArg(schema)});
    }

    QString columnComment(const QString &schema,
                          const QString &table,
                          const QString &column,
                          const std::optional<QString> &comment,
                          const std::optional<QString> &existing) const
    {
        return alterColumn(
            schema,
            table,
            column,
            {kw(QStringLiteral("comment"), comment ? py(*comment) : QStringLiteral("None")),
             kw(QStringLiteral("existing_comment"),
                existing ? py(*existing) : QStringLiteral("None"))});
    }

    static QString serverDefaultValue(const std::optional<ColumnSpec> &c)
    {
        return c && c->serverDefault ? pythonSqlText(*c->serverDefault) : QStringLiteral("None");
    }

    // The USING clause of the plan's ALTER COLUMN ... TYPE statement, when the diff wrote one:
    // the revision converts values exactly as the console's own apply would.
    static std::optional<QString> usingClause(const Operation &op, const QString &newType)
    {
        const QString marker = QStringLiteral(" TYPE ") + newType + QStringLiteral(" USING ");
        for (const QString &statement : op.statements) {
            const qsizetype at = statement.indexOf(marker, 0, Qt::CaseInsensitive);
            if (at >= 0)
                return statement.mid(at + marker.size()).trimmed();
        }
        return std::nullopt;
    }

    Result<Steps> alterType(const Operation &op, const ColumnSpec &before, const ColumnSpec &after)
    {
        Result<QString> from = type(before);
        if (!from)
            return fail(from.error());
        Result<QString> to = type(after);
        if (!to)
            return fail(to.error());
        QStringList upArgs{kw(QStringLiteral("type_"), *to),
                           kw(QStringLiteral("existing_type"), *from),
                           kw(QStringLiteral("existing_nullable"), pythonBool(before.nullable))};
        QStringList downArgs{kw(QStringLiteral("type_"), *from),
                             kw(QStringLiteral("existing_type"), *to),
                             kw(QStringLiteral("existing_nullable"), pythonBool(before.nullable))};
        // The way back converts the same way the plan converts forward: an explicit cast.
        // Alembic pastes postgresql_using into the statement as it is, and psycopg2 then reads
        // "%" as a parameter marker: SQLAlchemy doubles "%" in identifiers it quotes itself,
        // so the same is done here.
        const auto usingArg = [](QString sql) {
            sql.replace(QLatin1Char('%'), QStringLiteral("%%"));
            return kw(QStringLiteral("postgresql_using"), py(sql));
        };
        if (const std::optional<QString> using_ = usingClause(op, after.sqlType)) {
            upArgs << usingArg(*using_);
            downArgs << usingArg(Db::quoteIdentifier(before.name) + QStringLiteral("::")
                                 + before.sqlType);
        }
        return Steps{{alterColumn(op.schema, op.table, after.name, upArgs)},
                     {alterColumn(op.schema, op.table, before.name, downArgs)}};
    }

    Result<Steps> dropTableSteps(const TableSpec &t)
    {
        Result<QString> create = createTable(t);
        if (!create)
            return fail(create.error());
        Steps s{{dropTable(t.schema, t.name)}, {*create}};
        for (const IndexSpec &index : t.indexes) {
            if (!separatelyDropped.contains(key(t.schema, t.name, index.name)))
                s.down << createIndex(t.schema, t.name, index);
        }
        for (const ForeignKeySpec &fk : t.foreignKeys) {
            if (!separatelyDropped.contains(key(t.schema, t.name, fk.name)))
                lateDowngrade << createForeignKey(t.schema, t.name, fk);
        }
        return s;
    }

    void collect()
    {
        const auto add = [this](const QString &schema, const QString &table, const QString &c) {
            knownColumns[key(schema, table)].insert(c);
        };
        for (const Operation &op : plan.operations) {
            for (const ObjectState *state : {&op.before, &op.after}) {
                if (state->table) {
                    for (const ColumnSpec &c : state->table->columns)
                        add(state->table->schema, state->table->name, c.name);
                }
                if (state->column)
                    add(op.schema, op.table, state->column->name);
            }
            if (op.kind == OperationKind::SetTableComment)
                separatelyCommented.insert(key(op.schema, op.table));
            if (op.kind == OperationKind::SetColumnComment)
                separatelyCommented.insert(key(op.schema, op.table, op.objectName));
            if (op.kind == OperationKind::DropIndex || op.kind == OperationKind::DropForeignKey)
                separatelyDropped.insert(key(op.schema, op.table, op.objectName));
            if (op.kind == OperationKind::DropIndex && op.before.index)
                separatelyDropped.insert(key(op.schema, op.table, op.before.index->name));
            if (op.kind == OperationKind::DropForeignKey && op.before.foreignKey)
                separatelyDropped.insert(key(op.schema, op.table, op.before.foreignKey->name));
        }
    }

    Result<Steps> render(const Operation &op);
};

template <class T>
Result<T> need(const std::optional<T> &value, const char *what)
{
    if (!value) {
        return fail(ErrorCode::Internal,
                    QStringLiteral("the operation has no %1 value").arg(QLatin1String(what)));
    }
    return *value;
}

#define METATABLE_NEED(var, expr, what)                                                            \
    const auto var##_ = need(expr, what);                                                          \
    if (!var##_)                                                                                   \
        return fail(var##_.error());                                                               \
    const auto &var = *var##_

Result<Steps> Renderer::render(const Operation &op)
{
    const QString &s = op.schema;
    const QString &t = op.table;
    const QString from = op.previousName;
    const QString to = op.objectName;
    if (op.catalogOnly || op.kind == OperationKind::UpdateCatalogEntry) {
        const QString what
            = op.summary.isEmpty() ? operationKindName(op.kind) + QLatin1Char(' ') + t : op.summary;
        const QString note = QStringLiteral("# catalog only, no DDL: ") + commentLine(what);
        return Steps{{note}, {note}};
    }
    const bool isRename = op.kind == OperationKind::RenameColumn
                          || op.kind == OperationKind::RenameIndex
                          || op.kind == OperationKind::RenamePrimaryKey
                          || op.kind == OperationKind::RenameUniqueConstraint
                          || op.kind == OperationKind::RenameCheckConstraint
                          || op.kind == OperationKind::RenameForeignKey;
    if (isRename && (from.isEmpty() || to.isEmpty())) {
        return fail(ErrorCode::Internal, QStringLiteral("the rename has no previous or new name"));
    }
    switch (op.kind) {
    case OperationKind::CreateTable: {
        METATABLE_NEED(table, op.after.table, "after.table");
        Result<QString> create = createTable(table);
        if (!create)
            return fail(create.error());
        return Steps{{*create}, {dropTable(table.schema, table.name)}};
    }
    case OperationKind::DropTable: {
        METATABLE_NEED(table, op.before.table, "before.table");
        return dropTableSteps(table);
    }
    case OperationKind::AddColumn: {
        METATABLE_NEED(column, op.after.column, "after.column");
        Result<QStringList> up = addColumn(s, t, column);
        if (!up)
            return fail(up.error());
        return Steps{*up, {dropColumn(s, t, column.name)}};
    }
    case OperationKind::DropColumn: {
        METATABLE_NEED(column, op.before.column, "before.column");
        Result<QStringList> down = addColumn(s, t, column);
        if (!down)
            return fail(down.error());
        return Steps{{dropColumn(s, t, column.name)}, *down};
    }
    case OperationKind::RenameColumn:
        return Steps{{alterColumn(s, t, from, {kw(QStringLiteral("new_column_name"), py(to))})},
                     {alterColumn(s, t, to, {kw(QStringLiteral("new_column_name"), py(from))})}};
    case OperationKind::AlterColumnType: {
        METATABLE_NEED(before, op.before.column, "before.column");
        METATABLE_NEED(after, op.after.column, "after.column");
        return alterType(op, before, after);
    }
    case OperationKind::AlterColumnNullability: {
        METATABLE_NEED(before, op.before.column, "before.column");
        METATABLE_NEED(after, op.after.column, "after.column");
        QStringList common;
        if (const std::optional<QString> existing = existingType(op.before.column))
            common << kw(QStringLiteral("existing_type"), *existing);
        return Steps{
            {alterColumn(
                s,
                t,
                after.name,
                common + QStringList{kw(QStringLiteral("nullable"), pythonBool(after.nullable))})},
            {alterColumn(
                s,
                t,
                before.name,
                common
                    + QStringList{kw(QStringLiteral("nullable"), pythonBool(before.nullable))})}};
    }
    case OperationKind::AlterColumnDefault: {
        METATABLE_NEED(before, op.before.column, "before.column");
        METATABLE_NEED(after, op.after.column, "after.column");
        QStringList common;
        if (const std::optional<QString> existing = existingType(op.before.column))
            common << kw(QStringLiteral("existing_type"), *existing);
        const QString oldDefault = serverDefaultValue(op.before.column);
        const QString newDefault = serverDefaultValue(op.after.column);
        return Steps{
            {alterColumn(
                s,
                t,
                after.name,
                common
                    + QStringList{kw(QStringLiteral("server_default"), newDefault),
                                  kw(QStringLiteral("existing_server_default"), oldDefault)})},
            {alterColumn(
                s,
                t,
                before.name,
                common
                    + QStringList{kw(QStringLiteral("server_default"), oldDefault),
                                  kw(QStringLiteral("existing_server_default"), newDefault)})}};
    }
    case OperationKind::AddPrimaryKey:
    case OperationKind::DropPrimaryKey: {
        const bool add = op.kind == OperationKind::AddPrimaryKey;
        METATABLE_NEED(pk, add ? op.after.primaryKey : op.before.primaryKey, "primaryKey");
        const QString create
            = call(QStringLiteral("op.create_primary_key"),
                   {py(pk.name), py(t), pythonStringList(pk.columns), schemaArg(s)});
        const QString drop = dropConstraint(s, t, pk.name, "primary");
        return add ? Steps{{create}, {drop}} : Steps{{drop}, {create}};
    }
    case OperationKind::CreateIndex:
    case OperationKind::DropIndex: {
        const bool add = op.kind == OperationKind::CreateIndex;
        METATABLE_NEED(index, add ? op.after.index : op.before.index, "index");
        const QString create = createIndex(s, t, index);
        const QString drop = dropIndex(s, t, index.name);
        return add ? Steps{{create}, {drop}} : Steps{{drop}, {create}};
    }
    case OperationKind::AddUniqueConstraint:
    case OperationKind::DropUniqueConstraint: {
        const bool add = op.kind == OperationKind::AddUniqueConstraint;
        METATABLE_NEED(unique, add ? op.after.unique : op.before.unique, "unique");
        const QString create
            = call(QStringLiteral("op.create_unique_constraint"),
                   {py(unique.name), py(t), pythonStringList(unique.columns), schemaArg(s)});
        const QString drop = dropConstraint(s, t, unique.name, "unique");
        return add ? Steps{{create}, {drop}} : Steps{{drop}, {create}};
    }
    case OperationKind::AddCheckConstraint:
    case OperationKind::DropCheckConstraint: {
        const bool add = op.kind == OperationKind::AddCheckConstraint;
        METATABLE_NEED(check, add ? op.after.check : op.before.check, "check");
        const QString create
            = call(QStringLiteral("op.create_check_constraint"),
                   {py(check.name), py(t), pythonSqlText(check.expression), schemaArg(s)});
        const QString drop = dropConstraint(s, t, check.name, "check");
        return add ? Steps{{create}, {drop}} : Steps{{drop}, {create}};
    }
    case OperationKind::AddForeignKey:
    case OperationKind::DropForeignKey: {
        const bool add = op.kind == OperationKind::AddForeignKey;
        METATABLE_NEED(fk, add ? op.after.foreignKey : op.before.foreignKey, "foreignKey");
        const QString create = createForeignKey(s, t, fk);
        const QString drop = dropConstraint(s, t, fk.name, "foreignkey");
        return add ? Steps{{create}, {drop}} : Steps{{drop}, {create}};
    }
    case OperationKind::RenameIndex:
        return Steps{{execute(renameIndexSql(s, from, to))},
                     {execute(renameIndexSql(s, to, from))}};
    case OperationKind::RenamePrimaryKey:
    case OperationKind::RenameUniqueConstraint:
    case OperationKind::RenameCheckConstraint:
    case OperationKind::RenameForeignKey:
        return Steps{{execute(renameConstraintSql(s, t, from, to))},
                     {execute(renameConstraintSql(s, t, to, from))}};
    case OperationKind::SetTableComment:
        return Steps{{tableComment(s, t, op.after.comment, op.before.comment)},
                     {tableComment(s, t, op.before.comment, op.after.comment)}};
    case OperationKind::SetColumnComment:
        return Steps{{columnComment(s, t, to, op.after.comment, op.before.comment)},
                     {columnComment(s, t, to, op.before.comment, op.after.comment)}};
    case OperationKind::UpdateCatalogEntry:
        break;
    }
    return fail(ErrorCode::Internal, QStringLiteral("unknown operation kind"));
}

#undef METATABLE_NEED

} // namespace

Result<AlembicSteps> renderAlembicSteps(const Plan &plan)
{
    Renderer renderer(plan);
    renderer.collect();
    QList<QStringList> downgrades;
    for (qsizetype i = 0; i < plan.operations.size(); ++i) {
        const Operation &op = plan.operations.at(i);
        Result<Steps> steps = renderer.render(op);
        if (!steps) {
            return fail(
                steps.error().code,
                QStringLiteral("Cannot write the Alembic revision: operation %1 (%2 on "
                               "\"%3\".\"%4\"): %5")
                    .arg(i + 1)
                    .arg(operationKindName(op.kind), op.schema, op.table, steps.error().message),
                steps.error().detail);
        }
        renderer.steps.upgrade += steps->up;
        downgrades.prepend(steps->down);
    }
    for (const QStringList &down : std::as_const(downgrades))
        renderer.steps.downgrade += down;
    renderer.steps.downgrade += renderer.lateDowngrade;
    return renderer.steps;
}

} // namespace Core::Migrate
