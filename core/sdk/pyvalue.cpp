// SPDX-License-Identifier: MIT
#include "pyvalue.h"

namespace Core::Py {

bool List::operator==(const List &o) const { return items == o.items; }
bool Tuple::operator==(const Tuple &o) const { return items == o.items; }
bool Set::operator==(const Set &o) const { return items == o.items; }
bool Dict::operator==(const Dict &o) const { return items == o.items; }

bool EnumMember::operator==(const EnumMember &o) const
{
    return className == o.className && member == o.member
           && (value == o.value || (value && o.value && *value == *o.value));
}

bool ModelField::operator==(const ModelField &o) const
{
    const auto same = [](const std::shared_ptr<Value> &a, const std::shared_ptr<Value> &b) {
        return a == b || (a && b && *a == *b);
    };
    return name == o.name && same(value, o.value) && same(hashExcluded, o.hashExcluded);
}

const Value *Dict::find(const std::string &key) const
{
    for (const auto &[k, v] : items) {
        if (k.is<Str>() && k.as<Str>().utf8 == key)
            return &v;
    }
    return nullptr;
}

Value *Dict::find(const std::string &key)
{
    return const_cast<Value *>(static_cast<const Dict *>(this)->find(key));
}

void Dict::set(const std::string &key, Value value)
{
    if (Value *existing = find(key)) {
        *existing = std::move(value);
        return;
    }
    items.emplace_back(Value::str(key), std::move(value));
}

void Dict::remove(const std::string &key)
{
    std::erase_if(items, [&](const auto &kv) {
        return kv.first.template is<Str>() && kv.first.template as<Str>().utf8 == key;
    });
}

std::string Value::pythonTypeName() const
{
    struct Namer
    {
        std::string operator()(const None &) const { return "NoneType"; }
        std::string operator()(bool) const { return "bool"; }
        std::string operator()(const Int &) const { return "int"; }
        std::string operator()(double) const { return "float"; }
        std::string operator()(const Str &) const { return "str"; }
        std::string operator()(const List &) const { return "list"; }
        std::string operator()(const Tuple &) const { return "tuple"; }
        std::string operator()(const Set &) const { return "set"; }
        std::string operator()(const Dict &) const { return "dict"; }
        std::string operator()(const DateTime &) const { return "datetime"; }
        std::string operator()(const Date &) const { return "date"; }
        std::string operator()(const Uuid &) const { return "UUID"; }
        std::string operator()(const Decimal &) const { return "Decimal"; }
        std::string operator()(const EnumMember &e) const { return e.className; }
        std::string operator()(const StorageClassRef &) const { return "DeclarativeMeta"; }
        std::string operator()(const DataNodeRef &) const { return "DataNode"; }
        std::string operator()(const Model &m) const { return m.qualname; }
    };
    return std::visit(Namer{}, static_cast<const Variant &>(*this));
}

} // namespace Core::Py
