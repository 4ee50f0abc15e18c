// SPDX-License-Identifier: MIT
#include "model.h"

#include <core/contract/contracthash.h>
#include <core/sdk/dtype.h>

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

IndexSpec toIndexSpec(const IndexDef &index)
{
    return IndexSpec{
        index.name, index.columns, index.unique, indexWhere(index), indexMethod(index)};
}

// Copies `text` to `out`, handing every stretch outside '...' and "..." to `transform`.
template <class F>
QString mapOutsideLiterals(const QString &text, F transform)
{
    QString out;
    QString plain;
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == u'\'' || c == u'"') {
            out += transform(plain);
            plain.clear();
            qsizetype j = i + 1;
            while (j < text.size()) {
                if (text.at(j) == c) {
                    if (j + 1 < text.size() && text.at(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            QString literal = text.mid(i, j - i + 1);
            // A quoted identifier that needs no quoting compares as the bare name.
            static const QRegularExpression simpleName(QStringLiteral("^\"[a-z_][a-z0-9_]*\"$"));
            if (c == u'"' && simpleName.match(literal).hasMatch())
                literal = literal.mid(1, literal.size() - 2);
            out += literal;
            i = j + 1;
            continue;
        }
        plain += c;
        ++i;
    }
    out += transform(plain);
    return out;
}

QString normalizePlain(QString text)
{
    text = text.toLower();
    static const QRegularExpression cast(QStringLiteral(
        "::\\s*[a-z_][a-z0-9_]*(\\s+(precision|varying|with\\s+time\\s+zone|without\\s+time\\s+"
        "zone))?(\\s*\\(\\s*\\d+(\\s*,\\s*\\d+)?\\s*\\))?(\\s*\\[\\])*"));
    text.remove(cast);
    text.replace(QStringLiteral("!="), QStringLiteral("<>"));
    // Grouping parentheses: every '(' not directly after a name (a function call keeps its own).
    QString out;
    QList<bool> keep; // per open parenthesis: printed or not
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'(') {
            const bool call
                = !out.isEmpty() && (out.back().isLetterOrNumber() || out.back() == u'_');
            keep.append(call);
            if (call)
                out += c;
        } else if (c == u')') {
            const bool printed = keep.isEmpty() ? true : keep.takeLast();
            if (printed)
                out += c;
        } else if (!c.isSpace()) {
            out += c;
        } else if (!out.isEmpty() && (out.back().isLetterOrNumber() || out.back() == u'_')) {
            // Keep one separator between words so that "a and b" does not read as "aandb"; it
            // is dropped again below when the next character is not a word character.
            out += u' ';
        }
    }
    static const QRegularExpression looseSpace(QStringLiteral(" (?=[^a-z0-9_])"));
    out.remove(looseSpace);
    return out.trimmed();
}

