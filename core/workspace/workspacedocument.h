// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/livetable.h>
#include <core/db/lockwait.h>
#include <core/db/textaudit.h>
#include <core/lint/lint.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>
#include <core/migrate/review.h>
#include <core/models/classbadge.h>
#include <core/models/storagetreemodel.h>
#include <core/run/noderun.h>
#include <core/steward/provenance.h>
#include <core/steward/stewardedits.h>
#include <core/steward/threeway.h>
#include <core/workspace/workspacesource.h>

#include <QFileSystemWatcher>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <optional>

class QUndoStack;

namespace Core {
class ConfigDraft;
class NodeRuns;
class ValidationTests;
class NodeRunSession;
} // namespace Core

namespace Core {

// One open workspace: the manifest, its undo stack, the connection, the last live review
// (snapshot-derived plan, status, figures, bound manifest) and the migration running on it.
// Views observe it through signals; nothing else mutates it. All work (loading, reviewing,
// rehearsing, applying) runs on worker threads; results are applied on the document's thread,
// and a result made stale by a newer request is dropped.
class WorkspaceDocument : public QObject
{
    Q_OBJECT

public:
    // TextsApply: the metadata-only migration a steward's save makes when connected (catalog
    // texts and COMMENT ON, recorded in the audit trail as a console save).
    enum class Migration { None, Rehearsal, Apply, TextsApply };

    explicit WorkspaceDocument(QObject *parent = nullptr);
    ~WorkspaceDocument() override;

    // ---- manifest ----
    void open(const WorkspaceSource &source); // manifestLoaded or loadFailed follows
    void reload();                            // the same source again
    void cancelLoading();
    bool isLoading() const { return m_loadRunning; }
    const WorkspaceSource &source() const { return m_source; }
    const ManifestDocument &manifestDocument() const { return m_document; }
    const ProviderManifest &manifest() const { return m_document.manifest; }
    bool hasManifest() const { return !m_source.isEmpty(); }
    const QList<LintFinding> &lint() const { return m_lint; }
    // The storage tree's contents for the loaded manifest, built with the load on its worker.
    std::shared_ptr<const StorageTreeModel::Contents> storageTree() const { return m_storageTree; }
    QUndoStack *undoStack() const { return m_undoStack; }

    // The configuration draft of a node (by class path), made when first asked for; it lives as
    // long as the loaded manifest and pushes its edits on undoStack(). Null for an unknown node.
    ConfigDraft *configDraft(const QString &nodePath);
    // Writes the draft's configuration into the manifest file (atomically, unknown keys kept),
    // refusing when the file changed on disk since it was loaded; then reloads the manifest.
    // configSaved or configSaveFailed follows. Refused while the draft has errors.
    void saveConfig(const QString &nodePath);

    // ---- data steward ----
    // The pending edits of descriptions and labels; they survive a reload.
    Steward::StewardEdits *stewardEdits() const { return m_steward; }
    // Writes the pending steward edits into the manifest file (atomically, unknown keys kept),
    // refusing when the file changed on disk since it was loaded; then reloads, and the live
    // review shows what reaches the database (the catalog rows, COMMENT ON).
    // stewardSaved or stewardSaveFailed follows; when the file changed on disk, nothing is
    // written and stewardSaveConflict follows instead, with yours, theirs and the original.
    // Connected, the save goes on to the database once the manifest is reloaded and reviewed:
    // the review's text operations (catalog texts, COMMENT ON) run as a metadata-only migration
    // (Migration::TextsApply, shown in the migration review like any other), refused when
    // someone changed those catalog rows since they were read; stewardTextsApplied follows.
    // When the plan also holds structural work the texts wait for the next migration
    // (stewardTextsWaiting).
    void saveStewardEdits();
    // Writes `chosen` (the resolution of a conflict) over the manifest as it was on disk when
    // the conflict was found; refused when it changed again since. Then as saveStewardEdits.
    void saveStewardResolution(const QList<Steward::TextChange> &chosen);
    // When the texts-only migration of a save is refused because someone changed the catalog
    // rows since they were read, stewardCatalogConflict follows (once the review has read them
    // again) with yours (the manifest's), theirs (the catalog's now) and the original (as read).
    // This saves the choice: texts kept from the catalog become the manifest's, and the rest go
    // to the database over the versions read now.
    void saveStewardCatalogResolution(const QList<Steward::TextChange> &chosen);
    // The copies of a class's texts in the database the last review read: its catalog row and
    // COMMENT ON. Empty (nothing stored) without a review.
    Steward::StoredTexts storedTexts(const QString &classPath) const;
    // The manifest as this workspace was first opened (reloads of the same source keep it):
    // what the texts said before this session's edits, saved or not.
    const ProviderManifest &sessionBaseline() const { return m_baseline; }
    // Reads the audit trail of texts in the connected database; textHistoryRead or
    // textHistoryFailed follows.
    void readTextHistory(const Db::TextAuditFilter &filter);

