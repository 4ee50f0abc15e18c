// SPDX-License-Identifier: MIT
#include "jsonpyvalue.h"

#include <QString>

#include <string>

namespace Core {

Py::Value toPyValue(const Json &json)
{
    switch (json.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
        return Py::Value(Py::None{});
    case Json::value_t::boolean:
        return Py::Value(json.get<bool>());
    case Json::value_t::number_integer:
        return Py::Value::integer(json.get<std::int64_t>());
    case Json::value_t::number_unsigned:
        return Py::Value(Py::Int{std::to_string(json.get<std::uint64_t>())});
    case Json::value_t::number_float:
        return Py::Value(json.get<double>());
    case Json::value_t::string:
        return Py::Value::str(json.get<std::string>());
    case Json::value_t::array: {
        Py::List list;
        for (const Json &item : json)
            list.items.push_back(toPyValue(item));
        return Py::Value(std::move(list));
    }
    case Json::value_t::object: {
        Py::Dict dict;
        for (auto it = json.begin(); it != json.end(); ++it)
            dict.items.emplace_back(Py::Value::str(it.key()), toPyValue(it.value()));
        return Py::Value(std::move(dict));
    }
    case Json::value_t::binary:
        break;
    }
    return Py::Value(Py::None{});
}

Py::Value toPyStr(const QString &text)
{
    return Py::Value::str(text.toStdString());
}

} // namespace Core
