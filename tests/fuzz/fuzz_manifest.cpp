// SPDX-License-Identifier: MIT
// libFuzzer target: any byte string through the manifest reader, and every accepted manifest
// through the writer, a second read, the storage-class codec and the lint. The reader must
// never crash, and a save must reload to the same model.
#include <core/lint/lint.h>
#include <core/manifest/manifestio.h>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto doc = Core::parseManifest(bytes, QStringLiteral("fuzz.json"));
    if (!doc)
        return 0;
    const auto again
        = Core::parseManifest(Core::serializeManifest(*doc), QStringLiteral("saved.json"));
    if (!again || !(again->manifest == doc->manifest))
        std::abort();
    for (const Core::StorageClass &sc : doc->manifest.storageClasses) {
        const auto back
            = Core::storageClassFromJson(Core::storageClassToJson(sc), QStringLiteral("sc"));
        if (!back || !(*back == sc))
            std::abort();
    }
    (void)Core::lintManifest(*doc);
    return 0;
}