    // ---- the migration guide's validation tests (metatable testgen) ----
    ValidationTests *validationTests() const { return m_validationTests; }

    // ---- node runs ----
    NodeRuns *nodeRuns() const { return m_runs; }
    // Runs the node with its draft's configuration (valid, or refused) against the connected
    // database; runStarted on nodeRuns() follows. Null with `why` set when it cannot start.
    NodeRunSession *startRun(const QString &nodePath, Run::WritePolicy policy, QString *why);
    // Runs the node again with a configuration of its history.
    NodeRunSession *
    startRun(const QString &nodePath, const Json &config, Run::WritePolicy policy, QString *why);

    // ---- connection and live review ----
    void setConnection(const WorkspaceConnection &connection); // refreshes when a manifest is open
    const WorkspaceConnection &connection() const { return m_connection; }
    void setAllowDestructive(bool allow); // plans made from now on; refreshes
    bool allowDestructive() const { return m_allowDestructive; }
    void refresh(); // introspect + diff + risk counts + status + figures; reviewChanged follows
    bool isRefreshing() const { return m_refreshRunning; }
    const std::optional<Migrate::LiveReview> &review() const { return m_review; }
    // The manifest with storage classes bound to their active catalog rows when connected.
    const ProviderManifest &boundManifest() const;
    const QHash<QString, ClassBadgeInfo> &badges() const { return m_badges; }

    // Reads a table's live facts (size, statistics, lock holders); liveTableRead follows. A
    // newer request makes an older one's result stale.
    void readLiveTable(const QString &schema, const QString &table);

    // ---- migrations ----
    // Both run the reviewed plan (refused when the database changed since) with lock_timeout.
    void rehearse();
    void apply();
    void cancelMigration();
    Migration runningMigration() const { return m_migration; }
    int lockTimeoutMs() const { return m_lockTimeoutMs; }
    void setLockTimeoutMs(int milliseconds) { m_lockTimeoutMs = milliseconds; }
    const std::optional<Db::LockWait> &lockWait() const { return m_lockWait; }
    // The outcome of the last rehearsal or apply; nullopt before the first.
    const std::optional<Result<Migrate::ApplyResult>> &lastMigration() const
    {
        return m_lastMigration;
    }

signals:
    void loadStarted(const QString &label);
    void manifestLoaded();
    void loadFailed(const Core::Error &error);
    void manifestChangedOnDisk(); // the file changed; reload() picks it up (never automatic)
    void connectionChanged();
    void refreshStarted();
    void reviewChanged(); // review(), boundManifest() and badges() are new
    void refreshFailed(const Core::Error &error);
    void configSaved(const QString &nodePath);
    void configSaveFailed(const QString &nodePath, const Core::Error &error);
    void stewardSaved(int texts);
    void stewardSaveFailed(const Core::Error &error);
    void stewardSaveConflict(const QList<Core::Steward::ThreeWayText> &texts);
    void stewardTextsApplied(); // lastMigration() says how it went
    void stewardCatalogConflict(const QList<Core::Steward::ThreeWayText> &texts);
    void stewardTextsWaiting(const QStringList &structuralWork);
    void textHistoryRead(const QList<Core::Db::TextAuditRecord> &records);
    void textHistoryFailed(const Core::Error &error);
    // A reload could not keep these pending steward edits (their class or column went).
    void stewardEditsDropped(const QStringList &edits);
    void liveTableRead(const Core::Db::LiveTableFacts &facts);
    void liveTableFailed(const Core::Error &error);
    void migrationStarted(Core::WorkspaceDocument::Migration kind);
    void statementStarted(const Core::Migrate::StatementReport &report);
    void statementFinished(const Core::Migrate::StatementReport &report);
    void lockWaitChanged();                                          // lockWait() changed
    void migrationFinished(Core::WorkspaceDocument::Migration kind); // see lastMigration()

private:
    // A save on its way to the database: the edited classes' catalog rows as the steward read them.
    struct SavedTexts
    {
        QHash<QString, qint64> versions; // catalog row uid -> text version
        QList<QPair<Steward::TextKey, Steward::TextValue>> catalogOriginals;
    };
    void startLoading();
    void finishLoading(int generation, Result<ManifestDocument> result);
    // A review and the badges computed from it, both on the worker: with thousands of classes
    // the badges alone would hold the GUI thread too long.
    struct Refreshed
    {
        Migrate::LiveReview review;
        QHash<QString, ClassBadgeInfo> badges;
    };
    void startRefresh();
    void finishRefresh(int generation, const Result<Refreshed> &result);
    void startMigration(Migration kind);
    void applySavedTexts(); // after a save's review: the metadata-only migration
    std::optional<SavedTexts> savedTextsOf(const QList<Steward::PendingText> &texts) const;
    std::optional<Steward::TextValue> catalogCopy(const Steward::TextKey &key) const;
    void showCatalogConflict();
    void finishMigration(Migration kind, const Result<Migrate::ApplyResult> &result);
    void watchFile(const QString &path);
    // Edits the manifest file on a worker: refuses a file changed on disk since it was loaded
    // (the message ends with `kept`, what the user keeps), applies `edit` (which writes) to what
    // is on disk, then on this thread gives `done` the outcome and, after a success, reloads.
    // `expectedDigest` is the file's digest the edit may apply to (default: as loaded).
    void editManifestFile(std::function<VoidResult(ManifestDocument &)> edit,
                          const QString &kept,
                          std::function<void(const VoidResult &)> done,
                          const QByteArray &expectedDigest = {});
    void findStewardConflict(); // reads the file on disk, then stewardSaveConflict
    void updateBadges();

