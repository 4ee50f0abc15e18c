// SPDX-License-Identifier: MIT
#include "configserialize.h"

#include <core/config/pydatetime.h>
#include <core/sdk/md5.h>
#include <core/sdk/pyjson.h>
#include <core/sdk/pystring.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace Core::Config {

namespace {

using Py::Value;

const char kUnregistered[]
    = "PlatformTimeIndexMetaTable config value is not registered. Run `mainsequence migrations "
      "upgrade --provider <provider> head` before using it in DataNode configuration.";

std::string twoDigits(int v)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

// datetime.isoformat()
std::string isoformat(const Py::DateTime &dt)
{
    char buf[64];
    std::snprintf(buf,
                  sizeof buf,
                  "%04d-%02d-%02dT%02d:%02d:%02d",
                  dt.year,
                  dt.month,
                  dt.day,
                  dt.hour,
                  dt.minute,
                  dt.second);
    std::string out = buf;
    if (dt.microsecond != 0) {
        std::snprintf(buf, sizeof buf, ".%06d", dt.microsecond);
        out += buf;
    }
    if (dt.utcOffsetSeconds) {
        int offset = *dt.utcOffsetSeconds;
        out += offset < 0 ? '-' : '+';
        offset = std::abs(offset);
        out += twoDigits(offset / 3600) + ':' + twoDigits(offset % 3600 / 60);
        if (offset % 60 != 0)
            out += ':' + twoDigits(offset % 60);
    }
    return out;
}

// str(uuid.UUID(text)): lowercase, hyphenated.
std::string canonicalUuid(const std::string &text)
{
    if (const auto canonical = parseUuid(text))
        return *canonical;
    std::string lower = text;
    for (char &c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

Value text(const std::string &s)
{
    return Value::str(s);
}

Result<Value> serializeModel(const Py::Model &model)
{
    Py::Dict importPath;
    importPath.set("module", text(model.module));
    importPath.set("qualname", text(model.qualname));
    Py::Dict fields;
    std::vector<std::string> excluded;
    const std::string className = model.qualname.substr(model.qualname.rfind('.') + 1);
    for (const Py::ModelField &field : model.fields) {
        if (field.hashExcluded) {
            if (!field.hashExcluded->is<bool>())
                return fail(ErrorCode::InvalidInput,
                            QString::fromStdString(className + "." + field.name
                                                   + " metadata 'hash_excluded' must be bool"),
                            QStringLiteral("TypeError"));
            if (field.hashExcluded->as<bool>())
                excluded.push_back(field.name);
        }
        auto value = serializeValue(*field.value);
        if (!value)
            return value;
        fields.set(field.name, std::move(*value));
    }
    std::sort(excluded.begin(), excluded.end()); // UTF-8 byte order = code point order
    Py::List excludedList;
    for (const std::string &name : excluded)
        excludedList.items.push_back(text(name));
    Py::Dict wrapper;
    wrapper.set("pydantic_model_import_path", Value(std::move(importPath)));
    wrapper.set("serialized_model", Value(std::move(fields)));
    wrapper.set("hash_excluded", Value(std::move(excludedList)));
    return Value(std::move(wrapper));
}

Result<std::vector<Value>> serializeItems(const std::vector<Value> &items)
{
    std::vector<Value> out;
    out.reserve(items.size());
    for (const Value &item : items) {
        auto v = serializeValue(item);
        if (!v)
            return fail(v.error());
        out.push_back(std::move(*v));
    }
    return out;
}

Result<Value> serializeDict(const Py::Dict &dict)
{
    Py::Dict out;
    for (const auto &[key, value] : dict.items) {
        auto v = serializeValue(value);
        if (!v)
            return v;
        out.items.emplace_back(key, std::move(*v));
    }
    const Value *marker = dict.find("is_time_series_config");
    if (marker && marker->is<bool>() && marker->as<bool>()) {
        Py::Dict wrapper;
        wrapper.set("is_time_series_config", Value(true));
        wrapper.set("config_data", Value(std::move(out)));
        return Value(std::move(wrapper));
    }
    return Value(std::move(out));
}

bool isStr(const Value &v, const char *expected = nullptr)
{
    return v.is<Py::Str>() && (!expected || v.as<Py::Str>().utf8 == expected);
}

tl::unexpected<Error> malformedReference(const char *what)
{
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("A configuration value looks like %1 but lacks its identifier.")
                    .arg(QLatin1String(what)),
                QStringLiteral("KeyError"));
}

Result<QString> md5OfPayload(const Value &payload, std::string *textOut = nullptr)
{
    const auto json = Py::dumps(payload);
    if (!json)
        return fail(json.error());
    if (textOut)
        *textOut = *json;
    return Py::md5Hex(std::string_view(*json));
}

// The replacement of one dict value (7.3 step 1).
Result<Value> replaceValue(const Value &value)
{
    if (!value.is<Py::Dict>())
        return value;
    const Py::Dict &dict = value.as<Py::Dict>();
    if (dict.find("orm_class")) {
        const Value *uid = dict.find("unique_identifier");
        if (!uid)
            return malformedReference("an SDK ORM object");
        return *uid;
    }
    if (const Value *marker = dict.find("is_time_series_config")) {
        const Value *data = dict.find("config_data");
        if (!data || !data->is<Py::Dict>())
            return malformedReference("a time-series configuration");
        auto replaced = replaceReferences(data->as<Py::Dict>());
        if (!replaced)
            return fail(replaced.error());
        const auto hex = md5OfPayload(stripHashExcluded(Value(std::move(*replaced))));
        if (!hex)
            return fail(hex.error());
        Py::Dict out;
        out.set("is_time_series_config", *marker);
        out.set("config_data", Value::str(hex->toStdString()));
        return Value(std::move(out));
    }
    if (const Value *type = dict.find("__type__")) {
        if (isStr(*type, "orm_model_list")) {
            const Value *items = dict.find("items");
            if (!items || !items->is<Py::List>())
                return malformedReference("an ORM object list");
            Py::List uids;
            for (const Value &item : items->as<Py::List>().items) {
                const Value *uid
                    = item.is<Py::Dict>() ? item.as<Py::Dict>().find("unique_identifier") : nullptr;
                if (!uid)
                    return malformedReference("an ORM object list");
                uids.items.push_back(*uid);
            }
            return Value(std::move(uids));
        }
        if (isStr(*type, "platform_time_index_meta_table")) {
            const Value *uid = dict.find("uid");
            if (!uid)
                return malformedReference("a storage class reference");
            return *uid;
        }
    }
    auto nested = replaceReferences(dict);
    if (!nested)
        return fail(nested.error());
    return Value(std::move(*nested));
}

bool isModelWrapper(const Py::Dict &dict)
{
    const Value *path = dict.find("pydantic_model_import_path");
    const Value *model = dict.find("serialized_model");
    if (!path || !model || !model->is<Py::Dict>() || !path->is<Py::Dict>())
        return false;
    for (const auto &[key, value] : dict.items) {
        if (!isStr(key, "pydantic_model_import_path") && !isStr(key, "serialized_model")
            && !isStr(key, "hash_excluded"))
            return false;
    }
    const Py::Dict &p = path->as<Py::Dict>();
    if (p.items.size() != 2 || !p.find("module") || !p.find("qualname") || !isStr(*p.find("module"))
        || !isStr(*p.find("qualname")))
        return false;
    if (const Value *excluded = dict.find("hash_excluded")) {
        if (!excluded->is<Py::List>())
            return false;
        for (const Value &name : excluded->as<Py::List>().items) {
            if (!isStr(name))
                return false;
        }
    }
    return true;
}

} // namespace

Result<Py::Value> serializeValue(const Py::Value &value)
{
    if (value.is<Py::Model>())
        return serializeModel(value.as<Py::Model>());
    if (value.is<Py::StorageClassRef>()) {
        const auto &ref = value.as<Py::StorageClassRef>();
        if (!ref.uid)
            return fail(
                ErrorCode::InvalidInput,
                QString::fromUtf8(kUnregistered),
                QStringLiteral("ValueError (%1:%2)")
                    .arg(QString::fromStdString(ref.module), QString::fromStdString(ref.qualname)));
        Py::Dict out;
        out.set("__type__", text("platform_time_index_meta_table"));
        out.set("uid", text(*ref.uid));
        out.set("module", text(ref.module));
        out.set("qualname", text(ref.qualname));
        return Value(std::move(out));
    }
    if (value.is<Py::DataNodeRef>()) {
        const auto &node = value.as<Py::DataNodeRef>();
        Py::Dict out;
        out.set("is_time_serie_instance", Value(true));
        out.set("update_hash", text(node.updateHash));
        out.set("data_source_uid", text(node.dataSourceUid));
        return Value(std::move(out));
    }
    if (value.is<Py::DateTime>())
        return text(isoformat(value.as<Py::DateTime>()));
    if (value.is<Py::Uuid>())
        return text(canonicalUuid(value.as<Py::Uuid>().text));
    if (value.is<Py::EnumMember>())
        return *value.as<Py::EnumMember>().value;
    if (value.is<Py::List>()) {
        auto items = serializeItems(value.as<Py::List>().items);
        if (!items)
            return fail(items.error());
        return Value(Py::List{std::move(*items)});
    }
    if (value.is<Py::Tuple>()) {
        auto items = serializeItems(value.as<Py::Tuple>().items);
        if (!items)
            return fail(items.error());
        Py::Dict out;
        out.set("__type__", text("tuple"));
        out.set("items", Value(Py::List{std::move(*items)}));
        return Value(std::move(out));
    }
    if (value.is<Py::Dict>())
        return serializeDict(value.as<Py::Dict>());
    return value;
}

Result<Py::Dict> replaceReferences(const Py::Dict &serialized)
{
    Py::Dict out;
    for (const auto &[key, value] : serialized.items) {
        auto replaced = replaceValue(value);
        if (!replaced)
            return fail(replaced.error());
        out.items.emplace_back(key, std::move(*replaced));
    }
    return out;
}

Py::Value stripHashExcluded(const Py::Value &value)
{
    if (value.is<Py::List>()) {
        Py::List out;
        for (const Value &item : value.as<Py::List>().items)
            out.items.push_back(stripHashExcluded(item));
        return Value(std::move(out));
    }
    if (value.is<Py::Tuple>()) {
        Py::Tuple out;
        for (const Value &item : value.as<Py::Tuple>().items)
            out.items.push_back(stripHashExcluded(item));
        return Value(std::move(out));
    }
    if (!value.is<Py::Dict>())
        return value;
    const Py::Dict &dict = value.as<Py::Dict>();
    if (!isModelWrapper(dict)) {
        Py::Dict out;
        for (const auto &[key, item] : dict.items)
            out.items.emplace_back(key, stripHashExcluded(item));
        return Value(std::move(out));
    }
    std::vector<std::string> excluded;
    if (const Value *names = dict.find("hash_excluded")) {
        for (const Value &name : names->as<Py::List>().items)
            excluded.push_back(name.as<Py::Str>().utf8);
    }
    Py::Dict fields;
    for (const auto &[key, item] : dict.find("serialized_model")->as<Py::Dict>().items) {
        const bool drop = key.is<Py::Str>()
                          && std::find(excluded.begin(), excluded.end(), key.as<Py::Str>().utf8)
                                 != excluded.end();
        if (!drop)
            fields.items.emplace_back(key, stripHashExcluded(item));
    }
    Py::Dict out;
    out.set("pydantic_model_import_path", *dict.find("pydantic_model_import_path"));
    out.set("serialized_model", Value(std::move(fields)));
    return Value(std::move(out));
}

QString hashPrefix(const QString &className)
{
    const QString prefix = Py::rstrip(Py::slice(Py::lower(className), 0, 30), QStringLiteral("_"));
    return prefix.isEmpty() ? QStringLiteral("hash") : prefix;
}

Result<NodeHashes> hashKwargs(const QString &className,
                              const Py::Dict &kwargs,
                              const std::optional<QString> &projectBranchUid)
{
    Py::Dict serialized;
    for (const auto &[key, value] : kwargs.items) {
        auto v = serializeValue(value);
        if (!v)
            return fail(v.error());
        serialized.items.emplace_back(key, std::move(*v));
    }
    auto replaced = replaceReferences(serialized);
    if (!replaced)
        return fail(replaced.error());
    const Value storagePayload = stripHashExcluded(Value(std::move(*replaced)));
    Value updatePayload = storagePayload;
    if (projectBranchUid)
        updatePayload.as<Py::Dict>().set("project_branch_uid",
                                         text(projectBranchUid->toStdString()));

    NodeHashes hashes;
    std::string textOut;
    const QString prefix = hashPrefix(className) + QLatin1Char('_');
    const auto updateMd5 = md5OfPayload(updatePayload, &textOut);
    if (!updateMd5)
        return fail(updateMd5.error());
    hashes.updateHash = Py::lower(prefix + *updateMd5);
    hashes.updatePayloadJson = QString::fromStdString(textOut);
    const auto storageMd5 = md5OfPayload(storagePayload, &textOut);
    if (!storageMd5)
        return fail(storageMd5.error());
    hashes.storageHash = Py::lower(prefix + *storageMd5);
    hashes.storagePayloadJson = QString::fromStdString(textOut);
    const auto build = Py::dumps(Value(std::move(serialized)));
    if (!build)
        return fail(build.error());
    hashes.buildConfigurationJson = QString::fromStdString(*build);
    return hashes;
}

QString NodeCall::className() const
{
    const qsizetype dot = nodeClass.qualname.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? nodeClass.qualname : nodeClass.qualname.mid(dot + 1);
}

Result<NodeHashes> computeNodeHashes(const NodeCall &call)
{
    Py::Dict kwargs;
    for (const auto &[key, value] : call.initKwargs.items) {
        const bool noneConfig = isStr(key, "config") && value.is<Py::None>();
        if (!noneConfig && !isStr(key, "storage_table") && !isStr(key, "args"))
            kwargs.items.emplace_back(key, value);
    }
    if (kwargs.items.empty())
        kwargs.set("config", Value(Py::None{}));
    const QString ns = call.hashNamespace ? Py::strip(*call.hashNamespace) : QString();
    if (!ns.isEmpty())
        kwargs.set("hash_namespace", text(ns.toStdString()));
    Py::Dict importPath;
    importPath.set("module", text(call.nodeClass.module.toStdString()));
    importPath.set("qualname", text(call.nodeClass.qualname.toStdString()));
    kwargs.set("time_series_class_import_path", Value(std::move(importPath)));
    return hashKwargs(call.className(), kwargs, call.projectBranchUid);
}

} // namespace Core::Config
