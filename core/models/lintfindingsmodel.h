// SPDX-License-Identifier: MIT
#pragma once

#include <core/lint/lint.h>

#include <QAbstractTableModel>

namespace Core {

// The lint findings of one storage class: those of the whole manifest whose JSON pointer lies
// under /storage_classes/<position>. A finding about a column carries that column's row
// (its position in the contract) in ModelRole::ColumnRow, else -1.
class LintFindingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Rule, Severity, Message, Fix, Count };

    explicit LintFindingsModel(QObject *parent = nullptr);

    void setFindings(const QList<LintFinding> &manifestFindings, int storagePosition);
    const LintFinding &finding(int row) const { return m_rows.at(row).finding; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        LintFinding finding;
        int columnRow = -1;
    };

    QList<Row> m_rows;
};

} // namespace Core
