// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/columntexts.h>

#include <QAbstractTableModel>
#include <QPointer>

namespace Core {

// The spreadsheet of column texts: every column of the chosen storage classes with its label
// and description, both editable through the steward's edits (each cell an undo step; a pasted
// block one step). Pending cells have ModelRole::Pending.
class ColumnTextsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Table, Column, Label, Description, SectionCount };

    explicit ColumnTextsModel(Steward::StewardEdits *edits, QObject *parent = nullptr);

    // The classes shown (by class path); empty: every class.
    void setClasses(const QStringList &classPaths);
    const QStringList &classes() const { return m_classes; }

    // Pastes `block` (rows of cells, as parseDelimited reads a spreadsheet's clipboard) with its
    // top-left cell at `at`, as one undo command. Refused (InvalidInput, nothing changed) when
    // the block does not fit below and right of `at` within the Label and Description columns.
    // Returns the number of cells whose text changed.
    [[nodiscard]] Result<int> paste(const QModelIndex &at, const QList<QStringList> &block);
    // The cells' texts as a spreadsheet takes them: tab-separated, one line per row.
    QString copy(const QModelIndexList &cells) const;

    Steward::TextKey keyAt(const QModelIndex &index) const; // Label and Description cells

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void reload(); // rows from the edited manifest: a reset only when they changed

    QPointer<Steward::StewardEdits> m_edits;
    QStringList m_classes;
    QList<Steward::ColumnTextRow> m_rows;
};

} // namespace Core
