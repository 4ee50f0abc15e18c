// SPDX-License-Identifier: MIT
#include "provenance.h"

namespace Core::Steward {

namespace {

// COMMENT ON and the catalog have no "unset": an empty text is no text.
std::optional<QString> normalized(const std::optional<QString> &text)
{
    return text && !text->isEmpty() ? text : std::nullopt;
}

bool sameText(const TextValue &a, const TextValue &b)
{
    return normalized(a.text) == normalized(b.text) && a.labels == b.labels;
}

} // namespace

bool TextCopies::catalogDiffers() const
{
    return catalog && !sameText(*catalog, manifest);
}

bool TextCopies::databaseDiffers() const
{
    return database && !sameText(*database, manifest);
}

QList<TextCopies> textCopies(const StorageClass &storageClass, const StoredTexts &stored)
{
    const QString classPath = storageClass.classRef.path();
    const Registration &reg = storageClass.registration;
    QList<TextCopies> out;
    TextCopies description{{classPath, {}, TextField::Description}, {reg.description, {}}, {}, {}};
    if (stored.catalogRow)
        description.catalog = TextValue{stored.catalogDescription, {}};
    if (stored.tableExists)
        description.database = TextValue{stored.tableComment, {}};
    out.append(description);
    TextCopies labels{{classPath, {}, TextField::Labels}, {std::nullopt, reg.labels}, {}, {}};
    if (stored.catalogRow)
        labels.catalog = TextValue{std::nullopt, stored.catalogLabels};
    out.append(labels);
    for (const Column &column : reg.columns) {
        const auto catalog = stored.catalogRow ? stored.catalogColumns.constFind(column.name)
                                               : stored.catalogColumns.cend();
        const bool inCatalog = catalog != stored.catalogColumns.cend();
        TextCopies label{
            {classPath, column.name, TextField::ColumnLabel}, {column.label, {}}, {}, {}};
        if (inCatalog)
            label.catalog = TextValue{catalog->first, {}};
        out.append(label);
        TextCopies text{{classPath, column.name, TextField::ColumnDescription},
                        {column.description, {}},
                        {},
                        {}};
        if (inCatalog)
            text.catalog = TextValue{catalog->second, {}};
        if (stored.tableExists && stored.columnComments.contains(column.name))
            text.database = TextValue{stored.columnComments.value(column.name), {}};
        out.append(text);
    }
    return out;
}

} // namespace Core::Steward
