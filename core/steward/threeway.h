// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/stewardedits.h>

namespace Core::Steward {

// A pending text when the manifest changed on disk since it was loaded: the value it had when
// loaded (original), the one on disk now (theirs) and the steward's (yours).
struct ThreeWayText
{
    TextKey key;
    TextValue original;
    std::optional<TextValue> theirs; // nullopt: its class or column is gone from the file
    TextValue yours;

    // Both sides changed it, differently: someone must choose.
    bool conflicting() const { return !theirs || (*theirs != original && *theirs != yours); }
};

// The pending edits against the manifest now on disk.
QList<ThreeWayText> threeWay(const QList<PendingText> &pending, const ProviderManifest &onDisk);

} // namespace Core::Steward
