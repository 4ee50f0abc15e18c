// SPDX-License-Identifier: MIT
#include "rejectlog.h"

namespace Core::Run {

const char *ruleId(RejectRule rule)
{
    switch (rule) {
    case RejectRule::MalformedLine:
        return "malformed-line";
    case RejectRule::UnknownColumn:
        return "unknown-column";
    case RejectRule::MissingIndexColumn:
        return "missing-index-column";
    case RejectRule::NullInNonNullable:
        return "null-in-non-nullable";
    case RejectRule::NaiveTimestamp:
        return "naive-timestamp";
    case RejectRule::NonUtcTimeIndex:
        return "non-utc-time-index";
    case RejectRule::BadValue:
        return "bad-value";
    case RejectRule::StringTooLong:
        return "string-too-long";
    case RejectRule::DuplicateIndex:
        return "duplicate-index";
    }
    return "";
}

QList<RejectRule> allRules()
{
    QList<RejectRule> rules;
    for (int i = 0; i < rejectRuleCount; ++i)
        rules << static_cast<RejectRule>(i);
    return rules;
}

std::optional<RejectRule> ruleFromId(const QString &id)
{
    for (const RejectRule rule : allRules()) {
        if (id == QLatin1String(ruleId(rule)))
            return rule;
    }
    return std::nullopt;
}

bool RejectLog::count(RejectRule rule)
{
    return ++m_counts[index(rule)] <= m_samplesPerRule;
}

void RejectLog::keep(RejectRule rule, RejectSample sample)
{
    m_samples[index(rule)].append(std::move(sample));
}

std::int64_t RejectLog::total() const
{
    std::int64_t n = 0;
    for (const std::int64_t c : m_counts)
        n += c;
    return n;
}

} // namespace Core::Run
