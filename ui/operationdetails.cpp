// SPDX-License-Identifier: MIT
#include "operationdetails.h"

#include <core/migrate/locks.h>
#include <core/models/planmodel.h>

#include <QCoreApplication>

namespace Gui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gui::OperationDetails", text);
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString columnText(const Core::Migrate::ColumnSpec &c)
{
    QString text = c.sqlType + (c.nullable ? QStringLiteral(" NULL") : QStringLiteral(" NOT NULL"));
    if (c.serverDefault)
        text += QStringLiteral(" DEFAULT ") + *c.serverDefault;
    return text;
}

QString risksHtml(const Core::Migrate::Operation &op)
{
    if (op.risks.isEmpty())
        return QStringLiteral("<p>%1</p>").arg(tr("No risk found."));
    QString html = QStringLiteral("<ul>");
    for (const Core::Migrate::Risk &r : op.risks) {
        html += QStringLiteral("<li><b>%1</b> (%2): %3")
                    .arg(esc(Core::Migrate::riskLevelName(r.level)),
                         esc(Core::Migrate::riskKindName(r.kind)),
                         esc(r.reason));
        if (!r.saferAlternative.isEmpty())
            html += QStringLiteral("<br><i>%1</i> %2").arg(tr("Safer:"), esc(r.saferAlternative));
        html += QStringLiteral("</li>");
    }
    return html + QStringLiteral("</ul>");
}

} // namespace

QString operationDetailsHtml(const Core::PlanModel &model, int operation)
{
    const Core::Migrate::Operation &op = model.plan().operations.at(operation);
    QString html = QStringLiteral("<h3>%1. %2</h3>").arg(operation + 1).arg(esc(op.summary));
    html += QStringLiteral("<p>%1 <b>%2.%3</b>").arg(tr("Table"), esc(op.schema), esc(op.table));
    if (!op.storageClass.isEmpty())
        html += QStringLiteral(" · %1 <code>%2</code>").arg(tr("class"), esc(op.storageClass));
    html += QStringLiteral("</p>");

    html += QStringLiteral("<p><b>%1</b> %2").arg(tr("Lock:"), esc(model.lockText(operation)));
    const QList<Core::Migrate::TableLock> locks = Core::Migrate::locksFor(op);
    if (locks.isEmpty())
        html += QStringLiteral(" — %1").arg(op.catalogOnly
                                                ? tr("only the console's catalog rows change.")
                                                : tr("the table is new, no other session sees "
                                                     "it until the migration commits."));
    for (const Core::Migrate::TableLock &l : locks)
        html += QStringLiteral("<br>%1 on %2: %3")
                    .arg(esc(Core::Migrate::lockModeName(l.mode)),
                         esc(l.table),
                         esc(Core::Migrate::lockBlocks(l.mode)));
    html += QStringLiteral("</p>");

    const QString figures = model.figuresText(operation);
    if (!figures.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Live figures:"), esc(figures));

    if (op.before.column || op.after.column) {
        html += QStringLiteral("<p><b>%1</b><br>").arg(tr("Column:"));
        if (op.before.column)
            html += QStringLiteral("%1 <code>%2 %3</code><br>")
                        .arg(tr("before"),
                             esc(op.before.column->name),
                             esc(columnText(*op.before.column)));
        if (op.after.column)
            html += QStringLiteral("%1 <code>%2 %3</code>")
                        .arg(tr("after"),
                             esc(op.after.column->name),
                             esc(columnText(*op.after.column)));
        html += QStringLiteral("</p>");
    }
    if (op.before.comment || op.after.comment)
        html += QStringLiteral("<p><b>%1</b><br>%2 %3<br>%4 %5</p>")
                    .arg(tr("Comment:"),
                         tr("before"),
                         esc(op.before.comment.value_or(tr("(none)"))),
                         tr("after"),
                         esc(op.after.comment.value_or(tr("(none)"))));
    html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Risks:")) + risksHtml(op);
    return html;
}

} // namespace Gui
