// SPDX-License-Identifier: MIT
#include "connectiondialog.h"

#include "passwordstore.h"

#include <core/db/session.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Gui {

ConnectionDialog::ConnectionDialog(const QStringList &schemas, QWidget *parent)
    : QDialog(parent)
    , m_schemas(schemas)
    , m_passwords(new PasswordStore(this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_service(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_sslmode(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("Remember in the system keychain"), this))
    , m_keychainStatus(new QLabel(this))
    , m_testResult(new QLabel(this))
    , m_sandboxState(new QLabel(this))
    , m_test(new QPushButton(tr("&Test connection"), this))
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Connect to PostgreSQL"));
    m_list->setObjectName(QStringLiteral("profileList"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_host->setObjectName(QStringLiteral("profileHost"));
    m_host->setPlaceholderText(tr("host name, or a socket directory; empty: the local socket"));
    m_service->setObjectName(QStringLiteral("profileService"));
    m_service->setPlaceholderText(tr("a pg_service.conf entry; replaces the fields below"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database->setObjectName(QStringLiteral("profileDatabase"));
    m_user->setObjectName(QStringLiteral("profileUser"));
    m_sslmode->addItems({QStringLiteral("disable"),
                         QStringLiteral("allow"),
                         QStringLiteral("prefer"),
                         QStringLiteral("require"),
                         QStringLiteral("verify-ca"),
                         QStringLiteral("verify-full")});
    m_sslmode->setCurrentText(QStringLiteral("prefer"));
    m_password->setObjectName(QStringLiteral("profilePassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: libpq's ~/.pgpass or the service file"));
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    for (QLabel *l : {m_keychainStatus, m_testResult, m_sandboxState})
        l->setWordWrap(true);
    m_keychainStatus->setObjectName(QStringLiteral("keychainStatus"));
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sandboxState->setObjectName(QStringLiteral("sandboxState"));
    m_test->setObjectName(QStringLiteral("testConnection"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("S&ervice:"), m_service);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&SSL mode:"), m_sslmode);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_keychainStatus);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    form->addRow(testRow);

    auto *newProfile = new QPushButton(tr("&New"), this);
    auto *deleteProfile = new QPushButton(tr("De&lete"), this);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(newProfile);
    listButtons->addWidget(deleteProfile);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *sandbox = new QGroupBox(tr("Sandbox: the console's private PostgreSQL"), this);
    auto *start = new QPushButton(tr("Start"), sandbox);
    auto *stop = new QPushButton(tr("Stop"), sandbox);
    auto *use = new QPushButton(tr("Use the sandbox"), sandbox);
    use->setObjectName(QStringLiteral("useSandbox"));
    auto *sandboxRow = new QHBoxLayout(sandbox);
    sandboxRow->addWidget(m_sandboxState, 1);
    sandboxRow->addWidget(start);
    sandboxRow->addWidget(stop);
    sandboxRow->addWidget(use);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connectButton->setObjectName(QStringLiteral("connectButton"));
    connectButton->setDefault(true);

    auto *top = new QHBoxLayout;
    top->addLayout(left, 1);
    top->addLayout(form, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(sandbox);
    layout->addWidget(buttons);

    QSettings settings;
    m_profiles = Core::loadProfiles(settings);
    for (const Core::ConnectionProfile &p : std::as_const(m_profiles))
        m_list->addItem(p.name);
    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionDialog::loadProfile);
    connect(newProfile, &QPushButton::clicked, this, [this] {
        m_list->setCurrentRow(-1);
        loadProfile(-1);
        m_name->setFocus();
    });
    connect(deleteProfile, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0)
            return;
        const Core::ConnectionProfile gone = m_profiles.takeAt(row);
        delete m_list->takeItem(row);
        QSettings s;
        Core::saveProfiles(s, m_profiles);
        if (gone.rememberPassword)
            m_passwords->remove(Core::keychainKey(gone), [](const PasswordStore::Outcome &) {});
    });
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(&m_checkWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_test->setEnabled(true);
        const auto check = m_checkWatcher.result();
        m_testResult->setText(
            check ? Core::Db::describeCheck(*check).toHtmlEscaped()
                  : tr("<b>Failed:</b> %1")
                        .arg((check.error().message + QLatin1Char(' ') + check.error().detail)
                                 .toHtmlEscaped()));
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::connectNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(start, &QPushButton::clicked, this, [this] { runSandbox(true); });
    connect(stop, &QPushButton::clicked, this, [this] { runSandbox(false); });
    connect(use, &QPushButton::clicked, this, [this] {
        m_useSandbox = true;
        accept();
    });
    connect(&m_sandboxWatcher, &QFutureWatcherBase::finished, this, [this] {
        showSandbox(m_sandboxWatcher.result());
    });
    m_sandboxState->setText(tr("checking…"));
    m_sandboxWatcher.setFuture(QtConcurrent::run([] { return Core::Db::Sandbox().status(); }));
    if (!m_profiles.isEmpty())
        m_list->setCurrentRow(0);
    resize(760, 480);
}

ConnectionDialog::~ConnectionDialog()
{
    m_checkWatcher.waitForFinished();
    m_sandboxWatcher.waitForFinished();
}

void ConnectionDialog::loadProfile(int row)
{
    const Core::ConnectionProfile p = row >= 0 ? m_profiles.value(row) : Core::ConnectionProfile();
    m_name->setText(p.name);
    m_service->setText(p.service);
    m_host->setText(p.host);
    m_port->setValue(p.port);
    m_database->setText(p.database);
    m_user->setText(p.user);
    m_sslmode->setCurrentText(p.sslmode);
    m_password->clear();
    m_remember->setChecked(p.rememberPassword);
    m_testResult->clear();
    m_keychainStatus->clear();
    if (!p.rememberPassword)
        return;
    m_keychainStatus->setText(tr("Reading the password from the keychain…"));
    const QString name = p.name;
    m_passwords->read(Core::keychainKey(p), [this, name](const PasswordStore::Outcome &o) {
        if (m_name->text() != name)
            return; // another profile was selected meanwhile
        if (o.ok)
            m_password->setText(o.password);
        m_keychainStatus->setText(o.ok ? tr("Password read from the system keychain.") : o.message);
    });
}

Core::ConnectionProfile ConnectionDialog::profileFromForm() const
{
    Core::ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.service = m_service->text().trimmed();
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.database = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.sslmode = m_sslmode->currentText();
    p.rememberPassword = m_remember->isChecked();
    return p;
}

void ConnectionDialog::saveCurrent()
{
    Core::ConnectionProfile p = profileFromForm();
    if (p.name.isEmpty())
        p.name = p.description();
    const auto it
        = std::find_if(m_profiles.begin(),
                       m_profiles.end(),
                       [&p](const Core::ConnectionProfile &e) { return e.name == p.name; });
    if (it == m_profiles.end())
        m_profiles.append(p);
    else
        *it = p;
    QSettings settings;
    Core::saveProfiles(settings, m_profiles);
    if (p.rememberPassword && !m_password->text().isEmpty())
        m_passwords->write(
            Core::keychainKey(p), m_password->text(), [](const PasswordStore::Outcome &) {
                // Unavailable: the password stays in memory for this connection, as said on load.
            });
}

QString ConnectionDialog::conninfo() const
{
    return profileFromForm().conninfo(m_password->text());
}

QString ConnectionDialog::label() const
{
    const Core::ConnectionProfile p = profileFromForm();
    return p.name.isEmpty() ? p.description() : p.name;
}

void ConnectionDialog::testConnection()
{
    m_test->setEnabled(false);
    m_testResult->setText(tr("Connecting…"));
    const QString conninfo = this->conninfo();
    const QStringList schemas = m_schemas;
    m_checkWatcher.setFuture(
        QtConcurrent::run([conninfo, schemas]() -> Core::Result<Core::Db::ConnectionCheck> {
            auto session = Core::Db::Session::open(conninfo);
            if (!session)
                return Core::fail(session.error());
            return Core::Db::checkConnection(**session, schemas);
        }));
}

void ConnectionDialog::connectNow()
{
    if (profileFromForm().service.isEmpty() && m_database->text().trimmed().isEmpty()
        && m_host->text().trimmed().isEmpty()) {
        m_testResult->setText(tr("<b>Fill in a service, or a host and a database.</b>"));
        return;
    }
    saveCurrent();
    accept();
}

void ConnectionDialog::runSandbox(bool start)
{
    m_sandboxState->setText(start ? tr("starting…") : tr("stopping…"));
    m_sandboxWatcher.setFuture(QtConcurrent::run(
        [start] { return start ? Core::Db::Sandbox().start() : Core::Db::Sandbox().stop(); }));
}

void ConnectionDialog::showSandbox(const Core::Result<Core::Db::SandboxStatus> &status)
{
    if (!status) {
        m_sandboxState->setText(tr("unavailable: %1").arg(status.error().message.toHtmlEscaped()));
        return;
    }
    m_sandboxState->setText(
        status->state == Core::Db::SandboxState::Running
            ? tr("running, PostgreSQL %1, on a private socket").arg(status->serverVersion)
            : Core::Db::sandboxStateName(status->state));
}

} // namespace Gui
