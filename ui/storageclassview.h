// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>

#include <QList>
#include <QWidget>

class QLabel;
class QModelIndex;
class QPlainTextEdit;
class QTableView;
class QTabWidget;

namespace Core {
class ColumnsModel;
class ForeignKeysModel;
class IndexesModel;
class LintFindingsModel;
struct ClassBadgeInfo;
struct LintFinding;
namespace Db {
struct LiveTableFacts;
}
} // namespace Core

namespace Core::Steward {
class StewardEdits;
struct StoredTexts;
} // namespace Core::Steward

namespace Gui {

class LiveTablePanel;
class ProvenancePanel;
class StorageOverview;

// One storage class in tabs: Overview, Columns, Indexes, Foreign keys, Registration contract,
// Contract hash, Lint and Live table.
class StorageClassView : public QWidget
{
    Q_OBJECT

public:
    explicit StorageClassView(QWidget *parent = nullptr);

    // `position` is the class's place in the manifest; the Lint tab shows those of
    // `manifestFindings` (lintManifest of the whole manifest) that point into the class.
    void setStorageClass(const Core::StorageClass &storageClass,
                         int position,
                         const QList<Core::LintFinding> &manifestFindings);
    void setStorageClass(const Core::StorageClass &storageClass);
    void setBadge(const Core::ClassBadgeInfo &badge);
    void setLiveTable(const Core::Db::LiveTableFacts &facts);
    void setLiveTableNotConnected();
    // Makes column labels and descriptions editable through the workspace's steward edits.
    void setStewardEdits(Core::Steward::StewardEdits *edits);

    // The copies of the class's texts in the database (Provenance tab); `connected` says
    // whether they were read.
    void setStoredTexts(const Core::Steward::StoredTexts &stored, bool connected);

    // Switches to the Columns tab with the column at `row` selected.
    void showColumn(int row);

signals:
    // The user clicked (or activated) the target of a foreign key.
    void foreignKeyTargetActivated(const QString &schema, const QString &table);

private:
    void onForeignKeyActivated(const QModelIndex &index);
    void onLintActivated(const QModelIndex &index);

    QLabel *m_title;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    StorageOverview *m_overview;
    QTableView *m_columnsView;
    QTableView *m_indexesView;
    QTableView *m_foreignKeysView;
    QPlainTextEdit *m_contractView;
    QPlainTextEdit *m_hashView;
    QTableView *m_lintView;
    LiveTablePanel *m_liveTable;
    ProvenancePanel *m_provenance;
    Core::StorageClass m_class; // the one shown, for its provenance
    Core::ColumnsModel *m_columns;
    Core::IndexesModel *m_indexes;
    Core::ForeignKeysModel *m_foreignKeys;
    Core::LintFindingsModel *m_lint;
};

} // namespace Gui
