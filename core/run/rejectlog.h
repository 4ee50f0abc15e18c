// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace Core::Run {

// The row-stream rules of provider-manifest.md, one per way a row can be refused. The ids are
// stable: run records, reports and exports store them.
enum class RejectRule {
    MalformedLine,      // malformed-line: not a JSON object, broken JSON or CSV, too few fields
    UnknownColumn,      // unknown-column: a key (or CSV field) outside the storage columns
    MissingIndexColumn, // missing-index-column: an index_names column absent or null
    NullInNonNullable,  // null-in-non-nullable: a non-nullable column absent or null
    NaiveTimestamp,     // naive-timestamp: a timestamp without a UTC offset
    NonUtcTimeIndex,    // non-utc-time-index: the time index with an offset other than UTC
    BadValue,           // bad-value: the value does not parse as the column's data_type
    StringTooLong,      // string-too-long: longer than the column's VARCHAR(n)
    DuplicateIndex,     // duplicate-index: the index tuple came earlier in the run
};

inline constexpr int rejectRuleCount = 9;

const char *ruleId(RejectRule rule);
std::optional<RejectRule> ruleFromId(const QString &id);
QList<RejectRule> allRules();

// One refused row, as kept for the report.
struct RejectSample
{
    std::int64_t line = 0;
    QString column;   // empty for malformed-line
    QString value;    // the offending value (or line), truncated
    QString reason;   // what is wrong, in words
    QString grainKey; // "time_index=2024-01-01T00:00:00Z, entity_identifier=e1"
};

// Counters per rule and the first N samples of each.
class RejectLog
{
public:
    explicit RejectLog(int samplesPerRule = 50)
        : m_samplesPerRule(samplesPerRule)
    {}

    // Counts a reject; true when its sample should be kept (then call keep()).
    bool count(RejectRule rule);
    void keep(RejectRule rule, RejectSample sample);

    std::int64_t count(RejectRule rule) const { return m_counts[index(rule)]; }
    std::int64_t total() const;
    const QList<RejectSample> &samples(RejectRule rule) const { return m_samples[index(rule)]; }
    int samplesPerRule() const { return m_samplesPerRule; }

private:
    static std::size_t index(RejectRule rule) { return static_cast<std::size_t>(rule); }

    int m_samplesPerRule;
    std::array<std::int64_t, rejectRuleCount> m_counts{};
    std::array<QList<RejectSample>, rejectRuleCount> m_samples;
};

} // namespace Core::Run
