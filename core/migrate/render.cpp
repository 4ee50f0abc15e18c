// SPDX-License-Identifier: MIT
#include "render.h"

#include <core/db/sqlidentifier.h>

namespace Core::Migrate {

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

Json optionalText(const std::optional<QString> &text)
{
    return text ? Json(s(*text)) : Json();
}

Json list(const QStringList &items)
{
    Json out = Json::array();
    for (const QString &item : items)
        out.push_back(s(item));
    return out;
}

Json columnJson(const ColumnSpec &c)
{
    Json j = {{"name", s(c.name)},
              {"type", s(c.sqlType)},
              {"nullable", c.nullable},
              {"server_default", optionalText(c.serverDefault)},
              {"comment", optionalText(c.comment)}};
    if (!c.dataType.isEmpty())
        j["data_type"] = s(c.dataType);
    if (c.backendType)
        j["backend_type"] = s(*c.backendType);
    return j;
}

Json indexJson(const IndexSpec &i)
{
    return {{"name", s(i.name)},
            {"columns", list(i.columns)},
            {"unique", i.unique},
            {"where", optionalText(i.where)},
            {"method", s(i.method)}};
}

Json foreignKeyJson(const ForeignKeySpec &f)
{
    return {{"name", s(f.name)},
            {"columns", list(f.columns)},
            {"target_schema", s(f.targetSchema)},
            {"target_table", s(f.targetTable)},
            {"target_columns", list(f.targetColumns)},
            {"on_delete", s(f.onDelete)},
            {"on_update", s(f.onUpdate)},
            {"deferrable", f.deferrable},
            {"initially_deferred", f.initiallyDeferred},
            {"match", s(f.match)}};
}

Json tableJson(const TableSpec &t)
{
    Json columns = Json::array();
    for (const ColumnSpec &c : t.columns)
        columns.push_back(columnJson(c));
    Json j = {{"schema", s(t.schema)},
              {"name", s(t.name)},
              {"comment", optionalText(t.comment)},
              {"columns", columns}};
    j["primary_key"] = t.primaryKey ? Json{{"name", s(t.primaryKey->name)},
                                           {"columns", list(t.primaryKey->columns)}}
                                    : Json();
    Json uniques = Json::array();
    for (const UniqueSpec &u : t.uniqueConstraints)
        uniques.push_back({{"name", s(u.name)}, {"columns", list(u.columns)}});
    j["unique_constraints"] = uniques;
    Json checks = Json::array();
    for (const CheckSpec &c : t.checkConstraints)
        checks.push_back({{"name", s(c.name)}, {"expression", s(c.expression)}});
    j["check_constraints"] = checks;
    Json indexes = Json::array();
    for (const IndexSpec &i : t.indexes)
        indexes.push_back(indexJson(i));
    j["indexes"] = indexes;
    Json fks = Json::array();
    for (const ForeignKeySpec &f : t.foreignKeys)
        fks.push_back(foreignKeyJson(f));
    j["foreign_keys"] = fks;
    return j;
}

Json stateJson(const ObjectState &state)
{
    Json j = Json::object();
    if (state.table)
        j["table"] = tableJson(*state.table);
    if (state.column)
        j["column"] = columnJson(*state.column);
    if (state.primaryKey)
        j["primary_key"]
            = {{"name", s(state.primaryKey->name)}, {"columns", list(state.primaryKey->columns)}};
    if (state.index)
        j["index"] = indexJson(*state.index);
    if (state.unique)
        j["unique"] = {{"name", s(state.unique->name)}, {"columns", list(state.unique->columns)}};
    if (state.check)
        j["check"] = {{"name", s(state.check->name)}, {"expression", s(state.check->expression)}};
    if (state.foreignKey)
        j["foreign_key"] = foreignKeyJson(*state.foreignKey);
    if (state.comment)
        j["comment"] = s(*state.comment);
    if (state.catalog) {
        const CatalogSpec &c = *state.catalog;
        j["catalog"] = {{"identifier", s(c.identifier)},
                        {"namespace", s(c.namespaceName)},
                        {"description", optionalText(c.description)},
                        {"labels", list(c.labels)},
                        {"provisioning", c.provisioning},
                        {"protect_from_deletion", c.protectFromDeletion},
                        {"table_kind", s(c.tableKind)},
                        {"column_texts", Json::object()}};
        for (auto it = c.columnTexts.cbegin(); it != c.columnTexts.cend(); ++it)
            j["catalog"]["column_texts"][s(it.key())] = {
                {"label", optionalText(it->label)}, {"description", optionalText(it->description)}};
    }
    return j;
}

Json riskJson(const Risk &r)
{
    Json j = {
        {"kind", s(riskKindName(r.kind))},
        {"level", s(riskLevelName(r.level))},
        {"reason", s(r.reason)},
        {"safer_alternative", r.saferAlternative.isEmpty() ? Json() : Json(s(r.saferAlternative))}};
    j["affected_rows"] = r.affectedRows ? Json(*r.affectedRows) : Json();
    return j;
}

QString oneLine(QString text)
{
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return text;
}

QString levelTag(RiskLevel level)
{
    return riskLevelName(level).toUpper();
}

} // namespace

