// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/textaudit.h>

#include <QAbstractTableModel>

namespace Core {

// The audit trail of the steward's texts, newest first: when, who (OS user and database role),
// from where (console save, metatable upgrade, ...), which text, and old → new.
class TextAuditModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { When, Who, Source, Table, Text, Old, New, SectionCount };

    explicit TextAuditModel(QObject *parent = nullptr);

    void setRecords(const QList<Db::TextAuditRecord> &records); // oldest first, as read
    const QList<Db::TextAuditRecord> &records() const { return m_records; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Db::TextAuditRecord> m_records; // newest first
};

// A recorded value as people read it: "text", [a, b], (none).
QString describeAuditValue(const QJsonValue &value);

} // namespace Core