    QUndoStack *m_undoStack;
    NodeRuns *m_runs;
    ValidationTests *m_validationTests;
    Steward::StewardEdits *m_steward;
    QThreadPool m_pool; // its own threads: a long apply never starves a refresh or the watcher
    QFileSystemWatcher m_fileWatcher;

    WorkspaceSource m_source;  // what the loaded manifest came from
    WorkspaceSource m_pending; // the newest load request
    ManifestDocument m_document;
    QList<LintFinding> m_lint;
    QHash<QString, QString> m_contractHashes;       // of the loaded manifest, by class path
    QHash<QString, ClassBadgeInfo> m_offlineBadges; // lint only: the badges without a review
    std::shared_ptr<const StorageTreeModel::Contents> m_storageTree;
    QHash<QString, ConfigDraft *> m_drafts; // children of the document, by node class path
    QByteArray m_loadedDigest;   // SHA-1 of the manifest file as loaded: "changed on disk?"
    QByteArray m_savedDigest;    // of the file this document last wrote: not an outside change
    QByteArray m_conflictDigest; // of the file on disk when a steward save met a conflict
    // A save whose texts go on to the database after the next review, with the text versions of
    // the edited classes' catalog rows as they were read before the save (uid -> version).
    std::optional<SavedTexts> m_textsToApply;
    QList<QPair<Steward::TextKey, Steward::TextValue>> m_applyingOriginals;
    QList<QPair<Steward::TextKey, Steward::TextValue>> m_catalogConflict;
    QHash<QString, qint64> m_textsVersions; // for the TextsApply being started
    int m_historyGeneration = 0;
    ProviderManifest m_baseline;
    QString m_baselineLabel; // the source it was read from
    int m_loadGeneration = 0;
    bool m_loadRunning = false;
    CancelToken m_loadCancel;

    WorkspaceConnection m_connection;
    bool m_allowDestructive = false;
    int m_lockTimeoutMs = 3000;
    std::optional<Migrate::LiveReview> m_review;
    QHash<QString, ClassBadgeInfo> m_badges;
    int m_refreshGeneration = 0;
    bool m_refreshRunning = false;
    bool m_refreshQueued = false;
    CancelToken m_refreshCancel;
    int m_liveTableGeneration = 0;

    Migration m_migration = Migration::None;
    CancelToken m_migrationCancel;
    std::optional<Db::LockWait> m_lockWait;
    std::optional<Result<Migrate::ApplyResult>> m_lastMigration;
};

} // namespace Core

Q_DECLARE_METATYPE(Core::Migrate::StatementReport)
