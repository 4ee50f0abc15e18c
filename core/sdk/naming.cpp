// SPDX-License-Identifier: MIT
#include "naming.h"

#include <core/sdk/md5.h>
#include <core/sdk/pystring.h>

#include <algorithm>

namespace Core::Sdk {

namespace {

const QString Separator = QStringLiteral("__");
constexpr qsizetype DigestLength = 10;
constexpr qsizetype MarkerLength = DigestLength + 1; // "_" + md5_10

tl::unexpected<Error> valueError(const QString &message)
{
    return fail(ErrorCode::InvalidInput, message, QStringLiteral("ValueError"));
}

QString marker(const QString &candidate)
{
    return QLatin1Char('_') + Py::md5Hex(candidate).left(DigestLength);
}

// s[:n].rstrip("_") or s[0]
QString headWithoutTrailingUnderscores(const QString &s, qsizetype n)
{
    const QString head = Py::rstrip(Py::slice(s, 0, n), QStringLiteral("_"));
    return head.isEmpty() ? Py::slice(s, 0, 1) : head;
}

// Replaces every maximal run of characters outside ASCII [A-Za-z0-9] by one "_" (an "_" is
// itself outside the set, so "a__b" becomes "a_b").
QString replaceNonAlnumRuns(const QString &value)
{
    std::u32string out;
    bool inRun = false;
    for (const char32_t c : Py::toCodePoints(value)) {
        if (Py::isAsciiAlnum(c)) {
            out.push_back(c);
            inRun = false;
        } else if (!inRun) {
            out.push_back(U'_');
            inRun = true;
        }
    }
    return Py::fromCodePoints(out);
}

Result<QStringList> normalizeColumns(const QStringList &columns, bool required)
{
    if (required && columns.isEmpty())
        return valueError(QStringLiteral("At least one column is required for schema names."));
    QStringList out;
    out.reserve(columns.size());
    for (const QString &column : columns) {
        auto normalized = normalizeIdentifierPart(column, QStringLiteral("column name"));
        if (!normalized)
            return tl::unexpected(normalized.error());
        out.append(*normalized);
    }
    return out;
}

} // namespace

QString slugify(const QString &value)
{
    // Only ASCII letters, digits and "_" survive the replacement, so ASCII lowercasing is
    // Python's lower() here.
    const QString slug = Py::strip(replaceNonAlnumRuns(value), QStringLiteral("_")).toLower();
    if (slug.isEmpty())
        return QStringLiteral("table");
    if (slug.front().isDigit())
        return QStringLiteral("t_") + slug;
    return slug;
}

Result<QString> normalizeIdentifierPart(const QString &value, const QString &fieldName)
{
    const QString raw = Py::strip(value);
    if (raw.isEmpty())
        return valueError(QStringLiteral("Schema %1 is required.").arg(fieldName));
    if (!Py::containsAlnum(raw))
        return valueError(
            QStringLiteral("Schema %1 must contain letters or digits.").arg(fieldName));
    return slugify(raw);
}

Result<QString> schemaTableName(const QString &app,
                                const QString &conceptName,
                                const std::optional<QString> &suffix)
{
    const auto a = normalizeIdentifierPart(app, QStringLiteral("table name app"));
    if (!a)
        return a;
    const auto c = normalizeIdentifierPart(conceptName, QStringLiteral("table name concept"));
    if (!c)
        return c;
    std::optional<QString> s;
    if (suffix) {
        auto normalized = normalizeIdentifierPart(*suffix, QStringLiteral("table name suffix"));
        if (!normalized)
            return normalized;
        s = *normalized;
    }

    const QString candidate = *a + Separator + *c + (s ? Separator + *s : QString());
    if (Py::length(candidate) <= PostgresIdentifierLimit)
        return candidate;

    const QString m = marker(candidate);
    const QString prefix = *a + Separator;
    const qsizetype prefixLength = Py::length(prefix);
    const auto tooLong = [&] {
        return valueError(
            QStringLiteral("Schema table name app is too long: %1.").arg(Py::repr(*a)));
    };

    if (!s) {
        const qsizetype budget = PostgresIdentifierLimit - prefixLength - MarkerLength;
        if (budget < 1)
            return tooLong();
        return prefix + headWithoutTrailingUnderscores(*c, budget) + m;
    }

    const qsizetype room = PostgresIdentifierLimit - prefixLength - MarkerLength - 2;
    if (room < 2)
        return tooLong();
    const qsizetype conceptLength = Py::length(*c);
    const qsizetype suffixLength = Py::length(*s);
    qsizetype suffixBudget = std::min(suffixLength, std::max<qsizetype>(1, room / 2));
    qsizetype conceptBudget = room - suffixBudget;
    if (conceptBudget > conceptLength) {
        suffixBudget = std::min(suffixLength, suffixBudget + conceptBudget - conceptLength);
        conceptBudget = conceptLength;
    }
    const QString conceptPart = headWithoutTrailingUnderscores(*c, conceptBudget);
    // The suffix keeps its tail: s[-sb:].strip("_") or s[-1].
    QString suffixPart = Py::strip(Py::sliceFrom(*s, -suffixBudget), QStringLiteral("_"));
    if (suffixPart.isEmpty())
        suffixPart = Py::sliceFrom(*s, -1);
    return prefix + conceptPart + m + Separator + suffixPart;
}

Result<SchemaTableNameParts> parseSchemaTableName(const QString &tableName)
{
    const QString raw = Py::strip(tableName);
    if (raw.isEmpty())
        return valueError(QStringLiteral("Schema table name is required."));
    QStringList pieces;
    for (const QString &piece : raw.split(Separator)) {
        auto normalized = normalizeIdentifierPart(piece, QStringLiteral("table name part"));
        if (!normalized)
            return tl::unexpected(normalized.error());
        pieces.append(*normalized);
    }
    if (pieces.size() < 2)
        return valueError(
            QStringLiteral("Schema table names must use the app__concept convention."));
    SchemaTableNameParts parts{pieces.at(0), pieces.at(1), std::nullopt};
    if (pieces.size() > 2)
        parts.suffix = pieces.mid(2).join(Separator);
    return parts;
}

Result<QString> boundedIdentifier(const QStringList &parts, int maxLength)
{
    QStringList normalizedParts;
    normalizedParts.reserve(parts.size());
    for (const QString &part : parts) {
        const QString raw = Py::strip(part);
        if (raw.isEmpty())
            return valueError(QStringLiteral("Schema identifier part is required."));
        QStringList pieces;
        for (const QString &piece : raw.split(Separator)) {
            auto normalized = normalizeIdentifierPart(piece, QStringLiteral("identifier part"));
            if (!normalized)
                return normalized;
            pieces.append(*normalized);
        }
        normalizedParts.append(pieces.join(Separator));
    }
    const QString candidate = normalizedParts.join(Separator);
    if (Py::length(candidate) <= maxLength)
        return candidate;
    const qsizetype budget = maxLength - MarkerLength;
    if (budget < 1)
        return valueError(QStringLiteral("Identifier max_length is too small: %1.").arg(maxLength));
    return headWithoutTrailingUnderscores(candidate, budget) + marker(candidate);
}

Result<QString> schemaIndexName(const QString &tableName, const QStringList &columns, bool unique)
{
    const auto cols = normalizeColumns(columns, true);
    if (!cols)
        return tl::unexpected(cols.error());
    return boundedIdentifier(
        QStringList{unique ? QStringLiteral("uix") : QStringLiteral("ix"), tableName} + *cols);
}

Result<QString> schemaUniqueConstraintName(const QString &tableName, const QStringList &columns)
{
    const auto cols = normalizeColumns(columns, true);
    if (!cols)
        return tl::unexpected(cols.error());
    return boundedIdentifier(QStringList{QStringLiteral("uq"), tableName} + *cols);
}

Result<QString> schemaForeignKeyName(const QString &tableName,
                                     const QStringList &columns,
                                     const QString &targetTable,
                                     const QStringList &targetColumns)
{
    const auto cols = normalizeColumns(columns, true);
    if (!cols)
        return tl::unexpected(cols.error());
    const auto targetCols = normalizeColumns(targetColumns, false);
    if (!targetCols)
        return tl::unexpected(targetCols.error());
    return boundedIdentifier(QStringList{QStringLiteral("fk"), tableName} + *cols
                             + QStringList{targetTable} + *targetCols);
}

Result<QString> schemaPrimaryKeyName(const QString &tableName)
{
    return boundedIdentifier(QStringList{QStringLiteral("pk"), tableName});
}

Result<QString> schemaCheckConstraintName(const QString &tableName,
                                          const std::optional<QString> &name)
{
    QStringList parts{QStringLiteral("ck"), tableName};
    if (name && !name->isEmpty())
        parts.append(*name);
    return boundedIdentifier(parts);
}

QString namespaceVersionSlug(const std::optional<QString> &ns)
{
    const QString def = QStringLiteral("default");
    if (!ns)
        return def;
    const QString raw = Py::strip(*ns);
    if (raw.isEmpty())
        return def;
    // The runs replacement already collapses "_" runs, since "_" is outside [0-9A-Za-z].
    const QString slug = Py::strip(replaceNonAlnumRuns(Py::lower(raw)), QStringLiteral("_"));
    if (slug.isEmpty())
        return def;
    constexpr qsizetype MaxLength = 48;
    constexpr qsizetype HeadLength = 37;
    if (Py::length(slug) <= MaxLength)
        return slug;
    return Py::rstrip(Py::slice(slug, 0, HeadLength), QStringLiteral("_")) + QLatin1Char('_')
           + Py::sha1Hex(raw).left(DigestLength);
}

} // namespace Core::Sdk
