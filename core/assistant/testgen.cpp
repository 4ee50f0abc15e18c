// SPDX-License-Identifier: MIT
#include "testgen.h"

#include <core/bridge/pythonworkspace.h>
#include <core/config/configcoerce.h>
#include <core/config/configform.h>
#include <core/config/configvalidate.h>
#include <core/config/nodehash.h>
#include <core/contract/contracthash.h>
#include <core/manifest/assistantextension.h>
#include <core/util/atomicfile.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QUuid>

namespace Core::Assistant {

namespace {

std::string str(const QString &text)
{
    return text.toStdString();
}

// Config values that mention a storage class are hashed by its bound MetaTable UID. The tests
// cannot know the UID a live migration bound, so both sides use the same stand-in per class.
QString standInUid(const QString &classPath)
{
    static const QUuid urlNamespace(QStringLiteral("6ba7b811-9dad-11d1-80b4-00c04fd430c8"));
    return QUuid::createUuidV5(urlNamespace, QStringLiteral("metatable-testgen:") + classPath)
        .toString(QUuid::WithoutBraces);
}

// A JSON value as a Python literal, indented like black would.
void appendPython(QString &out, const Json &value, int indent)
{
    const QString pad(indent, QLatin1Char(' '));
    const QString inner(indent + 4, QLatin1Char(' '));
    if (value.is_null())
        out += QStringLiteral("None");
    else if (value.is_boolean())
        out += value.get<bool>() ? QStringLiteral("True") : QStringLiteral("False");
    else if (value.is_number() || value.is_string())
        // JSON's string escapes and number forms are valid Python literals.
        out += QString::fromStdString(value.dump(-1, ' ', true));
    else if (value.empty())
        out += value.is_array() ? QStringLiteral("[]") : QStringLiteral("{}");
    else if (value.is_array()) {
        out += QStringLiteral("[\n");
        for (const Json &item : value) {
            out += inner;
            appendPython(out, item, indent + 4);
            out += QStringLiteral(",\n");
        }
        out += pad + QLatin1Char(']');
    } else {
        out += QStringLiteral("{\n");
        for (auto it = value.begin(); it != value.end(); ++it) {
            out += inner + QString::fromStdString(Json(it.key()).dump(-1, ' ', true))
                   + QStringLiteral(": ");
            appendPython(out, it.value(), indent + 4);
            out += QStringLiteral(",\n");
        }
        out += pad + QLatin1Char('}');
    }
}

// Every key of the registration payload that would carry a foreign key to the catalog.
void collectForeignKeys(const Json &value, Json &found)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (it.key().find("foreign") != std::string::npos && !it.value().empty()
                && !it.value().is_null())
                found.push_back({{"key", it.key()}, {"value", it.value()}});
            collectForeignKeys(it.value(), found);
        }
    } else if (value.is_array()) {
        for (const Json &item : value)
            collectForeignKeys(item, found);
    }
}

Result<Json> storagePin(const StorageClass &sc)
{
    const auto hash = computeContractHash(sc, std::nullopt);
    if (!hash)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1: its storage hash cannot be computed: %2")
                        .arg(sc.classRef.path(), hash.error().message));
    Json columns = Json::array();
    for (const Column &column : sc.registration.columns)
        columns.push_back({str(column.name), column.nullable, column.primaryKey, column.unique});
    Json indexNames = Json::array();
    if (sc.isTimeIndexed()) {
        const auto contract = validateTimeIndexContract(sc);
        const QStringList names = contract ? contract->indexNames : sc.registration.indexNames;
        for (const QString &name : names)
            indexNames.push_back(str(name));
    }
    Json foreignKeys = Json::array();
    for (const ForeignKeyDef &fk : sc.ddl.foreignKeys) {
        Json source = Json::array(), target = Json::array();
        for (const QString &c : fk.columns)
            source.push_back(str(c));
        for (const QString &c : fk.targetColumns)
            target.push_back(str(c));
        const QString table = fk.targetSchema && !fk.targetSchema->isEmpty()
                                  ? *fk.targetSchema + QLatin1Char('.') + fk.targetTable
                                  : fk.targetTable;
        foreignKeys.push_back({source, str(table), target});
    }
    Json registrationKeys = Json::array();
    collectForeignKeys(storageClassToJson(sc).value("registration", Json::object()),
                       registrationKeys);
    return Json{
        {"identity",
         {{"schema", str(sc.schema())},
          {"table_name", str(sc.tableName())},
          {"namespace", str(sc.registration.namespaceName)},
          {"identifier",
           sc.registration.identifier ? Json(str(*sc.registration.identifier)) : Json()},
          {"columns", columns},
          {"index_names", indexNames}}},
        {"time_index_name", sc.isTimeIndexed() ? Json(str(sc.registration.timeIndexName)) : Json()},
        {"contract_hash", str(hash->hash)},
        {"foreign_keys", foreignKeys},
        {"registration_foreign_keys", registrationKeys},
    };
}

