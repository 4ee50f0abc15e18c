// SPDX-License-Identifier: MIT
#pragma once

#include "configvaluewidget.h"

#include <core/contract/providermanifest.h>
#include <core/lint/lint.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace Core {
class ConfigChangesModel;
class ConfigDraft;
class NodeRuns;
} // namespace Core

namespace Gui {

class ConfigFieldEditor;

// The configuration editor of one node: a form built from its pydantic schema, hash-excluded
// fields badged (with a legend and a filter), the live update_hash and storage_hash beside the
// manifest's with a plain notice of whether the edit changes the update identity, inline errors
// with a summary that jumps to each field, the changes against the manifest, and the raw JSON.
// Lint findings on the schema sit on the fields they concern. Named presets of the node are
// saved and loaded here. Every edit is an undo command on the workspace's stack; the draft
// survives restarts.
class ConfigEditor : public QWidget
{
    Q_OBJECT

public:
    // `draft` belongs to the workspace document and outlives the editor. `nodeLint`: the
    // findings whose pointer lies in this node, the pointer relative to it
    // ("/config_schema/properties/x/description").
    // `runs`: the workspace's node runs, whose history says which past runs the edited
    // configuration matches (null: no run history).
    ConfigEditor(Core::ConfigDraft *draft,
                 const Core::ProviderManifest &boundManifest,
                 const QList<Core::LintFinding> &nodeLint = {},
                 Core::NodeRuns *runs = nullptr,
                 QWidget *parent = nullptr);
    ~ConfigEditor() override;

    Core::ConfigDraft *draft() const { return m_draft; }

signals:
    void saveRequested(const QString &nodePath);

private:
    QWidget *createForm(const Core::ProviderManifest &manifest);
    QWidget *createPresetBar();
    void showLint(const QList<Core::LintFinding> &nodeLint);
    void refresh();
    void showRunMatches();
    void refreshPresets();
    void applyFilter();
    void applyRawJson();

    Core::ConfigDraft *m_draft;
    Core::ConfigChangesModel *m_changes;
    ConfigFormContext m_context;
    QList<ConfigFieldEditor *> m_topLevel;
    QLabel *m_identity;
    QLabel *m_notice;
    QLabel *m_storeError;
    QLabel *m_runMatches;
    QComboBox *m_compareWith;
    Core::NodeRuns *m_runs;
    QComboBox *m_filter;
    QListWidget *m_issues;
    QTabWidget *m_tabs;
    QTableView *m_changesView;
    QPlainTextEdit *m_raw;
    QLabel *m_rawError;
    QPushButton *m_save;
    QComboBox *m_presetName = nullptr;
    QLabel *m_presetMessage = nullptr;
};

} // namespace Gui
