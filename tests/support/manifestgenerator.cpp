// SPDX-License-Identifier: MIT
#include "manifestgenerator.h"

#include <QStringList>

#include <string>
#include <vector>

namespace TestSupport {

using Core::Json;

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

struct ColumnSpec
{
    std::string name;
    std::string dataType;
    std::string backendType;
    bool nullable = true;
    bool primaryKey = false;
    bool unique = false;
    std::string description;
};

Json columnJson(const ColumnSpec &c)
{
    Json j = Json::object();
    j["name"] = c.name;
    j["data_type"] = c.dataType;
    j["backend_type"] = c.backendType;
    j["nullable"] = c.nullable;
    j["primary_key"] = c.primaryKey;
    j["unique"] = c.unique;
    if (c.primaryKey && c.dataType == "uuid")
        j["server_default"] = "gen_random_uuid()";
    j["description"] = c.description.empty() ? "Column " + c.name + "." : c.description;
    j["label"] = c.name;
    return j;
}

Json emptyDdl()
{
    return Json{{"primary_key", nullptr},
                {"indexes", Json::array()},
                {"unique_constraints", Json::array()},
                {"check_constraints", Json::array()},
                {"foreign_keys", Json::array()},
                {"server_defaults", Json::object()}};
}

Json index(const std::string &name, const std::vector<std::string> &columns, bool unique)
{
    return Json{{"name", name}, {"columns", columns}, {"unique", unique}};
}

Json foreignKey(const std::string &name,
                const std::vector<std::string> &columns,
                const std::string &targetTable,
                const std::vector<std::string> &targetColumns)
{
    return Json{{"name", name},
                {"columns", columns},
                {"target_schema", nullptr},
                {"target_table", targetTable},
                {"target_columns", targetColumns},
                {"ondelete", nullptr},
                {"onupdate", nullptr},
                {"deferrable", nullptr},
                {"initially", nullptr},
                {"match", nullptr}};
}

struct ClassSpec
{
    std::string module;
    std::string qualname;
    std::string table;
    std::string schema;
    std::string ns;
    std::string identifier;
    std::string description;
    bool protect = false;
    std::vector<ColumnSpec> columns;
    Json ddl = emptyDdl();
    // Time-indexed classes only.
    std::string timeIndex;
    std::vector<std::string> indexNames;
    std::string cadence;
};

Json columnsJson(const ClassSpec &c)
{
    Json columns = Json::array();
    for (const ColumnSpec &col : c.columns)
        columns.push_back(columnJson(col));
    return columns;
}

Json relationalClass(const ClassSpec &c)
{
    Json model = {{"kind", "sqlalchemy"}, {"module", c.module}, {"qualname", c.qualname}};
    Json contract = {{"version", "relational-table.v1"},
                     {"physical", {{"schema", c.schema}, {"table_name", c.table}}},
                     {"columns", columnsJson(c)},
                     {"constraints", Json::array()},
                     {"authoring", {{"table_model", model}}}};
    Json registration = {{"physical_schema", c.schema},
                         {"identifier", c.identifier},
                         {"namespace", c.ns},
                         {"description", c.description},
                         {"labels", Json::array({"generated"})},
                         {"protect_from_deletion", c.protect},
                         {"management_mode", "platform_managed"},
                         {"introspect", false},
                         {"provisioning", {{"create_table", true}, {"if_not_exists", true}}},
                         {"table_contract", contract}};
    return Json{{"class", {{"module", c.module}, {"qualname", c.qualname}}},
                {"kind", "relational"},
                {"registration", registration},
                {"ddl", c.ddl},
                {"binding", nullptr}};
}

Json timeIndexedClass(const ClassSpec &c)
{
    Json model = {{"kind", "sqlalchemy"}, {"module", c.module}, {"qualname", c.qualname}};
    Json timeIndexed = {{"time_index_name", c.timeIndex}, {"index_names", c.indexNames}};
    if (!c.cadence.empty())
        timeIndexed["cadence"] = c.cadence;
    Json contract = {{"version", "relational-table.v1"},
                     {"table_kind", "time_indexed"},
                     {"authoring", {{"table_model", model}, {"time_indexed", timeIndexed}}},
                     {"physical", {{"schema", c.schema}, {"table_name", c.table}}},
                     {"columns", columnsJson(c)}};
    Json registration = {{"physical_schema", c.schema},
                         {"identifier", c.identifier},
                         {"namespace", c.ns},
                         {"description", c.description},
                         {"labels", Json::array({"generated", "time-indexed"})},
                         {"protect_from_deletion", c.protect},
                         {"provisioning", {{"create_table", true}, {"if_not_exists", true}}},
                         {"time_index_name", c.timeIndex}};
    if (!c.cadence.empty())
        registration["cadence"] = c.cadence;
    registration["table_contract"] = contract;
    return Json{{"class", {{"module", c.module}, {"qualname", c.qualname}}},
                {"kind", "time_indexed"},
                {"registration", registration},
                {"ddl", c.ddl},
                {"binding", nullptr}};
}

Json providerJson(const std::string &package, const std::string &ns, const std::string &schema)
{
    return Json{{"package", package},
                {"migration_namespace", ns},
                {"schema", schema},
                {"alembic_registry",
                 {{"identifier", package + ".alembic_version"},
                  {"table_name", package + "__alembic_version"}}}};
}

Json document(const Json &provider, const Json &classes)
{
    return Json{{"format", "metatable-provider/1"},
                {"provider", provider},
                {"storage_classes", classes},
                {"external_tables", Json::array()},
                {"nodes", Json::array()}};
}

} // namespace

