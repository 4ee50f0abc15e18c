// SPDX-License-Identifier: MIT
// Database > Connect, driven with real keys and clicks against the test server: Test connection
// reports the server version and the role's rights on the workspace's schemas; Connect saves
// the profile without its password (which the keychain keeps, or, with no keychain service as
// in CI, nobody: the dialog says so and the password is asked each time).
#include <core/workspace/connectionprofile.h>
#include <ui/connectiondialog.h>

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <tests/support/testsupport.h>

class TestConnectionDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testsAndSavesWithoutThePassword();

private:
    static QString conninfoValue(const QString &conninfo, const QString &key);
};

void TestConnectionDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(QStringLiteral("connections"));
}

QString TestConnectionDialog::conninfoValue(const QString &conninfo, const QString &key)
{
    for (const QString &part : conninfo.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (part.startsWith(key + QLatin1Char('=')))
            return part.mid(key.size() + 1);
    }
    return {};
}

void TestConnectionDialog::testsAndSavesWithoutThePassword()
{
    METATABLE_SCRATCH_DATABASE(db, "conndialog");
    Gui::ConnectionDialog dialog({QStringLiteral("public"), QStringLiteral("metatable_catalog")});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const auto field = [&dialog](const char *name) {
        auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        if (!edit)
            qFatal("no field %s", name);
        return edit;
    };
    QTest::keyClicks(field("profileName"), QStringLiteral("test server"));
    QTest::keyClicks(field("profileHost"), conninfoValue(db, QStringLiteral("host")));
    QTest::keyClicks(field("profileDatabase"), conninfoValue(db, QStringLiteral("dbname")));
    QTest::keyClicks(field("profileUser"), conninfoValue(db, QStringLiteral("user")));
    // The test server trusts its socket: any password works, and this one must not be saved.
    const QString secret = QStringLiteral("s3cret-never-saved");
    QTest::keyClicks(field("profilePassword"), secret);
    QTest::mouseClick(dialog.findChild<QCheckBox *>(QStringLiteral("rememberPassword")),
                      Qt::LeftButton);

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnection")),
                      Qt::LeftButton);
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testResult"));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("PostgreSQL")), 20000);
    QVERIFY2(result->text().contains(QStringLiteral("public: read, create")),
             qPrintable(result->text()));
    QVERIFY2(result->text().contains(QStringLiteral("metatable_catalog: missing")),
             qPrintable(result->text()));

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("connectButton")),
                      Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.conninfo().contains(secret)); // kept in memory for this connection only
    QCOMPARE(dialog.label(), QStringLiteral("test server"));

    QSettings settings;
    settings.sync();
    const QList<Core::ConnectionProfile> saved = Core::loadProfiles(settings);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().name, QStringLiteral("test server"));
    QVERIFY(saved.first().rememberPassword);
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(!file.readAll().contains(secret.toUtf8()), "the password reached the settings");

    // Reopened, the profile asks the keychain; without a keychain service the dialog says it
    // will ask each time, which is not an error.
    Gui::ConnectionDialog again({QStringLiteral("public")});
    auto *status = again.findChild<QLabel *>(QStringLiteral("keychainStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !status->text().isEmpty() && !status->text().contains(QStringLiteral("Reading")), 20000);
    const auto *password = again.findChild<QLineEdit *>(QStringLiteral("profilePassword"));
    QVERIFY2(status->text().contains(QStringLiteral("asked each time"))
                 || password->text() == secret,
             qPrintable(status->text()));
    again.findChild<QListWidget *>(QStringLiteral("profileList"))->setCurrentRow(-1);
}

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
