// SPDX-License-Identifier: MIT
#include "threeway.h"

namespace Core::Steward {

QList<ThreeWayText> threeWay(const QList<PendingText> &pending, const ProviderManifest &onDisk)
{
    QList<ThreeWayText> out;
    for (const PendingText &p : pending) {
        ThreeWayText t{p.key, p.original, std::nullopt, p.value};
        if (auto theirs = readText(onDisk, p.key))
            t.theirs = *theirs;
        out.append(t);
    }
    return out;
}

} // namespace Core::Steward
