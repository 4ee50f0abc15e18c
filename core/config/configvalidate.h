// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Core::Config {

// One problem of a configuration against its pydantic schema, where it is.
struct ConfigIssue
{
    // The value's place as pydantic's error "loc" gives it: field names, list indexes and dict
    // keys, outermost first ({"window", "days"}, {"tags", "2"}); empty for the whole object.
    QStringList location;
    QString message; // what is wrong and what would be accepted
    // A key the model does not declare, which pydantic ignores (extra="ignore"): worth saying,
    // not an error. Under extra="forbid" (additionalProperties: false) it is an error.
    bool warning = false;

    QString path() const; // "window.days", "tags[2]", "weights[\"eq\"]"
    bool operator==(const ConfigIssue &) const = default;
};

// Checks `config` against the node's `config_schema` (pydantic v2 model_json_schema()) as
// pydantic's lax validation would: types with pydantic's coercions (the same as the hash uses,
// configcoerce.h), required fields, enums and literals, numeric bounds (minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, multipleOf), string minLength / maxLength / pattern,
// array minItems / maxItems, dict values (additionalProperties), nested models through $ref and
// allOf, Optional and other unions (valid when a branch is), extra keys. Every problem is
// reported, not only the first. Storage class fields are checked for their shape only: whether
// the class is registered is the hash's question, not the value's.
QList<ConfigIssue> validateConfig(const Json &configSchema, const Json &config);

// Only the errors (warnings left out).
bool hasErrors(const QList<ConfigIssue> &issues);

} // namespace Core::Config
