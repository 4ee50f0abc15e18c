// SPDX-License-Identifier: MIT
#include "configdraft.h"

#include <core/commands/setconfigvaluecommand.h>
#include <core/config/nodehash.h>

#include <QUndoStack>

namespace Core {

namespace {

void collectChanges(const Json &before,
                    const Json &after,
                    const QStringList &path,
                    const Json &schema,
                    QList<ConfigChange> &out)
{
    const auto excluded = [&schema](const QStringList &p) {
        return !p.isEmpty() && Config::isHashExcluded(schema, p.first());
    };
    if (before.is_object() && after.is_object()) {
        for (auto it = after.begin(); it != after.end(); ++it) {
            const QStringList at = path + QStringList{QString::fromStdString(it.key())};
            if (!before.contains(it.key()))
                out.append({at, std::nullopt, it.value(), excluded(at)});
            else
                collectChanges(before.at(it.key()), it.value(), at, schema, out);
        }
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (!after.contains(it.key())) {
                const QStringList at = path + QStringList{QString::fromStdString(it.key())};
                out.append({at, it.value(), std::nullopt, excluded(at)});
            }
        }
        return;
    }
    if (before != after)
        out.append({path, before, after, excluded(path)});
}

} // namespace

QList<ConfigChange> configChanges(const Json &configSchema, const Json &before, const Json &after)
{
    QList<ConfigChange> out;
    collectChanges(before, after, {}, configSchema, out);
    return out;
}

ConfigDraft::ConfigDraft(const NodeDefinition &node,
                         const ProviderManifest &manifest,
                         QUndoStack *undoStack,
                         DraftStore store,
                         PresetStore presets,
                         QObject *parent)
    : QObject(parent)
    , m_node(node)
    , m_lookup(Config::lookupFromManifest(manifest))
    , m_providerKey(manifest.provider.providerKey())
    , m_undoStack(undoStack)
    , m_store(std::move(store))
    , m_presets(std::move(presets))
    , m_config(node.config)
{
    m_savedIdentity = identityOf(m_node.config);
    auto draft = m_store.load(m_providerKey, m_node.classRef.path());
    if (!draft)
        m_storeError = draft.error().message;
    else if (*draft && **draft != m_node.config) {
        m_config = **draft;
        m_restored = true;
    }
    m_issues = Config::validateConfig(m_node.configSchema, m_config);
    m_identity = identityOf(m_config);
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(400);
    connect(&m_saveTimer, &QTimer::timeout, this, &ConfigDraft::flush);
}

ConfigDraft::~ConfigDraft()
{
    writePending(); // no one is left to tell of an error
}

ConfigDraft::Identity ConfigDraft::identityOf(const Json &config) const
{
    NodeDefinition edited = m_node;
    edited.config = config;
    auto hashes = Config::computeNodeHashes(edited, m_lookup);
    if (!hashes)
        return {std::nullopt, hashes.error().message};
    return {*hashes, QString()};
}

bool ConfigDraft::changesIdentity() const
{
    if (!m_identity.hashes || !m_savedIdentity.hashes)
        return m_identity.hashes.has_value() != m_savedIdentity.hashes.has_value();
    return m_identity.hashes->updateHash != m_savedIdentity.hashes->updateHash;
}

QList<ConfigChange> ConfigDraft::changes() const
{
    return configChanges(m_node.configSchema, m_node.config, m_config);
}

void ConfigDraft::setManifest(const ProviderManifest &manifest)
{
    m_lookup = Config::lookupFromManifest(manifest);
    m_savedIdentity = identityOf(m_node.config);
    m_identity = identityOf(m_config);
    emit changed();
}

void ConfigDraft::setValue(const QStringList &path, const std::optional<Json> &value, bool typing)
{
    m_undoStack->push(new SetConfigValueCommand(
        m_config, path, value, typing, [this](const Json &c) { apply(c); }));
}

void ConfigDraft::replaceAll(const Json &config)
{
    setValue({}, config);
}

void ConfigDraft::discard()
{
    m_undoStack->clear(); // the commands refer to this draft's states
    apply(m_node.config);
    flush();
}

void ConfigDraft::forgetDraft()
{
    m_savePending = false;
    m_saveTimer.stop();
    const auto removed = m_store.discard(m_providerKey, m_node.classRef.path());
    m_storeError = removed ? QString() : removed.error().message;
}

Result<QStringList> ConfigDraft::presetNames() const
{
    return m_presets.names(m_providerKey, m_node.classRef.path());
}

VoidResult ConfigDraft::savePreset(const QString &name)
{
    return m_presets.save(m_providerKey, m_node.classRef.path(), name, m_config);
}

VoidResult ConfigDraft::loadPreset(const QString &name)
{
    auto config = m_presets.load(m_providerKey, m_node.classRef.path(), name);
    if (!config)
        return fail(config.error());
    replaceAll(*config);
    return {};
}

VoidResult ConfigDraft::removePreset(const QString &name)
{
    return m_presets.remove(m_providerKey, m_node.classRef.path(), name);
}

void ConfigDraft::apply(const Json &config)
{
    m_config = config;
    m_issues = Config::validateConfig(m_node.configSchema, m_config);
    m_identity = identityOf(m_config);
    m_savePending = true;
    m_saveTimer.start();
    emit changed();
}

void ConfigDraft::flush()
{
    const QString before = m_storeError;
    writePending();
    if (m_storeError != before)
        emit changed(); // the editor says it
}

void ConfigDraft::writePending()
{
    // Not the timer's state: a single-shot timer is no longer active when it fires.
    if (!m_savePending)
        return;
    m_savePending = false;
    m_saveTimer.stop();
    const auto stored = isModified() ? m_store.save(m_providerKey, m_node.classRef.path(), m_config)
                                     : m_store.discard(m_providerKey, m_node.classRef.path());
    m_storeError = stored ? QString() : stored.error().message;
}

} // namespace Core
