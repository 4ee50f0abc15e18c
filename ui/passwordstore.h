// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace Gui {

// Connection passwords in the system keychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Manager) through QtKeychain, asynchronously. Without a running keychain service (a
// bare X session, CI) reads and writes report `unavailable`: the console then asks for the
// password each time and keeps it in memory only. Passwords never reach settings or logs.
class PasswordStore : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        bool ok = false;
        bool unavailable = false; // no keychain service: not an error, ask each time instead
        bool notFound = false;    // nothing stored under the key
        QString password;         // reads only
        QString message;          // for the user, without the password
    };
    using Callback = std::function<void(const Outcome &)>;

    explicit PasswordStore(QObject *parent = nullptr);

    void read(const QString &key, const Callback &done);
    void write(const QString &key, const QString &password, const Callback &done);
    void remove(const QString &key, const Callback &done);
};

} // namespace Gui
