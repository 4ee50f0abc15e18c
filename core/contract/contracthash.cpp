// SPDX-License-Identifier: MIT
#include "contracthash.h"

#include <core/contract/jsonpyvalue.h>
#include <core/sdk/dtype.h>
#include <core/sdk/md5.h>
#include <core/sdk/naming.h>
#include <core/sdk/pyjson.h>
#include <core/sdk/pystring.h>

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <string>

namespace Core {

namespace {

using Py::Value;

const QString kPrefix = QStringLiteral("PlatformTimeIndexMetaTable ");
const QString kNaiveDateTime = QStringLiteral(
    "Timezone-naive SQLAlchemy DateTime columns are not supported by the remote TS Manager "
    "contract.");

tl::unexpected<Error> sdkError(const QString &message, const StorageClass &sc)
{
    return fail(ErrorCode::InvalidInput,
                message,
                QStringLiteral("ValueError (storage class %1)").arg(sc.tableName()));
}

Value str(const QString &s)
{
    return toPyStr(s);
}

Value strList(const QStringList &items)
{
    Py::List list;
    for (const QString &s : items)
        list.items.push_back(str(s));
    return Value(std::move(list));
}

QString resolvedTimeIndexName(const StorageClass &sc)
{
    const QString &name = sc.registration.timeIndexName;
    return name.isEmpty() ? QStringLiteral("time_index") : name;
}

QStringList resolvedIndexNames(const StorageClass &sc)
{
    if (!sc.registration.indexNames.isEmpty())
        return sc.registration.indexNames;
    return {resolvedTimeIndexName(sc)};
}

// The column's data_type as the SDK derives it from the SQLAlchemy type for a remote table:
// a timezone-naive DateTime is refused there.
Result<QString> remoteDataType(const Column &column, const StorageClass &sc)
{
    const auto token = Sdk::normalizeDtypeToken(column.dataType,
                                                /*remote=*/false,
                                                /*allowNaiveDatetime=*/true);
    if (!token)
        return sdkError(token.error().message, sc);
    if (*token == QLatin1String("datetime64[ns]"))
        return sdkError(kNaiveDateTime, sc);
    return *token;
}

bool sameColumnSet(const QStringList &a, const QStringList &b)
{
    if (a.size() != b.size())
        return false;
    const QSet<QString> sa(a.begin(), a.end());
    const QSet<QString> sb(b.begin(), b.end());
    return sa == sb && sa.size() == a.size();
}

// Drops null/""/{}/[] values recursively, as the SDK does for dialect options.
Json filteredDialectValue(const Json &value)
{
    if (value.is_object()) {
        Json out = Json::object();
        for (auto it = value.begin(); it != value.end(); ++it) {
            Json inner = filteredDialectValue(it.value());
            const bool empty = inner.is_null()
                               || (inner.is_string() && inner.get<std::string>().empty())
                               || ((inner.is_object() || inner.is_array()) && inner.empty());
            if (!empty)
                out[it.key()] = std::move(inner);
        }
        return out;
    }
    if (value.is_array()) {
        Json out = Json::array();
        for (const Json &item : value)
            out.push_back(filteredDialectValue(item));
        return out;
    }
    return value;
}

Value indexIdentity(const IndexDef &index)
{
    Py::Dict dict;
    dict.set("columns", strList(index.columns));
    dict.set("unique", Value(index.unique));
    Json kwargs = index.dialectKwargs.is_object() ? index.dialectKwargs : Json::object();
    // SQLAlchemy keeps a partial-index predicate among the dialect options (postgresql_where);
    // the SDK prints it with str(), which for a text() clause is the SQL text.
    if (index.where && !kwargs.contains("postgresql_where"))
        kwargs["postgresql_where"] = index.where->toStdString();
    const Json filtered = filteredDialectValue(kwargs);
    if (!filtered.empty())
        dict.set("dialect_kwargs", toPyValue(filtered));
    return Value(std::move(dict));
}

void setForeignKeyActions(Py::Dict &dict, const ForeignKeyDef &fk)
{
    const auto setText = [&dict](const char *key, const std::optional<QString> &v) {
        if (v && !v->isEmpty())
            dict.set(key, str(*v));
    };
    setText("ondelete", fk.onDelete);
    setText("onupdate", fk.onUpdate);
    if (fk.deferrable)
        dict.set("deferrable", Value(*fk.deferrable));
    setText("initially", fk.initially);
    setText("match", fk.match);
}

Result<Value> foreignKeyIdentity(const ForeignKeyDef &fk, const StorageClass &sc)
{
    if (fk.columns.size() != fk.targetColumns.size() || fk.columns.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Foreign key %1 of %2 pairs %3 source column(s) with %4 target "
                                   "column(s); give one target column per source column.")
                        .arg(fk.name, sc.tableName())
                        .arg(fk.columns.size())
                        .arg(fk.targetColumns.size()));
    // nullopt = the table's own schema; the SDK maps the default schema to SQLAlchemy's blank
    // schema, which the identity prints as null.
    const QString schema = fk.targetSchema.value_or(sc.schema());
    const Value targetSchema
        = (schema.isEmpty() || schema == QLatin1String("public")) ? Value(Py::None{}) : str(schema);
    Py::List elements;
    for (qsizetype i = 0; i < fk.columns.size(); ++i) {
        Py::Dict el;
        el.set("source_column", str(fk.columns.at(i)));
        el.set("target_schema", targetSchema);
        el.set("target_table", str(fk.targetTable));
        el.set("target_column", str(fk.targetColumns.at(i)));
        setForeignKeyActions(el, fk);
        elements.items.push_back(Value(std::move(el)));
    }
    Py::Dict dict;
    dict.set("elements", Value(std::move(elements)));
    setForeignKeyActions(dict, fk);
    return Value(std::move(dict));
}

// Sorted by their pyjson text (ASCII thanks to ensure_ascii, so byte order is code point order).
Result<Value> sortedByJsonText(std::vector<Value> items)
{
    std::vector<std::pair<std::string, Value>> keyed;
    for (Value &item : items) {
        auto text = Py::dumps(item);
        if (!text)
            return fail(text.error());
        keyed.emplace_back(std::move(*text), std::move(item));
    }
    std::stable_sort(
        keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    Py::List list;
    for (auto &[text, item] : keyed)
        list.items.push_back(std::move(item));
    return Value(std::move(list));
}

Result<Value> relationalIdentity(const StorageClass &sc, const std::optional<GrainIndex> &grain)
{
    Py::List columns;
    int position = 0;
    for (const Column &column : sc.registration.columns) {
        const auto dataType = remoteDataType(column, sc);
        if (!dataType)
            return fail(dataType.error());
        Py::Dict col;
        col.set("ordinal_position", Value::integer(position++));
        col.set("name", str(column.name));
        col.set("data_type", str(*dataType));
        const QString backend = column.backendType.value_or(QString());
        col.set("backend_type", str(backend.isEmpty() ? *dataType : backend));
        col.set("nullable", Value(column.nullable));
        col.set("primary_key", Value(column.primaryKey));
        col.set("unique", Value(column.unique));
        if (column.primaryKey && *dataType == QLatin1String("uuid"))
            col.set("server_default", Value::str("gen_random_uuid()"));
        columns.items.push_back(Value(std::move(col)));
    }
    Py::Dict identity;
    identity.set("columns", Value(std::move(columns)));

    std::vector<Value> indexes;
    for (const IndexDef &index : sc.ddl.indexes)
        indexes.push_back(indexIdentity(index));
    if (grain && grain->derived)
        indexes.push_back(indexIdentity(grain->index));
    if (!indexes.empty()) {
        auto sorted = sortedByJsonText(std::move(indexes));
        if (!sorted)
            return sorted;
        identity.set("indexes", std::move(*sorted));
    }

    std::vector<Value> foreignKeys;
    for (const ForeignKeyDef &fk : sc.ddl.foreignKeys) {
        auto item = foreignKeyIdentity(fk, sc);
        if (!item)
            return item;
        foreignKeys.push_back(std::move(*item));
    }
    if (!foreignKeys.empty()) {
        auto sorted = sortedByJsonText(std::move(foreignKeys));
        if (!sorted)
            return sorted;
        identity.set("foreign_keys", std::move(*sorted));
    }
    return Value(std::move(identity));
}

} // namespace

Result<TimeIndexContract> validateTimeIndexContract(const StorageClass &sc)
{
    TimeIndexContract contract;
    contract.timeIndexName = resolvedTimeIndexName(sc);
    contract.indexNames = resolvedIndexNames(sc);

    if (const auto &raw = sc.registration.cadence; raw && !Py::strip(*raw).isEmpty()) {
        const QString cadence = Py::lower(Py::strip(*raw));
        static const QRegularExpression pattern(QStringLiteral("^[1-9][0-9]*(mo|s|m|h|d|w|q|y)$"),
                                                QRegularExpression::CaseInsensitiveOption);
        if (!pattern.match(cadence).hasMatch())
            return sdkError(kPrefix
                                + QStringLiteral("cadence must be an interval token such as 1m, "
                                                 "5m, 1h, 1d, 1w, 1mo, 1q, or 1y."),
                            sc);
        contract.cadence = cadence;
    }
    const Json &layout = sc.registration.storageLayout;
    if (!layout.is_null() && !layout.is_object())
        return sdkError(kPrefix + QStringLiteral("storage_layout must be a mapping when provided."),
                        sc);
    if (layout.is_object())
        contract.storageLayout = layout;

    const QStringList &names = contract.indexNames;
    if (names.first() != contract.timeIndexName)
        return sdkError(kPrefix
                            + QStringLiteral("index_names must start with the time_index_name. "
                                             "Expected '%1', got '%2'.")
                                  .arg(contract.timeIndexName, names.first()),
                        sc);
    if (QSet<QString>(names.begin(), names.end()).size() != names.size())
        return sdkError(kPrefix + QStringLiteral("index_names cannot contain duplicates."), sc);
    QStringList missing;
    for (const QString &name : names) {
        if (!sc.column(name))
            missing << name;
    }
    if (!missing.isEmpty())
        return sdkError(kPrefix
                            + QStringLiteral("index_names must all exist as table columns. "
                                             "Missing columns: %1.")
                                  .arg(Py::listRepr(missing)),
                        sc);
    const auto timeType = remoteDataType(*sc.column(contract.timeIndexName), sc);
    if (!timeType)
        return fail(timeType.error());
    if (!Sdk::isTemporalToken(*timeType))
        return sdkError(kPrefix
                            + QStringLiteral("time_index_name must reference a temporal column. "
                                             "Column '%1' has type '%2'.")
                                  .arg(contract.timeIndexName, *timeType),
                        sc);
    QStringList nullable;
    for (const QString &name : names) {
        if (sc.column(name)->nullable)
            nullable << name;
    }
    if (!nullable.isEmpty())
        return sdkError(kPrefix
                            + QStringLiteral("index columns must be non-nullable. Nullable index "
                                             "columns: %1.")
                                  .arg(Py::listRepr(nullable)),
                        sc);
    return contract;
}

std::optional<GrainIndex> grainIndexFor(const StorageClass &sc)
{
    if (!sc.isTimeIndexed())
        return std::nullopt;
    const QStringList names = resolvedIndexNames(sc);
    for (const IndexDef &index : sc.ddl.indexes) {
        if (index.unique && sameColumnSet(index.columns, names))
            return GrainIndex{index, false};
    }
    for (const UniqueConstraintDef &uc : sc.ddl.uniqueConstraints) {
        if (sameColumnSet(uc.columns, names))
            return GrainIndex{IndexDef{uc.name, uc.columns, true, std::nullopt, Json::object()},
                              false};
    }
    // Column(unique=True) is a single-column UniqueConstraint in SQLAlchemy.
    if (names.size() == 1) {
        if (const Column *column = sc.column(names.first()); column && column->unique) {
            const auto name = Sdk::schemaUniqueConstraintName(sc.tableName(), names);
            return GrainIndex{
                IndexDef{name.value_or(QString()), names, true, std::nullopt, Json::object()},
                false};
        }
    }
    const auto name = Sdk::schemaIndexName(sc.tableName(), names, /*unique=*/true);
    return GrainIndex{IndexDef{name.value_or(QString()), names, true, std::nullopt, Json::object()},
                      true};
}

Result<Py::Value> tableStorageIdentity(const StorageClass &sc, bool includeTableName)
{
    Py::Dict identity;
    if (includeTableName)
        identity.set("physical_table_name", str(sc.tableName()));
    if (!sc.isTimeIndexed()) {
        auto relational = relationalIdentity(sc, std::nullopt);
        if (!relational)
            return relational;
        for (auto &item : relational->as<Py::Dict>().items)
            identity.items.push_back(std::move(item));
        return Value(std::move(identity));
    }
    const auto contract = validateTimeIndexContract(sc);
    if (!contract)
        return fail(contract.error());
    auto relational = relationalIdentity(sc, grainIndexFor(sc));
    if (!relational)
        return relational;
    Py::Dict profile;
    profile.set("kind", Value::str("time_indexed"));
    profile.set("time_index_name", str(contract->timeIndexName));
    profile.set("index_names", strList(contract->indexNames));
    if (contract->cadence)
        profile.set("cadence", str(*contract->cadence));
    if (!contract->storageLayout.empty())
        profile.set("storage_layout", toPyValue(contract->storageLayout));
    identity.set("relational_table", std::move(*relational));
    identity.set("time_indexed_profile", Value(std::move(profile)));
    return Value(std::move(identity));
}

Result<ContractHash> computeContractHash(const StorageClass &sc,
                                         const std::optional<QString> &hashNamespace,
                                         bool includeTableName,
                                         const Json &extraComponents)
{
    auto identity = tableStorageIdentity(sc, includeTableName);
    if (!identity)
        return fail(identity.error());
    if (sc.registration.namespaceName.isEmpty())
        return sdkError(QStringLiteral("MetaTable SQLAlchemy contracts require namespace or "
                                       "__metatable_namespace__."),
                        sc);
    const QString ns = Py::strip(sc.registration.namespaceName);
    if (ns.isEmpty())
        return sdkError(
            QStringLiteral("namespace is required to build a configured MetaTable storage hash."),
            sc);
    const QString schema
        = Py::strip(sc.schema().isEmpty() ? QStringLiteral("public") : sc.schema());
    if (schema.isEmpty())
        return sdkError(
            QStringLiteral("schema is required to build a configured MetaTable storage hash."), sc);
    if (!extraComponents.is_null() && !extraComponents.is_object())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Extra contract-hash components must be a JSON object, found "
                                   "%1.")
                        .arg(QString::fromUtf8(extraComponents.type_name())));

    Py::Dict payload;
    payload.set("namespace", str(ns));
    payload.set("schema", str(schema));
    payload.set("table_storage_identity", std::move(*identity));
    if (hashNamespace && !hashNamespace->isEmpty())
        payload.set("hash_namespace", str(Py::strip(*hashNamespace)));
    if (extraComponents.is_object()) {
        for (auto it = extraComponents.begin(); it != extraComponents.end(); ++it)
            payload.set(it.key(), toPyValue(it.value()));
    }

    const auto text = Py::dumps(Value(std::move(payload)));
    if (!text)
        return fail(text.error());
    QString prefix = Py::rstrip(Py::slice(Sdk::slugify(QStringLiteral("mt_") + ns), 0, 30),
                                QStringLiteral("_"));
    if (prefix.isEmpty())
        prefix = QStringLiteral("mt");

    ContractHash result;
    result.payloadJson = QString::fromStdString(*text);
    result.hash = Py::lower(prefix + QLatin1Char('_') + Py::md5Hex(std::string_view(*text)));
    const auto grain = grainIndexFor(sc);
    result.grainIndexAdded = grain && grain->derived;
    return result;
}

} // namespace Core
