// SPDX-License-Identifier: MIT
#include "alembicrender.h"

#include <core/migrate/alembicops.h>
#include <core/migrate/pythonsource.h>
#include <core/sdk/pystring.h>

namespace Core::Migrate {

namespace {

// Python's str(datetime): microseconds only when there are any.
QString pythonDateTime(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    QString text = when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const int ms = when.time().msec();
    if (ms != 0)
        text += QLatin1Char('.') + QStringLiteral("%1").arg(ms, 3, 10, QLatin1Char('0'))
                + QStringLiteral("000");
    return text;
}

QString functionBody(const QStringList &statements)
{
    QString body;
    bool hasCode = false;
    for (const QString &statement : statements) {
        body += QStringLiteral("    ") + statement + QLatin1Char('\n');
        if (!statement.startsWith(QLatin1Char('#')))
            hasCode = true;
    }
    // A body of comments alone is not valid Python.
    if (!hasCode)
        body += QStringLiteral("    pass\n");
    return body;
}

} // namespace

Result<QString> renderAlembicRevision(const Plan &plan, const AlembicRevisionInfo &info)
{
    Result<AlembicSteps> steps = renderAlembicSteps(plan);
    if (!steps)
        return fail(steps.error());

    QString provider = info.providerPackage;
    if (!info.migrationNamespace.isEmpty())
        provider += QLatin1Char(':') + info.migrationNamespace;
    const QString message
        = info.message.trimmed().isEmpty() ? QStringLiteral("migration") : info.message;

    QString text;
    text += QStringLiteral("\"\"\"") + docstringLine(message) + QStringLiteral("\n\n");
    text += QStringLiteral("Revision ID: ") + docstringLine(info.revision) + QLatin1Char('\n');
    text += QStringLiteral("Revises: ") + docstringLine(info.downRevision.value_or(QString()))
            + QLatin1Char('\n');
    text += QStringLiteral("Create Date: ") + pythonDateTime(info.createDate) + QLatin1Char('\n');
    if (!provider.isEmpty())
        text += QStringLiteral("Provider: ") + docstringLine(provider) + QLatin1Char('\n');
    text += QStringLiteral("\n\"\"\"\n");
    text += QStringLiteral("from alembic import op\nimport sqlalchemy as sa\n");
    if (steps->usesPostgresqlTypes)
        text += QStringLiteral("from sqlalchemy.dialects import postgresql\n");
    text += QStringLiteral("\n# revision identifiers, used by Alembic.\n");
    text += QStringLiteral("revision = ") + pythonString(info.revision) + QLatin1Char('\n');
    text += QStringLiteral("down_revision = ")
            + (info.downRevision ? pythonString(*info.downRevision) : QStringLiteral("None"))
            + QLatin1Char('\n');
    text += QStringLiteral("branch_labels = None\ndepends_on = None\n\n\n");
    text += QStringLiteral("def upgrade() -> None:\n") + functionBody(steps->upgrade);
    text += QStringLiteral("\n\ndef downgrade() -> None:\n") + functionBody(steps->downgrade);
    return text;
}

QString alembicRevisionFileName(const AlembicRevisionInfo &info)
{
    // Alembic: slug = "_".join(re.findall(r"\w+", message)).lower(), and a slug longer than
    // truncate_slug_length (40) is cut there, back to the last "_", plus "_".
    QStringList words;
    QString word;
    for (const char32_t c : Py::toCodePoints(info.message)) {
        if (c == U'_' || Py::isAlnum(c)) {
            word += Py::fromCodePoints(std::u32string(1, c));
        } else if (!word.isEmpty()) {
            words << word;
            word.clear();
        }
    }
    if (!word.isEmpty())
        words << word;
    QString slug = Py::lower(words.join(QLatin1Char('_')));
    if (Py::length(slug) > 40) {
        slug = Py::slice(slug, 0, 40);
        const qsizetype cut = slug.lastIndexOf(QLatin1Char('_'));
        if (cut >= 0)
            slug.truncate(cut);
        slug += QLatin1Char('_');
    }
    return info.revision + QLatin1Char('_') + slug + QStringLiteral(".py");
}

} // namespace Core::Migrate
