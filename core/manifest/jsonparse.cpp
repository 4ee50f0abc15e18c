// SPDX-License-Identifier: MIT
#include "jsonparse.h"

#include <QList>
#include <QtConcurrent/QtConcurrentMap>

#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <simdjson.h>

namespace Core {

namespace {

constexpr std::size_t SmallObject = 32;

using Members = std::vector<std::pair<std::string, Json>>;

// The object holding `collected` in order. A repeated key keeps its first place and takes the
// last value, as Json::parse does. Small objects look keys up in place; large ones through an
// index, so that a hostile object with many keys stays linear.
Json objectFrom(Members &collected)
{
    Json object(Json::value_t::object);
    // ordered_map's operator[] takes keys: index its vector directly.
    std::vector<Json::object_t::value_type> &members = object.get_ref<Json::object_t &>();
    members.reserve(collected.size());
    const bool indexed = collected.size() > SmallObject;
    std::unordered_map<std::string_view, std::size_t> position;
    for (auto &[name, value] : collected) {
        std::size_t at = members.size();
        if (indexed) {
            const auto found = position.find(name);
            if (found != position.end())
                at = found->second;
        } else {
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (members[i].first == name) {
                    at = i;
                    break;
                }
            }
        }
        if (at < members.size()) {
            members[at].second = std::move(value);
            continue;
        }
        members.emplace_back(std::move(name), std::move(value));
        if (indexed)
            position.emplace(members.back().first, at);
    }
    return object;
}

// The same document from simdjson's tape: its parser is an order of magnitude faster than
// nlohmann's lexer on a large manifest. The large arrays right under the root (a manifest's
// storage classes and nodes) are built on the thread pool.
Json fromSimdjson(simdjson::dom::element element, int depth = 0)
{
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
    case Type::OBJECT: {
        const simdjson::dom::object object = element.get_object().value_unsafe();
        Members members;
        members.reserve(object.size());
        for (const auto field : object)
            members.emplace_back(std::string(field.key), fromSimdjson(field.value, depth + 1));
        return objectFrom(members);
    }
    case Type::ARRAY: {
        const simdjson::dom::array array = element.get_array().value_unsafe();
        Json out(Json::value_t::array);
        auto &items = out.get_ref<Json::array_t &>();
        constexpr std::size_t ParallelFrom = 64; // below this the pool costs more than it saves
        if (depth == 1 && array.size() >= ParallelFrom) {
            std::vector<simdjson::dom::element> elements(array.begin(), array.end());
            items.resize(elements.size());
            QList<qsizetype> indexes(qsizetype(elements.size()));
            std::iota(indexes.begin(), indexes.end(), 0);
            QtConcurrent::blockingMap(indexes, [&](qsizetype i) {
                items[std::size_t(i)] = fromSimdjson(elements[std::size_t(i)], depth + 1);
            });
            return out;
        }
        items.reserve(array.size());
        for (const auto item : array)
            items.push_back(fromSimdjson(item, depth + 1));
        return out;
    }
    case Type::STRING:
        return Json(std::string(element.get_string().value_unsafe()));
    case Type::INT64:
        return Json(element.get_int64().value_unsafe());
    case Type::UINT64:
        return Json(element.get_uint64().value_unsafe());
    case Type::DOUBLE:
        return Json(element.get_double().value_unsafe());
    case Type::BOOL:
        return Json(element.get_bool().value_unsafe());
    case Type::NULL_VALUE:
        break;
    }
    return Json(nullptr);
}

// A SAX consumer for nlohmann's parser that collects each container's contents first and
// builds the container when it closes.
class BottomUpBuilder
{
public:
    bool null() { return add(Json(nullptr)); }
    bool boolean(bool value) { return add(Json(value)); }
    bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
    bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
    bool number_float(Json::number_float_t value, const std::string &) { return add(Json(value)); }
    bool string(std::string &value) { return add(Json(std::move(value))); }
    bool binary(Json::binary_t &value) { return add(Json::binary(std::move(value))); }

    bool start_object(std::size_t)
    {
        m_stack.push_back(Frame{true, {}, {}, {}});
        return true;
    }
    bool key(std::string &name)
    {
        m_stack.back().key = std::move(name);
        return true;
    }
    bool end_object()
    {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        return add(objectFrom(frame.members));
    }
    bool start_array(std::size_t)
    {
        m_stack.push_back(Frame{false, {}, {}, {}});
        return true;
    }
    bool end_array()
    {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        Json array(Json::value_t::array);
        array.get_ref<Json::array_t &>() = std::move(frame.items);
        return add(std::move(array));
    }

    // The parser hands over the exception it would have thrown: throw it, with its own type.
    template <class Exception>
    bool parse_error(std::size_t, const std::string &, const Exception &error)
    {
        throw error;
    }

    Json takeResult() { return std::move(m_result); }

private:
    struct Frame
    {
        bool object = false;
        std::string key;
        Members members;
        Json::array_t items;
    };

    bool add(Json &&value)
    {
        if (m_stack.empty()) {
            m_result = std::move(value);
            return true;
        }
        Frame &parent = m_stack.back();
        if (parent.object)
            parent.members.emplace_back(std::move(parent.key), std::move(value));
        else
            parent.items.push_back(std::move(value));
        return true;
    }

    std::vector<Frame> m_stack;
    Json m_result;
};

} // namespace

Json parseJsonText(const QByteArray &bytes)
{
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(bytes.constData(), std::size_t(bytes.size()), true).get(root)
        == simdjson::SUCCESS)
        return fromSimdjson(root);
    // Whatever simdjson refuses (a syntax error, an integer beyond 64 bits) goes through
    // nlohmann's parser, which accepts what Json::parse accepts and throws what it throws.
    BottomUpBuilder builder;
    Json::sax_parse(bytes.begin(), bytes.end(), &builder);
    return builder.takeResult();
}

} // namespace Core
