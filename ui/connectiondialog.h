// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/connectioncheck.h>
#include <core/db/sandbox.h>
#include <core/workspace/connectionprofile.h>

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace Gui {

class PasswordStore;

// Database > Connect: saved connection profiles (host/port/database/user/sslmode, or a libpq
// service), a password kept in the system keychain when asked to (or typed each time), "Test
// connection" with the server version and the role's rights on the workspace's schemas, and the
// sandbox's state with Start / Stop. Profiles go to the settings without their password.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    // `schemas`: the workspace's schemas, whose rights Test connection reports.
    ConnectionDialog(const QStringList &schemas, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // After Connect: the connection string (with the password: keep it in memory only) and the
    // profile's description for the status bar. useSandbox() when "Use the sandbox" was chosen.
    QString conninfo() const;
    QString label() const;
    bool useSandbox() const { return m_useSandbox; }

private:
    void loadProfile(int row);
    Core::ConnectionProfile profileFromForm() const;
    void saveCurrent();
    void testConnection();
    void connectNow();
    void runSandbox(bool start);
    void showSandbox(const Core::Result<Core::Db::SandboxStatus> &status);

    QStringList m_schemas;
    QList<Core::ConnectionProfile> m_profiles;
    PasswordStore *m_passwords;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_service;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QComboBox *m_sslmode;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_keychainStatus;
    QLabel *m_testResult;
    QLabel *m_sandboxState;
    QPushButton *m_test;
    bool m_useSandbox = false;
    QFutureWatcher<Core::Result<Core::Db::ConnectionCheck>> m_checkWatcher;
    QFutureWatcher<Core::Result<Core::Db::SandboxStatus>> m_sandboxWatcher;
};

} // namespace Gui
