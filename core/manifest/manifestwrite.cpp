// SPDX-License-Identifier: MIT
// Writing the model back as metatable-provider/1, merged into the document it was read from.
#include "manifestio.h"

#include <core/util/atomicfile.h>

#include <functional>
#include <initializer_list>
#include <string_view>

namespace Core {

namespace {

using Keys = std::initializer_list<std::string_view>;

std::string s(const QString &text)
{
    return text.toStdString();
}

Json strings(const QStringList &list)
{
    Json out = Json::array();
    for (const QString &item : list)
        out.push_back(s(item));
    return out;
}

Json optional(const std::optional<QString> &value)
{
    return value ? Json(s(*value)) : Json();
}

Json pairs(const QList<QPair<QString, QString>> &list)
{
    Json out = Json::object();
    for (const auto &[key, value] : list)
        out[s(key)] = s(value);
    return out;
}

const Json *member(const Json *raw, const char *key)
{
    if (!raw || !raw->is_object())
        return nullptr;
    const auto it = raw->find(key);
    return it == raw->end() ? nullptr : &*it;
}

bool has(const Json *raw, const char *key)
{
    return member(raw, key) != nullptr;
}

// The element of the raw array `key` that describes the same thing as model item `index`:
// the one at the same position when it matches, else the first that matches.
const Json *
matching(const Json *rawArray, qsizetype index, const std::function<bool(const Json &)> &same)
{
    if (!rawArray || !rawArray->is_array())
        return nullptr;
    const auto i = static_cast<std::size_t>(index);
    if (i < rawArray->size() && (*rawArray)[i].is_object() && same((*rawArray)[i]))
        return &(*rawArray)[i];
    for (const Json &item : *rawArray) {
        if (item.is_object() && same(item))
            return &item;
    }
    return nullptr;
}

std::function<bool(const Json &)> byString(const char *key, const QString &value)
{
    return [key, value = s(value)](const Json &item) {
        const auto it = item.find(key);
        return it != item.end() && it->is_string() && it->get_ref<const std::string &>() == value;
    };
}

std::function<bool(const Json &)> byClass(const ClassRef &ref)
{
    return [module = s(ref.module), qualname = s(ref.qualname)](const Json &item) {
        const auto it = item.find("class");
        return it != item.end() && it->is_object() && it->value("module", Json()) == module
               && it->value("qualname", Json()) == qualname;
    };
}

bool isUnnamed(const Json &item)
{
    const auto name = item.find("name");
    return name == item.end() || name->is_null();
}

// The raw item an object whose name the reader derived came from: it has no name to match by,
// so it is an unnamed item with the same value under `key` (its columns, or a check's SQL).
std::function<bool(const Json &)> unnamedBy(const char *key, Json value)
{
    return [key, value = std::move(value)](const Json &item) {
        const auto it = item.find(key);
        return isUnnamed(item) && it != item.end() && *it == value;
    };
}

// The raw item a DDL object was read from, matched by its name or, for a derived name, by
// `key`; an unnamed object whose `key` was edited still is the unnamed item at its position.
template <class Def>
const Json *rawDdlItem(
    const Json *rawArray, qsizetype index, const Def &def, const char *key, const Json &value)
{
    if (!def.nameDerived)
        return matching(rawArray, index, byString("name", def.name));
    if (const Json *same = matching(rawArray, index, unnamedBy(key, value)))
        return same;
    const auto i = static_cast<std::size_t>(index);
    if (rawArray && rawArray->is_array() && i < rawArray->size() && (*rawArray)[i].is_object()
        && isUnnamed((*rawArray)[i]))
        return &(*rawArray)[i];
    return nullptr;
}

// The start of a DDL object: its name, unless the reader derived it. Then the merge keeps what
// the author wrote (null, or no key at all), so a load and save leaves the file as written and
// the name follows the convention when the object changes; an object with no raw counterpart
// says null.
Json namedObject(const QString &name, bool derived, const Json *raw)
{
    Json o = Json::object();
    if (!derived)
        o["name"] = s(name);
    else if (!raw || !raw->is_object())
        o["name"] = nullptr;
    return o;
}

// The model's object `model` laid out like `raw`: raw's keys keep their order; keys the model
// owns (`owned`) take the model's value, or disappear when the model no longer sets them (an
// authored null stays); keys the model does not know are kept; new model keys go last.
Json merged(const Json *raw, Json model, Keys owned)
{
    if (!raw || !raw->is_object())
        return model;
    Json out = Json::object();
    for (auto it = raw->begin(); it != raw->end(); ++it) {
        const auto found = model.find(it.key());
        if (found != model.end()) {
            out[it.key()] = std::move(*found);
            continue;
        }
        bool isOwned = false;
        for (std::string_view k : owned)
            isOwned = isOwned || k == it.key();
        if (!isOwned || it->is_null())
            out[it.key()] = *it;
    }
    for (auto it = model.begin(); it != model.end(); ++it) {
        if (!out.contains(it.key()))
            out[it.key()] = std::move(*it);
    }
    return out;
}

Json classRefJson(const ClassRef &ref, const Json *raw)
{
    return merged(raw,
                  Json{{"module", s(ref.module)}, {"qualname", s(ref.qualname)}},
                  {"module", "qualname"});
}

Json columnJson(const Column &c, const Json *raw)
{
    Json o = Json::object();
    o["name"] = s(c.name);
    o["data_type"] = s(c.dataType);
    if (c.backendType || has(raw, "backend_type"))
        o["backend_type"] = optional(c.backendType);
    o["nullable"] = c.nullable;
    o["primary_key"] = c.primaryKey;
    o["unique"] = c.unique;
    if (c.serverDefault)
        o["server_default"] = s(*c.serverDefault);
    if (c.label)
        o["label"] = s(*c.label);
    if (c.description)
        o["description"] = s(*c.description);
    if (c.logicalName)
        o["logical_name"] = s(*c.logicalName);
    return merged(raw,
                  std::move(o),
                  {"name",
                   "data_type",
                   "backend_type",
                   "nullable",
                   "primary_key",
                   "unique",
                   "server_default",
                   "label",
                   "description",
                   "logical_name"});
}

Json timeIndexedJson(const Registration &r, const Json *raw)
{
    Json o = Json::object();
    o["time_index_name"] = s(r.timeIndexName);
    o["index_names"] = strings(r.indexNames);
    if (r.cadence)
        o["cadence"] = s(*r.cadence);
    if (!r.storageLayout.empty() || has(raw, "storage_layout"))
        o["storage_layout"] = r.storageLayout;
    return merged(
        raw, std::move(o), {"time_index_name", "index_names", "cadence", "storage_layout"});
}

Json contractJson(const StorageClass &sc, const Json *raw)
{
    const Registration &r = sc.registration;
    Json o = Json::object();
    o["version"] = s(r.contractVersion);
    // Relational contracts carry no table_kind (sdk-contract.md 4.4) unless the author wrote one.
    if (sc.isTimeIndexed() || has(raw, "table_kind"))
        o["table_kind"] = sc.isTimeIndexed() ? "time_indexed" : "relational";
    const Json *rawAuthoring = member(raw, "authoring");
    Json authoring = Json::object();
    const Json *rawModel = member(rawAuthoring, "table_model");
    authoring["table_model"] = merged(rawModel,
                                      Json{{"kind", "sqlalchemy"},
                                           {"module", s(r.tableModel.module)},
                                           {"qualname", s(r.tableModel.qualname)}},
                                      {"kind", "module", "qualname"});
    if (sc.isTimeIndexed())
        authoring["time_indexed"] = timeIndexedJson(r, member(rawAuthoring, "time_indexed"));
    o["authoring"] = merged(rawAuthoring, std::move(authoring), {"table_model", "time_indexed"});
    o["physical"]
        = merged(member(raw, "physical"),
                 Json{{"schema", s(r.physicalSchema)}, {"table_name", s(r.physicalTableName)}},
                 {"schema", "table_name"});
    Json columns = Json::array();
    for (qsizetype i = 0; i < r.columns.size(); ++i)
        columns.push_back(
            columnJson(r.columns[i],
                       matching(member(raw, "columns"), i, byString("name", r.columns[i].name))));
    o["columns"] = std::move(columns);
    if (!sc.isTimeIndexed() || !r.constraints.empty() || has(raw, "constraints"))
        o["constraints"] = r.constraints;
    return merged(raw,
                  std::move(o),
                  {"version", "table_kind", "authoring", "physical", "columns", "constraints"});
}

Json registrationJson(const StorageClass &sc, const Json *raw)
{
    const Registration &r = sc.registration;
    Json o = Json::object();
    o["physical_schema"] = s(r.physicalSchema);
    if (r.identifier)
        o["identifier"] = s(*r.identifier);
    o["namespace"] = s(r.namespaceName);
    if (r.description)
        o["description"] = s(*r.description);
    o["labels"] = strings(r.labels);
    o["protect_from_deletion"] = r.protectFromDeletion;
    if (!r.schemaManagement.is_null())
        o["schema_management"] = r.schemaManagement;
    if (!sc.isTimeIndexed() || has(raw, "management_mode"))
        o["management_mode"] = s(r.managementMode);
    if (!sc.isTimeIndexed() || has(raw, "introspect"))
        o["introspect"] = r.introspect;
    if (!r.provisioning.empty() || has(raw, "provisioning"))
        o["provisioning"] = r.provisioning;
    if (sc.isTimeIndexed() || has(raw, "time_index_name"))
        o["time_index_name"] = s(r.timeIndexName);
    if (r.cadence)
        o["cadence"] = s(*r.cadence);
    if (r.partitionStrategy)
        o["partition_strategy"] = s(*r.partitionStrategy);
    o["table_contract"] = contractJson(sc, member(raw, "table_contract"));
    return merged(raw,
                  std::move(o),
                  {"physical_schema",
                   "identifier",
                   "namespace",
                   "description",
                   "labels",
                   "protect_from_deletion",
                   "schema_management",
                   "management_mode",
                   "introspect",
                   "provisioning",
                   "time_index_name",
                   "cadence",
                   "partition_strategy",
                   "table_contract"});
}

Json ddlJson(const TableDdl &d, const Json *raw)
{
    Json o = Json::object();
    if (d.primaryKey) {
        const Json *rawKey = member(raw, "primary_key");
        Json j = namedObject(d.primaryKey->name, d.primaryKey->nameDerived, rawKey);
        j["columns"] = strings(d.primaryKey->columns);
        o["primary_key"] = merged(rawKey, std::move(j), {"name", "columns"});
    } else {
        o["primary_key"] = Json();
    }
    Json indexes = Json::array();
    for (qsizetype i = 0; i < d.indexes.size(); ++i) {
        const IndexDef &x = d.indexes[i];
        const Json *rawIndex
            = rawDdlItem(member(raw, "indexes"), i, x, "columns", strings(x.columns));
        Json j = namedObject(x.name, x.nameDerived, rawIndex);
        j["columns"] = strings(x.columns);
        j["unique"] = x.unique;
        if (x.where || has(rawIndex, "where"))
            j["where"] = optional(x.where);
        if (!x.dialectKwargs.empty() || has(rawIndex, "dialect_kwargs"))
            j["dialect_kwargs"] = x.dialectKwargs;
        indexes.push_back(merged(
            rawIndex, std::move(j), {"name", "columns", "unique", "where", "dialect_kwargs"}));
    }
    o["indexes"] = std::move(indexes);
    Json uniques = Json::array();
    for (qsizetype i = 0; i < d.uniqueConstraints.size(); ++i) {
        const UniqueConstraintDef &u = d.uniqueConstraints[i];
        const Json *rawUnique
            = rawDdlItem(member(raw, "unique_constraints"), i, u, "columns", strings(u.columns));
        Json j = namedObject(u.name, u.nameDerived, rawUnique);
        j["columns"] = strings(u.columns);
        uniques.push_back(merged(rawUnique, std::move(j), {"name", "columns"}));
    }
    o["unique_constraints"] = std::move(uniques);
    Json checks = Json::array();
    for (qsizetype i = 0; i < d.checkConstraints.size(); ++i) {
        const CheckConstraintDef &c = d.checkConstraints[i];
        const Json *rawCheck
            = rawDdlItem(member(raw, "check_constraints"), i, c, "sqltext", Json(s(c.sqlText)));
        Json j = namedObject(c.name, c.nameDerived, rawCheck);
        j["authored_name"] = optional(c.authoredName);
        j["sqltext"] = s(c.sqlText);
        checks.push_back(merged(rawCheck, std::move(j), {"name", "authored_name", "sqltext"}));
    }
    o["check_constraints"] = std::move(checks);
    Json fks = Json::array();
    for (qsizetype i = 0; i < d.foreignKeys.size(); ++i) {
        const ForeignKeyDef &f = d.foreignKeys[i];
        const Json *rawFk
            = rawDdlItem(member(raw, "foreign_keys"), i, f, "columns", strings(f.columns));
        Json j = namedObject(f.name, f.nameDerived, rawFk);
        j["columns"] = strings(f.columns);
        j["target_schema"] = optional(f.targetSchema);
        j["target_table"] = s(f.targetTable);
        j["target_columns"] = strings(f.targetColumns);
        j["ondelete"] = optional(f.onDelete);
        j["onupdate"] = optional(f.onUpdate);
        j["deferrable"] = f.deferrable ? Json(*f.deferrable) : Json();
        j["initially"] = optional(f.initially);
        j["match"] = optional(f.match);
        fks.push_back(merged(rawFk,
                             std::move(j),
                             {"name",
                              "columns",
                              "target_schema",
                              "target_table",
                              "target_columns",
                              "ondelete",
                              "onupdate",
                              "deferrable",
                              "initially",
                              "match"}));
    }
    o["foreign_keys"] = std::move(fks);
    o["server_defaults"] = pairs(d.serverDefaults);
    return merged(raw,
                  std::move(o),
                  {"primary_key",
                   "indexes",
                   "unique_constraints",
                   "check_constraints",
                   "foreign_keys",
                   "server_defaults"});
}

Json storageClassJson(const StorageClass &sc, const Json *raw)
{
    Json o = Json::object();
    o["class"] = classRefJson(sc.classRef, member(raw, "class"));
    o["kind"] = sc.isTimeIndexed() ? "time_indexed" : "relational";
    o["registration"] = registrationJson(sc, member(raw, "registration"));
    o["ddl"] = ddlJson(sc.ddl, member(raw, "ddl"));
    o["binding"]
        = sc.binding ? merged(member(raw, "binding"),
                              Json{{"uid", s(sc.binding->uid)},
                                   {"physical_table_name", s(sc.binding->physicalTableName)},
                                   {"physical_schema", s(sc.binding->physicalSchema)},
                                   {"data_source_uid", s(sc.binding->dataSourceUid)}},
                              {"uid", "physical_table_name", "physical_schema", "data_source_uid"})
                     : Json();
    return merged(raw, std::move(o), {"class", "kind", "registration", "ddl", "binding"});
}

Json externalTableJson(const ExternalTable &e, const Json *raw)
{
    Json o{{"schema", s(e.schema)}, {"table_name", s(e.tableName)}};
    if (!e.ownerPackage.isEmpty() || !e.ownerMigrationNamespace.isEmpty() || has(raw, "owner"))
        o["owner"] = merged(member(raw, "owner"),
                            Json{{"package", s(e.ownerPackage)},
                                 {"migration_namespace", s(e.ownerMigrationNamespace)}},
                            {"package", "migration_namespace"});
    o["referenced_columns"] = strings(e.referencedColumns);
    return merged(raw, std::move(o), {"schema", "table_name", "owner", "referenced_columns"});
}

Json nodeJson(const NodeDefinition &n, const Json *raw)
{
    Json o = Json::object();
    o["class"] = classRefJson(n.classRef, member(raw, "class"));
    o["storage_class"] = optional(n.storageClass);
    if (!n.configClass.isEmpty() || has(raw, "config_class"))
        o["config_class"] = classRefJson(n.configClass, member(raw, "config_class"));
    o["config_schema"] = n.configSchema;
    o["config"] = n.config;
    o["hash_namespace"] = optional(n.hashNamespace);
    if (n.runner != RunnerSpec{} || has(raw, "runner")) {
        o["runner"] = merged(member(raw, "runner"),
                             Json{{"command", strings(n.runner.command)},
                                  {"row_format", s(n.runner.rowFormat)},
                                  {"working_directory", optional(n.runner.workingDirectory)},
                                  {"environment", pairs(n.runner.environment)}},
                             {"command", "row_format", "working_directory", "environment"});
    }
    return merged(raw,
                  std::move(o),
                  {"class",
                   "storage_class",
                   "config_class",
                   "config_schema",
                   "config",
                   "hash_namespace",
                   "runner"});
}

Json manifestJson(const ProviderManifest &m, const Json *raw)
{
    Json o = Json::object();
    o["format"] = s(m.format);
    const Json *rawProvider = member(raw, "provider");
    Json provider{{"package", s(m.provider.package)},
                  {"migration_namespace", s(m.provider.migrationNamespace)},
                  {"schema", s(m.provider.schema)}};
    if (!m.provider.registryIdentifier.isEmpty() || !m.provider.registryTableName.isEmpty()
        || has(rawProvider, "alembic_registry"))
        provider["alembic_registry"] = merged(member(rawProvider, "alembic_registry"),
                                              Json{{"identifier", s(m.provider.registryIdentifier)},
                                                   {"table_name", s(m.provider.registryTableName)}},
                                              {"identifier", "table_name"});
    o["provider"] = merged(rawProvider,
                           std::move(provider),
                           {"package", "migration_namespace", "schema", "alembic_registry"});
    Json classes = Json::array();
    for (qsizetype i = 0; i < m.storageClasses.size(); ++i) {
        const StorageClass &sc = m.storageClasses[i];
        classes.push_back(storageClassJson(
            sc, matching(member(raw, "storage_classes"), i, byClass(sc.classRef))));
    }
    o["storage_classes"] = std::move(classes);
    Json externals = Json::array();
    for (qsizetype i = 0; i < m.externalTables.size(); ++i) {
        const ExternalTable &e = m.externalTables[i];
        externals.push_back(externalTableJson(
            e, matching(member(raw, "external_tables"), i, byString("table_name", e.tableName))));
    }
    if (!externals.empty() || has(raw, "external_tables"))
        o["external_tables"] = std::move(externals);
    Json nodes = Json::array();
    for (qsizetype i = 0; i < m.nodes.size(); ++i) {
        const NodeDefinition &n = m.nodes[i];
        nodes.push_back(nodeJson(n, matching(member(raw, "nodes"), i, byClass(n.classRef))));
    }
    if (!nodes.empty() || has(raw, "nodes"))
        o["nodes"] = std::move(nodes);
    return merged(
        raw, std::move(o), {"format", "provider", "storage_classes", "external_tables", "nodes"});
}

} // namespace

QByteArray serializeManifest(const ManifestDocument &doc)
{
    const Json out = manifestJson(doc.manifest, doc.raw.is_object() ? &doc.raw : nullptr);
    const std::string text = out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    return QByteArray::fromStdString(text);
}

VoidResult writeManifestFile(const ManifestDocument &doc, const QString &path)
{
    return writeFileAtomically(path, serializeManifest(doc));
}

VoidResult writeNodeConfig(ManifestDocument &doc, const ClassRef &node, const Json &config)
{
    bool found = false;
    for (NodeDefinition &n : doc.manifest.nodes) {
        if (n.classRef == node) {
            n.config = config;
            found = true;
        }
    }
    if (!found)
        return fail(
            ErrorCode::NotFound,
            QStringLiteral("%1 has no node %2; nothing was changed.").arg(doc.path, node.path()));
    if (auto written = writeManifestFile(doc, doc.path); !written)
        return fail(written.error().code,
                    QStringLiteral("%1 Nothing was changed.").arg(written.error().message));
    return {};
}

Json storageClassToJson(const StorageClass &storageClass)
{
    return storageClassJson(storageClass, nullptr);
}

} // namespace Core
