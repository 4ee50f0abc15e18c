// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace Core::Run {

struct Hash128
{
    std::uint64_t lo = 0;
    std::uint64_t hi = 0;
    bool operator==(const Hash128 &) const = default;
};

// MurmurHash3_x64_128 (Austin Appleby, public domain): fast on the short keys a grain tuple
// makes, and 128 bits make an accidental collision among billions of rows a non-event.
Hash128 murmur3x64_128(std::string_view bytes, std::uint32_t seed = 0);

// The set of grain-tuple hashes seen in a run: 16 bytes per tuple, no strings kept.
// Open addressing with Robin Hood probing, at most 80 % full; the table is split into 64
// segments that grow (x1.5) one at a time, so growing never holds two copies of the whole set.
class GrainSet
{
public:
    // True when `hash` was not in the set (and is now).
    bool insert(Hash128 hash);
    // Starts loading the memory insert(hash) will probe, so that other work can hide the cache
    // miss (at millions of rows the table is far larger than the CPU caches).
    void prefetch(Hash128 hash) const;
    std::size_t size() const { return m_size; }
    std::size_t memoryBytes() const;

private:
    struct Segment
    {
        std::unique_ptr<Hash128[]> cells;
        std::uint32_t capacity = 0;
        std::uint32_t size = 0;
    };
    static bool place(Segment &s, Hash128 hash);
    static void grow(Segment &s);

    std::array<Segment, 64> m_segments;
    std::size_t m_size = 0;
};

} // namespace Core::Run
