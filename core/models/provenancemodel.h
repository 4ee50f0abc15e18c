// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/provenance.h>

#include <QAbstractTableModel>

namespace Core {

// Every text of one storage class and its copies, side by side: what the manifest says, what
// the catalog row says and what the live COMMENT ON says. A copy that differs from the manifest
// has ModelRole::Missing (and says so in its tooltip); a place that holds no such text shows a
// dash.
class ProvenanceModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Text, Manifest, Catalog, Database, SectionCount };

    explicit ProvenanceModel(QObject *parent = nullptr);

    void setCopies(const QList<Steward::TextCopies> &copies);
    const Steward::TextCopies *copies(int row) const;
    int differing() const; // texts with a copy that differs
    // The row of `key`, or -1.
    int rowOf(const Steward::TextKey &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Steward::TextCopies> m_copies;
};

} // namespace Core
