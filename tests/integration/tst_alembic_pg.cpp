// SPDX-License-Identifier: MIT
// Alembic revisions rendered from plans, run by the real Alembic against a real PostgreSQL: after
// the upgrade the database matches the manifest (the diff is empty), after the downgrade the
// tables are gone again.
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/alembicrender.h>
#include <core/migrate/diff.h>
#include <core/migrate/revision.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <tests/support/alembicpython.h>
#include <tests/support/manifestgenerator.h>
#include <tests/support/testsupport.h>

using namespace Core;
using namespace Core::Migrate;

namespace {

const char EnvPy[] = R"(import os
from alembic import context
from sqlalchemy import create_engine, pool

engine = create_engine(os.environ["METATABLE_ALEMBIC_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=None,
        version_table=os.environ["METATABLE_ALEMBIC_VERSION_TABLE"],
        version_table_schema=os.environ["METATABLE_ALEMBIC_VERSION_SCHEMA"],
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
)";

// libpq key=value conninfo -> SQLAlchemy URL for psycopg2 (the socket directory goes into the
// query string, as psycopg2 passes it on to libpq).
QString sqlalchemyUrl(const QString &conninfo)
{
    static const QRegularExpression pair(
        QStringLiteral("(\\w+)\\s*=\\s*('((?:[^'\\\\]|\\\\.)*)'|\\S+)"));
    QMap<QString, QString> values;
    for (auto it = pair.globalMatch(conninfo); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString value = m.captured(3).isNull() ? m.captured(2) : m.captured(3);
        value.replace(QStringLiteral("\\'"), QStringLiteral("'"));
        value.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
        values.insert(m.captured(1), value); // the last dbname wins, as in libpq
    }
    QStringList query;
    for (const char *key : {"host", "port", "user", "password"}) {
        const QString k = QLatin1String(key);
        if (values.contains(k))
            query << k + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(values[k]));
    }
    return QStringLiteral("postgresql+psycopg2:///")
           + QString::fromLatin1(QUrl::toPercentEncoding(values.value(QStringLiteral("dbname"))))
           + QLatin1Char('?') + query.join(QLatin1Char('&'));
}

QString describe(const Plan &plan)
{
    QStringList lines;
    for (const Operation &op : plan.operations)
        lines << op.summary + QStringLiteral(": ") + op.statements.join(QStringLiteral("; "));
    for (const Finding &f : plan.findings) {
        if (f.severity == FindingSeverity::Error)
            lines << QStringLiteral("error ") + f.code + QStringLiteral(": ") + f.message;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TstAlembicPg : public QObject
{
    Q_OBJECT

private:
    QString m_python;

    // An Alembic project in a temporary folder: alembic.ini, env.py, versions/.
    struct AlembicEnv
    {
        QTemporaryDir dir;
        QString conninfo;
        ProviderManifest manifest;
    };

    static ProviderManifest loadManifest(const QString &relative)
    {
        const Result<ManifestDocument> doc = readManifestFile(TestSupport::sourcePath(relative));
        if (!doc)
            qWarning("%s", qPrintable(doc.error().toText()));
        return doc ? doc->manifest : ProviderManifest{};
    }

    static ProviderManifest manifestFrom(const Json &json, const QString &name)
    {
        const Result<ManifestDocument> doc
            = parseManifest(QByteArray::fromStdString(json.dump()), name);
        if (!doc)
            qWarning("%s", qPrintable(doc.error().toText()));
        return doc ? doc->manifest : ProviderManifest{};
    }

    static bool writeText(const QString &path, const QString &text)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return file.write(text.toUtf8()) >= 0;
    }

    // The database as introspected, and the live plan that would make it match `m`.
    struct LiveState
    {
        Db::DbSnapshot snapshot;
        Plan plan;
    };
    static Result<LiveState> liveState(const QString &conninfo, const ProviderManifest &m)
    {
        Result<std::unique_ptr<Db::Session>> session = Db::Session::open(conninfo);
        if (!session)
            return fail(session.error());
        Db::IntrospectOptions options;
        options.schemas = {m.provider.schema};
        options.alembicSchema = m.provider.schema;
        options.alembicTable = m.provider.registryTableName;
        auto snapshot = Db::introspect(**session, options);
        if (!snapshot)
            return fail(snapshot.error());
        auto plan = diffManifest(**session, m, *snapshot);
        if (!plan)
            return fail(plan.error());
        return LiveState{std::move(*snapshot), std::move(*plan)};
    }

    bool prepare(AlembicEnv &env)
    {
        if (!env.dir.isValid() || !QDir(env.dir.path()).mkpath(QStringLiteral("versions")))
            return false;
        return writeText(env.dir.filePath(QStringLiteral("alembic.ini")),
                         QStringLiteral("[alembic]\nscript_location = %(here)s\n"))
               && writeText(env.dir.filePath(QStringLiteral("env.py")), QLatin1String(EnvPy));
    }

    // Runs `alembic <args>` in the project; fails the test with Alembic's output otherwise.
    bool alembic(const AlembicEnv &env, const QStringList &args)
    {
        QProcessEnvironment extra;
        extra.insert(QStringLiteral("METATABLE_ALEMBIC_URL"), sqlalchemyUrl(env.conninfo));
        extra.insert(QStringLiteral("METATABLE_ALEMBIC_VERSION_TABLE"),
                     env.manifest.provider.registryTableName);
        extra.insert(QStringLiteral("METATABLE_ALEMBIC_VERSION_SCHEMA"),
                     env.manifest.provider.schema);
        const TestSupport::PythonResult r
            = TestSupport::runPython(m_python,
                                     QStringList{QStringLiteral("-m"),
                                                 QStringLiteral("alembic"),
                                                 QStringLiteral("-c"),
                                                 env.dir.filePath(QStringLiteral("alembic.ini"))}
                                         + args,
                                     env.dir.path(),
                                     extra);
        if (!r.finished || r.exitCode != 0) {
            qWarning().noquote() << "alembic" << args.join(QLatin1Char(' '))
                                 << "failed:" << r.exitCode << r.errors << r.output;
            return false;
        }
        return true;
    }

    // Diff the manifest against the database, render the plan as the next revision, check it
    // compiles, run `alembic upgrade head`, and return the revision id (empty on failure).
    QString upgradeWithRevision(AlembicEnv &env, const QString &message)
    {
        const Result<LiveState> before = liveState(env.conninfo, env.manifest);
        if (!before) {
            qWarning("%s", qPrintable(before.error().toText()));
            return {};
        }
        const Plan &plan = before->plan;
        if (plan.hasErrors() || plan.isEmpty()) {
            qWarning().noquote() << "unexpected plan:" << describe(plan);
            return {};
        }
        AlembicRevisionInfo info;
        info.revision = revisionIdFor(plan);
        info.downRevision = before->snapshot.alembicRevision;
        info.message = message;
        info.createDate = QDateTime(QDate(2026, 11, 26), QTime(9, 0), Qt::UTC);
        info.providerPackage = env.manifest.provider.package;
        info.migrationNamespace = env.manifest.provider.migrationNamespace;
        const Result<QString> text = renderAlembicRevision(plan, info);
        if (!text) {
            qWarning("%s", qPrintable(text.error().toText()));
            return {};
        }
        const QString path = QDir(env.dir.filePath(QStringLiteral("versions")))
                                 .filePath(alembicRevisionFileName(info));
        if (!writeText(path, *text))
            return {};
        const TestSupport::PythonResult compiled = TestSupport::runPython(
            m_python, {QStringLiteral("-m"), QStringLiteral("py_compile"), path});
        if (compiled.exitCode != 0) {
            qWarning().noquote() << "py_compile failed:" << compiled.errors << *text;
            return {};
        }
        if (!alembic(env, {QStringLiteral("upgrade"), QStringLiteral("head")})) {
            qWarning().noquote() << *text;
            return {};
        }
        return info.revision;
    }

    // The database matches `manifest` exactly and its version table holds `revision`.
    void
    verifyMatches(const AlembicEnv &env, const ProviderManifest &manifest, const QString &revision)
    {
        const Result<LiveState> after = liveState(env.conninfo, manifest);
        QVERIFY2(after.has_value(), qPrintable(after ? QString() : after.error().toText()));
        QVERIFY2(after->plan.isEmpty(), qPrintable(describe(after->plan)));
        QCOMPARE(after->snapshot.alembicRevision.value_or(QString()), revision);
    }

    void verifyTablesGone(const AlembicEnv &env)
    {
        const Result<LiveState> after = liveState(env.conninfo, env.manifest);
        QVERIFY2(after.has_value(), qPrintable(after ? QString() : after.error().toText()));
        for (const StorageClass &sc : env.manifest.storageClasses)
            QVERIFY2(!after->snapshot.table(sc.schema(), sc.tableName()),
                     qPrintable(sc.tableName()));
        QVERIFY(!after->snapshot.alembicRevision.has_value());
    }

private slots:
    void initTestCase()
    {
        METATABLE_ALEMBIC_PYTHON(python);
        m_python = python;
    }

    void conninfoBecomesUrl()
    {
        QCOMPARE(sqlalchemyUrl(QStringLiteral("host=/tmp/pg/sock port=5432 user=postgres "
                                              "dbname=postgres dbname=alembic_1")),
                 QStringLiteral("postgresql+psycopg2:///alembic_1?host=%2Ftmp%2Fpg%2Fsock&"
                                "port=5432&user=postgres"));
        QCOMPARE(sqlalchemyUrl(QStringLiteral("host='/tmp/pg x/sock' dbname='a b'")),
                 QStringLiteral("postgresql+psycopg2:///a%20b?host=%2Ftmp%2Fpg%20x%2Fsock"));
    }

    void demoV1OnEmptyDatabase()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "alembic_v1");
        AlembicEnv env;
        env.conninfo = conninfo;
        env.manifest = loadManifest(QStringLiteral("resources/demo/example_project.v1.json"));
        QVERIFY(!env.manifest.storageClasses.isEmpty());
        QVERIFY(prepare(env));

        const QString v1
            = upgradeWithRevision(env, QStringLiteral("create example_project tables"));
        QVERIFY(!v1.isEmpty());
        verifyMatches(env, env.manifest, v1);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(alembic(env, {QStringLiteral("downgrade"), QStringLiteral("base")}));
        verifyTablesGone(env);
    }

