// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

class QSettings;

namespace Core {

// A saved database connection: either a libpq service name, or host/port/database/user/
// sslmode. Never a password: that lives in the system keychain, libpq's .pgpass, or the
// process's memory for one session.
struct ConnectionProfile
{
    QString name; // what the user calls it; unique among profiles
    QString service;
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString sslmode = QStringLiteral("prefer");
    bool rememberPassword = false; // the password is kept in the system keychain

    // The libpq connection string, values quoted as libpq wants them. The password, when not
    // empty, is appended; the result must then never be shown, logged or saved.
    QString conninfo(const QString &password = {}) const;
    // "reporting on db.example.com:5433 as alice", for lists and the status bar.
    QString description() const;
    bool operator==(const ConnectionProfile &) const = default;
};

// The profiles in the console's settings (group "connections"), in the order saved.
QList<ConnectionProfile> loadProfiles(QSettings &settings);
void saveProfiles(QSettings &settings, const QList<ConnectionProfile> &profiles);

// The key a profile's password is stored under in the system keychain.
QString keychainKey(const ConnectionProfile &profile);

} // namespace Core
