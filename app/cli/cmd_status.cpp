// SPDX-License-Identifier: MIT
// `metatable status MANIFEST --db CONNINFO`: is each storage class registered as the manifest
// says?
#include "command.h"
#include "options.h"

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

const Syntax CommandLine = Syntax({Option::flag({QStringLiteral("--json")}),
                                   Option::value({QStringLiteral("--db")})
                                       .needing(QStringLiteral("a connection string"))
                                       .required(QStringLiteral("--db CONNINFO is missing"))})
                               .positional(QStringLiteral("the MANIFEST file is missing"));

} // namespace

int runStatus(const QStringList &args)
{
    const auto o = parseArguments(CommandLine, args);
    if (!o)
        return usageError(Name, o.error());
    const bool json = o->has(QStringLiteral("--json"));
    auto target = openTarget(o->first(), o->value(QStringLiteral("--db")));
    if (!target)
        return reportError(Name, target.error(), json);
    auto status = Core::Migrate::providerStatus(*target->session, target->manifest());
    if (!status)
        return reportError(Name, status.error(), json);
    if (json)
        out() << QString::fromStdString(statusJson(*status).dump(2)) << "\n";
    else
        printText(*status);
    return status->allRegistered() ? ExitOk : ExitFindings;
}

} // namespace Cli
