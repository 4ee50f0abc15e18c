// SPDX-License-Identifier: MIT
#include "storageclass.h"

namespace Core {

const Column *StorageClass::column(const QString &name) const
{
    for (const Column &c : registration.columns) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

} // namespace Core
