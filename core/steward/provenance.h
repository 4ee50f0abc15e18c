// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/stewardtext.h>

#include <QHash>

namespace Core::Steward {

// Where a text lives besides the manifest: the catalog row keeps a class's description and
// labels and each column's label and description; PostgreSQL's COMMENT ON keeps the class's
// description (table) and each column's description.

// What the database holds for one storage class.
struct StoredTexts
{
    bool catalogRow = false; // an active or reserved row in metatable_catalog.meta_tables
    QString catalogDescription;
    QStringList catalogLabels;
    // Each column's label and description in the catalog row (by column name; a column the row
    // does not list has no catalog copy).
    QHash<QString, std::pair<std::optional<QString>, std::optional<QString>>> catalogColumns;
    bool tableExists = false;
    std::optional<QString> tableComment;
    QHash<QString, std::optional<QString>> columnComments; // of the table's columns
};

// One text and its copies: nullopt where that copy does not exist (no catalog row, no table or
// column, or a place that never holds this kind of text).
struct TextCopies
{
    TextKey key;
    TextValue manifest;
    std::optional<TextValue> catalog;
    std::optional<TextValue> database;

    bool catalogDiffers() const;
    bool databaseDiffers() const;
    bool differs() const { return catalogDiffers() || databaseDiffers(); }
};

// Every text of the class as the manifest has it: its description and labels, then each
// column's label and description. An empty description and no description are the same text.
QList<TextCopies> textCopies(const StorageClass &storageClass, const StoredTexts &stored);

} // namespace Core::Steward
