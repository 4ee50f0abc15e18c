// SPDX-License-Identifier: MIT
// Live facts of tables (size, statistics, lock holders) against a real PostgreSQL 15.
#include <core/db/livetable.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>

#include <tests/support/testsupport.h>

using namespace Core::Db;

namespace {

// Names that break naive quoting, so the test fails if a name is ever spliced into the SQL.
const QString Schema = QStringLiteral("Live \"Quoted\" Schema");
const QString Table = QStringLiteral("Odd Table; DROP TABLE x");
const QString Other = QStringLiteral("plain_table");

bool exec(Session &s, const QString &sql)
{
    auto r = s.execute(sql);
    if (!r)
        qWarning("%s", qPrintable(r.error().toText()));
    return r.has_value();
}

} // namespace

class TstLiveTable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsSizeAndStatistics();
    void reportsLockHolders();

private:
    QString m_conninfo;
};

void TstLiveTable::initTestCase()
{
    METATABLE_SCRATCH_DATABASE(conninfo, "mt_livetable");
    m_conninfo = conninfo;
    auto s = TestSupport::openSession(m_conninfo);
    QVERIFY(exec(*s, QStringLiteral("CREATE SCHEMA ") + quoteIdentifier(Schema)));
    QVERIFY(exec(*s,
                 QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, note text)")
                     .arg(quoteQualified(Schema, Table))));
    QVERIFY(exec(*s,
                 QStringLiteral("INSERT INTO %1 SELECT g, repeat('x', 100) "
                                "FROM generate_series(1, 500) g")
                     .arg(quoteQualified(Schema, Table))));
    QVERIFY(exec(*s, QStringLiteral("ANALYZE ") + quoteQualified(Schema, Table)));
    QVERIFY(exec(*s, QStringLiteral("CREATE TABLE public.%1 (id int)").arg(Other)));
}

void TstLiveTable::readsSizeAndStatistics()
{
    auto s = TestSupport::openSession(m_conninfo);
    const quint64 before = s->statementCount();
    const auto facts = readLiveTables(*s,
                                      {{Schema, Table},
                                       {QStringLiteral("public"), QStringLiteral("missing")},
                                       {QStringLiteral("public"), Other},
                                       {QStringLiteral("no schema"), Table}});
    QVERIFY2(facts, facts ? "" : qPrintable(facts.error().toText()));
    QCOMPARE(s->statementCount() - before, quint64(1));
    QCOMPARE(facts->size(), 4);

    const LiveTableFacts &odd = facts->at(0);
    QCOMPARE(odd.schema, Schema);
    QCOMPARE(odd.table, Table);
    QVERIFY(odd.exists);
    QCOMPARE(odd.rowEstimate, 500);
    QVERIFY2(odd.totalBytes > 8192, qPrintable(QString::number(odd.totalBytes)));
    QVERIFY(odd.lastAnalyze.has_value());
    QVERIFY(qAbs(odd.lastAnalyze->secsTo(QDateTime::currentDateTimeUtc())) < 600);
    QVERIFY(!odd.lastVacuum.has_value());
    QVERIFY(odd.locks.isEmpty());

    QVERIFY(!facts->at(1).exists);
    QCOMPARE(facts->at(1).table, QStringLiteral("missing"));
    QVERIFY(facts->at(2).exists);
    QCOMPARE(facts->at(2).rowEstimate, -1); // never analysed
    QVERIFY(!facts->at(3).exists);

    const auto none = readLiveTables(*s, {});
    QVERIFY(none && none->isEmpty());
}

void TstLiveTable::reportsLockHolders()
{
    auto holder = TestSupport::openSession(m_conninfo);
    const auto pid = holder->query(QStringLiteral("SELECT pg_backend_pid()"));
    QVERIFY(pid);
    const int holderPid = pid->text(0, 0).toInt();
    QVERIFY(holder->begin().has_value());
    const QString lockSql
        = QStringLiteral("LOCK TABLE %1 IN SHARE MODE").arg(quoteQualified(Schema, Table));
    QVERIFY(exec(*holder, lockSql));

    // The reader holds a lock of its own on the table: it must not list itself.
    auto reader = TestSupport::openSession(m_conninfo);
    QVERIFY(reader->begin().has_value());
    QVERIFY(exec(
        *reader,
        QStringLiteral("LOCK TABLE %1 IN ACCESS SHARE MODE").arg(quoteQualified(Schema, Table))));
    const auto facts
        = readLiveTables(*reader, {{Schema, Table}, {QStringLiteral("public"), Other}});
    QVERIFY2(facts, facts ? "" : qPrintable(facts.error().toText()));
    const QList<TableLockHolder> &locks = facts->at(0).locks;
    QCOMPARE(locks.size(), 1);
    QCOMPARE(locks[0].pid, holderPid);
    QCOMPARE(locks[0].mode, QStringLiteral("ShareLock"));
    QVERIFY(locks[0].granted);
    QCOMPARE(locks[0].query, lockSql);
    QCOMPARE(locks[0].state, QStringLiteral("idle in transaction"));
    QVERIFY(!locks[0].user.isEmpty());
    QVERIFY(locks[0].ageSeconds >= 0);
    QVERIFY(facts->at(1).locks.isEmpty());
    reader->rollback();

    holder->rollback();
    const auto after = readLiveTables(*reader, {{Schema, Table}});
    QVERIFY(after);
    QVERIFY(after->at(0).locks.isEmpty());
}

QTEST_GUILESS_MAIN(TstLiveTable)
#include "tst_livetable_pg.moc"
