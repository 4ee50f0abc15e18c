// SPDX-License-Identifier: MIT
#include "columnmap.h"

#include <algorithm>

namespace Core::Run {

ColumnMap::ColumnMap(const std::vector<std::string> &columns)
{
    for (std::size_t i = 0; i < columns.size(); ++i)
        m_sorted.emplace_back(columns[i], static_cast<int>(i));
    std::sort(m_sorted.begin(), m_sorted.end());
}

int ColumnMap::find(std::string_view key) const
{
    const auto it = std::lower_bound(
        m_sorted.begin(), m_sorted.end(), key, [](const auto &entry, std::string_view k) {
            return std::string_view(entry.first) < k;
        });
    return it != m_sorted.end() && it->first == key ? it->second : -1;
}

int ColumnMap::column(std::string_view key, std::size_t position)
{
    // A row with hundreds of keys is not the shape runners write; do not grow the cache for it.
    constexpr std::size_t maxSlots = 256;
    if (position >= maxSlots)
        return find(key);
    if (position >= m_slots.size())
        m_slots.resize(position + 1);
    Slot &slot = m_slots[position];
    if (slot.used && slot.key == key)
        return slot.column;
    slot.key.assign(key);
    slot.column = find(key);
    slot.used = true;
    return slot.column;
}

} // namespace Core::Run
