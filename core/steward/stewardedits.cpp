// SPDX-License-Identifier: MIT
#include "stewardedits.h"

#include <QUndoCommand>
#include <QUndoStack>

namespace Core::Steward {

// One text set: undo puts the previous value back. Each edit is its own step (a cell edit is
// committed whole, never keystroke by keystroke).
class SetTextCommand : public QUndoCommand
{
public:
    SetTextCommand(StewardEdits *edits, TextKey key, TextValue before, TextValue after)
        : m_edits(edits)
        , m_key(std::move(key))
        , m_before(std::move(before))
        , m_after(std::move(after))
    {
        setText(QObject::tr("Edit %1").arg(m_key.display(edits->edited())));
    }
    void undo() override { m_edits->apply(m_key, m_before); }
    void redo() override { m_edits->apply(m_key, m_after); }

private:
    StewardEdits *m_edits;
    TextKey m_key;
    TextValue m_before;
    TextValue m_after;
};

// Several texts set at once: one step of the undo history, one changed() each way.
class SetTextsCommand : public QUndoCommand
{
public:
    struct Step
    {
        TextKey key;
        TextValue before;
        TextValue after;
    };
    SetTextsCommand(StewardEdits *edits, QList<Step> steps, const QString &description)
        : m_edits(edits)
        , m_steps(std::move(steps))
    {
        setText(description);
    }
    void undo() override
    {
        for (auto it = m_steps.crbegin(); it != m_steps.crend(); ++it)
            m_edits->applyQuietly(it->key, it->before);
        emit m_edits->changed();
    }
    void redo() override
    {
        for (const Step &step : std::as_const(m_steps))
            m_edits->applyQuietly(step.key, step.after);
        emit m_edits->changed();
    }

private:
    StewardEdits *m_edits;
    QList<Step> m_steps;
};

namespace {
const ProviderManifest &emptyManifest()
{
    static const ProviderManifest empty;
    return empty;
}
} // namespace

StewardEdits::StewardEdits(QUndoStack *undoStack, QObject *parent)
    : QObject(parent)
    , m_undoStack(undoStack)
    , m_base(&emptyManifest())
{}

ProviderManifest &StewardEdits::editable()
{
    // A manifest of thousands of classes is copied once, when the first text is edited.
    if (!m_edited)
        m_edited = *m_base;
    return *m_edited;
}

const QList<TextFinding> &StewardEdits::lint() const
{
    if (!m_lint)
        m_lint = lintTexts(edited());
    return *m_lint;
}

QStringList StewardEdits::setManifest(const ProviderManifest &manifest)
{
    m_base = &manifest;
    m_edited.reset();
    m_lint.reset();
    QStringList dropped;
    QList<PendingText> kept;
    for (const PendingText &p : std::as_const(m_pending)) {
        auto original = readText(*m_base, p.key);
        if (!original) {
            dropped << p.key.display(*m_base) + QStringLiteral(": ") + original.error().message;
            continue;
        }
        if (*original == p.value)
            continue; // the file now says it
        if (writeText(editable(), p.key, p.value))
            kept.append({p.key, *original, p.value});
    }
    m_pending = kept;
    emit changed();
    return dropped;
}

Result<TextValue> StewardEdits::text(const TextKey &key) const
{
    return readText(edited(), key);
}

bool StewardEdits::isPending(const TextKey &key) const
{
    return original(key).has_value();
}

std::optional<TextValue> StewardEdits::original(const TextKey &key) const
{
    for (const PendingText &p : m_pending) {
        if (p.key == key)
            return p.original;
    }
    return std::nullopt;
}

QStringList StewardEdits::knownLabels() const
{
    QStringList out;
    for (const StorageClass &sc : edited().storageClasses) {
        for (const QString &label : sc.registration.labels) {
            if (!out.contains(label))
                out.append(label);
        }
    }
    out.sort(Qt::CaseInsensitive);
    return out;
}

VoidResult StewardEdits::setText(const TextKey &key, const TextValue &value)
{
    auto before = readText(edited(), key);
    if (!before)
        return fail(before.error());
    if (*before == value)
        return {};
    m_undoStack->push(new SetTextCommand(this, key, *before, value));
    return {};
}

VoidResult StewardEdits::setTexts(const QList<TextChange> &changes, const QString &description)
{
    QList<SetTextsCommand::Step> steps;
    for (const TextChange &change : changes) {
        auto before = readText(edited(), change.key);
        if (!before)
            return fail(before.error());
        const auto same = std::find_if(
            steps.begin(), steps.end(), [&](const auto &s) { return s.key == change.key; });
        if (same != steps.end())
            same->after = change.value; // the last value given for a text wins
        else if (*before != change.value)
            steps.append({change.key, *before, change.value});
    }
    steps.removeIf([](const SetTextsCommand::Step &s) { return s.before == s.after; });
    if (steps.isEmpty())
        return {};
    m_undoStack->push(new SetTextsCommand(this, std::move(steps), description));
    return {};
}

void StewardEdits::revert(const TextKey &key)
{
    if (const auto original = this->original(key))
        (void)setText(key, *original);
}

void StewardEdits::forget()
{
    m_pending.clear();
}

void StewardEdits::apply(const TextKey &key, const TextValue &value)
{
    applyQuietly(key, value);
    emit changed();
}

void StewardEdits::applyQuietly(const TextKey &key, const TextValue &value)
{
    if (!writeText(editable(), key, value))
        return; // the key exists: setText checked it
    const auto original = readText(*m_base, key);
    const auto it = std::find_if(
        m_pending.begin(), m_pending.end(), [&](const PendingText &p) { return p.key == key; });
    if (original && *original == value) {
        if (it != m_pending.end())
            m_pending.erase(it);
    } else if (it != m_pending.end()) {
        it->value = value;
    } else if (original) {
        m_pending.append({key, *original, value});
    }
    m_lint.reset();
}

} // namespace Core::Steward
