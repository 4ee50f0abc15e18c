// SPDX-License-Identifier: MIT
#include "connectionprofile.h"

#include <QSettings>

namespace Core {

namespace {

// libpq: a value with spaces, quotes or backslashes, or an empty one, goes in single quotes
// with \ and ' escaped by a backslash.
QString quoted(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    v.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

} // namespace

QString ConnectionProfile::conninfo(const QString &password) const
{
    QStringList parts;
    const auto add = [&parts](const char *key, const QString &value) {
        if (!value.isEmpty())
            parts.append(QLatin1String(key) + QLatin1Char('=') + quoted(value));
    };
    add("service", service);
    add("host", host);
    if (!host.isEmpty() || service.isEmpty())
        add("port", QString::number(port));
    add("dbname", database);
    add("user", user);
    add("sslmode", service.isEmpty() ? sslmode : QString());
    add("application_name", QStringLiteral("metatable-console"));
    add("password", password);
    return parts.join(QLatin1Char(' '));
}

QString ConnectionProfile::description() const
{
    if (!service.isEmpty())
        return QStringLiteral("service %1").arg(service);
    QString where = host.isEmpty() ? QStringLiteral("the local socket") : host;
    if (port != 5432)
        where += QLatin1Char(':') + QString::number(port);
    QString text = QStringLiteral("%1 on %2")
                       .arg(database.isEmpty() ? QStringLiteral("(default)") : database, where);
    if (!user.isEmpty())
        text += QStringLiteral(" as %1").arg(user);
    return text;
}

QList<ConnectionProfile> loadProfiles(QSettings &settings)
{
    QList<ConnectionProfile> profiles;
    const int n = settings.beginReadArray(QStringLiteral("connections"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.name = settings.value(QStringLiteral("name")).toString();
        p.service = settings.value(QStringLiteral("service")).toString();
        p.host = settings.value(QStringLiteral("host")).toString();
        p.port = settings.value(QStringLiteral("port"), 5432).toInt();
        p.database = settings.value(QStringLiteral("database")).toString();
        p.user = settings.value(QStringLiteral("user")).toString();
        p.sslmode = settings.value(QStringLiteral("sslmode"), QStringLiteral("prefer")).toString();
        p.rememberPassword = settings.value(QStringLiteral("rememberPassword")).toBool();
        if (!p.name.isEmpty())
            profiles.append(p);
    }
    settings.endArray();
    return profiles;
}

void saveProfiles(QSettings &settings, const QList<ConnectionProfile> &profiles)
{
    settings.remove(QStringLiteral("connections"));
    settings.beginWriteArray(QStringLiteral("connections"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &p = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("service"), p.service);
        settings.setValue(QStringLiteral("host"), p.host);
        settings.setValue(QStringLiteral("port"), p.port);
        settings.setValue(QStringLiteral("database"), p.database);
        settings.setValue(QStringLiteral("user"), p.user);
        settings.setValue(QStringLiteral("sslmode"), p.sslmode);
        settings.setValue(QStringLiteral("rememberPassword"), p.rememberPassword);
    }
    settings.endArray();
}

QString keychainKey(const ConnectionProfile &profile)
{
    return QStringLiteral("connection/%1").arg(profile.name);
}

} // namespace Core
