// SPDX-License-Identifier: MIT
#include "classtextseditor.h"

#include <core/steward/stewardedits.h>

#include <QCompleter>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

namespace {

// Commits the description when the editor loses focus, as a line edit's editingFinished does,
// and on Ctrl+Return (a plain Return is a line break).
class DescriptionCommit : public QObject
{
public:
    DescriptionCommit(QObject *parent, std::function<void()> commit)
        : QObject(parent)
        , m_commit(std::move(commit))
    {}
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::FocusOut)
            m_commit();
        if (event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
                && key->modifiers().testFlag(Qt::ControlModifier)) {
                m_commit();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_commit;
};

void markPending(QWidget *widget, bool pending)
{
    QFont font = widget->font();
    font.setItalic(pending);
    widget->setFont(font);
    widget->setToolTip(pending ? QObject::tr("Edited, not saved yet (File ▸ Save Descriptions "
                                             "and Labels)")
                               : QString());
}

} // namespace

ClassTextsEditor::ClassTextsEditor(QWidget *parent)
    : QWidget(parent)
    , m_description(new QPlainTextEdit(this))
    , m_chips(new QWidget(this))
    , m_chipsLayout(new QHBoxLayout(m_chips))
    , m_newLabel(new QLineEdit(this))
    , m_lint(new QLabel(this))
    , m_provenance(new QLabel(this))
{
    m_description->setObjectName(QStringLiteral("classDescription"));
    m_description->setTabChangesFocus(true);
    m_description->setPlaceholderText(
        tr("What the table holds, for someone who has never seen it"));
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 4 + 12);
    m_description->installEventFilter(new DescriptionCommit(this, [this] { commitDescription(); }));

    m_chips->setObjectName(QStringLiteral("classLabels"));
    m_chipsLayout->setContentsMargins(0, 0, 0, 0);
    m_chipsLayout->setSpacing(4);
    m_newLabel->setObjectName(QStringLiteral("newLabel"));
    m_newLabel->setPlaceholderText(tr("add a label"));
    m_newLabel->setClearButtonEnabled(true);
    auto *completer = new QCompleter(new QStringListModel(this), m_newLabel);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_newLabel->setCompleter(completer);
    connect(m_newLabel, &QLineEdit::returnPressed, this, &ClassTextsEditor::addLabel);

    m_lint->setObjectName(QStringLiteral("classTextsLint"));
    m_lint->setWordWrap(true);
    m_provenance->setObjectName(QStringLiteral("classTextsProvenance"));
    m_provenance->setWordWrap(true);
    m_provenance->hide();
    connect(m_provenance, &QLabel::linkActivated, this, &ClassTextsEditor::provenanceRequested);

    auto *labelsRow = new QHBoxLayout;
    labelsRow->addWidget(m_chips);
    labelsRow->addWidget(m_newLabel, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_description);
    layout->addLayout(labelsRow);
    layout->addWidget(m_lint);
    layout->addWidget(m_provenance);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setEnabled(false);
}

void ClassTextsEditor::setStewardEdits(Core::Steward::StewardEdits *edits)
{
    m_edits = edits;
    connect(edits, &Core::Steward::StewardEdits::changed, this, &ClassTextsEditor::refresh);
    refresh();
}

void ClassTextsEditor::setClass(const QString &classPath)
{
    if (m_classPath != classPath && m_description->hasFocus())
        commitDescription(); // what was typed for the previous class is kept
    m_classPath = classPath;
    refresh();
}

void ClassTextsEditor::setProvenanceNote(int differingTexts)
{
    m_provenance->setVisible(differingTexts > 0);
    m_provenance->setText(tr("%n text(s) of this class differ in the catalog or the database: <a "
                             "href=\"provenance\">compare them side by side</a>.",
                             nullptr,
                             differingTexts));
}

void ClassTextsEditor::refresh()
{
    setEnabled(m_edits && !m_classPath.isEmpty());
    if (!m_edits || m_classPath.isEmpty())
        return;
    using Core::Steward::TextField;
    const Core::Steward::TextKey descriptionKey{m_classPath, {}, TextField::Description};
    const Core::Steward::TextKey labelsKey{m_classPath, {}, TextField::Labels};
    const auto description = m_edits->text(descriptionKey);
    const auto labels = m_edits->text(labelsKey);
    if (!description || !labels)
        return;
    const QString text = description->text.value_or(QString());
    if (!m_description->hasFocus() && m_description->toPlainText() != text)
        m_description->setPlainText(text);
    markPending(m_description, m_edits->isPending(descriptionKey));
    rebuildChips(labels->labels, m_edits->isPending(labelsKey));
    static_cast<QStringListModel *>(m_newLabel->completer()->model())
        ->setStringList(m_edits->knownLabels());

    QStringList lines;
    const auto findings = m_edits->lint();
    for (const auto &key : {descriptionKey, labelsKey}) {
        for (const auto &f : Core::Steward::findingsFor(findings, key))
            lines << QStringLiteral("⚠ %1 %2").arg(f.message.toHtmlEscaped(),
                                                   f.fix.toHtmlEscaped());
    }
    m_lint->setVisible(!lines.isEmpty());
    m_lint->setText(lines.join(QStringLiteral("<br>")));
}

void ClassTextsEditor::commitDescription()
{
    if (!m_edits || m_classPath.isEmpty())
        return;
    const QString text = m_description->toPlainText().trimmed();
    const Core::Steward::TextKey key{m_classPath, {}, Core::Steward::TextField::Description};
    (void)m_edits->setText(key, {text.isEmpty() ? std::nullopt : std::optional(text), {}});
}

void ClassTextsEditor::addLabel()
{
    const QString label = m_newLabel->text().trimmed();
    if (!m_edits || label.isEmpty())
        return;
    const auto labels = m_edits->text({m_classPath, {}, Core::Steward::TextField::Labels});
    if (!labels)
        return;
    m_newLabel->clear();
    if (labels->labels.contains(label))
        return;
    setLabels(labels->labels + QStringList{label});
}

void ClassTextsEditor::setLabels(const QStringList &labels)
{
    (void)m_edits->setText({m_classPath, {}, Core::Steward::TextField::Labels},
                           {std::nullopt, labels});
}

void ClassTextsEditor::rebuildChips(const QStringList &labels, bool pending)
{
    while (QLayoutItem *item = m_chipsLayout->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->setParent(nullptr);
            w->deleteLater();
        }
        delete item;
    }
    for (const QString &label : labels) {
        auto *chip = new QToolButton(m_chips);
        chip->setObjectName(QStringLiteral("label_") + label);
        chip->setText(label + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Remove the label %1").arg(label));
        chip->setAutoRaise(false);
        markPending(chip, pending);
        connect(chip, &QToolButton::clicked, this, [this, label] {
            auto now = m_edits->text({m_classPath, {}, Core::Steward::TextField::Labels});
            if (!now)
                return;
            QStringList rest = now->labels;
            rest.removeAll(label);
            setLabels(rest);
        });
        m_chipsLayout->addWidget(chip);
    }
}

} // namespace Gui
