// SPDX-License-Identifier: MIT
#include "model.h"

#include <core/contract/contracthash.h>
#include <core/sdk/dtype.h>

#include <QHash>
#include <QRegularExpression>

namespace Core::Migrate {

namespace {

const QLatin1Char unitSeparator('\x1f');

std::optional<QString> nonEmpty(const std::optional<QString> &text)
{
    if (!text || text->isEmpty())
        return std::nullopt;
    return text;
}

QString upperAction(const std::optional<QString> &action)
{
    if (!action || action->trimmed().isEmpty())
        return QStringLiteral("NO ACTION");
    return action->trimmed().toUpper().simplified();
}

QString indexMethod(const IndexDef &index)
{
    if (index.dialectKwargs.is_object() && index.dialectKwargs.contains("postgresql_using")
        && index.dialectKwargs["postgresql_using"].is_string()) {
        return QString::fromStdString(index.dialectKwargs["postgresql_using"].get<std::string>())
            .trimmed()
            .toLower();
    }
    return QStringLiteral("btree");
}

std::optional<QString> indexWhere(const IndexDef &index)
{
    if (index.where)
        return nonEmpty(index.where);
    if (index.dialectKwargs.is_object() && index.dialectKwargs.contains("postgresql_where")
        && index.dialectKwargs["postgresql_where"].is_string()) {
        return nonEmpty(
            QString::fromStdString(index.dialectKwargs["postgresql_where"].get<std::string>()));
    }
    return std::nullopt;
}

// The dtype codec parses and re-formats a type on every call, and a manifest repeats a handful
// of types across thousands of columns: remember each answer (per thread, as diffs run on
// workers).
Result<QString> postgresType(const QString &dataType, const std::optional<QString> &backendType)
{
    thread_local QHash<QString, Result<QString>> known;
    const QString key = dataType + (backendType ? u'\x1f' + *backendType : QString());
    const auto it = known.constFind(key);
    if (it != known.constEnd())
        return *it;
    return *known.insert(key, Sdk::postgresTypeForColumn(dataType, backendType));
}

IndexSpec toIndexSpec(const IndexDef &index)
{
    return IndexSpec{
        index.name, index.columns, index.unique, indexWhere(index), indexMethod(index)};
}

// Hands every stretch of `text` outside '...', E'...', "..." and $tag$...$tag$ to `transform`
// and copies the quoted parts as they are. A quoted identifier that needs no quoting is handed
// over as the bare name.
template <class F>
QString mapOutsideLiterals(const QString &text, F transform)
{
    static const QRegularExpression dollarTag(QStringLiteral("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$"));
    static const QRegularExpression simpleName(QStringLiteral("^\"[a-z_][a-z0-9_]*\"$"));
    const auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
    QString out;
    QString plain;
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        qsizetype end = -1;
        if (c == u'\'' || c == u'"') {
            // E'...' takes backslash escapes, so \' does not close it.
            const bool escapes = c == u'\'' && !plain.isEmpty() && plain.back().toLower() == u'e'
                                 && (plain.size() == 1 || !isWordChar(plain.at(plain.size() - 2)));
            qsizetype j = i + 1;
            while (j < text.size()) {
                if (escapes && text.at(j) == u'\\') {
                    j += 2;
                    continue;
                }
                if (text.at(j) == c) {
                    if (j + 1 < text.size() && text.at(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            end = std::min(j + 1, text.size());
        } else if (c == u'$' && (plain.isEmpty() || !isWordChar(plain.back()))) {
            const auto m = dollarTag.match(text,
                                           i,
                                           QRegularExpression::NormalMatch,
                                           QRegularExpression::AnchorAtOffsetMatchOption);
            if (m.hasMatch()) {
                const qsizetype close = text.indexOf(m.captured(0), m.capturedEnd());
                end = close < 0 ? text.size() : close + m.capturedLength();
            }
        }
        if (end < 0) {
            plain += c;
            ++i;
            continue;
        }
        out += transform(plain);
        plain.clear();
        const QString quoted = text.mid(i, end - i);
        if (c == u'"' && simpleName.match(quoted).hasMatch())
            out += transform(quoted.mid(1, quoted.size() - 2));
        else
            out += quoted;
        i = end;
    }
    out += transform(plain);
    return out;
}

// Lower case with runs of white space as one space, keeping a space at either end so that
// words on both sides of a literal stay apart.
QString foldPlain(const QString &plain)
{
    if (plain.isEmpty())
        return plain;
    QString out = plain.toLower().simplified();
    if (plain.front().isSpace())
        out.prepend(u' ');
    if (plain.back().isSpace() && !out.endsWith(u' '))
        out.append(u' ');
    return out;
}

} // namespace

QString comparableExpression(const QString &expression)
{
    // Only what never changes an expression's meaning: the case of keywords and unquoted names
    // (PostgreSQL folds them) and runs of spaces. Parentheses, casts and operators stay, since
    // dropping them can make different expressions equal.
    return mapOutsideLiterals(expression.trimmed(), foldPlain).trimmed();
}

QString normalizeType(const QString &type)
{
    QString t = type.simplified().toLower();
    t.replace(QStringLiteral(", "), QStringLiteral(","));
    t.replace(QStringLiteral(" ("), QStringLiteral("("));
    return t;
}

QString checkCondition(const QString &constraintDefinition)
{
    QString text = constraintDefinition.trimmed();
    static const QRegularExpression notValid(QStringLiteral("\\s+NOT\\s+VALID$"),
                                             QRegularExpression::CaseInsensitiveOption);
    text.remove(notValid);
    static const QRegularExpression noInherit(QStringLiteral("\\s+NO\\s+INHERIT$"),
                                              QRegularExpression::CaseInsensitiveOption);
    text.remove(noInherit);
    if (text.startsWith(QLatin1String("CHECK"), Qt::CaseInsensitive))
        text = text.mid(5).trimmed();
    return text;
}

bool hasStatementSeparator(const QString &expression)
{
    bool found = false;
    mapOutsideLiterals(expression, [&found](const QString &plain) {
        if (plain.contains(u';'))
            found = true;
        return plain;
    });
    return found;
}

QString indexKey(const IndexSpec &index)
{
    QStringList columns;
    for (const QString &c : index.printedColumns.isEmpty() ? index.columns : index.printedColumns)
        columns.append(comparableExpression(c));
    const std::optional<QString> &where = index.printedWhere ? index.printedWhere : index.where;
    return columns.join(unitSeparator) + u'|' + (index.unique ? u'u' : u'n') + u'|'
           + (where ? comparableExpression(*where) : QString()) + u'|' + index.method.toLower();
}

QString uniqueKey(const UniqueSpec &unique)
{
    return unique.columns.join(unitSeparator);
}

QString checkKey(const CheckSpec &check)
{
    return comparableExpression(check.printedExpression.value_or(check.expression));
}

QString foreignKeyKey(const ForeignKeySpec &fk)
{
    return QStringList{fk.columns.join(unitSeparator),
                       fk.targetSchema,
                       fk.targetTable,
                       fk.targetColumns.join(unitSeparator),
                       fk.onDelete,
                       fk.onUpdate,
                       fk.deferrable ? QStringLiteral("d") : QStringLiteral("n"),
                       fk.initiallyDeferred ? QStringLiteral("d") : QStringLiteral("i"),
                       fk.match}
        .join(u'|');
}

QString primaryKeyKey(const PrimaryKeySpec &primaryKey)
{
    return primaryKey.columns.join(unitSeparator);
}

std::optional<QString> defaultKey(const ColumnSpec &column)
{
    const std::optional<QString> &text
        = column.printedDefault ? column.printedDefault : column.serverDefault;
    if (!text)
        return std::nullopt;
    return comparableExpression(*text);
}

Result<TableSpec> desiredTable(const StorageClass &storageClass, const QString &defaultSchema)
{
    const Registration &reg = storageClass.registration;
    const QString where = storageClass.classRef.path();
    TableSpec spec;
    spec.schema = reg.physicalSchema.isEmpty() ? defaultSchema : reg.physicalSchema;
    spec.name = reg.physicalTableName;
    if (spec.name.isEmpty()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1: the storage class has no physical table name "
                                   "(registration.table_contract.physical.table_name).")
                        .arg(where));
    }
    spec.comment = nonEmpty(reg.description);

    for (const Column &column : reg.columns) {
        auto type = postgresType(column.dataType, column.backendType);
        if (!type) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("%1: column \"%2\" of table \"%3\": %4")
                            .arg(where, column.name, spec.name, type.error().message));
        }
        ColumnSpec c;
        c.name = column.name;
        c.sqlType = *type;
        c.nullable = column.nullable;
        c.comment = nonEmpty(column.description);
        c.dataType = column.dataType;
        c.backendType = column.backendType;
        spec.columns.append(c);
    }
    for (const auto &[columnName, expression] : storageClass.ddl.serverDefaults) {
        auto it = std::find_if(spec.columns.begin(), spec.columns.end(), [&](const ColumnSpec &c) {
            return c.name == columnName;
        });
        if (it == spec.columns.end()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("%1: ddl.server_defaults names the column \"%2\", which "
                                       "table \"%3\" does not have.")
                            .arg(where, columnName, spec.name));
        }
        it->serverDefault = nonEmpty(expression);
    }

    const TableDdl &ddl = storageClass.ddl;
    if (ddl.primaryKey)
        spec.primaryKey = PrimaryKeySpec{ddl.primaryKey->name, ddl.primaryKey->columns};
    for (const IndexDef &index : ddl.indexes)
        spec.indexes.append(toIndexSpec(index));
    if (const auto grain = grainIndexFor(storageClass); grain && grain->derived)
        spec.indexes.append(toIndexSpec(grain->index));
    for (const UniqueConstraintDef &unique : ddl.uniqueConstraints)
        spec.uniqueConstraints.append(UniqueSpec{unique.name, unique.columns});
    for (const CheckConstraintDef &check : ddl.checkConstraints)
        spec.checkConstraints.append(CheckSpec{check.name, check.sqlText.trimmed()});
    for (const ForeignKeyDef &fk : ddl.foreignKeys) {
        ForeignKeySpec f;
        f.name = fk.name;
        f.columns = fk.columns;
        f.targetSchema
            = fk.targetSchema && !fk.targetSchema->isEmpty() ? *fk.targetSchema : spec.schema;
        f.targetTable = fk.targetTable;
        f.targetColumns = fk.targetColumns;
        f.onDelete = upperAction(fk.onDelete);
        f.onUpdate = upperAction(fk.onUpdate);
        f.deferrable = fk.deferrable.value_or(false);
        f.initiallyDeferred
            = fk.initially
              && fk.initially->trimmed().compare(QLatin1String("DEFERRED"), Qt::CaseInsensitive)
                     == 0;
        f.match = fk.match && !fk.match->trimmed().isEmpty() ? fk.match->trimmed().toUpper()
                                                             : QStringLiteral("SIMPLE");
        spec.foreignKeys.append(f);
    }
    return spec;
}

