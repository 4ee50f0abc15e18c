// SPDX-License-Identifier: MIT
#include "demodatabase.h"

#include "testsupport.h"

#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>

#include <QProcess>

namespace TestSupport {

QString demoManifestV1()
{
    return sourcePath(QStringLiteral("resources/demo/example_project.v1.json"));
}

QString demoManifestV2()
{
    return sourcePath(QStringLiteral("resources/demo/example_project.v2.json"));
}

QString createDemoDatabase(const QString &prefix, QString *why)
{
    const QString conninfo = createScratchDatabase(prefix, why);
    if (conninfo.isEmpty())
        return {};
    auto v1 = Core::readManifestFile(demoManifestV1());
    if (!v1)
        qFatal("demo v1: %s", qPrintable(v1.error().toText()));
    auto session = openSession(conninfo);
    Core::Migrate::ApplyOptions options;
    auto applied = Core::Migrate::applyUpgrade(*session, v1->manifest, options);
    if (!applied)
        qFatal("demo v1 upgrade: %s", qPrintable(applied.error().toText()));
    const QStringList fill = {
        QStringLiteral("INSERT INTO public.example_project__account (uid, display_name) "
                       "SELECT gen_random_uuid(), 'account ' || g FROM generate_series(1, %1) g")
            .arg(DemoAccounts),
        QStringLiteral("INSERT INTO public.example_project__spreads (time_index, "
                       "entity_identifier, spread, base_value, window_days) SELECT "
                       "timestamptz '2026-01-01' + g * interval '1 hour', 'e' || (g % 3), g, "
                       "CASE WHEN g <= %1 THEN NULL ELSE g END, 5 FROM generate_series(1, %2) g")
            .arg(DemoNullBaseValues)
            .arg(DemoSpreadRows),
        QStringLiteral("INSERT INTO public.example_project__daily_metrics (time_index, "
                       "entity_identifier, value) SELECT timestamptz '2026-01-01' + g * "
                       "interval '1 day', 'e', g FROM generate_series(1, 30) g"),
    };
    for (const QString &sql : fill) {
        if (auto r = session->execute(sql); !r)
            qFatal("%s: %s", qPrintable(sql), qPrintable(r.error().toText()));
    }
    return conninfo;
}

void fillDemoNulls(const QString &conninfo)
{
    auto session = openSession(conninfo);
    auto r = session->execute(QStringLiteral("UPDATE public.example_project__spreads SET "
                                             "base_value = 0 WHERE base_value IS NULL"));
    if (!r)
        qFatal("%s", qPrintable(r.error().toText()));
}

QByteArray dumpDatabase(const QString &conninfo)
{
    QProcess dump;
    // Data too: the catalog rows and the Alembic revision must not change either. Rows come out
    // in a stable order only with --inserts off and no concurrent writers, which tests ensure.
    dump.start(QStringLiteral("pg_dump"),
               {QStringLiteral("--no-owner"), QStringLiteral("--dbname"), conninfo});
    if (!dump.waitForFinished(60000) || dump.exitCode() != 0)
        qFatal("pg_dump failed: %s", dump.readAllStandardError().constData());
    // pg_dump writes a random key into its restrict and unrestrict lines on every run.
    QByteArray out;
    for (const QByteArray &line : dump.readAllStandardOutput().split('\n')) {
        if (!line.startsWith("\\restrict ") && !line.startsWith("\\unrestrict "))
            out += line + '\n';
    }
    return out;
}

} // namespace TestSupport
