// SPDX-License-Identifier: MIT
#include "md5.h"

#include <QCryptographicHash>

#include <openssl/evp.h>

namespace Core::Py {

namespace {

QString
digestHex(const EVP_MD *algorithm, QCryptographicHash::Algorithm fallback, std::string_view bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (algorithm
        && EVP_Digest(bytes.data(), bytes.size(), digest, &size, algorithm, nullptr) == 1) {
        return QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(size))
                .toHex());
    }
    // A FIPS-restricted OpenSSL refuses MD5 and SHA-1. These digests name tables and configs
    // (no security role), so Qt's own implementation gives the same bytes.
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())),
                                 fallback)
            .toHex());
}

} // namespace

QString md5Hex(std::string_view bytes)
{
    return digestHex(EVP_md5(), QCryptographicHash::Md5, bytes);
}

QString md5Hex(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return md5Hex(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

QString sha1Hex(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return digestHex(EVP_sha1(),
                     QCryptographicHash::Sha1,
                     std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

} // namespace Core::Py