QString treeTableName(const TreeSchemaOptions &options, int index)
{
    return QStringLiteral("%1__t%2").arg(options.package).arg(index, 4, 10, QLatin1Char('0'));
}

Json generateTreeManifest(const TreeSchemaOptions &options)
{
    Json classes = Json::array();
    for (int i = 0; i < options.classCount; ++i) {
        const std::string table = s(treeTableName(options, i));
        const int parent = i == 0 ? 0 : (i - 1) / qMax(1, options.fanout);
        ClassSpec c;
        c.module = s(options.package) + ".storage";
        c.qualname = "Table" + std::to_string(i);
        c.table = table;
        c.schema = s(options.schema);
        c.ns = s(options.migrationNamespace);
        c.identifier = s(options.package) + ".t" + std::to_string(i);
        c.description = "Generated relational table number " + std::to_string(i) + ".";
        c.columns = {
            {"uid", "uuid", "UUID", false, true, false, "Row identity."},
            {"parent_uid", "uuid", "UUID", true, false, false, "Parent row in the tree."},
            {"name", "string", "VARCHAR(64)", false, false, false, "Unique row name."},
            {"label", "string", "VARCHAR(64)", true, false, false, "Display label."},
            {"amount", "numeric", "NUMERIC(18, 6)", true, false, false, "Amount."},
            {"quantity", "int64", "BIGINT", true, false, false, "Quantity."},
            {"ratio", "float64", "FLOAT", true, false, false, "Ratio."},
            {"active", "bool", "BOOLEAN", false, false, false, "Whether the row is active."},
            {"created_at",
             "timestamp with time zone",
             "TIMESTAMP WITH TIME ZONE",
             false,
             false,
             false,
             "Creation time."},
            {"payload", "jsonb", "JSONB", true, false, false, "Free-form payload."},
        };
        c.ddl["primary_key"] = Json{{"name", "pk__" + table}, {"columns", {"uid"}}};
        c.ddl["indexes"].push_back(index("ix__" + table + "__parent_uid", {"parent_uid"}, false));
        c.ddl["indexes"].push_back(index("uix__" + table + "__name", {"name"}, true));
        c.ddl["foreign_keys"].push_back(foreignKey("fk__" + table + "__parent_uid",
                                                   {"parent_uid"},
                                                   s(treeTableName(options, parent)),
                                                   {"uid"}));
        classes.push_back(relationalClass(c));
    }
    return document(
        providerJson(s(options.package), s(options.migrationNamespace), s(options.schema)),
        classes);
}

Json changeTreeManifest(Json manifest, QStringList *changedTables)
{
    Json &classes = manifest["storage_classes"];
    for (size_t i = 0; i < classes.size(); ++i) {
        if (i % 10 != 0)
            continue;
        Json &cls = classes[i];
        const std::string table = cls["registration"]["table_contract"]["physical"]["table_name"];
        Json &columns = cls["registration"]["table_contract"]["columns"];
        switch ((i / 10) % 3) {
        case 0:
            columns.push_back(
                columnJson({"note", "string", "VARCHAR(200)", true, false, false, ""}));
            break;
        case 1:
            for (Json &col : columns) {
                if (col["name"] == "label")
                    col["backend_type"] = "VARCHAR(128)";
            }
            break;
        default:
            cls["ddl"]["indexes"].push_back(index("ix__" + table + "__label", {"label"}, false));
            break;
        }
        if (changedTables)
            changedTables->append(QString::fromStdString(table));
    }
    return manifest;
}