QString renderSqlScript(const Plan &plan)
{
    QString out;
    out += QStringLiteral("-- Migration plan for provider %1: %2 operation(s)\n")
               .arg(oneLine(plan.providerKey))
               .arg(plan.operations.size());
    for (const Finding &f : plan.findings)
        out += QStringLiteral("-- %1: %2\n")
                   .arg(findingSeverityName(f.severity).toUpper(), oneLine(f.message));
    out += QStringLiteral("BEGIN;\n");
    for (const Operation &op : plan.operations) {
        out += QStringLiteral("\n-- ") + oneLine(op.summary) + u'\n';
        for (const Risk &r : op.risks)
            out += QStringLiteral("--   %1: %2\n").arg(levelTag(r.level), oneLine(r.reason));
        if (op.catalogOnly)
            out += QStringLiteral("--   (catalog only: written by the upgrade)\n");
        for (const QString &statement : op.statements)
            out += statement + QStringLiteral(";\n");
    }
    out += QStringLiteral("\nCOMMIT;\n");
    return out;
}

Json planToJson(const Plan &plan)
{
    const PlanSummary sum = plan.summary();
    Json j = Json::object();
    j["provider"] = s(plan.providerKey);
    j["empty"] = plan.isEmpty();
    j["allow_destructive"] = plan.allowDestructive;
    j["summary"] = {{"operations", sum.operations},
                    {"creates", sum.creates},
                    {"alters", sum.alters},
                    {"drops", sum.drops},
                    {"renames", sum.renames},
                    {"catalog_only", sum.catalogOnly},
                    {"destructive", sum.destructive},
                    {"blocked", sum.blocked},
                    {"errors", sum.errors},
                    {"warnings", sum.warnings}};
    Json ops = Json::array();
    for (const Operation &op : plan.operations) {
        Json o = {{"kind", s(operationKindName(op.kind))},
                  {"schema", s(op.schema)},
                  {"table", s(op.table)},
                  {"name", s(op.objectName)}};
        if (!op.previousName.isEmpty())
            o["previous_name"] = s(op.previousName);
        o["storage_class"] = op.storageClass.isEmpty() ? Json() : Json(s(op.storageClass));
        o["summary"] = s(op.summary);
        o["destructive"] = op.destructive;
        o["catalog_only"] = op.catalogOnly;
        o["before"] = stateJson(op.before);
        o["after"] = stateJson(op.after);
        o["statements"] = list(op.statements);
        Json risks = Json::array();
        for (const Risk &r : op.risks)
            risks.push_back(riskJson(r));
        o["risks"] = risks;
        ops.push_back(o);
    }
    j["operations"] = ops;
    Json unmanaged = Json::array();
    for (const TableRef &t : plan.unmanagedTables)
        unmanaged.push_back({{"schema", s(t.schema)}, {"name", s(t.name)}});
    j["unmanaged_tables"] = unmanaged;
    Json findings = Json::array();
    for (const Finding &f : plan.findings)
        findings.push_back({{"severity", s(findingSeverityName(f.severity))},
                            {"code", s(f.code)},
                            {"message", s(f.message)},
                            {"schema", s(f.schema)},
                            {"table", s(f.table)},
                            {"pointer", s(f.pointer)}});
    j["findings"] = findings;
    Json candidates = Json::array();
    for (const ColumnRenameCandidate &c : plan.renameCandidates)
        candidates.push_back(
            {{"schema", s(c.schema)}, {"table", s(c.table)}, {"from", s(c.from)}, {"to", s(c.to)}});
    j["rename_candidates"] = candidates;
    return j;
}

QString renderText(const Plan &plan)
{
    QString out;
    if (plan.operations.isEmpty() && !plan.hasErrors())
        out += QStringLiteral("The database matches the manifest of %1.\n").arg(plan.providerKey);
    QString currentTable;
    for (const Operation &op : plan.operations) {
        const QString table = Db::quoteQualified(op.schema, op.table);
        if (table != currentTable) {
            out += table + u'\n';
            currentTable = table;
        }
        QString marks;
        if (op.destructive)
            marks += QStringLiteral(" [destructive]");
        if (op.catalogOnly)
            marks += QStringLiteral(" [catalog]");
        out += QStringLiteral("  %1%2\n").arg(oneLine(op.summary), marks);
        for (const Risk &r : op.risks) {
            out += QStringLiteral("      %1: %2\n").arg(levelTag(r.level), oneLine(r.reason));
            if (!r.saferAlternative.isEmpty() && r.level != RiskLevel::Info)
                out += QStringLiteral("        safer: %1\n").arg(oneLine(r.saferAlternative));
        }
    }
    for (const ColumnRenameCandidate &c : plan.renameCandidates)
        out += QStringLiteral(
                   "Probable rename: column %1 -> %2 in %3 (accept it to keep the data)\n")
                   .arg(Db::quoteIdentifier(c.from),
                        Db::quoteIdentifier(c.to),
                        Db::quoteQualified(c.schema, c.table));
    for (const Finding &f : plan.findings)
        out += QStringLiteral("%1: %2\n").arg(findingSeverityName(f.severity), oneLine(f.message));
    if (!plan.unmanagedTables.isEmpty()) {
        QStringList names;
        for (const TableRef &t : plan.unmanagedTables)
            names.append(Db::quoteQualified(t.schema, t.name));
        out += QStringLiteral("Unmanaged tables (left alone): %1\n")
                   .arg(names.join(QStringLiteral(", ")));
    }
    const PlanSummary sum = plan.summary();
    out += QStringLiteral("%1 operation(s): %2 create, %3 alter, %4 drop, %5 rename, %6 catalog; "
                          "%7 destructive, %8 blocked; %9 error(s)\n")
               .arg(sum.operations)
               .arg(sum.creates)
               .arg(sum.alters)
               .arg(sum.drops)
               .arg(sum.renames)
               .arg(sum.catalogOnly)
               .arg(sum.destructive)
               .arg(sum.blocked)
               .arg(sum.errors);
    return out;
}

} // namespace Core::Migrate