// PostgreSQL prints a negative constant as a quoted literal cast to its type ("balance >
// -5" reads back as "(balance > '-5'::integer)"). A literal that holds a number and is cast to
// a numeric type is that number: it goes back into the skeleton unquoted. A literal cast to
// any other type (e.g. '-5'::text) stays a literal.
QString unquoteNumericLiterals(const QString &skeleton, const QStringList &literals)
{
    static const QRegularExpression castLiteral(
        QStringLiteral("\x01(\\d+)\x02(?=\\s*\\)?\\s*::\\s*(?:integer|bigint|smallint|numeric|"
                       "decimal|real|double\\s+precision|int|int2|int4|int8|float4|float8)\\b)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression number(
        QStringLiteral("^'([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)'$"));
    QString out;
    qsizetype last = 0;
    auto it = castLiteral.globalMatch(skeleton);
    while (it.hasNext()) {
        const auto m = it.next();
        const int k = m.captured(1).toInt();
        if (k < 0 || k >= literals.size())
            continue;
        const auto n = number.match(literals[k]);
        if (!n.hasMatch())
            continue;
        out += skeleton.mid(last, m.capturedStart() - last) + n.captured(1);
        last = m.capturedEnd();
    }
    out += skeleton.mid(last);
    return out;
}

// PostgreSQL prints "x IN (a, b)" as "x = ANY (ARRAY[a, b])" and "x NOT IN (a, b)" as "x <> ALL
// (ARRAY[a, b])" (with the array cast as a whole, "(ARRAY[...])::text[]", for varchar columns);
// both read back as the IN list.
QString anyArrayAsInList(QString skeleton)
{
    static const QRegularExpression castArray(
        QStringLiteral("\\(\\s*(array\\s*\\[[^\\[\\]]*\\])\\s*\\)\\s*::\\s*[a-z_][a-z0-9_ ]*"
                       "(?:\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?\\s*\\[\\]"),
        QRegularExpression::CaseInsensitiveOption);
    skeleton.replace(castArray, QStringLiteral("\\1"));
    static const QRegularExpression anyArray(
        QStringLiteral("(=|<>|!=)\\s*(any|all)\\s*\\(\\s*array\\s*\\[([^\\[\\]]*)\\]\\s*\\)"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    auto it = anyArray.globalMatch(skeleton);
    while (it.hasNext()) {
        const auto m = it.next();
        const bool equal = m.captured(1) == u"=";
        const bool any = m.captured(2).compare(QLatin1String("any"), Qt::CaseInsensitive) == 0;
        if (equal != any) // "= ALL" and "<> ANY" are not IN lists
            continue;
        out += skeleton.mid(last, m.capturedStart() - last)
               + (equal ? QStringLiteral(" in (") : QStringLiteral(" not in (")) + m.captured(3)
               + u')';
        last = m.capturedEnd();
    }
    out += skeleton.mid(last);
    return out;
}

} // namespace

QString normalizeExpression(const QString &expression)
{
    // Literals are set aside behind placeholders (\x01 index \x02), so that parentheses and
    // casts are judged on the whole expression and the literals' text is kept exactly.
    QStringList literals;
    QString skeleton;
    int index = 0;
    const QString text = expression.trimmed();
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text.at(i);
        if (c != u'\'' && c != u'"') {
            skeleton += c;
            ++i;
            continue;
        }
        qsizetype j = i + 1;
        while (j < text.size()) {
            if (text.at(j) == c) {
                if (j + 1 < text.size() && text.at(j + 1) == c) {
                    j += 2;
                    continue;
                }
                break;
            }
            ++j;
        }
        QString literal = text.mid(i, j - i + 1);
        static const QRegularExpression simpleName(QStringLiteral("^\"[a-z_][a-z0-9_]*\"$"));
        if (c == u'"' && simpleName.match(literal).hasMatch()) {
            skeleton += literal.mid(1, literal.size() - 2);
        } else {
            literals.append(literal);
            skeleton += QChar(0x1) + QString::number(index++) + QChar(0x2);
        }
        i = j + 1;
    }
    skeleton = unquoteNumericLiterals(skeleton, literals);
    skeleton = anyArrayAsInList(skeleton);
    QString out = normalizePlain(skeleton);
    for (int k = 0; k < literals.size(); ++k)
        out.replace(QChar(0x1) + QString::number(k) + QChar(0x2), literals[k]);
    return out;
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
    for (const QString &c : index.columns)
        columns.append(normalizeExpression(c));
    return columns.join(unitSeparator) + u'|' + (index.unique ? u'u' : u'n') + u'|'
           + (index.where ? normalizeExpression(*index.where) : QString()) + u'|'
           + index.method.toLower();
}

QString uniqueKey(const UniqueSpec &unique)
{
    return unique.columns.join(unitSeparator);
}

QString checkKey(const CheckSpec &check)
{
    return normalizeExpression(check.expression);
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
        auto type = Sdk::postgresTypeForColumn(column.dataType, column.backendType);
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
        c.comment = nonEmpty(column.comment);
        spec.columns.append(c);
    }
    if (table.primaryKey)
        spec.primaryKey = PrimaryKeySpec{table.primaryKey->name, table.primaryKey->columns};
    for (const Db::DbIndex &index : table.indexes) {
        if (index.constraintName)
            continue;
        spec.indexes.append(IndexSpec{
            index.name, index.columns, index.unique, index.predicate, index.method.toLower()});
    }
    for (const Db::DbUniqueConstraint &unique : table.uniqueConstraints)
        spec.uniqueConstraints.append(UniqueSpec{unique.name, unique.columns});
    for (const Db::DbCheckConstraint &check : table.checkConstraints)
        spec.checkConstraints.append(CheckSpec{check.name, checkCondition(check.expression)});
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
    return c;
}

} // namespace Core::Migrate
