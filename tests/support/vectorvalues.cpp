// SPDX-License-Identifier: MIT
#include "vectorvalues.h"

#include <QFile>

#include <bit>
#include <charconv>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace TestSupport {

using Core::Py::Value;

namespace {

[[noreturn]] void malformed(const nlohmann::json &tagged, const std::string &why)
{
    throw std::invalid_argument("malformed pyval (" + why + "): " + tagged.dump());
}

const nlohmann::json &member(const nlohmann::json &tagged, const char *key)
{
    const auto it = tagged.find(key);
    if (it == tagged.end())
        malformed(tagged, std::string("missing key '") + key + "'");
    return *it;
}

std::string stringMember(const nlohmann::json &tagged, const char *key)
{
    const nlohmann::json &v = member(tagged, key);
    if (!v.is_string())
        malformed(tagged, std::string("'") + key + "' must be a string");
    return v.get<std::string>();
}

int intMember(const nlohmann::json &tagged, const char *key)
{
    const nlohmann::json &v = member(tagged, key);
    if (!v.is_number_integer())
        malformed(tagged, std::string("'") + key + "' must be an integer");
    return v.get<int>();
}

std::vector<Value> decodeItems(const nlohmann::json &tagged)
{
    const nlohmann::json &items = member(tagged, "items");
    if (!items.is_array())
        malformed(tagged, "'items' must be an array");
    std::vector<Value> out;
    out.reserve(items.size());
    for (const auto &item : items)
        out.push_back(decodePyval(item));
    return out;
}

double decodeFloatBits(const nlohmann::json &tagged)
{
    const std::string hex = stringMember(tagged, "bits");
    std::uint64_t bits = 0;
    const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), bits, 16);
    if (hex.size() != 16 || ec != std::errc() || end != hex.data() + hex.size())
        malformed(tagged, "'bits' must be 16 hex digits");
    return std::bit_cast<double>(bits);
}

std::shared_ptr<Value> boxed(Value v)
{
    return std::make_shared<Value>(std::move(v));
}

std::optional<std::string> optionalString(const nlohmann::json &tagged, const char *key)
{
    const nlohmann::json &v = member(tagged, key);
    if (v.is_null())
        return std::nullopt;
    if (!v.is_string())
        malformed(tagged, std::string("'") + key + "' must be a string or null");
    return v.get<std::string>();
}

} // namespace

Value decodePlainJson(const nlohmann::json &plain)
{
    switch (plain.type()) {
    case nlohmann::json::value_t::null:
        return Value(Core::Py::None{});
    case nlohmann::json::value_t::boolean:
        return Value(plain.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
        return Value(Core::Py::Int{plain.dump()});
    case nlohmann::json::value_t::number_float:
        return Value(plain.get<double>());
    case nlohmann::json::value_t::string:
        return Value::str(plain.get<std::string>());
    case nlohmann::json::value_t::array: {
        Core::Py::List list;
        for (const auto &item : plain)
            list.items.push_back(decodePlainJson(item));
        return Value(std::move(list));
    }
    case nlohmann::json::value_t::object: {
        Core::Py::Dict dict;
        for (const auto &[k, v] : plain.items())
            dict.items.emplace_back(Value::str(k), decodePlainJson(v));
        return Value(std::move(dict));
    }
    default:
        throw std::invalid_argument("unsupported JSON value: " + plain.dump());
    }
}

Value decodePyval(const nlohmann::json &tagged)
{
    if (!tagged.is_object())
        malformed(tagged, "expected an object with a 't' tag");
    const std::string t = stringMember(tagged, "t");
    namespace Py = Core::Py;

    if (t == "none")
        return Value(Py::None{});
    if (t == "bool") {
        const nlohmann::json &v = member(tagged, "v");
        if (!v.is_boolean())
            malformed(tagged, "'v' must be a bool");
        return Value(v.get<bool>());
    }
    if (t == "int")
        return Value(Py::Int{stringMember(tagged, "v")});
    if (t == "float")
        return Value(decodeFloatBits(tagged));
    if (t == "str")
        return Value::str(stringMember(tagged, "v"));
    if (t == "list")
        return Value(Py::List{decodeItems(tagged)});
    if (t == "tuple")
        return Value(Py::Tuple{decodeItems(tagged)});
    if (t == "set")
        return Value(Py::Set{decodeItems(tagged)});
    if (t == "dict") {
        const nlohmann::json &items = member(tagged, "items");
        if (!items.is_array())
            malformed(tagged, "'items' must be an array of [key, value] pairs");
        Py::Dict dict;
        for (const auto &pair : items) {
            if (!pair.is_array() || pair.size() != 2)
                malformed(tagged, "every dict item must be a [key, value] pair");
            dict.items.emplace_back(decodePyval(pair[0]), decodePyval(pair[1]));
        }
        return Value(std::move(dict));
    }
    if (t == "datetime") {
        Py::DateTime dt;
        dt.year = intMember(tagged, "year");
        dt.month = intMember(tagged, "month");
        dt.day = intMember(tagged, "day");
        dt.hour = intMember(tagged, "hour");
        dt.minute = intMember(tagged, "minute");
        dt.second = intMember(tagged, "second");
        dt.microsecond = intMember(tagged, "microsecond");
        const nlohmann::json &offset = member(tagged, "utcoffset_seconds");
        if (offset.is_number_integer())
            dt.utcOffsetSeconds = offset.get<int>();
        else if (!offset.is_null())
            malformed(tagged, "'utcoffset_seconds' must be an integer or null");
        return Value(dt);
    }
    if (t == "date")
        return Value(Py::Date{
            intMember(tagged, "year"), intMember(tagged, "month"), intMember(tagged, "day")});
    if (t == "uuid")
        return Value(Py::Uuid{stringMember(tagged, "v")});
    if (t == "decimal")
        return Value(Py::Decimal{stringMember(tagged, "v")});
    if (t == "enum")
        return Value(Py::EnumMember{stringMember(tagged, "class"),
                                    stringMember(tagged, "member"),
                                    boxed(decodePyval(member(tagged, "value")))});
    if (t == "storage_class")
        return Value(Py::StorageClassRef{stringMember(tagged, "module"),
                                         stringMember(tagged, "qualname"),
                                         optionalString(tagged, "uid")});
    if (t == "data_node")
        return Value(Py::DataNodeRef{stringMember(tagged, "update_hash"),
                                     stringMember(tagged, "data_source_uid")});
    if (t == "model") {
        Py::Model model{stringMember(tagged, "module"), stringMember(tagged, "qualname"), {}};
        const nlohmann::json &fields = member(tagged, "fields");
        if (!fields.is_array())
            malformed(tagged, "'fields' must be an array");
        for (const auto &field : fields) {
            Py::ModelField f;
            f.name = stringMember(field, "name");
            f.value = boxed(decodePyval(member(field, "value")));
            if (const auto it = field.find("hash_excluded"); it != field.end())
                f.hashExcluded = boxed(decodePlainJson(*it));
            model.fields.push_back(std::move(f));
        }
        return Value(std::move(model));
    }
    malformed(tagged, "unknown tag '" + t + "'");
}

nlohmann::json readVectorFile(const QString &vectorsDir, const QString &fileName)
{
    const QString path = vectorsDir + QLatin1Char('/') + fileName;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read vector file " + path.toStdString() + ": "
                                 + file.errorString().toStdString());
    const QByteArray bytes = file.readAll();
    try {
        return nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const nlohmann::json::exception &e) {
        throw std::runtime_error("vector file " + path.toStdString()
                                 + " is not valid JSON: " + e.what());
    }
}

} // namespace TestSupport
