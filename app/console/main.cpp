// SPDX-License-Identifier: MIT
// metatable-console: the desktop console. Opens the manifest given on the command line, or the
// one opened last.
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
    if (!manifest.isEmpty())
        window.openManifest(manifest);
    return QApplication::exec();
}
