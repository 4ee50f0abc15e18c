// SPDX-License-Identifier: MIT
#include "jsonparse.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace Core {

namespace {

constexpr std::size_t SmallObject = 32;

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
        Json object(Json::value_t::object);
        // ordered_map's operator[] takes keys: index its vector directly.
        std::vector<Json::object_t::value_type> &members = object.get_ref<Json::object_t &>();
        members.reserve(frame.members.size());
        // A repeated key keeps its first place and takes the last value, as Json::parse does.
        // Small objects look keys up in place; large ones through an index, so that a hostile
        // object with many keys stays linear.
        const bool indexed = frame.members.size() > SmallObject;
        std::unordered_map<std::string_view, std::size_t> position;
        for (auto &[name, value] : frame.members) {
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
        return add(std::move(object));
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
        std::vector<std::pair<std::string, Json>> members;
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
    BottomUpBuilder builder;
    Json::sax_parse(bytes.begin(), bytes.end(), &builder);
    return builder.takeResult();
}

} // namespace Core
