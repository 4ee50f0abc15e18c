// SPDX-License-Identifier: MIT
// Reading metatable-provider/1 documents into the model (provider-manifest.md).
#include "ddlnames.h"
#include "jsonparse.h"
#include "jsonreader.h"
#include "manifestio.h"

#include <core/util/atomicfile.h>

#include <QtConcurrent/QtConcurrentMap>

#include <exception>
#include <numeric>
#include <optional>
#include <vector>

namespace Core {

using namespace ManifestDetail;

namespace {

constexpr int maxNestingDepth = 128;
constexpr qsizetype maxManifestBytes = 64 * 1024 * 1024;

// 1-based line and column (in characters) of the byte at `offset`.
QPair<int, int> lineColumn(const QByteArray &bytes, qsizetype offset)
{
    int line = 1;
    int column = 1;
    const qsizetype end = std::min(offset, bytes.size());
    for (qsizetype i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

// nlohmann's recursive parse/dump would exhaust the stack on a hostile document, so nesting is
// bounded before parsing. Returns the offset of the first bracket past the limit, or -1.
qsizetype tooDeepAt(const QByteArray &bytes)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxNestingDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return -1;
}

QString syntaxReason(const char *what)
{
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
    QString text = QString::fromUtf8(what);
    const qsizetype at = text.indexOf(QStringLiteral("column"));
    const qsizetype colon = at < 0 ? -1 : text.indexOf(QStringLiteral(": "), at);
    if (colon >= 0)
        text = text.mid(colon + 2);
    if (text.size() > 200)
        text = text.left(197) + QStringLiteral("...");
    return text;
}

ClassRef readClassRef(const Json &v, const QString &p)
{
    requireObject(v, p);
    return ClassRef{reqString(v, p, "module"), reqString(v, p, "qualname")};
}

template <class F>
void forEachItem(const Json &obj, const QString &p, const char *key, bool required, F &&f)
{
    const Json *v = required ? &reqKey(obj, p, key, "an array") : optKey(obj, key);
    if (!v)
        return;
    const QString here = childPointer(p, key);
    requireArray(*v, here);
    qsizetype i = 0;
    for (const Json &item : *v) {
        f(item, childPointer(here, i));
        ++i;
    }
}

QList<QPair<QString, QString>> stringMap(const Json &obj, const QString &p, const char *key)
{
    QList<QPair<QString, QString>> out;
    const Json *v = optKey(obj, key);
    if (!v)
        return out;
    const QString here = childPointer(p, key);
    if (!v->is_object())
        failType(here, "an object of strings", *v);
    for (auto it = v->begin(); it != v->end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        if (!it->is_string())
            failType(here + QLatin1Char('/') + escapePointerToken(name), "a string", *it);
        out.append({name, toQString(*it)});
    }
    return out;
}

Column readColumn(const Json &v, const QString &p)
{
    requireObject(v, p);
    Column c;
    c.name = reqString(v, p, "name");
    c.dataType = reqString(v, p, "data_type");
    c.backendType = optString(v, p, "backend_type");
    c.nullable = boolOr(v, p, "nullable", true);
    c.primaryKey = boolOr(v, p, "primary_key", false);
    c.unique = boolOr(v, p, "unique", false);
    c.serverDefault = optString(v, p, "server_default");
    c.description = optString(v, p, "description");
    c.label = optString(v, p, "label");
    c.logicalName = optString(v, p, "logical_name");
    return c;
}

// Two copies of one value (registration level and authoring level) must agree.
std::optional<QString> agreeing(const std::optional<QString> &first,
                                const QString &firstPointer,
                                const std::optional<QString> &second,
                                const QString &secondPointer)
{
    if (first && second && *first != *second)
        failAt(secondPointer,
               QStringLiteral("expected %1 (the value of %2), found %3")
                   .arg(QString::fromStdString(Json(first->toStdString()).dump()),
                        firstPointer,
                        describeFound(Json(second->toStdString()))));
    return first ? first : second;
}

void readTimeIndexed(const Json &reg, const Json *authoring, const QString &p, Registration &r)
{
    const QString contract = childPointer(p, "table_contract");
    const QString authP = childPointer(contract, "authoring");
    const Json *ti = authoring ? optKey(*authoring, "time_indexed") : nullptr;
    const QString tiP = childPointer(authP, "time_indexed");
    if (ti)
        requireObject(*ti, tiP);
    const Json empty = Json::object();
    const Json &t = ti ? *ti : empty;
    const auto tin = agreeing(optString(reg, p, "time_index_name"),
                              childPointer(p, "time_index_name"),
                              optString(t, tiP, "time_index_name"),
                              childPointer(tiP, "time_index_name"));
    r.timeIndexName = tin.value_or(QStringLiteral("time_index"));
    r.cadence = agreeing(optString(reg, p, "cadence"),
                         childPointer(p, "cadence"),
                         optString(t, tiP, "cadence"),
                         childPointer(tiP, "cadence"));
    r.indexNames = stringList(t, tiP, "index_names", false);
    if (r.indexNames.isEmpty())
        r.indexNames = {r.timeIndexName};
    r.storageLayout = jsonObjectOr(t, tiP, "storage_layout", Json::object());
}

void readRegistration(const Json &reg, const QString &p, TableKind kind, Registration &r)
{
    requireObject(reg, p);
    const auto physicalSchema = optString(reg, p, "physical_schema");
    r.identifier = optString(reg, p, "identifier");
    r.namespaceName = reqString(reg, p, "namespace");
    r.description = optString(reg, p, "description");
    r.labels = stringList(reg, p, "labels", false);
    r.protectFromDeletion = boolOr(reg, p, "protect_from_deletion", false);
    r.provisioning = jsonObjectOr(reg, p, "provisioning", Json::object());
    r.schemaManagement = jsonObjectOr(reg, p, "schema_management", Json());
    r.partitionStrategy = optString(reg, p, "partition_strategy");
    r.managementMode
        = optEnum(reg, p, "management_mode", {"platform_managed", "external_registered"})
              .value_or(QStringLiteral("platform_managed"));
    r.introspect = boolOr(reg, p, "introspect", false);

    const QString cp = childPointer(p, "table_contract");
    const Json &contract = requireObject(reqKey(reg, p, "table_contract", "an object"), cp);
    r.contractVersion = stringOr(contract, cp, "version", QStringLiteral("relational-table.v1"));
    const char *kindName = kind == TableKind::TimeIndexed ? "time_indexed" : "relational";
    if (const auto tk = optEnum(contract, cp, "table_kind", {"time_indexed", "relational"});
        tk && *tk != QLatin1String(kindName))
        failAt(childPointer(cp, "table_kind"),
               QStringLiteral("expected \"%1\" (the storage class kind), found %2")
                   .arg(QLatin1String(kindName), describeFound(contract["table_kind"])));

    const Json *authoring = optKey(contract, "authoring");
    const QString ap = childPointer(cp, "authoring");
    if (authoring) {
        requireObject(*authoring, ap);
        if (const Json *model = optKey(*authoring, "table_model")) {
            const QString mp = childPointer(ap, "table_model");
            requireObject(*model, mp);
            optEnum(*model, mp, "kind", {"sqlalchemy"});
            r.tableModel = readClassRef(*model, mp);
        }
    }

    const QString pp = childPointer(cp, "physical");
    const Json &physical = requireObject(reqKey(contract, cp, "physical", "an object"), pp);
    r.physicalTableName = reqString(physical, pp, "table_name");
    r.physicalSchema = agreeing(physicalSchema,
                                childPointer(p, "physical_schema"),
                                optString(physical, pp, "schema"),
                                childPointer(pp, "schema"))
                           .value_or(QStringLiteral("public"));

    forEachItem(contract, cp, "columns", true, [&](const Json &c, const QString &at) {
        r.columns << readColumn(c, at);
    });
    if (const Json *constraints = optKey(contract, "constraints"))
        r.constraints = requireArray(*constraints, childPointer(cp, "constraints"));

    if (kind == TableKind::TimeIndexed)
        readTimeIndexed(reg, authoring, p, r);
    else if (authoring && optKey(*authoring, "time_indexed"))
        failAt(childPointer(ap, "time_indexed"),
               QStringLiteral("expected no time_indexed authoring on a relational storage class "
                              "(set \"kind\": \"time_indexed\" or remove it), found %1")
                   .arg(describeFound((*authoring)["time_indexed"])));
}

// A DDL object's name: null or absent leaves it to the SDK's naming convention (deriveDdlNames).
void readName(const Json &v, const QString &p, QString &name, bool &derived)
{
    const auto authored = optString(v, p, "name");
    name = authored.value_or(QString());
    derived = !authored;
}

IndexDef readIndex(const Json &v, const QString &p)
{
    requireObject(v, p);
    IndexDef i;
    readName(v, p, i.name, i.nameDerived);
    i.columns = stringList(v, p, "columns", true);
    i.unique = boolOr(v, p, "unique", false);
    i.where = optString(v, p, "where");
    i.dialectKwargs = jsonObjectOr(v, p, "dialect_kwargs", Json::object());
    return i;
}

ForeignKeyDef readForeignKey(const Json &v, const QString &p)
{
    requireObject(v, p);
    ForeignKeyDef f;
    readName(v, p, f.name, f.nameDerived);
    f.columns = stringList(v, p, "columns", true);
    f.targetSchema = optString(v, p, "target_schema");
    f.targetTable = reqString(v, p, "target_table");
    f.targetColumns = stringList(v, p, "target_columns", true);
    f.onDelete = optString(v, p, "ondelete");
    f.onUpdate = optString(v, p, "onupdate");
    if (const Json *d = optKey(v, "deferrable")) {
        if (!d->is_boolean())
            failType(childPointer(p, "deferrable"), "a boolean or null", *d);
        f.deferrable = d->get<bool>();
    }
    f.initially = optString(v, p, "initially");
    f.match = optString(v, p, "match");
    return f;
}

TableDdl readDdl(const Json &v, const QString &p, const QString &tableName)
{
    requireObject(v, p);
    TableDdl d;
    if (const Json *pk = optKey(v, "primary_key")) {
        const QString pkp = childPointer(p, "primary_key");
        requireObject(*pk, pkp);
        PrimaryKeyDef key;
        readName(*pk, pkp, key.name, key.nameDerived);
        key.columns = stringList(*pk, pkp, "columns", true);
        d.primaryKey = key;
    }
    forEachItem(v, p, "indexes", false, [&](const Json &i, const QString &at) {
        d.indexes << readIndex(i, at);
    });
    forEachItem(v, p, "unique_constraints", false, [&](const Json &u, const QString &at) {
        requireObject(u, at);
        UniqueConstraintDef unique;
        readName(u, at, unique.name, unique.nameDerived);
        unique.columns = stringList(u, at, "columns", true);
        d.uniqueConstraints << unique;
    });
    forEachItem(v, p, "check_constraints", false, [&](const Json &c, const QString &at) {
        requireObject(c, at);
        CheckConstraintDef check;
        readName(c, at, check.name, check.nameDerived);
        check.authoredName = optString(c, at, "authored_name");
        check.sqlText = reqString(c, at, "sqltext");
        d.checkConstraints << check;
    });
    forEachItem(v, p, "foreign_keys", false, [&](const Json &f, const QString &at) {
        d.foreignKeys << readForeignKey(f, at);
    });
    d.serverDefaults = stringMap(v, p, "server_defaults");
    deriveDdlNames(d, tableName, p);
    return d;
}

StorageClass readStorageClass(const Json &v, const QString &p)
{
    requireObject(v, p);
    StorageClass s;
    s.classRef = readClassRef(reqKey(v, p, "class", "an object"), childPointer(p, "class"));
    s.kind = reqEnum(v, p, "kind", {"time_indexed", "relational"}) == QLatin1String("relational")
                 ? TableKind::Relational
                 : TableKind::TimeIndexed;
    readRegistration(reqKey(v, p, "registration", "an object"),
                     childPointer(p, "registration"),
                     s.kind,
                     s.registration);
    if (const Json *ddl = optKey(v, "ddl"))
        s.ddl = readDdl(*ddl, childPointer(p, "ddl"), s.tableName());
    if (const Json *b = optKey(v, "binding")) {
        const QString bp = childPointer(p, "binding");
        requireObject(*b, bp);
        s.binding = Binding{reqString(*b, bp, "uid"),
                            reqString(*b, bp, "physical_table_name"),
                            reqString(*b, bp, "physical_schema"),
                            reqString(*b, bp, "data_source_uid")};
    }
    return s;
}

ExternalTable readExternalTable(const Json &v, const QString &p)
{
    requireObject(v, p);
    ExternalTable e;
    e.schema = stringOr(v, p, "schema", QStringLiteral("public"));
    e.tableName = reqString(v, p, "table_name");
    if (const Json *owner = optKey(v, "owner")) {
        const QString op = childPointer(p, "owner");
        requireObject(*owner, op);
        e.ownerPackage = reqString(*owner, op, "package");
        e.ownerMigrationNamespace = reqString(*owner, op, "migration_namespace");
    }
    e.referencedColumns = stringList(v, p, "referenced_columns", false);
    return e;
}

RunnerSpec readRunner(const Json &v, const QString &p)
{
    requireObject(v, p);
    RunnerSpec r;
    r.command = stringList(v, p, "command", true);
    r.rowFormat = optEnum(v, p, "row_format", {"ndjson", "csv"}).value_or(r.rowFormat);
    r.workingDirectory = optString(v, p, "working_directory");
    r.environment = stringMap(v, p, "environment");
    return r;
}

NodeDefinition readNode(const Json &v, const QString &p)
{
    requireObject(v, p);
    NodeDefinition n;
    n.classRef = readClassRef(reqKey(v, p, "class", "an object"), childPointer(p, "class"));
    n.storageClass = optString(v, p, "storage_class");
    if (const Json *cc = optKey(v, "config_class"))
        n.configClass = readClassRef(*cc, childPointer(p, "config_class"));
    n.configSchema = jsonObjectOr(v, p, "config_schema", Json::object());
    n.config = jsonObjectOr(v, p, "config", Json::object());
    n.hashNamespace = optString(v, p, "hash_namespace");
    if (const Json *runner = optKey(v, "runner"))
        n.runner = readRunner(*runner, childPointer(p, "runner"));
    return n;
}

// Storage classes do not depend on each other: a large manifest reads them on the thread pool,
// so building the model takes about as long as parsing the JSON. The error reported is the
// first in document order, as a sequential read would find it.
QList<StorageClass> readStorageClasses(const Json &root)
{
    const QString here = childPointer(QString(), "storage_classes");
    const Json &array = requireArray(reqKey(root, QString(), "storage_classes", "an array"), here);
    const auto &items = array.get_ref<const Json::array_t &>();
    const qsizetype count = qsizetype(items.size());
    std::vector<std::optional<StorageClass>> classes(items.size());
    std::vector<std::exception_ptr> errors(items.size());
    const auto readOne = [&](qsizetype i) {
        try {
            classes[size_t(i)] = readStorageClass(items[size_t(i)], childPointer(here, i));
        } catch (...) {
            errors[size_t(i)] = std::current_exception();
        }
    };
    constexpr qsizetype ParallelFrom = 64; // below this the pool costs more than it saves
    if (count >= ParallelFrom) {
        QList<qsizetype> indexes(count);
        std::iota(indexes.begin(), indexes.end(), 0);
        QtConcurrent::blockingMap(indexes, readOne);
    } else {
        for (qsizetype i = 0; i < count; ++i)
            readOne(i);
    }
    QList<StorageClass> out;
    out.reserve(count);
    for (size_t i = 0; i < classes.size(); ++i) {
        if (errors[i])
            std::rethrow_exception(errors[i]);
        out.append(std::move(*classes[i]));
    }
    return out;
}

ProviderManifest readManifest(const Json &root)
{
    if (!root.is_object())
        failType(QString(), "a JSON object at the top level", root);
    ProviderManifest m;
    const Json &format = reqKey(root, QString(), "format", "the string \"metatable-provider/1\"");
    if (!format.is_string() || format.get_ref<const std::string &>() != manifestFormat)
        failType(QStringLiteral("/format"), "\"metatable-provider/1\"", format);
    m.format = toQString(format);

    const QString pp = QStringLiteral("/provider");
    const Json &provider = requireObject(reqKey(root, QString(), "provider", "an object"), pp);
    m.provider.package = reqString(provider, pp, "package");
    m.provider.migrationNamespace = reqString(provider, pp, "migration_namespace");
    m.provider.schema = stringOr(provider, pp, "schema", QStringLiteral("public"));
    if (const Json *registry = optKey(provider, "alembic_registry")) {
        const QString rp = childPointer(pp, "alembic_registry");
        requireObject(*registry, rp);
        m.provider.registryIdentifier = reqString(*registry, rp, "identifier");
        m.provider.registryTableName = reqString(*registry, rp, "table_name");
    }
    m.storageClasses = readStorageClasses(root);
    forEachItem(root, QString(), "external_tables", false, [&](const Json &v, const QString &at) {
        m.externalTables << readExternalTable(v, at);
    });
    forEachItem(root, QString(), "nodes", false, [&](const Json &v, const QString &at) {
        m.nodes << readNode(v, at);
    });
    return m;
}

Error readError(const QString &sourceName, const ReadError &e)
{
    const QString where
        = e.pointer.isEmpty() ? sourceName : sourceName + QStringLiteral(": ") + e.pointer;
    return makeError(ErrorCode::InvalidInput, where + QStringLiteral(": ") + e.message);
}

} // namespace

Result<ManifestDocument> parseManifest(const QByteArray &bytes, const QString &sourceName)
{
    if (bytes.size() > maxManifestBytes)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1: the manifest is larger than %2 MiB; split the provider")
                        .arg(sourceName)
                        .arg(maxManifestBytes / (1024 * 1024)));
    if (const qsizetype at = tooDeepAt(bytes); at >= 0) {
        const auto [line, column] = lineColumn(bytes, at);
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1: line %2, column %3: JSON nested deeper than %4 levels")
                        .arg(sourceName)
                        .arg(line)
                        .arg(column)
                        .arg(maxNestingDepth));
    }
    ManifestDocument doc;
    try {
        doc.raw = parseJsonText(bytes);
    } catch (const Json::parse_error &e) {
        const qsizetype offset = e.byte > 0 ? static_cast<qsizetype>(e.byte) - 1 : 0;
        const auto [line, column] = lineColumn(bytes, offset);
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1: line %2, column %3: JSON syntax error: %4")
                        .arg(sourceName)
                        .arg(line)
                        .arg(column)
                        .arg(syntaxReason(e.what())));
    } catch (const Json::out_of_range &e) {
        // "number overflow parsing '1e999'": nlohmann gives no position, so find the literal.
        const QString what = QString::fromUtf8(e.what());
        const qsizetype quote = what.indexOf(QLatin1Char('\''));
        const QString literal = quote < 0 ? QString() : what.mid(quote + 1).chopped(1);
        const qsizetype at = literal.isEmpty() ? -1 : bytes.indexOf(literal.toUtf8());
        const auto [line, column] = lineColumn(bytes, std::max<qsizetype>(at, 0));
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1: line %2, column %3: JSON number out of range: %4")
                        .arg(sourceName)
                        .arg(line)
                        .arg(column)
                        .arg(literal.left(60)));
    } catch (const Json::exception &e) {
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("%1: unreadable JSON: %2").arg(sourceName, syntaxReason(e.what())));
    }
    try {
        doc.manifest = readManifest(doc.raw);
    } catch (const ReadError &e) {
        return fail(readError(sourceName, e));
    }
    return doc;
}

Result<ManifestDocument> readManifestFile(const QString &path)
{
    auto bytes = readWholeFile(path);
    if (!bytes)
        return fail(bytes.error());
    auto doc = parseManifest(*bytes, path);
    if (doc)
        doc->path = path;
    return doc;
}

Result<StorageClass> storageClassFromJson(const Json &json, const QString &where)
{
    try {
        return readStorageClass(json, QString());
    } catch (const ReadError &e) {
        return fail(readError(where, e));
    }
}

} // namespace Core
