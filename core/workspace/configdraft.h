// SPDX-License-Identifier: MIT
#pragma once

#include <core/config/configcoerce.h>
#include <core/config/configserialize.h>
#include <core/config/configvalidate.h>
#include <core/contract/providermanifest.h>
#include <core/workspace/draftstore.h>
#include <core/workspace/presetstore.h>

#include <QObject>
#include <QTimer>

#include <optional>

class QUndoStack;

namespace Core {

// One value that differs between two configurations, and whether it takes part in the identity.
struct ConfigChange
{
    QStringList path;
    std::optional<Json> before; // nullopt: absent (the default applies)
    std::optional<Json> after;
    bool hashExcluded = false; // under a hash_excluded top-level field
    bool operator==(const ConfigChange &) const = default;
};

// The differences of `after` against `before`, value by value (objects are walked, lists and
// scalars compared whole), in the order of `after`'s keys then `before`'s.
QList<ConfigChange> configChanges(const Json &configSchema, const Json &before, const Json &after);

// A node's configuration being edited: every edit is an undo command on the workspace's stack,
// and after each one the draft validates the configuration (validateConfig), recomputes the
// node's update_hash and storage_hash (storage classes bound as the manifest says) and saves
// itself to the DraftStore, so nothing is lost when the editor closes or the console restarts.
// Saving waits for a pause in the typing (the store syncs every write to disk, several
// milliseconds a keystroke would otherwise pay) and is done at once when the draft goes.
class ConfigDraft : public QObject
{
    Q_OBJECT

public:
    struct Identity
    {
        std::optional<Config::NodeHashes> hashes;
        QString error; // why the hashes cannot be computed (an invalid value, an unbound class)
    };

    // `manifest` binds storage classes (WorkspaceDocument::boundManifest()).
    ConfigDraft(const NodeDefinition &node,
                const ProviderManifest &manifest,
                QUndoStack *undoStack,
                DraftStore store = DraftStore(),
                PresetStore presets = PresetStore(),
                QObject *parent = nullptr);
    ~ConfigDraft() override;

    const NodeDefinition &node() const { return m_node; }
    const Json &config() const { return m_config; }
    const Json &savedConfig() const { return m_node.config; } // the manifest's
    bool isModified() const { return m_config != m_node.config; }
    bool restoredFromDraft() const { return m_restored; }

    // New bindings (a review read the catalog): the identities are computed again.
    void setManifest(const ProviderManifest &manifest);

    // `typing`: a keystroke, merged with the previous keystrokes in the same value.
    void setValue(const QStringList &path, const std::optional<Json> &value, bool typing = false);
    void replaceAll(const Json &config); // the raw JSON editor
    void discard();                      // back to the manifest's configuration, draft removed
    void forgetDraft(); // the draft file goes (its configuration was saved to the manifest)
    void flush();       // a save waiting for a pause in the typing is done now

    const QList<Config::ConfigIssue> &issues() const { return m_issues; }
    const Identity &identity() const { return m_identity; }
    const Identity &savedIdentity() const { return m_savedIdentity; }
    // The update_hash differs from the manifest configuration's: it runs as a new updater.
    bool changesIdentity() const;
    QList<ConfigChange> changes() const;
    // The draft file could not be read or written: said once, the editing goes on.
    const QString &storeError() const { return m_storeError; }

    // Named configurations of this node, kept between sessions. Loading one is an edit (undo
    // brings the previous configuration back); saving one stores the configuration as it is now.
    [[nodiscard]] Result<QStringList> presetNames() const;
    [[nodiscard]] VoidResult savePreset(const QString &name);
    [[nodiscard]] VoidResult loadPreset(const QString &name);
    [[nodiscard]] VoidResult removePreset(const QString &name);

signals:
    void changed();

private:
    void apply(const Json &config);
    Identity identityOf(const Json &config) const;
    void writePending();

    NodeDefinition m_node;
    Config::StorageClassLookup m_lookup; // the manifest's bindings, built once per manifest
    QString m_providerKey;
    QUndoStack *m_undoStack;
    DraftStore m_store;
    PresetStore m_presets;
    Json m_config;
    bool m_restored = false;
    QList<Config::ConfigIssue> m_issues;
    Identity m_identity;
    Identity m_savedIdentity;
    QString m_storeError;
    QTimer m_saveTimer;
    bool m_savePending = false;
};

} // namespace Core