    // `metatable revision` writes the file Alembic runs into the versions folder, and writes
    // nothing once the database matches.
    void cliWritesRevisionIntoVersionsFolder()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "alembic_cli");
        AlembicEnv env;
        env.conninfo = conninfo;
        const QString manifestPath
            = TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json"));
        env.manifest = loadManifest(QStringLiteral("resources/demo/example_project.v1.json"));
        QVERIFY(prepare(env));
        const QString versions = env.dir.filePath(QStringLiteral("versions"));
        const auto cli = [&](const QStringList &args, QString *output) {
            QProcess p;
            p.start(TestSupport::cliPath(), args);
            if (!p.waitForFinished(120000))
                return -1;
            *output = QString::fromUtf8(p.readAllStandardOutput());
            if (p.exitCode() != 0)
                qWarning().noquote() << p.readAllStandardError();
            return p.exitCode();
        };
        QString output;
        QCOMPARE(cli({QStringLiteral("revision"),
                      manifestPath,
                      QStringLiteral("--db"),
                      conninfo,
                      QStringLiteral("--output"),
                      versions,
                      QStringLiteral("--message"),
                      QStringLiteral("Create demo tables!"),
                      QStringLiteral("--json")},
                     &output),
                 0);
        const QJsonObject report = QJsonDocument::fromJson(output.toUtf8()).object();
        const QString revision = report.value(QStringLiteral("revision")).toString();
        QCOMPARE(revision.size(), 12);
        QVERIFY(report.value(QStringLiteral("down_revision")).isNull());
        QCOMPARE(QFileInfo(report.value(QStringLiteral("path")).toString()).fileName(),
                 revision + QStringLiteral("_create_demo_tables.py"));
        QCOMPARE(QDir(versions).entryList(QDir::Files).size(), 1);

        QVERIFY(alembic(env, {QStringLiteral("upgrade"), QStringLiteral("head")}));
        verifyMatches(env, env.manifest, revision);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(cli({QStringLiteral("revision"),
                      manifestPath,
                      QStringLiteral("--db"),
                      conninfo,
                      QStringLiteral("--output"),
                      versions},
                     &output),
                 0);
        QCOMPARE(QDir(versions).entryList(QDir::Files).size(), 1);
        QCOMPARE(cli({QStringLiteral("revision"),
                      manifestPath,
                      QStringLiteral("--db"),
                      conninfo,
                      QStringLiteral("--message"),
                      QString()},
                     &output),
                 2);
    }

    // Every feature the diff knows (all dtypes, defaults, checks, partial and BRIN indexes, FK
    // actions, deferrable FKs, cycles, hostile names and descriptions) survives Alembic.
    void everyFeatureManifest()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "alembic_every");
        AlembicEnv env;
        env.conninfo = conninfo;
        env.manifest
            = manifestFrom(TestSupport::everyFeatureManifest(), QStringLiteral("every-feature"));
        QVERIFY(!env.manifest.storageClasses.isEmpty());
        QVERIFY(prepare(env));
        const QString revision = upgradeWithRevision(env, QStringLiteral("every feature"));
        QVERIFY(!revision.isEmpty());
        verifyMatches(env, env.manifest, revision);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(alembic(env, {QStringLiteral("downgrade"), QStringLiteral("base")}));
        verifyTablesGone(env);
    }

    // Added columns, widened varchars and new indexes on existing tables, up and back down.
    void changedTreeManifest()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "alembic_tree");
        TestSupport::TreeSchemaOptions options;
        options.classCount = 30;
        const Json tree = TestSupport::generateTreeManifest(options);
        AlembicEnv env;
        env.conninfo = conninfo;
        const ProviderManifest before = manifestFrom(tree, QStringLiteral("tree"));
        const ProviderManifest after
            = manifestFrom(TestSupport::changeTreeManifest(tree), QStringLiteral("tree-changed"));
        QVERIFY(!before.storageClasses.isEmpty() && !after.storageClasses.isEmpty());
        QVERIFY(prepare(env));
        env.manifest = before;
        const QString first = upgradeWithRevision(env, QStringLiteral("tree"));
        QVERIFY(!first.isEmpty());
        env.manifest = after;
        const QString second = upgradeWithRevision(env, QStringLiteral("tree changed"));
        QVERIFY(!second.isEmpty());
        verifyMatches(env, after, second);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(alembic(env, {QStringLiteral("downgrade"), QStringLiteral("-1")}));
        verifyMatches(env, before, first);
    }

    void demoV2OnV1Database()
    {
        METATABLE_SCRATCH_DATABASE(conninfo, "alembic_v2");
        AlembicEnv env;
        env.conninfo = conninfo;
        const ProviderManifest v1Manifest
            = loadManifest(QStringLiteral("resources/demo/example_project.v1.json"));
        const ProviderManifest v2Manifest
            = loadManifest(QStringLiteral("resources/demo/example_project.v2.json"));
        QVERIFY(!v1Manifest.storageClasses.isEmpty() && !v2Manifest.storageClasses.isEmpty());
        QVERIFY(prepare(env));

        env.manifest = v1Manifest;
        const QString v1
            = upgradeWithRevision(env, QStringLiteral("create example_project tables"));
        QVERIFY(!v1.isEmpty());

        // The second revision revises the first, read back from the version table.
        env.manifest = v2Manifest;
        const QString v2 = upgradeWithRevision(env, QStringLiteral("example_project v2"));
        QVERIFY(!v2.isEmpty());
        QVERIFY(v2 != v1);
        verifyMatches(env, v2Manifest, v2);
        if (QTest::currentTestFailed())
            return;

        // One step down is exactly v1 again; all the way down leaves nothing.
        QVERIFY(alembic(env, {QStringLiteral("downgrade"), QStringLiteral("-1")}));
        verifyMatches(env, v1Manifest, v1);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(alembic(env, {QStringLiteral("downgrade"), QStringLiteral("base")}));
        verifyTablesGone(env);
    }
};

QTEST_GUILESS_MAIN(TstAlembicPg)
#include "tst_alembic_pg.moc"
