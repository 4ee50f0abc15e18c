// SPDX-License-Identifier: MIT
// "Export changes for the Python project": a steward's edits of the demo manifest become Python
// (snippets that compile and evaluate to the new texts), the patch applied to a copy of the demo
// project re-exports through the bridge as exactly the edited manifest, a factory-made class gets
// only its snippet, and a file changed after its diff is never overwritten.
#include <core/bridge/pythonworkspace.h>
#include <core/manifest/manifestio.h>
#include <core/steward/pythonexport.h>
#include <core/steward/pythonpatchfile.h>
#include <core/steward/stewardtext.h>
#include <core/util/atomicfile.h>

#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Steward;

namespace {

// A quote, a backslash, a newline, non-ASCII and braces: all must survive as Python literals.
const QString kDailyDescription = QStringLiteral(
    "Daily \"metric\" observations per entity, from C:\\feeds\\daily.\n"
    "Werte in \u20ac, caf\u00e9 {not a format} and a sentence long enough to wrap the line.");
const QStringList kDailyLabels = {QStringLiteral("metrics"), QStringLiteral("t\u00e4glich")};
const QString kValueLabel = QStringLiteral("Value \"raw\"");
const QString kValueDescription = QStringLiteral("Daily value as the source sent it\\n, unscaled.");
const QString kQuantityLabel = QStringLiteral("Units held");

QString python()
{
    const QString fromEnv = qEnvironmentVariable("METATABLE_PYTHON3");
    return fromEnv.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("python3")) : fromEnv;
}

QString classPath(const ProviderManifest &manifest, const QString &table)
{
    const StorageClass *sc = findStorageClass(manifest, table);
    return sc ? sc->classRef.path() : QString();
}

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (file.contains(QStringLiteral("__pycache__")))
            continue;
        const QString target = to + QDir(from).relativeFilePath(file).prepend(QLatin1Char('/'));
        QDir().mkpath(QFileInfo(target).path());
        QVERIFY(QFile::copy(file, target));
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    }
}

// Runs `python3 -c script args...`; its standard output, or the test fails.
QByteArray runPython(const QStringList &args)
{
    QProcess p;
    p.start(python(), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qWarning("%s", p.readAllStandardError().constData());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0 ? p.readAllStandardOutput()
                                                                       : QByteArray("FAILED");
}

} // namespace

class TstPythonExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ProviderManifest m_v1;
    ProviderManifest m_edited;
    QString m_storage; // the copy's storage.py

    PythonWorkspace project() const
    {
        PythonWorkspace w;
        w.interpreter = python();
        w.modelsModule = QStringLiteral("example_project.storage");
        w.nodesModule = QStringLiteral("example_project.nodes");
        w.migrationNamespace = QStringLiteral("example-data");
        w.pythonPath = {TestSupport::sourcePath(QStringLiteral("tests/python/debian-site")),
                        m_dir.filePath(QStringLiteral("python"))};
        return w;
    }

    void set(ProviderManifest &m,
             const QString &table,
             const QString &column,
             TextField field,
             const TextValue &value)
    {
        QVERIFY(writeText(m, TextKey{classPath(m, table), column, field}, value));
    }

    ModulePatch exportEdits(const ProviderManifest &edited)
    {
        const auto patches = exportForPython(project(), exportRequest(m_v1, edited), 60000);
        if (!patches || patches->size() != 1)
            qWarning("%s",
                     qPrintable(patches ? QStringLiteral("%1 modules").arg(patches->size())
                                        : patches.error().toText()));
        return patches && patches->size() == 1 ? patches->first() : ModulePatch{};
    }

    static const ClassSnippet *snippetOf(const ModulePatch &patch, const QString &qualname)
    {
        for (const ClassSnippet &s : patch.classes) {
            if (s.qualname == qualname)
                return &s;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        if (python().isEmpty())
            QFAIL("python3 not found: set METATABLE_PYTHON3 to the interpreter to test with");
        QVERIFY(m_dir.isValid());
        copyTree(TestSupport::sourcePath(QStringLiteral("resources/demo/python")),
                 m_dir.filePath(QStringLiteral("python")));
        m_storage = m_dir.filePath(QStringLiteral("python/example_project/storage.py"));
        QVERIFY(QFileInfo::exists(m_storage));
        auto doc = readManifestFile(
            TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
        QVERIFY(doc);
        m_v1 = doc->manifest;
        m_edited = m_v1;
        const QString daily = QStringLiteral("example_project__daily_metrics");
        set(m_edited, daily, {}, TextField::Description, {kDailyDescription, {}});
        set(m_edited, daily, {}, TextField::Labels, {std::nullopt, kDailyLabels});
        set(m_edited, daily, QStringLiteral("value"), TextField::ColumnLabel, {kValueLabel, {}});
        set(m_edited,
            daily,
            QStringLiteral("value"),
            TextField::ColumnDescription,
            {kValueDescription, {}});
        set(m_edited,
            QStringLiteral("example_project__account_positions"),
            QStringLiteral("quantity"),
            TextField::ColumnLabel,
            {kQuantityLabel, {}});
    }

    void requestHoldsOnlyWhatChanged()
    {
        const QList<ClassTextsExport> changes = exportRequest(m_v1, m_edited);
        QCOMPARE(changes.size(), 2);
        const ClassTextsExport &daily = changes.at(0);
        QCOMPARE(daily.classRef.qualname, QStringLiteral("DailyMetricsStorage"));
        QVERIFY(daily.descriptionChanged && daily.labelsChanged);
        QCOMPARE(daily.description, std::optional<QString>(kDailyDescription));
        QCOMPARE(daily.columns.size(), 1);
        QCOMPARE(daily.columns.first().name, QStringLiteral("value"));
        const ClassTextsExport &positions = changes.at(1);
        QCOMPARE(positions.classRef.qualname, QStringLiteral("AccountPositions"));
        QVERIFY(!positions.descriptionChanged && !positions.labelsChanged);
        QCOMPARE(positions.columns.size(), 1);
        // Both texts of a changed column go, so its info= reads whole.
        QCOMPARE(positions.columns.first().label, std::optional<QString>(kQuantityLabel));
        QCOMPARE(positions.columns.first().description,
                 std::optional<QString>(
                     QStringLiteral("Units held by the account at the observation time.")));
        QVERIFY(exportRequest(m_v1, m_v1).isEmpty());
    }

    void snippetsCompileAndCarryTheNewTexts()
    {
        const ModulePatch patch = exportEdits(m_edited);
        QCOMPARE(patch.module, QStringLiteral("example_project.storage"));
        QCOMPARE(QFileInfo(patch.sourceFile).canonicalFilePath(),
                 QFileInfo(m_storage).canonicalFilePath());
        QCOMPARE(patch.classes.size(), 2);
        for (const ClassSnippet &s : patch.classes) {
            QVERIFY2(s.found, qPrintable(s.reason));
            const QString file = m_dir.filePath(s.qualname + QStringLiteral("_snippet.py"));
            QVERIFY(writeFileAtomically(file, "class X:\n" + s.snippet.toUtf8()));
            QCOMPARE(runPython({QStringLiteral("-m"), QStringLiteral("py_compile"), file}),
                     QByteArray());
        }
        // Evaluated, the snippets give back exactly the edited texts.
        const QByteArray script = "import json, sys\n"
                                  "ns = {}\n"
                                  "exec(open(sys.argv[1], encoding='utf-8').read(), ns)\n"
                                  "x = vars(ns['X'])\n"
                                  "print(json.dumps([x.get('__metatable_description__'), "
                                  "x.get('__metatable_labels__'), x['info'][0]]))\n";
        const QString daily = m_dir.filePath(QStringLiteral("DailyMetricsStorage_snippet.py"));
        const Json got = Json::parse(
            runPython({QStringLiteral("-c"), QString::fromUtf8(script), daily}).toStdString());
        QCOMPARE(QString::fromStdString(got[0].get<std::string>()), kDailyDescription);
        QCOMPARE(QString::fromStdString(got[1][1].get<std::string>()), kDailyLabels.at(1));
        QCOMPARE(QString::fromStdString(got[2]["label"].get<std::string>()), kValueLabel);
        QCOMPARE(QString::fromStdString(got[2]["description"].get<std::string>()),
                 kValueDescription);
        const QString positions = m_dir.filePath(QStringLiteral("AccountPositions_snippet.py"));
        const Json pos = Json::parse(
            runPython({QStringLiteral("-c"), QString::fromUtf8(script), positions}).toStdString());
        QCOMPARE(QString::fromStdString(pos[2]["label"].get<std::string>()), kQuantityLabel);
        for (const QString &line : snippetOf(patch, QStringLiteral("DailyMetricsStorage"))
                                       ->snippet.split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= 99, qPrintable(line));
    }

    void patchedProjectExportsTheEditedManifest()
    {
        const auto before = readWholeFile(m_storage);
        QVERIFY(before);
        const ModulePatch patch = exportEdits(m_edited);
        QVERIFY(patch.changesFile());
        QCOMPARE(patch.original, *before);
        QVERIFY(patch.diff.startsWith(QStringLiteral("--- a/storage.py\n+++ b/storage.py\n")));
        QVERIFY(patch.diff.contains(QStringLiteral("+            \"label\": \"Units held\",\n")));

        const auto backup = applyPythonPatch(m_storage, patch.original, patch.patched);
        QVERIFY2(backup, qPrintable(backup ? QString() : backup.error().toText()));
        QCOMPARE(*backup, m_storage + QStringLiteral(".bak"));
        QCOMPARE(*readWholeFile(*backup), *before);
        QCOMPARE(*readWholeFile(m_storage), patch.patched);

        const auto exported = exportWorkspace(project(), 120000);
        QVERIFY2(exported, qPrintable(exported ? QString() : exported.error().toText()));
        const ProviderManifest &now = exported->manifest;
        QCOMPARE(now.storageClasses.size(), m_edited.storageClasses.size());
        for (qsizetype i = 0; i < now.storageClasses.size(); ++i) {
            const StorageClass &mine = now.storageClasses.at(i);
            const StorageClass &wanted = m_edited.storageClasses.at(i);
            QCOMPARE(mine.classRef, wanted.classRef);
            QCOMPARE(mine.registration.description, wanted.registration.description);
            QCOMPARE(mine.registration.labels, wanted.registration.labels);
            for (qsizetype c = 0; c < wanted.registration.columns.size(); ++c) {
                QCOMPARE(mine.registration.columns.value(c).label,
                         wanted.registration.columns.at(c).label);
                QCOMPARE(mine.registration.columns.value(c).description,
                         wanted.registration.columns.at(c).description);
            }
            QVERIFY2(mine == wanted, qPrintable(mine.tableName())); // and nothing else moved
        }
        // The source now says what the edited manifest says: nothing left to export.
        const auto again = exportStewardTexts(project(), m_edited, 120000);
        QVERIFY2(again, qPrintable(again ? QString() : again.error().toText()));
        QVERIFY(again->isEmpty());

        QVERIFY(writeFileAtomically(m_storage, *before)); // the other tests start from the demo
    }

    void factoryMadeClassGetsOnlyItsSnippet()
    {
        ProviderManifest edited = m_v1;
        const QString text = QStringLiteral("Equities observations, \"adjusted\".");
        set(edited,
            QStringLiteral("example_project__observations__equities"),
            {},
            TextField::Description,
            {text, {}});
        const ModulePatch patch = exportEdits(edited);
        QCOMPARE(patch.classes.size(), 1);
        const ClassSnippet &s = patch.classes.first();
        QCOMPARE(s.qualname, QStringLiteral("ObservationStorage_equities"));
        QVERIFY(!s.found);
        QVERIFY2(s.reason.contains(QStringLiteral("observation_storage(...)"))
                     && s.reason.contains(QStringLiteral("by hand")),
                 qPrintable(s.reason));
        QCOMPARE(
            s.snippet,
            QStringLiteral(
                "    __metatable_description__ = \"Equities observations, \\\"adjusted\\\".\"\n"));
        QVERIFY(!patch.changesFile());
        QVERIFY(patch.diff.isEmpty());
    }

    void applyRefusesAFileChangedAfterItsDiff()
    {
        const ModulePatch patch = exportEdits(m_edited);
        QVERIFY(patch.changesFile());
        const QByteArray edited = patch.original + "\n# edited meanwhile\n";
        QVERIFY(writeFileAtomically(m_storage, edited));
        const QStringList backupsBefore
            = QDir(QFileInfo(m_storage).path()).entryList({QStringLiteral("storage.py.bak*")});
        const auto refused = applyPythonPatch(m_storage, patch.original, patch.patched);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY(refused.error().message.contains(m_storage));
        QCOMPARE(*readWholeFile(m_storage), edited);
        QCOMPARE(QDir(QFileInfo(m_storage).path()).entryList({QStringLiteral("storage.py.bak*")}),
                 backupsBefore);
        QVERIFY(writeFileAtomically(m_storage, patch.original));
    }

    void anEarlierBackupIsKept()
    {
        const ModulePatch patch = exportEdits(m_edited);
        QVERIFY(patch.changesFile());
        QVERIFY(QFileInfo::exists(m_storage + QStringLiteral(".bak"))); // from the apply above
        const auto backup = applyPythonPatch(m_storage, patch.original, patch.patched);
        QVERIFY(backup);
        QCOMPARE(*backup, m_storage + QStringLiteral(".bak.1"));
        QCOMPARE(*readWholeFile(*backup), patch.original);
        const auto nothing = applyPythonPatch(m_storage, patch.patched, patch.patched);
        QVERIFY(!nothing);
        QCOMPARE(nothing.error().code, ErrorCode::InvalidInput);
        QVERIFY(writeFileAtomically(m_storage, patch.original));
    }
};

QTEST_GUILESS_MAIN(TstPythonExport)
#include "tst_pythonexport.moc"
