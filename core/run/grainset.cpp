// SPDX-License-Identifier: MIT
#include "grainset.h"

#include <cstring>
#include <utility>

namespace Core::Run {

namespace {

std::uint64_t rotl(std::uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

std::uint64_t fmix(std::uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

std::uint64_t load64(const unsigned char *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8); // little-endian hosts only, as the reference implementation
    return v;
}

__extension__ typedef unsigned __int128 Uint128; // GCC and Clang on 64-bit hosts

// The slot a hash would take in an empty segment of `capacity` slots: the high half of
// lo * capacity maps hashes evenly onto any capacity, not only powers of two.
std::uint32_t home(const Hash128 &h, std::uint32_t capacity)
{
    return static_cast<std::uint32_t>((static_cast<Uint128>(h.lo) * capacity) >> 64);
}

bool empty(const Hash128 &h)
{
    return h.lo == 0 && h.hi == 0;
}

} // namespace

Hash128 murmur3x64_128(std::string_view bytes, std::uint32_t seed)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t len = bytes.size();
    const std::size_t blocks = len / 16;
    std::uint64_t h1 = seed, h2 = seed;
    constexpr std::uint64_t c1 = 0x87c37b91114253d5ULL;
    constexpr std::uint64_t c2 = 0x4cf5ad432745937fULL;

    for (std::size_t i = 0; i < blocks; ++i) {
        std::uint64_t k1 = load64(data + i * 16);
        std::uint64_t k2 = load64(data + i * 16 + 8);
        k1 *= c1;
        k1 = rotl(k1, 31);
        k1 *= c2;
        h1 ^= k1;
        h1 = rotl(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        k2 *= c2;
        k2 = rotl(k2, 33);
        k2 *= c1;
        h2 ^= k2;
        h2 = rotl(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
    }

    const unsigned char *tail = data + blocks * 16;
    std::uint64_t k1 = 0, k2 = 0;
    const std::size_t rest = len & 15;
    for (std::size_t i = rest; i > 8; --i)
        k2 ^= std::uint64_t{tail[i - 1]} << ((i - 9) * 8);
    if (rest > 8) {
        k2 *= c2;
        k2 = rotl(k2, 33);
        k2 *= c1;
        h2 ^= k2;
    }
    for (std::size_t i = rest < 8 ? rest : 8; i > 0; --i)
        k1 ^= std::uint64_t{tail[i - 1]} << ((i - 1) * 8);
    if (rest > 0) {
        k1 *= c1;
        k1 = rotl(k1, 31);
        k1 *= c2;
        h1 ^= k1;
    }

    h1 ^= len;
    h2 ^= len;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    return {h1, h2};
}

bool GrainSet::place(Segment &s, Hash128 h)
{
    std::uint32_t i = home(h, s.capacity);
    std::uint32_t distance = 0;
    bool probing = true; // still looking for `h` itself; false once it is known to be new
    while (true) {
        Hash128 &slot = s.cells[i];
        if (empty(slot)) {
            slot = h;
            ++s.size;
            return true;
        }
        if (probing && slot == h)
            return false;
        const std::uint32_t slotHome = home(slot, s.capacity);
        const std::uint32_t slotDistance = i >= slotHome ? i - slotHome : i + s.capacity - slotHome;
        // Robin Hood: a resident nearer its home than we are to ours yields its slot. Such a
        // resident also proves `h` absent: it would have been placed before this point.
        if (slotDistance < distance) {
            std::swap(slot, h);
            distance = slotDistance;
            probing = false;
        }
        i = i + 1 == s.capacity ? 0 : i + 1;
        ++distance;
    }
}

void GrainSet::grow(Segment &s)
{
    const std::uint32_t capacity = s.capacity == 0 ? 64 : s.capacity + s.capacity / 2;
    Segment bigger;
    bigger.cells = std::make_unique<Hash128[]>(capacity); // value-initialized: all empty
    bigger.capacity = capacity;
    for (std::uint32_t i = 0; i < s.capacity; ++i) {
        if (!empty(s.cells[i]))
            place(bigger, s.cells[i]);
    }
    s = std::move(bigger);
}

void GrainSet::prefetch(Hash128 hash) const
{
    const Segment &s = m_segments[hash.hi >> 58];
    if (s.capacity > 0)
        __builtin_prefetch(&s.cells[home(hash, s.capacity)]);
}

bool GrainSet::insert(Hash128 hash)
{
    if (empty(hash))
        hash.lo = 1; // the all-zero value marks an empty slot
    Segment &s = m_segments[hash.hi >> 58];
    // At most 80 % full: an insert probes to the next free slot, about 1 / (1 - load)^2 / 2
    // slots with linear probing, 13 at 80 % but 50 at 90 %.
    if (std::uint64_t{s.size} * 5 >= std::uint64_t{s.capacity} * 4)
        grow(s);
    if (!place(s, hash))
        return false;
    ++m_size;
    return true;
}

std::size_t GrainSet::memoryBytes() const
{
    std::size_t bytes = 0;
    for (const Segment &s : m_segments)
        bytes += std::size_t{s.capacity} * sizeof(Hash128);
    return bytes;
}

} // namespace Core::Run