// "module:qualname" of each model in a configuration schema, with its hash-excluded fields.
Json exclusionsOf(const NodeDefinition &node)
{
    Json byModel = Json::object();
    byModel[str(node.configClass.path())] = Json::array();
    for (const QString &field : Config::hashExcludedFields(node.configSchema))
        byModel[str(node.configClass.path())].push_back(str(field));
    const Json defs = node.configSchema.value("$defs", Json::object());
    for (auto it = defs.begin(); it != defs.end(); ++it) {
        if (!it->is_object() || !it->contains("properties"))
            continue; // an enum
        QString path;
        const Json cls = it->value("x-metatable-class", Json());
        if (cls.is_object())
            path = QString::fromStdString(cls.value("module", "")) + QLatin1Char(':')
                   + QString::fromStdString(cls.value("qualname", ""));
        else
            path = node.configClass.module + QLatin1Char(':')
                   + QString::fromStdString(it->value("title", it.key()));
        Json fields = Json::array();
        for (const QString &field : Config::hashExcludedFields(*it))
            fields.push_back(str(field));
        byModel[str(path)] = fields;
    }
    return byModel;
}

Json currentValue(const NodeDefinition &node, const Config::FormField &field)
{
    const std::string key = str(field.key);
    if (node.config.is_object() && node.config.contains(key))
        return node.config.at(key);
    return field.defaultValue.value_or(Json());
}

// Values other than `current` that the field accepts, most natural first: the schema's
// examples, then one step away by kind. Each is validated against the whole schema later.
QList<Json>
alternatives(const Config::FormField &field, const Json &current, const QList<Json> &storageValues)
{
    using Config::FieldKind;
    QList<Json> candidates;
    for (const Json &example : field.examples)
        candidates << example;
    switch (field.kind) {
    case FieldKind::Boolean:
        candidates << Json(!(current.is_boolean() && current.get<bool>()));
        break;
    case FieldKind::Integer: {
        const qint64 value = current.is_number_integer() ? current.get<qint64>() : 0;
        candidates << Json(value + 1) << Json(value - 1);
        break;
    }
    case FieldKind::Number: {
        const double value = current.is_number() ? current.get<double>() : 0.0;
        candidates << Json(value + 1.0) << Json(value - 1.0) << Json(value / 2.0);
        if (field.minimum && field.maximum)
            candidates << Json((*field.minimum + *field.maximum) / 2.0);
        break;
    }
    case FieldKind::Text:
        candidates << Json(current.is_string() ? current.get<std::string>() + "-changed"
                                               : std::string("changed"));
        break;
    case FieldKind::Choice:
        for (const Json &choice : field.choices)
            candidates << choice;
        break;
    case FieldKind::DateTime:
        candidates << Json("2024-01-02T00:00:00+00:00") << Json("2024-01-03T00:00:00+00:00");
        break;
    case FieldKind::List:
        if (!field.children.isEmpty()) {
            Json longer = current.is_array() ? current : Json::array();
            longer.push_back(Config::initialValue(field.children.first()));
            candidates << longer;
        }
        break;
    case FieldKind::Dict:
        if (!field.children.isEmpty()) {
            Json wider = current.is_object() ? current : Json::object();
            wider["changed"] = Config::initialValue(field.children.first());
            candidates << wider;
        }
        break;
    case FieldKind::Model: // one nested field changed at a time
        for (const Config::FormField &child : field.children) {
            const Json base = current.is_object() ? current : Json::object();
            const std::string key = str(child.key);
            const Json now
                = base.contains(key) ? base.at(key) : child.defaultValue.value_or(Json());
            for (const Json &value : alternatives(child, now, storageValues)) {
                Json changed = base;
                changed[key] = value;
                candidates << changed;
            }
        }
        break;
    case FieldKind::StorageClass:
        candidates += storageValues;
        break;
    default:
        break;
    }
    if (field.nullable && !current.is_null())
        candidates << Json();
    QList<Json> distinct;
    for (const Json &candidate : std::as_const(candidates))
        if (candidate != current && !distinct.contains(candidate))
            distinct << candidate;
    return distinct;
}

struct NodePin
{
    Json pin;
    QStringList notes;
};

// Configuration values naming each time-indexed storage class, as the manifest writes them.
QList<Json> storageClassValues(const ProviderManifest &manifest)
{
    QList<Json> values;
    for (const StorageClass &sc : manifest.storageClasses)
        if (sc.isTimeIndexed())
            values << Json{{"__type__", "platform_time_index_meta_table"},
                           {"module", str(sc.classRef.module)},
                           {"qualname", str(sc.classRef.qualname)}};
    return values;
}

