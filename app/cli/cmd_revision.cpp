// SPDX-License-Identifier: MIT
// `metatable revision MANIFEST --db CONNINFO [--output FILE|DIR] [--message M]`: the plan that
// would make the database match the manifest, written as an Alembic revision file.
#include "command.h"

#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/alembicrender.h>
#include <core/migrate/diff.h>
#include <core/migrate/revision.h>
#include <core/util/atomicfile.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace Cli {

namespace {

const QString Name = QStringLiteral("revision");

int failWith(const QString &message)
{
    err() << "metatable revision: " << message << "\n";
    return ExitFindings;
}

struct Options
{
    QString manifestPath;
    QString conninfo;
    QString output;
    QString message = QStringLiteral("migration"); // the SDK's default revision message
    bool allowDestructive = false;
    bool json = false;
};

// False after printing a usage error, whose exit code is then in `exitCode`.
bool parse(const QStringList &args, Options &o, int &exitCode)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == u"--db" || a == u"--output" || a == u"--message" || a == u"-m") {
            if (i + 1 >= args.size()) {
                exitCode = usageError(Name, QStringLiteral("%1 needs a value").arg(a));
                return false;
            }
            const QString &value = args[++i];
            if (a == u"--db")
                o.conninfo = value;
            else if (a == u"--output")
                o.output = value;
            else
                o.message = value;
        } else if (a == u"--allow-destructive") {
            o.allowDestructive = true;
        } else if (a == u"--json") {
            o.json = true;
        } else if (a.startsWith(u'-')) {
            exitCode = usageError(Name, QStringLiteral("unknown option %1").arg(a));
            return false;
        } else if (o.manifestPath.isEmpty()) {
            o.manifestPath = a;
        } else {
            exitCode = usageError(Name, QStringLiteral("only one MANIFEST may be given"));
            return false;
        }
    }
    if (o.manifestPath.isEmpty()) {
        exitCode = usageError(Name, QStringLiteral("MANIFEST is missing"));
        return false;
    }
    if (o.conninfo.isEmpty()) {
        exitCode = usageError(Name, QStringLiteral("--db CONNINFO is missing"));
        return false;
    }
    if (o.message.trimmed().isEmpty()) {
        exitCode = usageError(Name, QStringLiteral("--message must not be empty"));
        return false;
    }
    return true;
}

Core::Db::IntrospectOptions introspectOptions(const Core::ProviderManifest &manifest)
{
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
    return options;
}

// Why the plan cannot become a revision, or empty.
QString refusal(const Core::Migrate::Plan &plan)
{
    QStringList reasons;
    for (const Core::Migrate::Finding &f : plan.findings) {
        if (f.severity == Core::Migrate::FindingSeverity::Error)
            reasons << QStringLiteral("  error [%1] %2").arg(f.code, f.message);
    }
    for (const Core::Migrate::Operation &op : plan.operations) {
        if (!op.isBlocked())
            continue;
        for (const Core::Migrate::Risk &risk : op.risks) {
            if (risk.level == Core::Migrate::RiskLevel::Blocker)
                reasons << QStringLiteral("  blocked: %1: %2").arg(op.summary, risk.reason);
        }
    }
    return reasons.join(QLatin1Char('\n'));
}

} // namespace

int runRevision(const QStringList &args)
{
    if (handledHelp(Name, args))
        return ExitOk;
    Options o;
    int exitCode = ExitOk;
    if (!parse(args, o, exitCode))
        return exitCode;

    auto doc = Core::readManifestFile(o.manifestPath);
    if (!doc)
        return failWith(doc.error().toText());
    const Core::ProviderManifest &manifest = doc->manifest;
    auto session = Core::Db::Session::open(o.conninfo);
    if (!session)
        return failWith(Core::Db::redactSecrets(session.error().toText()));
    auto snapshot = Core::Db::introspect(**session, introspectOptions(manifest));
    if (!snapshot)
        return failWith(Core::Db::redactSecrets(snapshot.error().toText()));

    Core::Migrate::DiffOptions diffOptions;
    diffOptions.allowDestructive = o.allowDestructive;
    const Core::Migrate::Plan plan = Core::Migrate::diffManifest(manifest, *snapshot, diffOptions);
    if (const QString why = refusal(plan); !why.isEmpty()) {
        return failWith(QStringLiteral("the plan cannot be written as a revision:\n%1\nSee "
                                       "`metatable diff` for the whole plan; drops need "
                                       "--allow-destructive.")
                            .arg(why));
    }
    if (plan.isEmpty()) {
        err() << "metatable revision: the database already matches the manifest; no revision "
                 "written\n";
        return ExitOk;
    }

    Core::Migrate::AlembicRevisionInfo info;
    info.revision = Core::Migrate::revisionIdFor(plan);
    info.downRevision = snapshot->alembicRevision;
    info.message = o.message;
    info.createDate = QDateTime::currentDateTime();
    info.providerPackage = manifest.provider.package;
    info.migrationNamespace = manifest.provider.migrationNamespace;
    auto text = Core::Migrate::renderAlembicRevision(plan, info);
    if (!text)
        return failWith(text.error().toText());

    if (o.output.isEmpty()) {
        out() << *text;
        out().flush();
        return ExitOk;
    }
    QString path = o.output;
    if (QFileInfo(path).isDir())
        path = QDir(path).filePath(Core::Migrate::alembicRevisionFileName(info));
    if (auto written = Core::writeFileAtomically(path, text->toUtf8()); !written)
        return failWith(written.error().toText());

    if (o.json) {
        Core::Json j = Core::Json::object();
        j["path"] = QDir::cleanPath(path).toStdString();
        j["revision"] = info.revision.toStdString();
        j["down_revision"] = info.downRevision ? Core::Json(info.downRevision->toStdString())
                                               : Core::Json(nullptr);
        j["operations"] = plan.operations.size();
        out() << QString::fromStdString(j.dump(2)) << "\n";
    } else {
        out() << "wrote " << QDir::cleanPath(path) << " (revision " << info.revision << ", revises "
              << info.downRevision.value_or(QStringLiteral("nothing")) << ", "
              << plan.operations.size() << " operations)\n";
    }
    out().flush();
    return ExitOk;
}

} // namespace Cli