QString hostileTableName()
{
    return QStringLiteral("Feature \"Hostile\" x\"; DROP TABLE y; --");
}

QString hostileColumnName()
{
    return QStringLiteral("Select \"col\"; DROP TABLE y; --");
}

QString hostileDescription()
{
    return QStringLiteral("'); DROP TABLE feature__account; -- and \"quotes\" \\ backslash");
}

Json everyFeatureManifest(const QString &schemaName)
{
    const std::string schema = s(schemaName);
    const std::string package = "feature";
    const std::string ns = "feature-data";
    const std::string module = "feature.storage";
    Json classes = Json::array();

    // An account master table: uuid primary key with a server default, every dtype, a check,
    // a unique constraint, a partial index and a BRIN index.
    {
        ClassSpec c{module,
                    "Account",
                    "feature__account",
                    schema,
                    ns,
                    "feature.account",
                    "Account master rows.",
                    false,
                    {},
                    emptyDdl(),
                    {},
                    {},
                    {}};
        c.columns = {
            {"uid", "uuid", "UUID", false, true, false, "Account identity."},
            {"code", "string", "VARCHAR(32)", false, false, true, "Account code."},
            {"title", "string", "TEXT", true, false, false, "Title."},
            {"opened_on", "date", "DATE", true, false, false, "Opening date."},
            {"opened_at",
             "timestamp with time zone",
             "TIMESTAMP WITH TIME ZONE",
             false,
             false,
             false,
             "Opening time."},
            {"small", "int16", "SMALLINT", true, false, false, "Small number."},
            {"medium", "int64", "INTEGER", true, false, false, "Medium number."},
            {"large", "int64", "BIGINT", true, false, false, "Large number."},
            {"ratio32", "float32", "REAL", true, false, false, "Single precision."},
            {"ratio64", "float64", "DOUBLE PRECISION", true, false, false, "Double precision."},
            {"balance", "numeric", "NUMERIC(18, 6)", false, false, false, "Balance."},
            {"enabled", "bool", "BOOLEAN", false, false, false, "Enabled flag."},
            {"doc", "json", "JSON", true, false, false, "Document."},
            {"docb", "jsonb", "JSONB", true, false, false, "Binary document."},
        };
        c.ddl["primary_key"] = Json{{"name", "pk__feature__account"}, {"columns", {"uid"}}};
        c.ddl["unique_constraints"].push_back(
            Json{{"name", "uq__feature__account__code"}, {"columns", {"code"}}});
        c.ddl["check_constraints"].push_back(Json{{"name", "ck__feature__account__balance_range"},
                                                  {"authored_name", "balance_range"},
                                                  {"sqltext", "balance >= 0"}});
        Json partial = index("ix__feature__account__enabled_code", {"code"}, false);
        partial["where"] = "enabled";
        c.ddl["indexes"].push_back(partial);
        Json brin = index("ix__feature__account__opened_at", {"opened_at"}, false);
        brin["dialect_kwargs"] = Json{{"postgresql_using", "brin"}};
        c.ddl["indexes"].push_back(brin);
        c.ddl["server_defaults"]
            = Json{{"uid", "gen_random_uuid()"}, {"enabled", "true"}, {"balance", "0"}};
        classes.push_back(relationalClass(c));
    }

    // A time-indexed table with an FK to the account, actions on delete/update.
    {
        ClassSpec c{module,
                    "Positions",
                    "feature__positions",
                    schema,
                    ns,
                    "feature.positions",
                    "Time-indexed positions keyed by account.",
                    false,
                    {},
                    emptyDdl(),
                    "time_index",
                    {"time_index", "account_uid"},
                    "1d"};
        c.columns = {
            {"time_index",
             "timestamp with time zone",
             "TIMESTAMP WITH TIME ZONE",
             false,
             false,
             false,
             "UTC observation time."},
            {"account_uid", "uuid", "UUID", false, false, false, "Account."},
            {"quantity", "float64", "FLOAT", false, false, false, "Position size."},
        };
        c.ddl["indexes"].push_back(index("uix__feature__positions__time_index__account_uid",
                                         {"time_index", "account_uid"},
                                         true));
        Json fk = foreignKey("fk__feature__positions__account_uid__feature__account",
                             {"account_uid"},
                             "feature__account",
                             {"uid"});
        fk["ondelete"] = "RESTRICT";
        fk["onupdate"] = "CASCADE";
        c.ddl["foreign_keys"].push_back(fk);
        classes.push_back(timeIndexedClass(c));
    }

    // An FK chain declared leaves-first (c -> b -> a), so creation needs ordering.
    const char *chain[] = {"feature__chain_c", "feature__chain_b", "feature__chain_a"};
    for (int i = 0; i < 3; ++i) {
        ClassSpec c{module,
                    std::string("Chain") + char('C' - i),
                    chain[i],
                    schema,
                    ns,
                    std::string("feature.") + (chain[i] + 9),
                    "A link of an FK chain.",
                    false,
                    {},
                    emptyDdl(),
                    {},
                    {},
                    {}};
        c.columns = {{"id", "int64", "BIGINT", false, true, false, "Identity."},
                     {"next_id", "int64", "BIGINT", true, false, false, "Next link."}};
        c.ddl["primary_key"] = Json{{"name", std::string("pk__") + chain[i]}, {"columns", {"id"}}};
        if (i < 2) {
            Json fk = foreignKey(
                std::string("fk__") + chain[i] + "__next_id", {"next_id"}, chain[i + 1], {"id"});
            fk["deferrable"] = true;
            fk["initially"] = "DEFERRED";
            c.ddl["foreign_keys"].push_back(fk);
        }
        classes.push_back(relationalClass(c));
    }

    // A cycle (left <-> right) and a self reference (the tree table).
    for (const char *side : {"left", "right"}) {
        const std::string table = std::string("feature__cycle_") + side;
        const std::string other
            = std::string("feature__cycle_") + (std::string(side) == "left" ? "right" : "left");
        ClassSpec c{module,
                    std::string("Cycle_") + side,
                    table,
                    schema,
                    ns,
                    "feature.cycle_" + std::string(side),
                    "Half of an FK cycle.",
                    false,
                    {},
                    emptyDdl(),
                    {},
                    {},
                    {}};
        c.columns = {{"id", "int64", "BIGINT", false, true, false, "Identity."},
                     {"other_id", "int64", "BIGINT", true, false, false, "The other side."}};
        c.ddl["primary_key"] = Json{{"name", "pk__" + table}, {"columns", {"id"}}};
        Json fk = foreignKey("fk__" + table + "__other_id", {"other_id"}, other, {"id"});
        fk["ondelete"] = "SET NULL";
        fk["match"] = "FULL";
        c.ddl["foreign_keys"].push_back(fk);
        classes.push_back(relationalClass(c));
    }
    {
        ClassSpec c{module,
                    "Tree",
                    "feature__tree",
                    schema,
                    ns,
                    "feature.tree",
                    "Self-referencing tree.",
                    false,
                    {},
                    emptyDdl(),
                    {},
                    {},
                    {}};
        c.columns = {{"id", "int64", "BIGINT", false, true, false, "Identity."},
                     {"parent_id", "int64", "BIGINT", true, false, false, "Parent node."}};
        c.ddl["primary_key"] = Json{{"name", "pk__feature__tree"}, {"columns", {"id"}}};
        Json fk
            = foreignKey("fk__feature__tree__parent_id", {"parent_id"}, "feature__tree", {"id"});
        fk["ondelete"] = "CASCADE";
        c.ddl["foreign_keys"].push_back(fk);
        classes.push_back(relationalClass(c));
    }

    // Hostile identifiers: quotes, spaces, upper case, a reserved word, injection attempts.
    {
        const std::string table = s(hostileTableName());
        const std::string column = s(hostileColumnName());
        ClassSpec c{module,
                    "Hostile",
                    table,
                    schema,
                    ns,
                    s(hostileDescription()),
                    s(hostileDescription()),
                    false,
                    {},
                    emptyDdl(),
                    {},
                    {},
                    {}};
        c.columns = {{"ID", "int64", "BIGINT", false, true, false, s(hostileDescription())},
                     {column,
                      "string",
                      "VARCHAR(40)",
                      true,
                      false,
                      false,
                      "x\"; DROP TABLE feature__tree; --"},
                     {"order", "string", "TEXT", true, false, false, "A reserved word."}};
        c.ddl["primary_key"] = Json{{"name", "pk hostile"}, {"columns", {"ID"}}};
        c.ddl["indexes"].push_back(index("ix hostile \"quoted\"", {column}, false));
        c.ddl["server_defaults"] = Json{{"order", "'it''s; DROP TABLE y'"}};
        classes.push_back(relationalClass(c));
    }

    return document(providerJson(package, ns, schema), classes);
}

} // namespace TestSupport
