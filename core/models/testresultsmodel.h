// SPDX-License-Identifier: MIT
#pragma once

#include <core/assistant/testrun.h>

#include <QAbstractTableModel>

namespace Core {

// The outcomes of a validation test run, in the order the tests ended: what each test checks,
// how it ended and how long it took. A test that did not pass has ModelRole::ChecklistState
// NotDone (skipped: CannotTell), so views draw it like an open checklist item; its detail (the
// failing subtests, a traceback) is the ToolTipRole of every cell and Detail's text.
class TestResultsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Test, Outcome, Seconds, SectionCount };

    explicit TestResultsModel(QObject *parent = nullptr);

    void setOutcomes(const QList<Assistant::TestOutcome> &outcomes);
    void addOutcome(const Assistant::TestOutcome &outcome);
    const Assistant::TestOutcome *outcome(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Assistant::TestOutcome> m_outcomes;
};

// "Storage imports without backend access" from "test_1_storage_imports_without_backend_access".
QString describeTestName(const QString &testName);

} // namespace Core
