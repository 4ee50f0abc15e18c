// SPDX-License-Identifier: MIT
#pragma once

#include <core/run/rejectlog.h>

#include <QAbstractItemModel>

#include <array>

namespace Core {

// A run's rejects by rule: one row per rule that refused rows (its id and count), and under it
// the first rows it refused (line, column, value, reason, grain key). Updated in place as a run
// goes: rules and samples are inserted, counts change, so a view keeps its expanded rows.
class RejectsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Section { Rule, Count, Line, Column, Value, Reason, GrainKey, SectionCount };

    explicit RejectsModel(QObject *parent = nullptr);

    void setRejects(const Run::RejectLog &log);
    void clear();
    qint64 total() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct RuleRow
    {
        Run::RejectRule rule;
        qint64 count = 0;
        QList<Run::RejectSample> samples;
    };
    static constexpr quintptr TopLevel = ~quintptr(0);

    QList<RuleRow> m_rows; // rules with a count, in rule order
};

// The rejects kept of every rule as CSV (RFC 4180, a header row): rule, line, column, value,
// reason, grain_key, with each rule's count of refused rows beside its samples.
QByteArray rejectsToCsv(const Run::RejectLog &log);

} // namespace Core
