// SPDX-License-Identifier: MIT
// `metatable status MANIFEST --db CONNINFO`: is each storage class registered as the manifest
// says?
#include "command.h"

#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/status.h>

namespace Cli {

namespace {

const QString Name = QStringLiteral("status");

Core::Json statusJson(const Core::Migrate::ProviderStatus &s)
{
    Core::Json doc;
    doc["provider_key"] = s.providerKey.toStdString();
    doc["database"] = s.database.toStdString();
    doc["catalog_exists"] = s.catalogExists;
    doc["alembic_revision"]
        = s.alembicRevision ? Core::Json(s.alembicRevision->toStdString()) : Core::Json();
    doc["all_registered"] = s.allRegistered();
    Core::Json classes = Core::Json::array();
    for (const Core::Migrate::ClassStatus &c : s.classes) {
        Core::Json reasons = Core::Json::array();
        for (const QString &r : c.reasons)
            reasons.push_back(r.toStdString());
        classes.push_back(
            {{"storage_class", c.storageClass.toStdString()},
             {"schema", c.schema.toStdString()},
             {"table", c.table.toStdString()},
             {"state", Core::Migrate::classStateName(c.state).toStdString()},
             {"uid", c.uid.isEmpty() ? Core::Json() : Core::Json(c.uid.toStdString())},
             {"manifest_contract_hash", c.manifestHash.toStdString()},
             {"catalog_contract_hash", c.catalogHash.toStdString()},
             {"reasons", reasons}});
    }
    doc["classes"] = classes;
    return doc;
}

void printText(const Core::Migrate::ProviderStatus &s)
{
    QTextStream &o = out();
    o << "Provider " << s.providerKey << " on " << s.database << "\n";
    o << "Alembic revision: " << (s.alembicRevision ? *s.alembicRevision : QStringLiteral("none"))
      << "\n";
    int registered = 0;
    for (const Core::Migrate::ClassStatus &c : s.classes) {
        o << "  " << Core::Migrate::classStateName(c.state).leftJustified(11) << c.schema << "."
          << c.table;
        if (!c.uid.isEmpty())
            o << "  uid " << c.uid;
        o << "\n";
        for (const QString &r : c.reasons)
            o << "      " << r << "\n";
        if (c.state == Core::Migrate::ClassState::Registered)
            ++registered;
    }
    o << registered << " of " << s.classes.size() << " storage class(es) registered.\n";
}

} // namespace

int runStatus(const QStringList &args)
{
    QString manifest;
    QString conninfo;
    bool json = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == u"--json") {
            json = true;
        } else if (a == u"--db") {
            if (i + 1 >= args.size())
                return usageError(Name, QStringLiteral("--db needs a connection string"));
            conninfo = args[++i];
        } else if (a.startsWith(QLatin1Char('-'))) {
            return usageError(Name, QStringLiteral("unknown option '%1'").arg(a));
        } else if (manifest.isEmpty()) {
            manifest = a;
        } else {
            return usageError(Name, QStringLiteral("unexpected argument '%1'").arg(a));
        }
    }
    if (manifest.isEmpty())
        return usageError(Name, QStringLiteral("the MANIFEST file is missing"));
    if (conninfo.isEmpty())
        return usageError(Name, QStringLiteral("--db CONNINFO is missing"));

    auto report = [&](const Core::Error &error) {
        if (json)
            out() << QString::fromStdString(Core::Json{{"error",
                                                        {{"message", error.message.toStdString()},
                                                         {"detail", error.detail.toStdString()}}}}
                                                .dump(2))
                  << "\n";
        else
            err() << "metatable status: " << error.toText() << "\n";
        return int(ExitFindings);
    };
    auto doc = Core::readManifestFile(manifest);
    if (!doc)
        return report(doc.error());
    auto session = Core::Db::Session::open(conninfo);
    if (!session)
        return report(session.error());
    auto status = Core::Migrate::providerStatus(**session, doc->manifest);
    if (!status)
        return report(status.error());
    if (json)
        out() << QString::fromStdString(statusJson(*status).dump(2)) << "\n";
    else
        printText(*status);
    return status->allRegistered() ? ExitOk : ExitFindings;
}

} // namespace Cli
