// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/stewardlint.h>
#include <core/steward/stewardtext.h>

#include <QObject>

#include <optional>

class QUndoStack;

namespace Core::Steward {

// A text edited and not saved yet: what the manifest says and what it will say.
struct PendingText
{
    TextKey key;
    TextValue original;
    TextValue value;
};

// A text and the value it is to have.
struct TextChange
{
    TextKey key;
    TextValue value;
};

// The data steward's edits of a workspace: the manifest as it will be once they are saved.
// Every edit is an undo command on the workspace's stack; an edit that brings a text back to
// the manifest's value is no longer pending. A reload keeps the pending edits, applied to the
// new manifest (those whose class or column went are dropped and said).
class StewardEdits : public QObject
{
    Q_OBJECT

public:
    StewardEdits(QUndoStack *undoStack, QObject *parent = nullptr);

    // The manifest as loaded, which must outlive this object or the next setManifest; it is
    // copied only once there is an edit. Returns the pending edits it could not keep.
    QStringList setManifest(const ProviderManifest &manifest);
    const ProviderManifest &edited() const { return m_edited ? *m_edited : *m_base; }

    [[nodiscard]] Result<TextValue> text(const TextKey &key) const;
    bool isPending(const TextKey &key) const;
    std::optional<TextValue> original(const TextKey &key) const; // set when pending
    const QList<PendingText> &pending() const { return m_pending; }
    const QList<TextFinding> &lint() const; // of the edited texts, computed when asked
    // Every label used by a storage class, for completion.
    QStringList knownLabels() const;

    // Sets a text (an undo command); an error, and no command, for a key that does not exist.
    [[nodiscard]] VoidResult setText(const TextKey &key, const TextValue &value);
    // Sets several texts as ONE undo command, named `description` in the undo history (a bulk
    // label, a find and replace, a pasted block). Texts already at their value are left out;
    // when none is left there is no command. A key that does not exist is an error, and nothing
    // is set.
    [[nodiscard]] VoidResult setTexts(const QList<TextChange> &changes, const QString &description);
    void revert(const TextKey &key); // back to the manifest's value, as an undo command
    void forget();                   // after a save: the manifest now holds them

signals:
    void changed();

private:
    friend class SetTextCommand;
    friend class SetTextsCommand;
    void apply(const TextKey &key, const TextValue &value);
    void applyQuietly(const TextKey &key, const TextValue &value); // no changed()

    ProviderManifest &editable();

    QUndoStack *m_undoStack;
    const ProviderManifest *m_base;
    std::optional<ProviderManifest> m_edited; // made by the first edit
    QList<PendingText> m_pending;
    mutable std::optional<QList<TextFinding>> m_lint;
};

} // namespace Core::Steward
