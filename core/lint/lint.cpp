// SPDX-License-Identifier: MIT
// Contract lint over the model: the SDK's time-index validation (sdk-contract.md 3) with its
// exact messages, naming, foreign keys and the migration guide's rules and common mistakes.
#include "lint.h"

#include "lintrules.h"

#include <core/sdk/dtype.h>
#include <core/sdk/naming.h>

#include <QRegularExpression>
#include <QSet>

namespace Core {

namespace LintDetail {

namespace {

struct Rule
{
    const char *id;
    const char *slug;
    LintSeverity severity;
};

// Ids are stable: new rules get new numbers, retired numbers are never reused.
constexpr Rule rules[] = {
    {"MT001", "storage-description-missing", LintSeverity::Error},
    {"MT002", "column-label-missing", LintSeverity::Warning},
    {"MT003", "column-description-missing", LintSeverity::Warning},
    {"MT004", "table-name-convention", LintSeverity::Error},
    {"MT005", "table-name-too-long", LintSeverity::Error},
    {"MT006", "fk-target-not-authored-name", LintSeverity::Error},
    {"MT007", "fk-target-unknown", LintSeverity::Error},
    {"MT008", "index-names-time-index-first", LintSeverity::Error},
    {"MT009", "index-names-duplicate", LintSeverity::Error},
    {"MT010", "index-names-missing-columns", LintSeverity::Error},
    {"MT011", "time-index-not-temporal", LintSeverity::Error},
    {"MT012", "index-columns-nullable", LintSeverity::Error},
    {"MT013", "cadence-token", LintSeverity::Error},
    {"MT014", "grain-index-repeated", LintSeverity::Warning},
    {"MT015", "duplicate-table-name", LintSeverity::Error},
    {"MT016", "duplicate-identifier", LintSeverity::Error},
    {"MT017", "config-field-description-missing", LintSeverity::Warning},
    {"MT018", "config-legacy-extra", LintSeverity::Error},
    {"MT019", "config-storage-identity", LintSeverity::Error},
    {"MT020", "hand-written-binding", LintSeverity::Error},
    {"MT021", "unknown-key", LintSeverity::Note},
    {"MT022", "config-required-value-missing", LintSeverity::Error},
    {"MT023", "node-storage-class-unknown", LintSeverity::Error},
    {"MT024", "identifier-not-prefixed", LintSeverity::Warning},
    {"MT025", "introspect-on-platform-managed", LintSeverity::Warning},
    {"MT026", "ddl-name-derived", LintSeverity::Note},
    // From the exporter's source checks (the manifest's "x-metatable-assistant" block).
    {"MT027", "source-tdag-import", LintSeverity::Error},
    {"MT028", "node-inline-metadata", LintSeverity::Error},
    {"MT029", "node-constructor-signature", LintSeverity::Warning},
    {"MT030", "storage-factory-not-memoised", LintSeverity::Error},
    {"MT031", "storage-factory-unchecked", LintSeverity::Warning},
    {"MT032", "register-kwargs", LintSeverity::Error},
    {"MT033", "manual-uid-binding", LintSeverity::Error},
    {"MT034", "data-source-uid-threading", LintSeverity::Error},
    {"MT035", "assistant-block-invalid", LintSeverity::Error},
    {"MT036", "assistant-check-unknown", LintSeverity::Warning},
};

} // namespace

void report(QList<LintFinding> &out,
            const char *rule,
            const QString &pointer,
            const QString &message,
            const QString &fix)
{
    for (const Rule &r : rules) {
        if (qstrcmp(r.slug, rule) == 0) {
            out.append(LintFinding{QString::fromLatin1(r.id),
                                   QString::fromLatin1(r.slug),
                                   r.severity,
                                   pointer,
                                   message,
                                   fix});
            return;
        }
    }
    Q_ASSERT_X(false, "LintDetail::report", rule);
}

QString nodePointer(qsizetype node)
{
    return QStringLiteral("/nodes/%1").arg(node);
}

} // namespace LintDetail

using namespace LintDetail;

namespace {

QString classPointer(qsizetype i)
{
    return QStringLiteral("/storage_classes/%1").arg(i);
}

QString registrationPointer(qsizetype i)
{
    return classPointer(i) + QStringLiteral("/registration");
}

QString contractPointer(qsizetype i)
{
    return registrationPointer(i) + QStringLiteral("/table_contract");
}

QString indexNamesPointer(qsizetype i)
{
    return contractPointer(i) + QStringLiteral("/authoring/time_indexed/index_names");
}

// Python's repr() of a list of str, as the SDK's messages print it.
QString pythonListRepr(const QStringList &items)
{
    QStringList parts;
    for (const QString &item : items) {
        if (item.contains(QLatin1Char('\'')) && !item.contains(QLatin1Char('"'))) {
            parts << QLatin1Char('"')
                         + QString(item).replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
                         + QLatin1Char('"');
        } else {
            QString body = item;
            body.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
            body.replace(QLatin1Char('\''), QStringLiteral("\\'"));
            parts << QLatin1Char('\'') + body + QLatin1Char('\'');
        }
    }
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

bool isBlank(const std::optional<QString> &text)
{
    return !text || text->trimmed().isEmpty();
}

void lintColumns(const StorageClass &sc, qsizetype i, QList<LintFinding> &out)
{
    const QList<Column> &columns = sc.registration.columns;
    for (qsizetype c = 0; c < columns.size(); ++c) {
        const QString p = contractPointer(i) + QStringLiteral("/columns/%1").arg(c);
        if (isBlank(columns[c].label))
            report(out,
                   "column-label-missing",
                   p + QStringLiteral("/label"),
                   QStringLiteral("Column '%1' of %2 has no label.")
                       .arg(columns[c].name, sc.tableName()),
                   QStringLiteral("Set info={\"label\": ...} on the SQLAlchemy column."));
        if (isBlank(columns[c].description))
            report(out,
                   "column-description-missing",
                   p + QStringLiteral("/description"),
                   QStringLiteral("Column '%1' of %2 has no description.")
                       .arg(columns[c].name, sc.tableName()),
                   QStringLiteral("Set info={\"description\": ...} saying what the column holds."));
    }
}

void lintTableName(const StorageClass &sc, qsizetype i, QList<LintFinding> &out)
{
    const QString p = contractPointer(i) + QStringLiteral("/physical/table_name");
    const QString name = sc.tableName();
    if (name.size() > Sdk::PostgresIdentifierLimit)
        report(out,
               "table-name-too-long",
               p,
               QStringLiteral("Table name '%1' has %2 characters; PostgreSQL keeps only %3.")
                   .arg(name)
                   .arg(name.size())
                   .arg(Sdk::PostgresIdentifierLimit),
               QStringLiteral(
                   "Build the name with schema_table_name(app, concept), which bounds it."));
    const auto parsed = Sdk::parseSchemaTableName(name);
    if (!parsed) {
        report(out,
               "table-name-convention",
               p,
               parsed.error().message,
               QStringLiteral("Name the table schema_table_name(project_or_app, concept)."));
    }
}

// Section 3 of the SDK contract, in the SDK's order; the first failure stops the checks as the
// SDK's validator does.
void lintTimeIndex(const StorageClass &sc, qsizetype i, QList<LintFinding> &out)
{
    const Registration &r = sc.registration;
    const QString p = indexNamesPointer(i);
    const QString tin = r.timeIndexName;
    if (!r.indexNames.isEmpty() && r.indexNames.first() != tin) {
        report(out,
               "index-names-time-index-first",
               p + QStringLiteral("/0"),
               QStringLiteral("PlatformTimeIndexMetaTable index_names must start with the "
                              "time_index_name. Expected '%1', got '%2'.")
                   .arg(tin, r.indexNames.first()),
               QStringLiteral("Put '%1' first in __index_names__.").arg(tin));
        return;
    }
    if (QSet<QString>(r.indexNames.begin(), r.indexNames.end()).size() != r.indexNames.size()) {
        report(out,
               "index-names-duplicate",
               p,
               QStringLiteral("PlatformTimeIndexMetaTable index_names cannot contain duplicates."),
               QStringLiteral("List each index column once in __index_names__."));
        return;
    }
    QStringList missing;
    for (const QString &name : r.indexNames) {
        if (!sc.column(name))
            missing << name;
    }
    if (!missing.isEmpty()) {
        report(
            out,
            "index-names-missing-columns",
            p,
            QStringLiteral("PlatformTimeIndexMetaTable index_names must all exist as table "
                           "columns. Missing columns: %1.")
                .arg(pythonListRepr(missing)),
            QStringLiteral(
                "Declare the columns on the storage class or remove them from __index_names__."));
        return;
    }
    if (const Column *time = sc.column(tin)) {
        const qsizetype c = r.columns.indexOf(*time);
        const QString cp = contractPointer(i) + QStringLiteral("/columns/%1/data_type").arg(c);
        const auto token = Sdk::normalizeDtypeToken(time->dataType);
        if (!token) {
            report(out,
                   "time-index-not-temporal",
                   cp,
                   token.error().message,
                   QStringLiteral("Declare the time index as DateTime(timezone=True) or Date."));
            return;
        }
        if (!Sdk::isTemporalToken(*token)) {
            report(out,
                   "time-index-not-temporal",
                   cp,
                   QStringLiteral("PlatformTimeIndexMetaTable time_index_name must reference a "
                                  "temporal column. Column '%1' has type '%2'.")
                       .arg(tin, *token),
                   QStringLiteral("Declare the time index as DateTime(timezone=True) or Date."));
            return;
        }
    }
    QStringList nullable;
    for (const QString &name : r.indexNames) {
        if (const Column *c = sc.column(name); c && c->nullable)
            nullable << name;
    }
    if (!nullable.isEmpty())
        report(out,
               "index-columns-nullable",
               p,
               QStringLiteral("PlatformTimeIndexMetaTable index columns must be non-nullable. "
                              "Nullable index columns: %1.")
                   .arg(pythonListRepr(nullable)),
               QStringLiteral("Declare the index columns with nullable=False."));
}

void lintCadence(const StorageClass &sc, qsizetype i, QList<LintFinding> &out)
{
    if (!sc.registration.cadence || sc.registration.cadence->trimmed().isEmpty())
        return;
    static const QRegularExpression token(QStringLiteral("^[1-9][0-9]*(mo|s|m|h|d|w|q|y)$"));
    const QString value = sc.registration.cadence->trimmed().toLower();
    if (!token.match(value).hasMatch() || value.size() > 32)
        report(out,
               "cadence-token",
               registrationPointer(i) + QStringLiteral("/cadence"),
               QStringLiteral("PlatformTimeIndexMetaTable cadence must be an interval token such "
                              "as 1m, 5m, 1h, 1d, 1w, 1mo, 1q, or 1y."),
               QStringLiteral("Use a token such as 1d or 1h (months are 'mo')."));
}

void lintGrainIndex(const StorageClass &sc, qsizetype i, QList<LintFinding> &out)
{
    const QStringList &grain = sc.registration.indexNames;
    const QSet<QString> grainSet(grain.begin(), grain.end());
    auto sameSet = [&](const QStringList &cols) {
        return cols.size() == grain.size() && QSet<QString>(cols.begin(), cols.end()) == grainSet;
    };
    QStringList names;
    QString lastPointer;
    for (qsizetype x = 0; x < sc.ddl.indexes.size(); ++x) {
        if (sc.ddl.indexes[x].unique && sameSet(sc.ddl.indexes[x].columns)) {
            names << sc.ddl.indexes[x].name;
            lastPointer = classPointer(i) + QStringLiteral("/ddl/indexes/%1").arg(x);
        }
    }
    for (qsizetype x = 0; x < sc.ddl.uniqueConstraints.size(); ++x) {
        if (sameSet(sc.ddl.uniqueConstraints[x].columns)) {
            names << sc.ddl.uniqueConstraints[x].name;
            lastPointer = classPointer(i) + QStringLiteral("/ddl/unique_constraints/%1").arg(x);
        }
    }
    if (names.size() > 1)
        report(out,
               "grain-index-repeated",
               lastPointer,
               QStringLiteral("The unique grain over %1 is declared %2 times (%3); the SDK adds it "
                              "once by itself.")
                   .arg(pythonListRepr(grain))
                   .arg(names.size())
                   .arg(names.join(QStringLiteral(", "))),
               QStringLiteral(
                   "Remove the hand-written unique Index/UniqueConstraint over __index_names__."));
}

bool looksLikeUid(const QString &name)
{
    static const QRegularExpression uuid(QStringLiteral(
        "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"));
    static const QRegularExpression hash(QStringLiteral("(^[0-9a-fA-F]{16,}$)|([0-9a-f]{32})"));
    return uuid.match(name).hasMatch() || hash.match(name).hasMatch();
}

void lintForeignKeys(const ProviderManifest &m,
                     const StorageClass &sc,
                     qsizetype i,
                     QList<LintFinding> &out)
{
    for (qsizetype f = 0; f < sc.ddl.foreignKeys.size(); ++f) {
        const ForeignKeyDef &fk = sc.ddl.foreignKeys[f];
        const QString p
            = classPointer(i) + QStringLiteral("/ddl/foreign_keys/%1/target_table").arg(f);
        const QString schema = fk.targetSchema.value_or(m.provider.schema);
        bool known = false;
        for (const StorageClass &other : m.storageClasses)
            known = known || (other.tableName() == fk.targetTable && other.schema() == schema);
        for (const ExternalTable &e : m.externalTables)
            known = known || (e.tableName == fk.targetTable && e.schema == schema);
        const bool authoredForm = Sdk::parseSchemaTableName(fk.targetTable).has_value();
        if (looksLikeUid(fk.targetTable) || (!known && !authoredForm)) {
            report(out,
                   "fk-target-not-authored-name",
                   p,
                   QStringLiteral("Foreign key %1 targets '%2', which looks like a physical table "
                                  "name or a MetaTable UID, not an authored SQLAlchemy table name.")
                       .arg(fk.name, fk.targetTable),
                   QStringLiteral(
                       "Point ForeignKey(...) at the target's schema_table_name(app, concept)."));
        } else if (!known) {
            report(
                out,
                "fk-target-unknown",
                p,
                QStringLiteral("Foreign key %1 targets %2.%3, which is neither a storage class of "
                               "this manifest nor listed in external_tables.")
                    .arg(fk.name, schema, fk.targetTable),
                QStringLiteral(
                    "Add the table to external_tables with its owner, or fix the target name."));
        }
    }
}

// Names the manifest leaves unset are legitimate (SQLAlchemy leaves such objects unnamed), but
// the reader gave them the SDK's names, and the author may want to see or pin them.
void lintDerivedNames(const StorageClass &sc, qsizetype i, QList<LintFinding> &out)
{
    const QString ddl = classPointer(i) + QStringLiteral("/ddl");
    auto derived = [&](const QString &pointer, const QString &what, const QString &name) {
        report(out,
               "ddl-name-derived",
               pointer,
               QStringLiteral("The %1 has no name; the SDK's naming convention names it '%2'.")
                   .arg(what, name),
               QStringLiteral("Write \"name\": \"%1\" to pin it.").arg(name));
    };
    const QString comma = QStringLiteral(", ");
    if (sc.ddl.primaryKey && sc.ddl.primaryKey->nameDerived)
        derived(ddl + QStringLiteral("/primary_key"),
                QStringLiteral("primary key (%1)").arg(sc.ddl.primaryKey->columns.join(comma)),
                sc.ddl.primaryKey->name);
    for (qsizetype x = 0; x < sc.ddl.indexes.size(); ++x) {
        const IndexDef &index = sc.ddl.indexes[x];
        if (index.nameDerived)
            derived(
                ddl + QStringLiteral("/indexes/%1").arg(x),
                QStringLiteral("%1 over (%2)")
                    .arg(index.unique ? QStringLiteral("unique index") : QStringLiteral("index"),
                         index.columns.join(comma)),
                index.name);
    }
    for (qsizetype x = 0; x < sc.ddl.uniqueConstraints.size(); ++x) {
        const UniqueConstraintDef &unique = sc.ddl.uniqueConstraints[x];
        if (unique.nameDerived)
            derived(ddl + QStringLiteral("/unique_constraints/%1").arg(x),
                    QStringLiteral("unique constraint over (%1)").arg(unique.columns.join(comma)),
                    unique.name);
    }
    for (qsizetype x = 0; x < sc.ddl.checkConstraints.size(); ++x) {
        const CheckConstraintDef &check = sc.ddl.checkConstraints[x];
        if (check.nameDerived)
            derived(ddl + QStringLiteral("/check_constraints/%1").arg(x),
                    QStringLiteral("check constraint (%1)").arg(check.sqlText),
                    check.name);
    }
    for (qsizetype x = 0; x < sc.ddl.foreignKeys.size(); ++x) {
        const ForeignKeyDef &fk = sc.ddl.foreignKeys[x];
        if (fk.nameDerived)
            derived(ddl + QStringLiteral("/foreign_keys/%1").arg(x),
                    QStringLiteral("foreign key (%1) -> %2 (%3)")
                        .arg(fk.columns.join(comma), fk.targetTable, fk.targetColumns.join(comma)),
                    fk.name);
    }
}

void lintStorageClass(const ProviderManifest &m,
                      const StorageClass &sc,
                      qsizetype i,
                      QList<LintFinding> &out)
{
    const Registration &r = sc.registration;
    if (isBlank(r.description))
        report(out,
               "storage-description-missing",
               registrationPointer(i) + QStringLiteral("/description"),
               QStringLiteral("Storage class %1 has no description.").arg(sc.classRef.path()),
               QStringLiteral(
                   "Set __metatable_description__ describing the schema and its intention."));
    lintColumns(sc, i, out);
    lintTableName(sc, i, out);
    if (sc.isTimeIndexed()) {
        lintTimeIndex(sc, i, out);
        lintCadence(sc, i, out);
        lintGrainIndex(sc, i, out);
    } else if (r.introspect && r.managementMode == QLatin1String("platform_managed")) {
        report(out,
               "introspect-on-platform-managed",
               registrationPointer(i) + QStringLiteral("/introspect"),
               QStringLiteral("introspect belongs to externally registered tables, not to "
                              "platform-managed storage registration."),
               QStringLiteral("Remove introspect (or register the table as external_registered)."));
    }
    const QString package = m.provider.package;
    if (r.identifier && !package.isEmpty() && !r.identifier->startsWith(package + QLatin1Char('.'))
        && !r.identifier->startsWith(package + QLatin1Char('_')))
        report(out,
               "identifier-not-prefixed",
               registrationPointer(i) + QStringLiteral("/identifier"),
               QStringLiteral("Identifier '%1' is not prefixed with the package '%2'; bare "
                              "identifiers collide across projects.")
                   .arg(*r.identifier, package),
               QStringLiteral("Prefix __metatable_identifier__ with '%1.'.").arg(package));
    lintForeignKeys(m, sc, i, out);
    lintDerivedNames(sc, i, out);
}

void lintDuplicates(const ProviderManifest &m, QList<LintFinding> &out)
{
    QHash<QString, qsizetype> tables;
    QHash<QString, qsizetype> identifiers;
    for (qsizetype i = 0; i < m.storageClasses.size(); ++i) {
        const StorageClass &sc = m.storageClasses[i];
        const QString table = sc.schema() + QLatin1Char('.') + sc.tableName();
        if (const auto it = tables.constFind(table); it != tables.constEnd())
            report(
                out,
                "duplicate-table-name",
                contractPointer(i) + QStringLiteral("/physical/table_name"),
                QStringLiteral("Table %1 is also the table of /storage_classes/%2.")
                    .arg(table)
                    .arg(*it),
                QStringLiteral("Give each storage class its own schema_table_name(app, concept)."));
        else
            tables.insert(table, i);
        if (!sc.registration.identifier)
            continue;
        const QString id = *sc.registration.identifier;
        if (const auto it = identifiers.constFind(id); it != identifiers.constEnd())
            report(out,
                   "duplicate-identifier",
                   registrationPointer(i) + QStringLiteral("/identifier"),
                   QStringLiteral("Identifier '%1' is also the identifier of /storage_classes/%2.")
                       .arg(id)
                       .arg(*it),
                   QStringLiteral("Give each storage class its own __metatable_identifier__."));
        else
            identifiers.insert(id, i);
    }
}

} // namespace

QString lintSeverityName(LintSeverity severity)
{
    switch (severity) {
    case LintSeverity::Error:
        return QStringLiteral("error");
    case LintSeverity::Warning:
        return QStringLiteral("warning");
    case LintSeverity::Note:
        break;
    }
    return QStringLiteral("note");
}

QList<LintFinding> lintManifest(const ProviderManifest &manifest)
{
    QList<LintFinding> out;
    for (qsizetype i = 0; i < manifest.storageClasses.size(); ++i)
        lintStorageClass(manifest, manifest.storageClasses[i], i, out);
    lintDuplicates(manifest, out);
    for (qsizetype n = 0; n < manifest.nodes.size(); ++n) {
        const NodeDefinition &node = manifest.nodes[n];
        if (node.storageClass && !manifest.storageClassByTable(*node.storageClass))
            report(
                out,
                "node-storage-class-unknown",
                nodePointer(n) + QStringLiteral("/storage_class"),
                QStringLiteral(
                    "Node %1 writes into '%2', which is not a storage class of this manifest.")
                    .arg(node.classRef.path(), *node.storageClass),
                QStringLiteral("Name the output by its SQLAlchemy table name, or set it to null."));
        lintNodeConfig(node, n, out);
    }
    return out;
}

QList<LintFinding> lintManifest(const ManifestDocument &document)
{
    QList<LintFinding> out = lintManifest(document.manifest);
    lintDocumentBindings(document.raw, out);
    lintDocumentKeys(document.raw, out);
    lintAssistantFindings(document.raw, out);
    return out;
}

bool hasLintErrors(const QList<LintFinding> &findings)
{
    for (const LintFinding &f : findings) {
        if (f.severity == LintSeverity::Error)
            return true;
    }
    return false;
}

} // namespace Core