Result<NodePin> nodePin(const ProviderManifest &manifest,
                        const NodeDefinition &node,
                        const QString &storagePath,
                        const Config::StorageClassLookup &lookup)
{
    const QString path = node.classRef.path();
    const auto hashes = Config::computeNodeHashes(node, lookup);
    if (!hashes)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Node %1: its update_hash cannot be computed, so no test can "
                                   "pin it: %2")
                        .arg(path, hashes.error().message));
    const auto form = Config::buildForm(node.configSchema);
    if (!form)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Node %1: %2").arg(path, form.error().message));

    const QList<Json> storageValues = storageClassValues(manifest);
    NodePin result;
    Json hashed = Json::array(), excluded = Json::array();
    for (const Config::FormField &field : form->children) {
        const Json current = currentValue(node, field);
        bool found = false;
        for (const Json &candidate : alternatives(field, current, storageValues)) {
            NodeDefinition changed = node;
            if (!changed.config.is_object())
                changed.config = Json::object();
            changed.config[str(field.key)] = candidate;
            if (Config::hasErrors(Config::validateConfig(node.configSchema, changed.config)))
                continue;
            const auto changedHashes = Config::computeNodeHashes(changed, lookup);
            if (!changedHashes)
                continue;
            const bool alters = changedHashes->updateHash != hashes->updateHash;
            if (alters == field.hashExcluded)
                continue; // e.g. a value pydantic coerces back to the current one
            Json change = {{"field", str(field.key)}, {"value", candidate}};
            if (field.hashExcluded) {
                excluded.push_back(change);
            } else {
                change["update_hash"] = str(changedHashes->updateHash);
                hashed.push_back(change);
            }
            found = true;
            break;
        }
        if (!found)
            result.notes << QStringLiteral("%1: no other valid value of '%2' was found to "
                                           "change, so tests 7 and 8 do not change it.")
                                .arg(path, field.key);
    }
    result.pin = {
        {"config_class", str(node.configClass.path())},
        {"config", node.config.is_object() ? node.config : Json::object()},
        {"storage", storagePath.isEmpty() ? Json() : Json(str(storagePath))},
        {"hash_namespace", node.hashNamespace ? Json(str(*node.hashNamespace)) : Json()},
        {"update_hash", str(hashes->updateHash)},
        {"hash_excluded", exclusionsOf(node)},
        {"hashed_changes", hashed},
        {"excluded_changes", excluded},
    };
    return result;
}

// The storage class a node writes: the manifest's, else the first its factories make.
QString outputOf(const ProviderManifest &manifest,
                 const NodeDefinition &node,
                 const std::optional<AssistantExtension> &assistant)
{
    QString table = node.storageClass.value_or(QString());
    if (table.isEmpty() && assistant) {
        if (const AssistantNode *entry = assistant->node(node.classRef.path());
            entry && !entry->storageTables.isEmpty())
            table = entry->storageTables.first();
    }
    const StorageClass *sc = table.isEmpty() ? nullptr : manifest.storageClassByTable(table);
    return sc ? sc->classRef.path() : QString();
}

Json factoriesOf(const Json &raw)
{
    Json factories = Json::array();
    const Json block = raw.value(assistantExtensionKey, Json::object());
    for (const Json &factory : block.value("factories", Json::array())) {
        const Json function = factory.value("function", Json::object());
        Json calls = Json::array();
        for (const Json &call : factory.value("calls", Json::array())) {
            if (call.value("args", Json()).is_array() && call.value("result", Json()).is_string())
                calls.push_back({{"args", call.at("args")}, {"result", call.at("result")}});
        }
        if (calls.empty())
            continue;
        factories.push_back({{"function",
                              function.value("module", std::string()) + ":"
                                  + function.value("qualname", std::string())},
                             {"calls", calls}});
    }
    return factories;
}