TableSpec actualTable(const Db::DbTable &table)
{
    TableSpec spec;
    spec.schema = table.schema;
    spec.name = table.name;
    spec.comment = nonEmpty(table.comment);
    for (const Db::DbColumn &column : table.columns) {
        ColumnSpec c;
        c.name = column.name;
        c.sqlType = column.type;
        c.nullable = !column.notNull;
        c.serverDefault = nonEmpty(column.defaultExpr);
        c.printedDefault = c.serverDefault; // the database prints its own expressions
        c.comment = nonEmpty(column.comment);
        spec.columns.append(c);
    }
    if (table.primaryKey)
        spec.primaryKey = PrimaryKeySpec{table.primaryKey->name, table.primaryKey->columns};
    for (const Db::DbIndex &index : table.indexes) {
        if (index.constraintName)
            continue;
        IndexSpec i{
            index.name, index.columns, index.unique, index.predicate, index.method.toLower()};
        i.printedColumns = i.columns;
        i.printedWhere = i.where;
        spec.indexes.append(i);
    }
    for (const Db::DbUniqueConstraint &unique : table.uniqueConstraints)
        spec.uniqueConstraints.append(UniqueSpec{unique.name, unique.columns});
    for (const Db::DbCheckConstraint &check : table.checkConstraints) {
        const QString condition = checkCondition(check.expression);
        spec.checkConstraints.append(CheckSpec{check.name, condition, condition});
    }
    for (const Db::DbForeignKey &fk : table.foreignKeys) {
        ForeignKeySpec f;
        f.name = fk.name;
        f.columns = fk.columns;
        f.targetSchema = fk.targetSchema;
        f.targetTable = fk.targetTable;
        f.targetColumns = fk.targetColumns;
        f.onDelete = fk.onDelete.toUpper();
        f.onUpdate = fk.onUpdate.toUpper();
        f.deferrable = fk.deferrable;
        f.initiallyDeferred = fk.initiallyDeferred;
        f.match = fk.match.toUpper();
        spec.foreignKeys.append(f);
    }
    return spec;
}

