// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Core::Run {

// Key -> column index for NDJSON rows. Runners write every row's keys in the same order, so the
// k-th key of a row is first compared with the k-th key of the previous row (one memcmp); only
// a miss searches the sorted column names and updates that slot. No allocation once the slots
// have seen the row's keys.
class ColumnMap
{
public:
    explicit ColumnMap(const std::vector<std::string> &columns);

    // The column named `key`, or -1; `position` is the key's ordinal within its row.
    int column(std::string_view key, std::size_t position);

    // The column named `key`, or -1, without touching the cache.
    int find(std::string_view key) const;

private:
    struct Slot
    {
        std::string key;
        int column = -1;
        bool used = false;
    };
    std::vector<std::pair<std::string, int>> m_sorted;
    std::vector<Slot> m_slots;
};

} // namespace Core::Run
