// SPDX-License-Identifier: MIT
#include "sqlhighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace Gui {

namespace {

// The words PostgreSQL DDL and the console's scripts use; anything else stays plain.
const char *const Keywords
    = "ABORT|ACCESS|ACTION|ADD|ALTER|AND|AS|ASC|BEGIN|BIGINT|BOOLEAN|BY|CASCADE|CHECK|COLUMN|"
      "COMMENT|COMMIT|CONCURRENTLY|CONSTRAINT|CREATE|DEFAULT|DEFERRABLE|DELETE|DESC|DROP|EXISTS|"
      "EXCLUSIVE|FOREIGN|FROM|FULL|IF|IN|INDEX|INITIALLY|INSERT|INTEGER|INTO|IS|KEY|LOCK|MATCH|"
      "MODE|NO|NOT|NULL|ON|OR|PARTIAL|PRIMARY|REFERENCES|RENAME|RESTRICT|ROLLBACK|ROW|SCHEMA|"
      "SELECT|SET|SHARE|SIMPLE|TABLE|TEXT|TIMESTAMP|TO|TYPE|UNIQUE|UPDATE|USING|VALUES|VARCHAR|"
      "WHERE|WITH|WITHOUT|ZONE";

QTextCharFormat colored(const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

} // namespace

SqlHighlighter::SqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const QPalette palette = QGuiApplication::palette();
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    const QColor keyword = palette.color(QPalette::Link);
    const QColor string = dark ? QColor(0x9c, 0xdc, 0x8c) : QColor(0x1a, 0x7f, 0x37);
    const QColor identifier = dark ? QColor(0xe5, 0xc0, 0x7b) : QColor(0x8a, 0x4b, 0x08);
    const QColor muted = palette.color(QPalette::PlaceholderText);
    m_rules.append({QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(QLatin1String(Keywords)),
                                       QRegularExpression::CaseInsensitiveOption),
                    colored(keyword, true)});
    m_rules.append({QRegularExpression(QStringLiteral("\\b\\d+(\\.\\d+)?\\b")), colored(string)});
    m_rules.append(
        {QRegularExpression(QStringLiteral("\"(?:[^\"]|\"\")*\"")), colored(identifier)});
    m_rules.append({QRegularExpression(QStringLiteral("'(?:[^']|'')*'")), colored(string)});
    m_rules.append({QRegularExpression(QStringLiteral("--[^\n]*")), colored(muted, false, true)});
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    // Later rules win: a keyword inside a string or a comment is coloured as the string.
    for (const Rule &rule : std::as_const(m_rules)) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), rule.format);
        }
    }
}

} // namespace Gui