QString importLines(const ProviderManifest &manifest)
{
    QMap<QString, QStringList> byModule;
    for (const NodeDefinition &node : manifest.nodes) {
        const QString name = node.classRef.qualname.section(QLatin1Char('.'), 0, 0);
        if (!byModule[node.classRef.module].contains(name))
            byModule[node.classRef.module] << name;
    }
    QStringList lines;
    for (auto it = byModule.begin(); it != byModule.end(); ++it) {
        QStringList names = it.value();
        names.sort();
        lines << QStringLiteral("from %1 import %2  # noqa: F401")
                     .arg(it.key(), names.join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

Result<GeneratedTests> generateValidationTests(const ManifestDocument &document,
                                               const QString &templateText)
{
    const ProviderManifest &manifest = document.manifest;
    if (manifest.nodes.isEmpty() && manifest.storageClasses.isEmpty())
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 declares no storage class and no node: there is nothing "
                           "to test.")
                .arg(document.path.isEmpty() ? QStringLiteral("The manifest") : document.path));
    std::optional<AssistantExtension> assistant;
    if (auto read = readAssistantExtension(document.raw); read && *read)
        assistant = **read;

    GeneratedTests tests;
    Json storage = Json::object(), uids = Json::object();
    QHash<QString, QString> uidByPath;
    for (const StorageClass &sc : manifest.storageClasses) {
        auto pin = storagePin(sc);
        if (!pin)
            return fail(pin.error());
        const QString path = sc.classRef.path();
        storage[str(path)] = *pin;
        uidByPath.insert(path, standInUid(path));
        uids[str(path)] = str(uidByPath.value(path));
    }
    const Config::StorageClassLookup lookup
        = [uidByPath](const ClassRef &ref) -> std::optional<QString> {
        const auto it = uidByPath.constFind(ref.path());
        return it != uidByPath.cend() ? std::optional<QString>(*it) : std::nullopt;
    };

    Json nodes = Json::object(), fixtures = Json::object();
    for (const NodeDefinition &node : manifest.nodes) {
        const QString output = outputOf(manifest, node, assistant);
        if (output.isEmpty())
            tests.notes << QStringLiteral("%1: its storage class is not in the manifest, so tests "
                                          "2 to 4 do not run its update().")
                               .arg(node.classRef.path());
        else
            ++tests.nodeCount;
        auto pin = nodePin(manifest, node, output, lookup);
        if (!pin)
            return fail(pin.error());
        tests.notes += pin->notes;
        nodes[str(node.classRef.path())] = pin->pin;
        fixtures[str(node.classRef.path())] = pin->pin.at("config");
    }
    tests.storageCount = int(manifest.storageClasses.size());

    const Json pinned = {{"provider", str(manifest.provider.package)},
                         {"storage", storage},
                         {"stand_in_uids", uids},
                         {"factories", factoriesOf(document.raw)},
                         {"nodes", nodes}};
    // Inside r'''...''' only a ''' could end the literal early; JSON may spell ' as \u0027.
    QString pinnedText = QString::fromStdString(pinned.dump(1, ' ', true));
    pinnedText.replace(QLatin1Char('\''), QStringLiteral("\\u0027"));
    QString fixturesText;
    appendPython(fixturesText, fixtures, 0);

    const QString package = manifest.provider.package.isEmpty() ? QStringLiteral("provider")
                                                                : manifest.provider.package;
    QString text = templateText;
    text.replace(QStringLiteral("@MANIFEST@"),
                 document.path.isEmpty() ? QStringLiteral("a provider manifest")
                                         : QFileInfo(document.path).fileName());
    text.replace(QStringLiteral("@PACKAGE@"), package);
    text.replace(QStringLiteral("@IMPORTS@"), importLines(manifest));
    text.replace(QStringLiteral("@FIXTURES@"), fixturesText);
    text.replace(QStringLiteral("@PINNED@"), pinnedText);

    QString slug = package;
    slug.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]")), QStringLiteral("_"));
    tests.fileName = QStringLiteral("test_%1_metatable.py").arg(slug.toLower());
    tests.text = text.toUtf8();
    return tests;
}

Result<QString> validationTestsTemplate()
{
    const QString path
        = bridgePythonDirectory() + QStringLiteral("/metatable_export/validation_tests.py.in");
    auto bytes = readWholeFile(path);
    if (!bytes)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The validation test template is missing (%1); set "
                                   "METATABLE_PYTHON_DIR to the folder holding "
                                   "metatable_export.")
                        .arg(bytes.error().message));
    return QString::fromUtf8(*bytes);
}

Result<QString> writeValidationTests(const GeneratedTests &tests, const QString &directory)
{
    QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory))
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot create the folder %1 for the tests; check that its "
                                   "parent exists and is writable.")
                        .arg(directory));
    const QString path = dir.absoluteFilePath(tests.fileName);
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Io,
                        QStringLiteral("Cannot read %1 to see whether it may be replaced: %2")
                            .arg(path, existing.errorString()));
        if (!existing.readLine().startsWith(generatedTestsMarker))
            return fail(ErrorCode::Refused,
                        QStringLiteral("%1 exists and was not generated by the console; it is "
                                       "left as it is. Move it away or choose another folder.")
                            .arg(path));
    }
    if (auto written = writeFileAtomically(path, tests.text); !written)
        return fail(written.error());
    return path;
}

} // namespace Core::Assistant
