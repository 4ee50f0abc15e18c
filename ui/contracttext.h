// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Core {
struct StorageClass;
}

namespace Gui {

// The registration request the SDK would send for the class (sdk-contract.md 4.3/4.4),
// pretty-printed; data_source_uid comes from the binding when the class is registered.
QString registrationContractText(const Core::StorageClass &storageClass);

// The contract hash, what it covers and the exact payload it hashes (or why it cannot be
// computed).
QString contractHashText(const Core::StorageClass &storageClass);

} // namespace Gui
