// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/util/result.h>

#include <QList>
#include <QString>

#include <optional>

namespace Core::Config {

// How the configuration editor renders one field of a pydantic v2 schema.
enum class FieldKind {
    Text,
    Integer,
    Number,
    Boolean,
    Choice,       // an enum (by $ref) or a Literal: a combo box of `choices`
    DateTime,     // format date-time: written with an explicit UTC offset
    Date,         // format date
    Uuid,         // format uuid
    Model,        // a nested model: a group box of `children`
    List,         // an array: `children` holds the item's field (key "item")
    Tuple,        // prefixItems: `children` holds each position's field, in order
    Dict,         // additionalProperties: `children` holds the value's field (key "value")
    Union,        // a union beyond Optional: `children` holds each member, a type selector
    StorageClass, // x-metatable-storage-class: a picker of the workspace's storage classes
    Any,          // no type at all: any JSON
    Json,         // what the form cannot render: an inline JSON editor, `unsupported` says why
};

QString fieldKindName(FieldKind kind); // "text", "integer", ... (for tests and tooltips)

// One field of the form, from the schema as pydantic writes it.
struct FormField
{
    QString key;         // the property name ("" for the root, "item"/"value" for templates)
    QString title;       // the property's title, else its $defs title, else the key
    QString description; // may be empty
    FieldKind kind = FieldKind::Json;
    bool required = false;
    bool nullable = false; // Optional[X]: anyOf [X, null]; the editor shows a None toggle
    bool hashExcluded = false;
    std::optional<Json> defaultValue; // the schema's "default"
    bool computedDefault = false;     // not required and no "default": a default_factory
    QList<Json> examples;
    QList<Json> choices; // Choice: the allowed values
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::optional<double> exclusiveMinimum;
    std::optional<double> exclusiveMaximum;
    std::optional<qint64> minLength; // strings: characters; lists: items
    std::optional<qint64> maxLength;
    QString pattern;
    bool forbidsExtra = false; // Model with additionalProperties false
    QList<FormField> children;
    QString definition; // the $defs entry a nested model or enum came from ("" when inline)
    Json schema = Json::object(); // the field's schema with references resolved
    QString unsupported;          // Json: what the form could not render, said to the user
};

// The value a field starts from when the user gives it one (clears None, adds a list item,
// picks another member of a union): its default unless that is None, else its first example,
// else the plainest valid-looking value of its kind ("", 0, false, the first choice, {}, [],
// today at 00:00 UTC for a date-time).
Json initialValue(const FormField &field);

// The form of a node's configuration: the root model and, recursively, its fields in
// declaration order. Fails only on a schema that is not an object model or whose references
// cannot be resolved; a field the form cannot render becomes a Json field, never an error.
[[nodiscard]] Result<FormField> buildForm(const Json &configSchema);

} // namespace Core::Config
