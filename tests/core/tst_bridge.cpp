// SPDX-License-Identifier: MIT
// The console side of the Python bridge: exportWorkspace() runs the exporter with a real
// interpreter on the demo package, reports the exporter's message on failure, honours timeout
// and cancellation; `metatable export` writes a manifest the console loads.
#include <core/bridge/pythonworkspace.h>
#include <core/manifest/manifestio.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <thread>

#include <tests/support/testsupport.h>

class TstBridge : public QObject
{
    Q_OBJECT

private:
    // The test interpreter: METATABLE_PYTHON, else python3 on PATH.
    static QString python()
    {
        const QString fromEnv = qEnvironmentVariable("METATABLE_PYTHON");
        return fromEnv.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("python3"))
                                 : fromEnv;
    }

    // The demo package, with Debian's SQLAlchemy appended behind the environment's pydantic.
    static Core::PythonWorkspace demoWorkspace()
    {
        Core::PythonWorkspace w;
        w.interpreter = python();
        w.modelsModule = QStringLiteral("example_project.storage");
        w.nodesModule = QStringLiteral("example_project.nodes");
        w.migrationNamespace = QStringLiteral("example-data");
        w.pythonPath = {TestSupport::sourcePath(QStringLiteral("tests/python/debian-site")),
                        TestSupport::sourcePath(QStringLiteral("resources/demo/python"))};
        return w;
    }

    // A project whose import never finishes, for timeout and cancellation.
    static Core::PythonWorkspace slowWorkspace(const QTemporaryDir &dir)
    {
        QFile module(dir.filePath(QStringLiteral("slow_models.py")));
        if (!module.open(QIODevice::WriteOnly))
            qFatal("cannot write slow_models.py");
        module.write("import time\ntime.sleep(60)\n");
        module.close();
        Core::PythonWorkspace w = demoWorkspace();
        w.modelsModule = QStringLiteral("slow_models");
        w.nodesModule.clear();
        w.pythonPath << dir.path();
        return w;
    }

private slots:
    void initTestCase()
    {
        if (python().isEmpty())
            QFAIL("python3 not found: set METATABLE_PYTHON to the interpreter to test with");
        QVERIFY(QFileInfo::exists(Core::bridgePythonDirectory()
                                  + QStringLiteral("/metatable_export/__main__.py")));
    }

    void exportsTheDemoLikeTheShippedManifest()
    {
        const auto doc = Core::exportWorkspace(demoWorkspace(), 120000);
        QVERIFY2(doc.has_value(), qPrintable(doc ? QString() : doc.error().toText()));
        const auto shipped = Core::readManifestFile(
            TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
        QVERIFY2(shipped.has_value(), qPrintable(shipped ? QString() : shipped.error().toText()));
        QCOMPARE(doc->manifest.provider, shipped->manifest.provider);
        QCOMPARE(doc->manifest.storageClasses.size(), 6);
        QVERIFY(doc->manifest.storageClasses == shipped->manifest.storageClasses);
        QCOMPARE(doc->manifest.nodes.size(), shipped->manifest.nodes.size());
        for (qsizetype i = 0; i < doc->manifest.nodes.size(); ++i) {
            const Core::NodeDefinition &mine = doc->manifest.nodes.at(i);
            const Core::NodeDefinition &theirs = shipped->manifest.nodes.at(i);
            QCOMPARE(mine.classRef, theirs.classRef);
            QCOMPARE(mine.configClass, theirs.configClass);
            QVERIFY(mine.configSchema == theirs.configSchema);
            QCOMPARE(
                mine.runner.command.mid(1, 4),
                (QStringList{QStringLiteral("-m"),
                             QStringLiteral("metatable_runner"),
                             QStringLiteral("--node"),
                             mine.classRef.module + QLatin1Char(':') + mine.classRef.qualname}));
        }
    }

    void failureCarriesTheExporterMessage()
    {
        Core::PythonWorkspace w = demoWorkspace();
        w.modelsModule = QStringLiteral("example_project.no_such_module");
        const auto doc = Core::exportWorkspace(w, 120000);
        QVERIFY(!doc.has_value());
        QCOMPARE(doc.error().code, Core::ErrorCode::ProcessFailed);
        QVERIFY2(doc.error().message.contains(QStringLiteral(
                     "cannot import models module 'example_project.no_such_module'")),
                 qPrintable(doc.error().message));
    }

    void incompleteSettingsAreRefusedBeforeRunning()
    {
        Core::PythonWorkspace w = demoWorkspace();
        w.migrationNamespace.clear();
        auto doc = Core::exportWorkspace(w, 1000);
        QVERIFY(!doc.has_value());
        QCOMPARE(doc.error().code, Core::ErrorCode::InvalidInput);
        w = demoWorkspace();
        w.interpreter = QStringLiteral("/nonexistent/bin/python");
        doc = Core::exportWorkspace(w, 1000);
        QVERIFY(!doc.has_value());
        QCOMPARE(doc.error().code, Core::ErrorCode::ProcessFailed);
        QVERIFY(doc.error().message.contains(QStringLiteral("/nonexistent/bin/python")));
    }

    void timeoutStopsTheExporter()
    {
        QTemporaryDir dir;
        QElapsedTimer timer;
        timer.start();
        const auto doc = Core::exportWorkspace(slowWorkspace(dir), 1500);
        QVERIFY(!doc.has_value());
        QCOMPARE(doc.error().code, Core::ErrorCode::ProcessFailed);
        QVERIFY(doc.error().message.contains(QStringLiteral("did not finish within 1.5 s")));
        QVERIFY(timer.elapsed() < 15000);
    }

    void cancelStopsTheExporter()
    {
        QTemporaryDir dir;
        Core::CancelToken cancel;
        std::thread canceller([cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            cancel.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        const auto doc = Core::exportWorkspace(slowWorkspace(dir), 0, cancel);
        canceller.join();
        QVERIFY(!doc.has_value());
        QCOMPARE(doc.error().code, Core::ErrorCode::Cancelled);
        QVERIFY(timer.elapsed() < 15000);
    }

    void cliWritesALoadableManifest()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("exported.json"));
        QProcess cli;
        const Core::PythonWorkspace w = demoWorkspace();
        QStringList args = {QStringLiteral("export"),
                            QStringLiteral("--python"),
                            w.interpreter,
                            QStringLiteral("--models"),
                            w.modelsModule,
                            QStringLiteral("--nodes"),
                            w.nodesModule,
                            QStringLiteral("--migration-namespace"),
                            w.migrationNamespace,
                            QStringLiteral("--output"),
                            out};
        for (const QString &p : w.pythonPath)
            args << QStringLiteral("--path") << p;
        cli.start(TestSupport::cliPath(), args);
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const auto doc = Core::readManifestFile(out);
        QVERIFY2(doc.has_value(), qPrintable(doc ? QString() : doc.error().toText()));
        QCOMPARE(doc->manifest.nodes.size(), 4);

        QProcess usage;
        usage.start(TestSupport::cliPath(),
                    {QStringLiteral("export"), QStringLiteral("--python"), w.interpreter});
        QVERIFY(usage.waitForFinished(30000));
        QCOMPARE(usage.exitCode(), 2);
        QVERIFY(usage.readAllStandardError().contains("--provider"));
    }
};

QTEST_GUILESS_MAIN(TstBridge)
#include "tst_bridge.moc"
