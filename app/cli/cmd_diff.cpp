// SPDX-License-Identifier: MIT
// `metatable diff MANIFEST --db CONNINFO [--format text|sql|alembic|json] [--allow-destructive]`:
// what would change in the database to match the manifest, with risks counted on live data.
#include "command.h"

#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/alembicrender.h>
#include <core/migrate/diff.h>
#include <core/migrate/render.h>
#include <core/migrate/revision.h>
#include <core/migrate/risk.h>

#include <QDateTime>
#include <QSet>

namespace Cli {

namespace {

const QString Name = QStringLiteral("diff");

int failWith(const QString &message)
{
    err() << "metatable diff: " << message << "\n";
    return ExitFindings;
}

} // namespace

int runDiff(const QStringList &args)
{
    if (handledHelp(Name, args))
        return ExitOk;
    QString manifestPath;
    QString conninfo;
    QString format = QStringLiteral("text");
    bool allowDestructive = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == u"--db" || a == u"--format") {
            if (i + 1 >= args.size())
                return usageError(Name, QStringLiteral("%1 needs a value").arg(a));
            (a == u"--db" ? conninfo : format) = args[++i];
        } else if (a == u"--json") {
            format = QStringLiteral("json");
        } else if (a == u"--allow-destructive") {
            allowDestructive = true;
        } else if (a.startsWith(u'-')) {
            return usageError(Name, QStringLiteral("unknown option %1").arg(a));
        } else if (manifestPath.isEmpty()) {
            manifestPath = a;
        } else {
            return usageError(Name, QStringLiteral("only one MANIFEST may be given"));
        }
    }
    if (manifestPath.isEmpty())
        return usageError(Name, QStringLiteral("MANIFEST is missing"));
    if (conninfo.isEmpty())
        return usageError(Name, QStringLiteral("--db CONNINFO is missing"));
    static const QStringList formats{QStringLiteral("text"),
                                     QStringLiteral("sql"),
                                     QStringLiteral("alembic"),
                                     QStringLiteral("json")};
    if (!formats.contains(format))
        return usageError(
            Name,
            QStringLiteral("--format must be text, sql, alembic or json, not %1").arg(format));

    auto doc = Core::readManifestFile(manifestPath);
    if (!doc)
        return failWith(doc.error().toText());
    const Core::ProviderManifest &manifest = doc->manifest;

    auto session = Core::Db::Session::open(conninfo);
    if (!session)
        return failWith(Core::Db::redactSecrets(session.error().toText()));

    Core::Db::IntrospectOptions options;
    const QString providerSchema
        = manifest.provider.schema.isEmpty() ? QStringLiteral("public") : manifest.provider.schema;
    QStringList schemas{providerSchema};
    for (const Core::StorageClass &sc : manifest.storageClasses) {
        if (!sc.schema().isEmpty() && !schemas.contains(sc.schema()))
            schemas.append(sc.schema());
    }
    for (const Core::ExternalTable &ext : manifest.externalTables) {
        if (!ext.schema.isEmpty() && !schemas.contains(ext.schema))
            schemas.append(ext.schema);
    }
    options.schemas = schemas;
    options.alembicSchema = providerSchema;
    options.alembicTable = manifest.provider.registryTableName;
    auto snapshot = Core::Db::introspect(**session, options);
    if (!snapshot)
        return failWith(Core::Db::redactSecrets(snapshot.error().toText()));

    Core::Migrate::DiffOptions diffOptions;
    diffOptions.allowDestructive = allowDestructive;
    Core::Migrate::Plan plan = Core::Migrate::diffManifest(manifest, *snapshot, diffOptions);
    Core::Migrate::SessionRiskProbe probe(**session);
    if (auto assessed = Core::Migrate::assessRisks(plan, probe); !assessed)
        return failWith(Core::Db::redactSecrets(assessed.error().toText()));

    if (format == u"json") {
        Core::Json j = Core::Migrate::planToJson(plan);
        j["database"] = (*session)->redactedConninfo().toStdString();
        out() << QString::fromStdString(j.dump(2)) << "\n";
    } else if (format == u"sql") {
        out() << Core::Migrate::renderSqlScript(plan);
    } else if (format == u"alembic") {
        Core::Migrate::AlembicRevisionInfo info;
        info.revision = Core::Migrate::revisionIdFor(plan);
        info.downRevision = snapshot->alembicRevision;
        info.createDate = QDateTime::currentDateTime();
        info.providerPackage = manifest.provider.package;
        info.migrationNamespace = manifest.provider.migrationNamespace;
        auto text = Core::Migrate::renderAlembicRevision(plan, info);
        if (!text)
            return failWith(text.error().toText());
        out() << *text;
    } else {
        out() << Core::Migrate::renderText(plan);
    }
    out().flush();
    return plan.isEmpty() ? ExitOk : ExitFindings;
}

} // namespace Cli
