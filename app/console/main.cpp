// SPDX-License-Identifier: MIT
// metatable-console: the desktop console. Opens the manifest given on the command line, or the
// one opened last, and reviews it against --db (or the sandbox) when given.
#include <core/core.h>
#include <ui/mainwindow.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("metatable-console"));
    QApplication::setOrganizationName(QStringLiteral("metatable-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("MetaTable Console"));
    QApplication::setApplicationVersion(Core::version());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Administration console for MetaTable-driven DataNode storage."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("manifest"),
        QStringLiteral("Provider manifest (metatable-provider/1) to open."));
    const QCommandLineOption select(
        QStringLiteral("select"),
        QStringLiteral("Storage class (table name) or node (class name) to show once loaded."),
        QStringLiteral("name"));
    parser.addOption(select);
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral("Database to review against: a libpq connection string, postgresql:// URI "
                       "or service name. Passwords come from ~/.pgpass or a service file."),
        QStringLiteral("conninfo"));
    parser.addOption(db);
    const QCommandLineOption sandbox(QStringLiteral("sandbox"),
                                     QStringLiteral("Review against the console's sandbox."));
    parser.addOption(sandbox);
    const QCommandLineOption review(QStringLiteral("review"),
                                    QStringLiteral("Show the migration review once loaded."));
    parser.addOption(review);
    parser.process(app);

    Gui::MainWindow window;
    window.show();
    QString manifest = parser.positionalArguments().value(0);
    if (manifest.isEmpty())
        manifest = QSettings()
                       .value(QStringLiteral("workspace/recentManifests"))
                       .toStringList()
                       .value(0);
    if (parser.isSet(select)) {
        const QString name = parser.value(select);
        QObject::connect(&window, &Gui::MainWindow::manifestLoaded, &window, [&window, name] {
            if (!window.selectItem(name))
                qWarning("metatable-console: the workspace has no storage class or node '%s'",
                         qPrintable(name));
        });
    }
    if (parser.isSet(review))
        QObject::connect(&window, &Gui::MainWindow::manifestLoaded, &window, [&window] {
            window.showMigrationReview();
        });
    if (!manifest.isEmpty())
        window.openManifest(manifest);
    if (parser.isSet(db))
        window.connectTo(parser.value(db));
    else if (parser.isSet(sandbox))
        window.connectToSandbox();
    else if (parser.positionalArguments().isEmpty() && !manifest.isEmpty())
        window.reconnectLast(); // the last workspace is its manifest and its database
    return QApplication::exec();
}
