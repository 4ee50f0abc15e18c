// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace Core::Py {

// A Python value as the SDK sees it before json.dumps: the input of pyjson() and of the
// SDK's configuration serialization. Strings are UTF-8; dicts keep insertion order (keys may be
// any Value, as in Python; pyjson sorts and converts them).
struct Value;

struct None
{
    bool operator==(const None &) const = default;
};

// Arbitrary-precision integer as decimal text: optional '-', then digits without leading zeros.
struct Int
{
    std::string digits;
    static Int fromInt64(std::int64_t v) { return Int{std::to_string(v)}; }
    bool operator==(const Int &) const = default;
};

struct Str
{
    std::string utf8;
    bool operator==(const Str &) const = default;
};

struct List
{
    std::vector<Value> items;
    bool operator==(const List &) const;
};

struct Tuple
{
    std::vector<Value> items;
    bool operator==(const Tuple &) const;
};

struct Set
{
    std::vector<Value> items;
    bool operator==(const Set &) const;
};

struct Dict
{
    std::vector<std::pair<Value, Value>> items; // insertion order
    bool operator==(const Dict &) const;
    // The value stored under the string key `key`, or nullptr.
    const Value *find(const std::string &key) const;
    Value *find(const std::string &key);
    // Replaces the value under `key`, or appends the pair (Python dict assignment).
    void set(const std::string &key, Value value);
    void remove(const std::string &key);
};

struct DateTime
{
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, microsecond = 0;
    std::optional<int> utcOffsetSeconds; // nullopt = naive
    bool operator==(const DateTime &) const = default;
};

struct Date
{
    int year = 1970, month = 1, day = 1;
    bool operator==(const Date &) const = default;
};

struct Uuid
{
    std::string text; // as given; serialization lowercases it
    bool operator==(const Uuid &) const = default;
};

struct Decimal
{
    std::string text;
    bool operator==(const Decimal &) const = default;
};

struct EnumMember
{
    std::string className;
    std::string member;
    std::shared_ptr<Value> value; // never null
    bool operator==(const EnumMember &) const;
};

// A PlatformTimeIndexMetaTable subclass used as a value (a storage class in a configuration).
struct StorageClassRef
{
    std::string module;
    std::string qualname;
    std::optional<std::string> uid; // nullopt = not bound by a migration yet
    bool operator==(const StorageClassRef &) const = default;
};

// A DataNode instance used as a value (a dependency node in a configuration).
struct DataNodeRef
{
    std::string updateHash;
    std::string dataSourceUid;
    bool operator==(const DataNodeRef &) const = default;
};

struct ModelField
{
    std::string name;
    std::shared_ptr<Value> value; // never null
    // The field's json_schema_extra "hash_excluded": nullopt when absent, otherwise the raw
    // value, which must be a bool (anything else is the SDK's "must be bool" error).
    std::shared_ptr<Value> hashExcluded;
    bool operator==(const ModelField &) const;
};

// A pydantic model instance: fields in declaration order, defaults already filled in.
struct Model
{
    std::string module;
    std::string qualname;
    std::vector<ModelField> fields;
    bool operator==(const Model &) const = default;
};

using Variant = std::variant<None, bool, Int, double, Str, List, Tuple, Set, Dict, DateTime, Date,
                             Uuid, Decimal, EnumMember, StorageClassRef, DataNodeRef, Model>;

struct Value : Variant
{
    using Variant::Variant;
    Value() : Variant(None{}) {}
    static Value str(std::string utf8) { return Value(Str{std::move(utf8)}); }
    static Value integer(std::int64_t v) { return Value(Int::fromInt64(v)); }

    template <class T>
    bool is() const { return std::holds_alternative<T>(*this); }
    template <class T>
    const T &as() const { return std::get<T>(*this); }
    template <class T>
    T &as() { return std::get<T>(*this); }

    // Python's type(v).__name__, for error messages ("datetime", "set", "Decimal", ...).
    std::string pythonTypeName() const;
};

} // namespace Core::Py