QMap<QString, Db::ColumnTexts> catalogColumnTexts(const StorageClass &storageClass)
{
    QMap<QString, Db::ColumnTexts> texts;
    for (const Column &column : storageClass.registration.columns)
        texts.insert(column.name, {nonEmpty(column.label), nonEmpty(column.description)});
    return texts;
}

CatalogSpec desiredCatalog(const StorageClass &storageClass)
{
    const Registration &reg = storageClass.registration;
    CatalogSpec c;
    c.identifier = reg.identifier.value_or(QString());
    c.namespaceName = reg.namespaceName;
    c.description = nonEmpty(reg.description);
    c.labels = reg.labels;
    c.provisioning = reg.provisioning;
    c.protectFromDeletion = reg.protectFromDeletion;
    c.tableKind = storageClass.isTimeIndexed() ? QStringLiteral("time_indexed")
                                               : QStringLiteral("relational");
    c.columnTexts = catalogColumnTexts(storageClass);
    return c;
}

CatalogSpec actualCatalog(const Db::CatalogEntry &entry)
{
    CatalogSpec c;
    c.identifier = entry.metatableIdentifier;
    c.namespaceName = entry.namespaceName;
    c.description = nonEmpty(entry.description);
    c.labels = entry.labels;
    c.protectFromDeletion = entry.protectFromDeletion;
    c.tableKind = entry.tableKind;
    c.columnTexts = entry.columnTexts;
    return c;
}

} // namespace Core::Migrate
