// SPDX-License-Identifier: MIT
#include "workspacedocument.h"

#include "classbadges.h"
#include "configdraft.h"
#include "migrationrun.h"
#include "noderuns.h"
#include "validationtests.h"

#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/textchanges.h>

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>
#include <QUndoStack>

namespace Core {

namespace {

// The file's SHA-1, or empty when it cannot be read. Read on workers only: manifests can be large.
QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(&file);
    return hash.result();
}

constexpr int ExportTimeoutMs = 120000; // importing a large project can take a while

} // namespace

QString WorkspaceSource::label() const
{
    if (!python)
        return manifestPath;
    const QString module = !python->provider.isEmpty() ? python->provider : python->modelsModule;
    return QObject::tr("Python project %1 (%2)").arg(module, python->interpreter);
}

WorkspaceDocument::WorkspaceDocument(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
    , m_runs(new NodeRuns(this))
    , m_validationTests(new ValidationTests(this))
    , m_steward(new Steward::StewardEdits(m_undoStack, this))
{
    // A load, a refresh, a migration and its lock watcher may all run at once.
    m_pool.setMaxThreadCount(4);
    connect(&m_fileWatcher, &QFileSystemWatcher::fileChanged, this, [this](const QString &path) {
        // Editors often replace the file: watch the new one under the same name.
        if (!m_fileWatcher.files().contains(path) && QFileInfo::exists(path))
            m_fileWatcher.addPath(path);
        // The console's own save is followed by a reload, not reported as an outside change:
        // what the file holds now is compared (on a worker) with what the save wrote.
        m_pool.start([this, path] {
            const QByteArray now = fileDigest(path);
            QMetaObject::invokeMethod(
                this,
                [this, now] {
                    if (m_savedDigest.isEmpty() || now != m_savedDigest)
                        emit manifestChangedOnDisk();
                },
                Qt::QueuedConnection);
        });
    });
}

WorkspaceDocument::~WorkspaceDocument()
{
    m_loadCancel.cancel();
    m_refreshCancel.cancel();
    m_migrationCancel.cancel();
    m_pool.waitForDone();
}

// ---- manifest ----

void WorkspaceDocument::open(const WorkspaceSource &source)
{
    // A newer request replaces an older one: the older result is dropped when it arrives.
    m_pending = source;
    ++m_loadGeneration;
    m_loadCancel.cancel();
    emit loadStarted(source.label());
    if (!m_loadRunning)
        startLoading();
}

void WorkspaceDocument::reload()
{
    if (!m_source.isEmpty())
        open(m_source);
}

void WorkspaceDocument::cancelLoading()
{
    m_loadCancel.cancel();
}

void WorkspaceDocument::startLoading()
{
    m_loadRunning = true;
    m_loadCancel = CancelToken();
    const int generation = m_loadGeneration;
    const WorkspaceSource source = m_pending;
    const CancelToken cancel = m_loadCancel;
    m_pool.start([this, source, cancel, generation] {
        Result<ManifestDocument> result
            = source.python ? exportWorkspace(*source.python, ExportTimeoutMs, cancel)
                            : readManifestFile(source.manifestPath);
        // Lint and the contract hashes are part of the load: they read every class, so they stay
        // off the GUI thread too, and every later review reuses the hashes.
        QList<LintFinding> lint;
        QHash<QString, QString> hashes;
        QHash<QString, ClassBadgeInfo> badges;
        std::shared_ptr<const StorageTreeModel::Contents> tree;
        QByteArray digest;
        if (result && !source.python)
            digest = fileDigest(result->path);
        if (result) {
            lint = lintManifest(*result);
            hashes = Migrate::contractHashes(result->manifest);
            badges = classBadges(result->manifest, lint, nullptr, nullptr);
            tree = StorageTreeModel::prepare(result->manifest);
        }
        QMetaObject::invokeMethod(
            this,
            [this,
             generation,
             result = std::move(result),
             lint = std::move(lint),
             hashes = std::move(hashes),
             badges = std::move(badges),
             tree = std::move(tree),
             digest]() mutable {
                if (result && generation == m_loadGeneration) {
                    m_lint = lint;
                    m_contractHashes = hashes;
                    m_offlineBadges = badges;
                    m_storageTree = tree;
                    m_loadedDigest = digest;
                }
                finishLoading(generation, std::move(result));
            },
            Qt::QueuedConnection);
    });
}

void WorkspaceDocument::finishLoading(int generation, Result<ManifestDocument> result)
{
    m_loadRunning = false;
    if (generation != m_loadGeneration) {
        startLoading();
        return;
    }
    if (!result) {
        emit loadFailed(result.error());
        return;
    }
    m_source = m_pending;
    if (!m_source.python)
        m_source.manifestPath = result->path;
    // The document holds the whole JSON text as parsed: moved in, never copied, and the one it
    // replaces is freed on a worker, so a large manifest does not hold the GUI thread.
    m_pool.start([old = std::move(m_document)] {});
    m_document = std::move(*result);
    // Drafts refer to the old manifest's nodes, and the undo stack to the drafts: both go (the
    // drafts' files stay, and a new draft of the same node restores them).
    m_undoStack->clear();
    qDeleteAll(m_drafts);
    m_drafts.clear();
    if (m_baselineLabel != m_source.label()) {
        // A new workspace: what its texts said before this session's edits, for the export of
        // the changes to the Python project. Reloads of the same source keep it.
        m_baselineLabel = m_source.label();
        m_baseline = m_document.manifest;
    }
    if (const QStringList dropped = m_steward->setManifest(m_document.manifest); !dropped.isEmpty())
        emit stewardEditsDropped(dropped);
    watchFile(m_source.python ? QString() : m_source.manifestPath);
    m_review.reset();
    updateBadges();
    emit manifestLoaded();
    if (m_connection.isConnected())
        refresh();
}

void WorkspaceDocument::watchFile(const QString &path)
{
    if (!m_fileWatcher.files().isEmpty())
        m_fileWatcher.removePaths(m_fileWatcher.files());
    if (!path.isEmpty())
        m_fileWatcher.addPath(path);
}

// ---- connection and live review ----

void WorkspaceDocument::setConnection(const WorkspaceConnection &connection)
{
    m_connection = connection;
    m_review.reset();
    updateBadges();
    emit connectionChanged();
    emit reviewChanged();
    if (hasManifest())
        refresh();
}

void WorkspaceDocument::setAllowDestructive(bool allow)
{
    if (allow == m_allowDestructive)
        return;
    m_allowDestructive = allow;
    refresh();
}

const ProviderManifest &WorkspaceDocument::boundManifest() const
{
    return m_review ? m_review->boundManifest : m_document.manifest;
}

void WorkspaceDocument::refresh()
{
    if (!m_connection.isConnected() || !hasManifest())
        return;
    ++m_refreshGeneration;
    if (m_refreshRunning || m_migration != Migration::None) {
        // The running one is stale now; the newest request starts when it returns.
        m_refreshCancel.cancel();
        m_refreshQueued = true;
        return;
    }
    startRefresh();
}

void WorkspaceDocument::startRefresh()
{
    m_refreshRunning = true;
    m_refreshQueued = false;
    m_refreshCancel = CancelToken();
    const int generation = m_refreshGeneration;
    const QString conninfo = m_connection.conninfo;
    const ProviderManifest manifest = m_document.manifest;
    Migrate::ReviewOptions options;
    options.allowDestructive = m_allowDestructive;
    options.contractHashes = m_contractHashes;
    const CancelToken cancel = m_refreshCancel;
    const QList<LintFinding> lint = m_lint;
    emit refreshStarted();
    m_pool.start([this, generation, conninfo, manifest, options, cancel, lint] {
        Result<Refreshed> result = [&]() -> Result<Refreshed> {
            auto session = Db::Session::open(conninfo);
            if (!session)
                return fail(session.error());
            auto review = Migrate::reviewUpgrade(**session, manifest, options, cancel);
            if (!review)
                return fail(review.error());
            Refreshed refreshed{std::move(*review), {}};
            refreshed.badges
                = classBadges(manifest, lint, &refreshed.review.status, &refreshed.review.plan);
            return refreshed;
        }();
        QMetaObject::invokeMethod(
            this,
            [this, generation, result = std::move(result)] { finishRefresh(generation, result); },
            Qt::QueuedConnection);
    });
}

void WorkspaceDocument::finishRefresh(int generation, const Result<Refreshed> &result)
{
    m_refreshRunning = false;
    if (generation != m_refreshGeneration || m_refreshQueued) {
        if (m_migration == Migration::None)
            startRefresh();
        return;
    }
    if (!result) {
        m_review.reset();
        updateBadges();
        emit reviewChanged();
        emit refreshFailed(result.error());
        return;
    }
    m_review = result->review;
    m_badges = result->badges;
    for (ConfigDraft *draft : std::as_const(m_drafts))
        draft->setManifest(m_review->boundManifest); // storage classes may be bound now
    emit reviewChanged();
    if (m_textsToApply && !m_loadRunning)
        applySavedTexts();
    else if (!m_catalogConflict.isEmpty())
        showCatalogConflict();
}

void WorkspaceDocument::updateBadges()
{
    // Reviews bring their badges, computed on the worker; without one, the load's apply.
    if (!m_review)
        m_badges = m_offlineBadges;
    else
        m_badges = classBadges(m_document.manifest, m_lint, &m_review->status, &m_review->plan);
}

void WorkspaceDocument::saveConfig(const QString &nodePath)
{
    ConfigDraft *draft = m_drafts.value(nodePath);
    if (!draft || m_source.python || m_source.manifestPath.isEmpty())
        return;
    if (Config::hasErrors(draft->issues())) {
        emit configSaveFailed(nodePath,
                              makeError(ErrorCode::InvalidInput,
                                        QStringLiteral("The configuration has errors; fix them "
                                                       "before saving. Nothing was written.")));
        return;
    }
    const ClassRef node = draft->node().classRef;
    const Json config = draft->config();
    editManifestFile(
        [node, config](ManifestDocument &doc) { return writeNodeConfig(doc, node, config); },
        QStringLiteral("the draft is kept"),
        [this, nodePath](const VoidResult &result) {
            if (!result) {
                emit configSaveFailed(nodePath, result.error());
                return;
            }
            if (ConfigDraft *d = m_drafts.value(nodePath))
                d->forgetDraft(); // saved: the manifest holds it now
            emit configSaved(nodePath);
        });
}

void WorkspaceDocument::editManifestFile(std::function<VoidResult(ManifestDocument &)> edit,
                                         const QString &kept,
                                         std::function<void(const VoidResult &)> done,
                                         const QByteArray &expectedDigest)
{
    const QString path = m_source.manifestPath;
    const QByteArray loaded = expectedDigest.isEmpty() ? m_loadedDigest : expectedDigest;
    m_pool.start([this, path, loaded, edit = std::move(edit), kept, done = std::move(done)] {
        QByteArray written;
        VoidResult result = [&]() -> VoidResult {
            if (fileDigest(path) != loaded)
                return fail(ErrorCode::Conflict,
                            QStringLiteral("%1 changed on disk since it was loaded; nothing was "
                                           "written. Reload it (F5) and save again: %2.")
                                .arg(path, kept));
            auto doc = readManifestFile(path);
            if (!doc)
                return fail(doc.error());
            if (auto r = edit(*doc); !r)
                return r;
            written = fileDigest(path);
            return {};
        }();
        QMetaObject::invokeMethod(
            this,
            [this, result, written, done] {
                if (result) {
                    // Our own write: neither a change on disk nor stale.
                    m_savedDigest = written;
                    m_loadedDigest = written;
                }
                done(result);
                if (result)
                    reload();
            },
            Qt::QueuedConnection);
    });
}

void WorkspaceDocument::saveStewardEdits()
{
    const QList<Steward::PendingText> pending = m_steward->pending();
    if (pending.isEmpty() || m_source.python || m_source.manifestPath.isEmpty())
        return;
    editManifestFile(
        [pending](ManifestDocument &doc) -> VoidResult {
            for (const Steward::PendingText &p : pending) {
                if (auto r = Steward::writeText(doc.manifest, p.key, p.value); !r)
                    return r;
            }
            return writeManifestFile(doc, doc.path);
        },
        QStringLiteral("the pending edits are kept and applied to what is on disk now"),
        [this, count = int(pending.size()), saved = savedTextsOf(pending)](
            const VoidResult &result) {
            if (!result && result.error().code == ErrorCode::Conflict) {
                findStewardConflict(); // never an overwrite: yours, theirs and the original
                return;
            }
            if (!result) {
                emit stewardSaveFailed(result.error());
                return;
            }
            m_steward->forget(); // the manifest holds them now
            m_textsToApply = saved;
            emit stewardSaved(count);
        });
}

std::optional<WorkspaceDocument::SavedTexts>
WorkspaceDocument::savedTextsOf(const QList<Steward::PendingText> &texts) const
{
    // The catalog rows' text versions and texts as the steward saw them: the apply after the
    // reload refuses when someone changed those rows in between, and the three-way view then
    // shows what they held. Not connected: nothing goes to a database.
    if (!m_connection.isConnected() || !m_review)
        return std::nullopt;
    SavedTexts saved;
    for (const Steward::PendingText &p : texts) {
        for (const Migrate::ClassStatus &c : m_review->status.classes) {
            if (c.storageClass == p.key.classPath && !c.uid.isEmpty())
                saved.versions.insert(c.uid, c.textVersion);
        }
        if (const auto copy = catalogCopy(p.key))
            saved.catalogOriginals.append({p.key, *copy});
    }
    return saved;
}

std::optional<Steward::TextValue> WorkspaceDocument::catalogCopy(const Steward::TextKey &key) const
{
    for (const StorageClass &sc : m_document.manifest.storageClasses) {
        if (sc.classRef.path() != key.classPath)
            continue;
        for (const Steward::TextCopies &c : Steward::textCopies(sc, storedTexts(key.classPath))) {
            if (c.key == key)
                return c.catalog;
        }
    }
    return std::nullopt;
}

void WorkspaceDocument::showCatalogConflict()
{
    // After the refused apply's refresh: the catalog's texts now (theirs) beside what it held
    // when the steward read it (the original) and the manifest's (yours).
    QList<Steward::ThreeWayText> texts;
    for (const auto &[key, original] : std::exchange(m_catalogConflict, {})) {
        auto yours = Steward::readText(m_document.manifest, key);
        if (!yours)
            continue;
        texts.append({key, original, catalogCopy(key), *yours});
    }
    if (!texts.isEmpty())
        emit stewardCatalogConflict(texts);
}

void WorkspaceDocument::saveStewardCatalogResolution(const QList<Steward::TextChange> &chosen)
{
    // Texts kept from the catalog become the manifest's (a save, which then carries the rest);
    // when yours all stand, they go to the database as they are, over today's versions.
    QList<Steward::TextChange> theirs;
    for (const Steward::TextChange &c : chosen) {
        if (auto now = Steward::readText(m_document.manifest, c.key); now && *now != c.value)
            theirs.append(c);
    }
    if (!theirs.isEmpty()) {
        if (m_steward->setTexts(theirs, tr("Keep the catalog's texts")))
            saveStewardEdits();
        return;
    }
    QList<Steward::PendingText> kept;
    for (const Steward::TextChange &c : chosen)
        kept.append({c.key, c.value, c.value});
    m_textsToApply = savedTextsOf(kept);
    if (m_textsToApply)
        applySavedTexts();
}

void WorkspaceDocument::applySavedTexts()
{
    const SavedTexts saved = *std::exchange(m_textsToApply, std::nullopt);
    if (!m_review || m_migration != Migration::None)
        return;
    const QStringList structural = Migrate::structuralWork(m_review->plan);
    const bool texts
        = std::any_of(m_review->plan.operations.cbegin(),
                      m_review->plan.operations.cend(),
                      [](const Migrate::Operation &op) { return Migrate::isTextOperation(op); });
    if (!texts)
        return; // the database holds them already (or the classes are not created yet)
    if (!structural.isEmpty()) {
        emit stewardTextsWaiting(structural);
        return;
    }
    m_textsVersions = saved.versions;
    m_applyingOriginals = saved.catalogOriginals;
    startMigration(Migration::TextsApply);
}

void WorkspaceDocument::readTextHistory(const Db::TextAuditFilter &filter)
{
    if (!m_connection.isConnected())
        return;
    const int generation = ++m_historyGeneration;
    const QString conninfo = m_connection.conninfo;
    m_pool.start([this, generation, conninfo, filter] {
        auto records = [&]() -> Result<QList<Db::TextAuditRecord>> {
            auto session = Db::Session::open(conninfo);
            if (!session)
                return fail(session.error());
            return Db::readTextAudit(**session, filter);
        }();
        QMetaObject::invokeMethod(
            this,
            [this, generation, records = std::move(records)] {
                if (generation != m_historyGeneration)
                    return; // a newer read is on its way
                if (!records)
                    emit textHistoryFailed(records.error());
                else
                    emit textHistoryRead(*records);
            },
            Qt::QueuedConnection);
    });
}

void WorkspaceDocument::findStewardConflict()
{
    const QString path = m_source.manifestPath;
    const QList<Steward::PendingText> pending = m_steward->pending();
    m_pool.start([this, path, pending] {
        const QByteArray digest = fileDigest(path);
        auto onDisk = readManifestFile(path);
        QMetaObject::invokeMethod(
            this,
            [this, digest, pending, onDisk = std::move(onDisk)] {
                if (!onDisk) {
                    emit stewardSaveFailed(onDisk.error());
                    return;
                }
                m_conflictDigest = digest;
                emit stewardSaveConflict(Steward::threeWay(pending, onDisk->manifest));
            },
            Qt::QueuedConnection);
    });
}

void WorkspaceDocument::saveStewardResolution(const QList<Steward::TextChange> &chosen)
{
    if (m_conflictDigest.isEmpty() || m_source.manifestPath.isEmpty())
        return;
    editManifestFile(
        [chosen](ManifestDocument &doc) -> VoidResult {
            for (const Steward::TextChange &c : chosen) {
                if (auto r = Steward::writeText(doc.manifest, c.key, c.value); !r)
                    return r;
            }
            return writeManifestFile(doc, doc.path);
        },
        QStringLiteral("the pending edits are kept; resolve them again"),
        [this, count = int(chosen.size()), saved = savedTextsOf(m_steward->pending())](
            const VoidResult &result) {
            if (!result && result.error().code == ErrorCode::Conflict) {
                findStewardConflict(); // it changed again: show the new theirs
                return;
            }
            if (!result) {
                emit stewardSaveFailed(result.error());
                return;
            }
            m_conflictDigest.clear();
            m_steward->forget();
            m_textsToApply = saved;
            emit stewardSaved(count);
        },
        m_conflictDigest);
}

Steward::StoredTexts WorkspaceDocument::storedTexts(const QString &classPath) const
{
    Steward::StoredTexts stored;
    if (!m_review)
        return stored;
    const StorageClass *sc = nullptr;
    for (const StorageClass &candidate : m_document.manifest.storageClasses) {
        if (candidate.classRef.path() == classPath)
            sc = &candidate;
    }
    if (!sc)
        return stored;
    const Db::DbSnapshot &snapshot = m_review->snapshot;
    if (const Db::CatalogEntry *entry = snapshot.catalogEntry(sc->schema(), sc->tableName())) {
        stored.catalogRow = true;
        stored.catalogDescription = entry->description;
        stored.catalogLabels = entry->labels;
        for (auto it = entry->columnTexts.cbegin(); it != entry->columnTexts.cend(); ++it)
            stored.catalogColumns.insert(it.key(), {it->label, it->description});
    }
    if (const Db::DbTable *table = snapshot.table(sc->schema(), sc->tableName())) {
        stored.tableExists = true;
        stored.tableComment = table->comment;
        for (const Db::DbColumn &column : table->columns)
            stored.columnComments.insert(column.name, column.comment);
    }
    return stored;
}

ConfigDraft *WorkspaceDocument::configDraft(const QString &nodePath)
{
    if (ConfigDraft *draft = m_drafts.value(nodePath))
        return draft;
    for (const NodeDefinition &node : m_document.manifest.nodes) {
        if (node.classRef.path() == nodePath) {
            auto *draft = new ConfigDraft(
                node, boundManifest(), m_undoStack, DraftStore(), PresetStore(), this);
            m_drafts.insert(nodePath, draft);
            return draft;
        }
    }
    return nullptr;
}

NodeRunSession *
WorkspaceDocument::startRun(const QString &nodePath, Run::WritePolicy policy, QString *why)
{
    ConfigDraft *draft = configDraft(nodePath);
    if (!draft) {
        *why = tr("The manifest has no node %1.").arg(nodePath);
        return nullptr;
    }
    if (Config::hasErrors(draft->issues())) {
        *why = tr("The configuration has errors: fix them in the Configuration tab first.");
        return nullptr;
    }
    return startRun(nodePath, draft->config(), policy, why);
}

NodeRunSession *WorkspaceDocument::startRun(const QString &nodePath,
                                            const Json &config,
                                            Run::WritePolicy policy,
                                            QString *why)
{
    if (!m_connection.isConnected()) {
        *why = tr("Connect to a database first (Database > Connect, Ctrl+D).");
        return nullptr;
    }
    Run::RunOptions options;
    options.policy = policy;
    // A runner's relative working directory is the manifest's folder, as for the CLI.
    if (!m_source.manifestPath.isEmpty())
        options.workingDirectoryBase = QFileInfo(m_source.manifestPath).absolutePath();
    return m_runs->start(m_connection.conninfo, boundManifest(), nodePath, config, options, why);
}

void WorkspaceDocument::readLiveTable(const QString &schema, const QString &table)
{
    if (!m_connection.isConnected())
        return;
    const int generation = ++m_liveTableGeneration;
    const QString conninfo = m_connection.conninfo;
    m_pool.start([this, generation, conninfo, schema, table] {
        Result<QList<Db::LiveTableFacts>> result = [&]() -> Result<QList<Db::LiveTableFacts>> {
            auto session = Db::Session::open(conninfo);
            if (!session)
                return fail(session.error());
            return Db::readLiveTables(**session, {{schema, table}});
        }();
        QMetaObject::invokeMethod(
            this,
            [this, generation, result = std::move(result)] {
                if (generation != m_liveTableGeneration)
                    return;
                if (!result)
                    emit liveTableFailed(result.error());
                else if (!result->isEmpty())
                    emit liveTableRead(result->first());
            },
            Qt::QueuedConnection);
    });
}

// ---- migrations ----

void WorkspaceDocument::rehearse()
{
    startMigration(Migration::Rehearsal);
}

void WorkspaceDocument::apply()
{
    startMigration(Migration::Apply);
}

void WorkspaceDocument::cancelMigration()
{
    m_migrationCancel.cancel();
}

void WorkspaceDocument::startMigration(Migration kind)
{
    if (m_migration != Migration::None || !m_connection.isConnected() || !m_review)
        return;
    m_migration = kind;
    m_migrationCancel = CancelToken();
    MigrationRun run;
    run.conninfo = m_connection.conninfo;
    run.manifest = m_document.manifest;
    run.options.allowDestructive = m_allowDestructive;
    run.options.lockTimeoutMs = m_lockTimeoutMs;
    run.options.reviewedPlan = m_review->plan;
    run.options.rehearse = kind == Migration::Rehearsal;
    if (kind == Migration::TextsApply) {
        run.options.metadataOnly = true;
        run.options.auditSource = Db::AuditSourceConsoleSave.toString();
        run.options.expectedTextVersions = std::exchange(m_textsVersions, {});
    }
    run.cancel = m_migrationCancel;
    run.watcherPool = &m_pool;
    run.options.onStatement = [this](const Migrate::StatementReport &report, bool finished) {
        QMetaObject::invokeMethod(
            this,
            [this, report, finished] {
                if (finished)
                    emit statementFinished(report);
                else
                    emit statementStarted(report);
            },
            Qt::QueuedConnection);
    };
    run.onLockWait = [this](const std::optional<Db::LockWait> &wait) {
        QMetaObject::invokeMethod(
            this,
            [this, wait] {
                m_lockWait = wait;
                emit lockWaitChanged();
            },
            Qt::QueuedConnection);
    };
    emit migrationStarted(kind);
    m_pool.start([this, kind, run] {
        Result<Migrate::ApplyResult> result = runMigration(run);
        QMetaObject::invokeMethod(
            this,
            [this, kind, result = std::move(result)] { finishMigration(kind, result); },
            Qt::QueuedConnection);
    });
}

void WorkspaceDocument::finishMigration(Migration kind, const Result<Migrate::ApplyResult> &result)
{
    m_migration = Migration::None;
    m_lockWait.reset();
    m_lastMigration = result;
    emit lockWaitChanged();
    emit migrationFinished(kind);
    if (kind == Migration::TextsApply) {
        const auto originals = std::exchange(m_applyingOriginals, {});
        if (!result && result.error().code == ErrorCode::Conflict)
            m_catalogConflict = originals; // shown once the refresh below has read theirs
        else
            emit stewardTextsApplied();
    }
    // An apply that committed changed the badges; any outcome may have raced another session.
    if (kind == Migration::Apply || kind == Migration::TextsApply || m_refreshQueued)
        refresh();
}

} // namespace Core
