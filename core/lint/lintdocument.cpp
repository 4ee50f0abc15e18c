// SPDX-License-Identifier: MIT
// Lint of the document as written: keys the format does not define (kept, reported as notes)
// and bindings written by hand (the console fills them from its catalog).
#include "lintrules.h"

#include <core/manifest/jsonreader.h>

#include <initializer_list>
#include <string_view>

namespace Core::LintDetail {

namespace {

using Keys = std::initializer_list<std::string_view>;
using ManifestDetail::escapePointerToken;

QString child(const QString &p, const std::string &k)
{
    return p + QLatin1Char('/') + escapePointerToken(QString::fromStdString(k));
}

QString child(const QString &p, std::size_t i)
{
    return p + QLatin1Char('/') + QString::number(i);
}

const Json *member(const Json &obj, const char *k)
{
    if (!obj.is_object())
        return nullptr;
    const auto it = obj.find(k);
    return it == obj.end() ? nullptr : &*it;
}

void keys(const Json *obj, const QString &p, Keys known, QList<LintFinding> &out)
{
    if (!obj || !obj->is_object())
        return;
    for (auto it = obj->begin(); it != obj->end(); ++it) {
        bool isKnown = false;
        for (std::string_view k : known)
            isKnown = isKnown || k == it.key();
        if (!isKnown)
            report(out,
                   "unknown-key",
                   child(p, it.key()),
                   QStringLiteral(
                       "Key '%1' is not part of metatable-provider/1; it is kept as written.")
                       .arg(QString::fromStdString(it.key())),
                   QStringLiteral("Nothing to do if it is an extension (by convention 'x-...'); "
                                  "otherwise check its spelling."));
    }
}

template <class F>
void items(const Json &obj, const char *k, const QString &p, F &&f)
{
    const Json *list = member(obj, k);
    if (!list || !list->is_array())
        return;
    for (std::size_t i = 0; i < list->size(); ++i)
        f((*list)[i], child(child(p, std::string(k)), i));
}

Json::const_pointer at(const Json &obj, const char *k)
{
    return member(obj, k);
}

void storageClassKeys(const Json &sc, const QString &p, QList<LintFinding> &out)
{
    keys(&sc, p, {"class", "kind", "registration", "ddl", "binding"}, out);
    keys(at(sc, "class"), p + QStringLiteral("/class"), {"module", "qualname"}, out);
    const QString rp = p + QStringLiteral("/registration");
    const Json *reg = at(sc, "registration");
    keys(reg,
         rp,
         {"physical_schema",
          "identifier",
          "namespace",
          "description",
          "labels",
          "protect_from_deletion",
          "provisioning",
          "schema_management",
          "management_mode",
          "introspect",
          "time_index_name",
          "cadence",
          "partition_strategy",
          "table_contract"},
         out);
    if (!reg)
        return;
    const QString cp = rp + QStringLiteral("/table_contract");
    const Json *contract = at(*reg, "table_contract");
    keys(contract,
         cp,
         {"version", "table_kind", "authoring", "physical", "columns", "constraints"},
         out);
    if (contract) {
        const Json *authoring = at(*contract, "authoring");
        const QString ap = cp + QStringLiteral("/authoring");
        keys(authoring, ap, {"table_model", "time_indexed"}, out);
        if (authoring) {
            keys(at(*authoring, "table_model"),
                 ap + QStringLiteral("/table_model"),
                 {"kind", "module", "qualname"},
                 out);
            keys(at(*authoring, "time_indexed"),
                 ap + QStringLiteral("/time_indexed"),
                 {"time_index_name", "index_names", "cadence", "storage_layout"},
                 out);
        }
        keys(at(*contract, "physical"),
             cp + QStringLiteral("/physical"),
             {"schema", "table_name"},
             out);
        items(*contract, "columns", cp, [&](const Json &c, const QString &at_) {
            keys(&c,
                 at_,
                 {"name",
                  "data_type",
                  "backend_type",
                  "nullable",
                  "primary_key",
                  "unique",
                  "server_default",
                  "description",
                  "label",
                  "logical_name"},
                 out);
        });
    }
    const QString dp = p + QStringLiteral("/ddl");
    const Json *ddl = at(sc, "ddl");
    keys(ddl,
         dp,
         {"primary_key",
          "indexes",
          "unique_constraints",
          "check_constraints",
          "foreign_keys",
          "server_defaults"},
         out);
    if (ddl) {
        keys(
            at(*ddl, "primary_key"), dp + QStringLiteral("/primary_key"), {"name", "columns"}, out);
        items(*ddl, "indexes", dp, [&](const Json &x, const QString &a) {
            keys(&x, a, {"name", "columns", "unique", "where", "dialect_kwargs"}, out);
        });
        items(*ddl, "unique_constraints", dp, [&](const Json &x, const QString &a) {
            keys(&x, a, {"name", "columns"}, out);
        });
        items(*ddl, "check_constraints", dp, [&](const Json &x, const QString &a) {
            keys(&x, a, {"name", "authored_name", "sqltext"}, out);
        });
        items(*ddl, "foreign_keys", dp, [&](const Json &x, const QString &a) {
            keys(&x,
                 a,
                 {"name",
                  "columns",
                  "target_schema",
                  "target_table",
                  "target_columns",
                  "ondelete",
                  "onupdate",
                  "deferrable",
                  "initially",
                  "match"},
                 out);
        });
    }
    keys(at(sc, "binding"),
         p + QStringLiteral("/binding"),
         {"uid", "physical_table_name", "physical_schema", "data_source_uid"},
         out);
}

} // namespace

void lintDocumentKeys(const Json &raw, QList<LintFinding> &out)
{
    // The assistant's block is an extension the lint reads (lintassistant.cpp), not an unknown key.
    keys(&raw,
         QString(),
         {"format",
          "provider",
          "storage_classes",
          "external_tables",
          "nodes",
          "x-metatable-assistant"},
         out);
    if (const Json *provider = at(raw, "provider")) {
        keys(provider,
             QStringLiteral("/provider"),
             {"package", "migration_namespace", "schema", "alembic_registry"},
             out);
        keys(at(*provider, "alembic_registry"),
             QStringLiteral("/provider/alembic_registry"),
             {"identifier", "table_name"},
             out);
    }
    items(raw, "storage_classes", QString(), [&](const Json &sc, const QString &p) {
        storageClassKeys(sc, p, out);
    });
    items(raw, "external_tables", QString(), [&](const Json &e, const QString &p) {
        keys(&e, p, {"schema", "table_name", "owner", "referenced_columns"}, out);
        keys(at(e, "owner"), p + QStringLiteral("/owner"), {"package", "migration_namespace"}, out);
    });
    items(raw, "nodes", QString(), [&](const Json &n, const QString &p) {
        keys(&n,
             p,
             {"class",
              "storage_class",
              "config_class",
              "config_schema",
              "config",
              "hash_namespace",
              "runner"},
             out);
        keys(at(n, "class"), p + QStringLiteral("/class"), {"module", "qualname"}, out);
        keys(at(n, "config_class"),
             p + QStringLiteral("/config_class"),
             {"module", "qualname"},
             out);
        keys(at(n, "runner"),
             p + QStringLiteral("/runner"),
             {"command", "row_format", "working_directory", "environment"},
             out);
    });
}

void lintDocumentBindings(const Json &raw, QList<LintFinding> &out)
{
    items(raw, "storage_classes", QString(), [&](const Json &sc, const QString &p) {
        const Json *binding = at(sc, "binding");
        if (binding && !binding->is_null())
            report(
                out,
                "hand-written-binding",
                p + QStringLiteral("/binding"),
                QStringLiteral("The manifest sets a binding (MetaTable UID, data source UID) by "
                               "hand; bindings come from the migration workflow."),
                QStringLiteral("Set \"binding\": null and run the migrations; the console fills it "
                               "from its catalog."));
    });
}

} // namespace Core::LintDetail
