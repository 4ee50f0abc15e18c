// SPDX-License-Identifier: MIT
#include <core/migrate/alembicrender.h>
#include <core/migrate/alembictype.h>
#include <core/migrate/pythonsource.h>
#include <core/migrate/revision.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <tests/support/alembicpython.h>
#include <tests/support/testsupport.h>

using namespace Core::Migrate;

namespace {

// Text that breaks naive quoting: both quotes, backslashes, line breaks, a NUL, bind-parameter
// look-alikes, a triple quote, non-ASCII and characters Python writes as escapes.
QStringList hostileTexts()
{
    return {
        QStringLiteral("plain"),
        QStringLiteral("it's"),
        QStringLiteral("say \"hi\""),
        QStringLiteral("both ' and \""),
        QStringLiteral("back\\slash\\"),
        QStringLiteral("trailing backslash \\"),
        QStringLiteral("line\nbreak\r\nand\ttab"),
        QStringLiteral("\"\"\" triple ''' quotes"),
        QString::fromUtf8("Z\xc3\xbcrich \xe2\x80\x93 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x9a\x80"),
        QString::fromUtf16(u"nul\u0000 del\u007f sep\u2028 bom\ufeff"),
        QString(QChar(0xd800)) + QStringLiteral(" lone surrogate"),
        QStringLiteral(":name and \\:escaped and ::text and 10:30 and 'a:b'"),
        QStringLiteral("%(x)s 100% {braces}"),
        QString(),
    };
}

// ''.join(map(chr, [...])): the exact value, independent of any quoting.
QString pythonCodePoints(const QString &text)
{
    QStringList cps;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            cps << QString::number(QChar::surrogateToUcs4(c, text.at(i + 1)));
            ++i;
        } else {
            cps << QString::number(c.unicode());
        }
    }
    return QStringLiteral("''.join(map(chr, [%1]))").arg(cps.join(QLatin1Char(',')));
}

ColumnSpec column(const QString &name, const QString &type, bool nullable = true)
{
    ColumnSpec c;
    c.name = name;
    c.sqlType = type;
    c.nullable = nullable;
    return c;
}

Operation operation(OperationKind kind,
                    const QString &schema,
                    const QString &table,
                    const QString &objectName = {})
{
    Operation op;
    op.kind = kind;
    op.schema = schema;
    op.table = table;
    op.objectName = objectName;
    op.summary = operationKindName(kind);
    return op;
}

AlembicRevisionInfo info(const Plan &plan)
{
    AlembicRevisionInfo i;
    i.revision = revisionIdFor(plan);
    i.downRevision = QStringLiteral("0123456789ab");
    i.message = QStringLiteral("every operation");
    i.createDate = QDateTime(QDate(2026, 11, 26), QTime(8, 4, 3, 250), Qt::UTC);
    i.providerPackage = QStringLiteral("example_project");
    i.migrationNamespace = QStringLiteral("example-data");
    return i;
}

// One operation of every kind, on hostile names, in an order a database could run.
Plan everyKindPlan()
{
    const QString s = QStringLiteral("Sch:ema \"x\"");
    const QString t = QStringLiteral("we\"ird 'tab\\le");
    const QString comment
        = QString::fromUtf8("it's a \"comment\"\nline 2 \\ \xe6\x9d\xb1\xe4\xba\xac");
    Plan plan;
    plan.providerKey = QStringLiteral("example_project:example-data");

    TableSpec table;
    table.schema = s;
    table.name = t;
    table.comment = comment;
    ColumnSpec uid = column(QStringLiteral("uid"), QStringLiteral("uuid"), false);
    uid.serverDefault = QStringLiteral("gen_random_uuid()");
    ColumnSpec label = column(QStringLiteral("la:bel"), QStringLiteral("character varying(255)"));
    label.comment = comment;
    ColumnSpec amount = column(QStringLiteral("amount"), QStringLiteral("numeric(18,6)"), false);
    amount.serverDefault = QStringLiteral("'0.5'::numeric");
    table.columns
        = {uid,
           label,
           amount,
           column(QStringLiteral("at"), QStringLiteral("timestamp with time zone"), false),
           column(QStringLiteral("doc"), QStringLiteral("jsonb"))};
    table.primaryKey = PrimaryKeySpec{QStringLiteral("pk__t"), {QStringLiteral("uid")}};
    table.uniqueConstraints
        = {UniqueSpec{QStringLiteral("uq__t__label"), {QStringLiteral("la:bel")}}};
    table.checkConstraints = {CheckSpec{QStringLiteral("ck__t__amount"),
                                        QStringLiteral("amount >= 0 AND \"la:bel\" <> ':x'")}};
    Operation create = operation(OperationKind::CreateTable, s, t);
    create.after.table = table;
    plan.operations << create;

    TableSpec old;
    old.schema = s;
    old.name = QStringLiteral("old_table");
    old.columns = {column(QStringLiteral("id"), QStringLiteral("bigint"), false),
                   column(QStringLiteral("owner"), QStringLiteral("uuid"))};
    old.primaryKey = PrimaryKeySpec{QStringLiteral("pk__old"), {QStringLiteral("id")}};
    old.indexes = {IndexSpec{QStringLiteral("ix__old__owner"),
                             {QStringLiteral("owner")},
                             false,
                             std::nullopt,
                             QStringLiteral("btree")}};
    ForeignKeySpec oldFk;
    oldFk.name = QStringLiteral("fk__old__owner");
    oldFk.columns = {QStringLiteral("owner")};
    oldFk.targetSchema = s;
    oldFk.targetTable = t;
    oldFk.targetColumns = {QStringLiteral("uid")};
    old.foreignKeys = {oldFk};
    Operation drop = operation(OperationKind::DropTable, s, old.name);
    drop.before.table = old;
    plan.operations << drop;

    Operation add = operation(OperationKind::AddColumn, s, t, QStringLiteral("extra"));
    add.after.column = column(QStringLiteral("extra"), QStringLiteral("text"));
    add.after.column->comment = comment;
    plan.operations << add;

    Operation dropColumn = operation(OperationKind::DropColumn, s, t, QStringLiteral("legacy"));
    dropColumn.before.column = column(QStringLiteral("legacy"), QStringLiteral("integer"), false);
    plan.operations << dropColumn;

    Operation rename = operation(OperationKind::RenameColumn, s, t, QStringLiteral("new name"));
    rename.previousName = QStringLiteral("old:name");
    plan.operations << rename;

    Operation type = operation(OperationKind::AlterColumnType, s, t, QStringLiteral("amount"));
    type.statements << QStringLiteral("ALTER TABLE x ALTER COLUMN \"amount\" TYPE bigint USING "
                                      "\"amount\"::bigint");
    type.before.column = column(QStringLiteral("amount"), QStringLiteral("integer"), false);
    type.after.column = column(QStringLiteral("amount"), QStringLiteral("bigint"), false);
    plan.operations << type;

    Operation nullability
        = operation(OperationKind::AlterColumnNullability, s, t, QStringLiteral("extra"));
    nullability.before.column = column(QStringLiteral("extra"), QStringLiteral("text"), true);
    nullability.after.column = column(QStringLiteral("extra"), QStringLiteral("text"), false);
    plan.operations << nullability;

    Operation defaults
        = operation(OperationKind::AlterColumnDefault, s, t, QStringLiteral("extra"));
    defaults.before.column = column(QStringLiteral("extra"), QStringLiteral("text"), false);
    defaults.after.column = defaults.before.column;
    defaults.after.column->serverDefault = QStringLiteral("'n/a: none'::text");
    plan.operations << defaults;

    Operation dropPk = operation(OperationKind::DropPrimaryKey, s, t, QStringLiteral("pk__t"));
    dropPk.before.primaryKey = table.primaryKey;
    plan.operations << dropPk;
    Operation addPk = operation(OperationKind::AddPrimaryKey, s, t, QStringLiteral("pk__t2"));
    addPk.after.primaryKey = PrimaryKeySpec{QStringLiteral("pk__t2"), {QStringLiteral("uid")}};
    plan.operations << addPk;
    Operation renamePk = operation(OperationKind::RenamePrimaryKey, s, t, QStringLiteral("pk__t3"));
    renamePk.previousName = QStringLiteral("pk__t2");
    plan.operations << renamePk;

    IndexSpec index{QStringLiteral("ix__t__at"),
                    {QStringLiteral("at"), QStringLiteral("lower(\"la:bel\")")},
                    true,
                    QStringLiteral("amount > 0 AND \"la:bel\" <> ':y'"),
                    QStringLiteral("btree")};
    Operation createIndex = operation(OperationKind::CreateIndex, s, t, index.name);
    createIndex.after.index = index;
    plan.operations << createIndex;
    Operation dropIndex = operation(OperationKind::DropIndex, s, t, QStringLiteral("ix__brin"));
    dropIndex.before.index = IndexSpec{QStringLiteral("ix__brin"),
                                       {QStringLiteral("at")},
                                       false,
                                       std::nullopt,
                                       QStringLiteral("brin")};
    plan.operations << dropIndex;
    Operation renameIndex = operation(OperationKind::RenameIndex, s, t, QStringLiteral("ix:new"));
    renameIndex.previousName = QStringLiteral("ix__t__at");
    plan.operations << renameIndex;

    Operation addUnique
        = operation(OperationKind::AddUniqueConstraint, s, t, QStringLiteral("uq2"));
    addUnique.after.unique
        = UniqueSpec{QStringLiteral("uq2"), {QStringLiteral("at"), QStringLiteral("uid")}};
    plan.operations << addUnique;
    Operation dropUnique
        = operation(OperationKind::DropUniqueConstraint, s, t, QStringLiteral("uq__t__label"));
    dropUnique.before.unique = table.uniqueConstraints.first();
    plan.operations << dropUnique;
    Operation renameUnique
        = operation(OperationKind::RenameUniqueConstraint, s, t, QStringLiteral("uq3"));
    renameUnique.previousName = QStringLiteral("uq2");
    plan.operations << renameUnique;

    Operation addCheck = operation(OperationKind::AddCheckConstraint, s, t, QStringLiteral("ck2"));
    addCheck.after.check = CheckSpec{QStringLiteral("ck2"), QStringLiteral("extra <> 'it''s'")};
    plan.operations << addCheck;
    Operation dropCheck
        = operation(OperationKind::DropCheckConstraint, s, t, QStringLiteral("ck__t__amount"));
    dropCheck.before.check = table.checkConstraints.first();
    plan.operations << dropCheck;
    Operation renameCheck
        = operation(OperationKind::RenameCheckConstraint, s, t, QStringLiteral("ck3"));
    renameCheck.previousName = QStringLiteral("ck2");
    plan.operations << renameCheck;

    ForeignKeySpec fk;
    fk.name = QStringLiteral("fk__t__self");
    fk.columns = {QStringLiteral("uid")};
    fk.targetSchema = QStringLiteral("public");
    fk.targetTable = QStringLiteral("account");
    fk.targetColumns = {QStringLiteral("uid")};
    fk.onDelete = QStringLiteral("CASCADE");
    fk.onUpdate = QStringLiteral("SET NULL");
    fk.deferrable = true;
    fk.initiallyDeferred = true;
    fk.match = QStringLiteral("FULL");
    Operation addFk = operation(OperationKind::AddForeignKey, s, t, fk.name);
    addFk.after.foreignKey = fk;
    plan.operations << addFk;
    Operation dropFk = operation(OperationKind::DropForeignKey, s, t, QStringLiteral("fk__old"));
    dropFk.before.foreignKey = fk;
    dropFk.before.foreignKey->name = QStringLiteral("fk__old");
    plan.operations << dropFk;
    Operation renameFk = operation(OperationKind::RenameForeignKey, s, t, QStringLiteral("fk2"));
    renameFk.previousName = QStringLiteral("fk__t__self");
    plan.operations << renameFk;

    Operation tableComment = operation(OperationKind::SetTableComment, s, t);
    tableComment.before.comment = comment;
    tableComment.after.comment = QStringLiteral("new table comment");
    plan.operations << tableComment;
    Operation dropTableComment = operation(OperationKind::SetTableComment, s, t);
    dropTableComment.before.comment = QStringLiteral("new table comment");
    plan.operations << dropTableComment;
    Operation columnComment
        = operation(OperationKind::SetColumnComment, s, t, QStringLiteral("la:bel"));
    columnComment.after.comment = QStringLiteral("label: \"shown\"");
    plan.operations << columnComment;

    Operation catalog = operation(OperationKind::UpdateCatalogEntry, s, t);
    catalog.catalogOnly = true;
    catalog.summary = QStringLiteral("update catalog labels of \"we\"ird\"\nsecond line");
    plan.operations << catalog;
    return plan;
}

} // namespace

class TestAlembicRender : public QObject
{
    Q_OBJECT

private:
    QString m_python;
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QString &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(text.toUtf8());
        return path;
    }

    // Runs a Python script; returns stdout, or fails the test with stderr.
    bool
    runScript(const QString &name, const QString &script, const QStringList &args, QString *output)
    {
        const QString path = writeFile(name, script);
        const TestSupport::PythonResult r
            = TestSupport::runPython(m_python, QStringList{path} + args, m_dir.path());
        if (!r.finished || r.exitCode != 0) {
            qWarning().noquote() << "python failed:" << r.exitCode << r.errors;
            return false;
        }
        *output = r.output;
        return true;
    }

    // py_compile, then run upgrade() and downgrade() through Alembic's offline (SQL) mode:
    // every op.* call must be one Alembic 1.8 accepts. Returns the SQL of both.
    bool alembicOffline(const QString &revisionText, QString *sql)
    {
        const QString revision = writeFile(QStringLiteral("revision_under_test.py"), revisionText);
        QString ignored;
        if (!runScript(QStringLiteral("compile.py"),
                       QStringLiteral("import py_compile, sys\n"
                                      "py_compile.compile(sys.argv[1], doraise=True)\n"),
                       {revision},
                       &ignored))
            return false;
        return runScript(
            QStringLiteral("offline.py"),
            QStringLiteral(
                "import importlib.util, io, sys\n"
                "from alembic.migration import MigrationContext\n"
                "from alembic.operations import Operations\n"
                "spec = importlib.util.spec_from_file_location('rev', sys.argv[1])\n"
                "mod = importlib.util.module_from_spec(spec)\n"
                "spec.loader.exec_module(mod)\n"
                "for fn in ('upgrade', 'downgrade'):\n"
                "    buf = io.StringIO()\n"
                "    ctx = MigrationContext.configure(dialect_name='postgresql',\n"
                "        opts={'as_sql': True, 'output_buffer': buf, 'literal_binds': True})\n"
                "    with Operations.context(ctx):\n"
                "        getattr(mod, fn)()\n"
                "    sys.stdout.write('==== %s\\n%s' % (fn, buf.getvalue()))\n"
                "sys.stdout.write('==== doc\\n%s\\n' % mod.__doc__.splitlines()[0])\n"
                "sys.stdout.write('==== ids %r %r\\n' % (mod.revision, mod.down_revision))\n"),
            {revision},
            sql);
    }

private slots:
    void initTestCase()
    {
        METATABLE_ALEMBIC_PYTHON(python);
        m_python = python;
        QVERIFY(m_dir.isValid());
    }

    void typeMapping_data()
    {
        QTest::addColumn<QString>("sqlType");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *in, const char *out) {
            QTest::newRow(in) << QString::fromLatin1(in) << QString::fromLatin1(out);
        };
        row("timestamp with time zone", "sa.DateTime(timezone=True)");
        row("TIMESTAMP WITH TIME ZONE", "sa.DateTime(timezone=True)");
        row("timestamp(3) with time zone", "postgresql.TIMESTAMP(timezone=True, precision=3)");
        row("timestamp without time zone", "sa.DateTime()");
        row("date", "sa.Date()");
        row("character varying(255)", "sa.String(length=255)");
        row("VARCHAR(255)", "sa.String(length=255)");
        row("character varying", "sa.String()");
        row("character(3)", "sa.CHAR(length=3)");
        row("text", "sa.Text()");
        row("uuid", "postgresql.UUID(as_uuid=True)");
        row("json", "sa.JSON()");
        row("jsonb", "postgresql.JSONB()");
        row("boolean", "sa.Boolean()");
        row("smallint", "sa.SmallInteger()");
        row("integer", "sa.Integer()");
        row("bigint", "sa.BigInteger()");
        row("double precision", "sa.Float()");
        row("FLOAT", "sa.Float()");
        row("real", "sa.REAL()");
        row("numeric", "sa.Numeric()");
        row("numeric(18,6)", "sa.Numeric(precision=18, scale=6)");
        row("NUMERIC(10, 2)", "sa.Numeric(precision=10, scale=2)");
        row("numeric(12)", "sa.Numeric(precision=12)");
        row("bytea", "sa.LargeBinary()");
        row("interval", "sa.Interval()");
        row("time with time zone", "sa.Time(timezone=True)");
        row("integer[]", "postgresql.ARRAY(sa.Integer())");
        row("text[][]", "postgresql.ARRAY(sa.Text(), dimensions=2)");
    }

    void typeMapping()
    {
        QFETCH(QString, sqlType);
        QFETCH(QString, expected);
        const Core::Result<QString> type = sqlalchemyType(sqlType);
        QVERIFY2(type.has_value(), qPrintable(type ? QString() : type.error().message));
        QCOMPARE(*type, expected);
    }

    void unknownTypeIsAnError_data()
    {
        QTest::addColumn<QString>("sqlType");
        QTest::newRow("geometry") << QStringLiteral("geometry");
        QTest::newRow("bad modifier") << QStringLiteral("varchar(abc)");
        QTest::newRow("modifier on text") << QStringLiteral("text(5)");
        QTest::newRow("empty") << QString();
    }

    void unknownTypeIsAnError()
    {
        QFETCH(QString, sqlType);
        const Core::Result<QString> type = sqlalchemyType(sqlType);
        QVERIFY(!type.has_value());
        QCOMPARE(type.error().code, Core::ErrorCode::InvalidInput);
        QVERIFY(type.error().message.contains(QLatin1Char('"') + sqlType + QLatin1Char('"')));
    }

    void columnTypeFromManifestSide()
    {
        ColumnSpec c;
        c.name = QStringLiteral("value");
        c.dataType = QStringLiteral("float64");
        c.backendType = QStringLiteral("FLOAT");
        QCOMPARE(sqlalchemyColumnType(c).value(), QStringLiteral("sa.Float()"));
        c.dataType = QStringLiteral("int64");
        c.backendType = QStringLiteral("INTEGER");
        QCOMPARE(sqlalchemyColumnType(c).value(), QStringLiteral("sa.Integer()"));
        c.dataType = QStringLiteral("uuid");
        c.backendType.reset();
        QCOMPARE(sqlalchemyColumnType(c).value(), QStringLiteral("postgresql.UUID(as_uuid=True)"));
        c.sqlType = QStringLiteral("geometry");
        const Core::Result<QString> bad = sqlalchemyColumnType(c);
        QVERIFY(!bad.has_value());
        QVERIFY(bad.error().message.startsWith(QStringLiteral("Column \"value\"")));
    }

    // Every hostile text becomes a literal whose value, evaluated by Python, is the text.
    void stringLiteralsAreValidPython()
    {
        QString script = QStringLiteral("import sys\nbad = 0\ncases = [\n");
        for (const QString &text : hostileTexts())
            script += QStringLiteral("    (%1, %2),\n")
                          .arg(pythonString(text), pythonCodePoints(text));
        script += QStringLiteral("    (%1, %2),\n")
                      .arg(pythonStringList(hostileTexts()), QStringLiteral("None"));
        script += QStringLiteral("]\n"
                                 "for i, (lit, want) in enumerate(cases[:-1]):\n"
                                 "    if lit != want:\n"
                                 "        print('case', i, repr(lit), '!=', repr(want)); bad += 1\n"
                                 "if [c[1] for c in cases[:-1]] != cases[-1][0]:\n"
                                 "    print('list differs'); bad += 1\n"
                                 "print('checked', len(cases))\n"
                                 "sys.exit(1 if bad else 0)\n");
        QString output;
        QVERIFY(runScript(QStringLiteral("literals.py"), script, {}, &output));
        QVERIFY2(output.contains(QStringLiteral("checked %1").arg(hostileTexts().size() + 1)),
                 qPrintable(output));
    }

    // sa.text(...) of any SQL compiles back to exactly that SQL, with no bind parameter.
    void textClauseCompilesToTheSameSql()
    {
        QStringList sqls = hostileTexts();
        sqls << QStringLiteral(":a") << QStringLiteral("x = :a") << QStringLiteral("x::text")
             << QStringLiteral("\\:a") << QStringLiteral("\\\\:a") << QStringLiteral("a\\: b")
             << QStringLiteral(":a:b") << QStringLiteral("':$x'") << QStringLiteral("f(:1)")
             << QStringLiteral("x:") << QStringLiteral("now() AT TIME ZONE 'utc'::text");
        QString script
            = QStringLiteral("import sys\nimport sqlalchemy as sa\nbad = 0\ncases = [\n");
        for (const QString &sql : sqls)
            script
                += QStringLiteral("    (%1, %2),\n").arg(pythonSqlText(sql), pythonCodePoints(sql));
        script += QStringLiteral("]\n"
                                 "for i, (clause, want) in enumerate(cases):\n"
                                 "    got = str(clause.compile())\n"
                                 "    if got != want or clause._bindparams:\n"
                                 "        print('case', i, repr(got), '!=', repr(want), "
                                 "list(clause._bindparams)); bad += 1\n"
                                 "print('checked', len(cases))\n"
                                 "sys.exit(1 if bad else 0)\n");
        QString output;
        QVERIFY(runScript(QStringLiteral("textclause.py"), script, {}, &output));
        QVERIFY2(output.contains(QStringLiteral("checked %1").arg(sqls.size())),
                 qPrintable(output));
    }

    void docstringAndCommentStayOneLine()
    {
        for (const QString &text : hostileTexts()) {
            QVERIFY(!docstringLine(text).contains(QLatin1Char('\n')));
            QVERIFY(!commentLine(text).contains(QLatin1Char('\n')));
            QVERIFY(!docstringLine(text).contains(QLatin1String("\"\"\"")));
        }
    }

    void everyOperationKindRuns()
    {
        const Plan plan = everyKindPlan();
        // Every kind is in the plan.
        QSet<int> kinds;
        for (const Operation &op : plan.operations)
            kinds.insert(int(op.kind));
        QCOMPARE(kinds.size(), int(OperationKind::UpdateCatalogEntry) + 1);

        AlembicRevisionInfo revisionInfo = info(plan);
        revisionInfo.message = QStringLiteral("it's \"\"\" a \\ message\nwith a second line");
        const Core::Result<QString> text = renderAlembicRevision(plan, revisionInfo);
        QVERIFY2(text.has_value(), qPrintable(text ? QString() : text.error().message));
        QString sql;
        QVERIFY2(alembicOffline(*text, &sql), qPrintable(*text));

        const QString upgrade = sql.section(QStringLiteral("==== downgrade\n"), 0, 0);
        const QString downgrade = sql.section(QStringLiteral("==== downgrade\n"), 1)
                                      .section(QStringLiteral("==== doc\n"), 0, 0);
        const QString table = QStringLiteral("\"Sch:ema \"\"x\"\"\".\"we\"\"ird 'tab\\le\"");
        const QStringList expectedUp{
            QStringLiteral("CREATE TABLE ") + table,
            QStringLiteral("DEFAULT gen_random_uuid()"),
            QStringLiteral("DEFAULT '0.5'::numeric"),
            QStringLiteral("CONSTRAINT ck__t__amount CHECK (amount >= 0 AND \"la:bel\" <> ':x')"),
            // The added column's comment has no operation of its own: add_column + comment.
            // (Offline, without a server to ask for standard_conforming_strings, SQLAlchemy
            // doubles the backslash.)
            QStringLiteral("COMMENT ON COLUMN ") + table
                + QStringLiteral(".extra IS 'it''s a \"comment\"\nline 2 \\\\ ")
                + QString::fromUtf8("\xe6\x9d\xb1\xe4\xba\xac'"),
            QStringLiteral("DROP TABLE \"Sch:ema \"\"x\"\"\".old_table"),
            QStringLiteral("ADD COLUMN extra TEXT"),
            QStringLiteral("DROP COLUMN legacy"),
            QStringLiteral("RENAME \"old:name\" TO \"new name\""),
            QStringLiteral("ALTER COLUMN amount TYPE BIGINT"),
            QStringLiteral("ALTER COLUMN extra SET NOT NULL"),
            QStringLiteral("ALTER COLUMN extra SET DEFAULT 'n/a: none'::text"),
            QStringLiteral("ADD CONSTRAINT pk__t2 PRIMARY KEY (uid)"),
            QStringLiteral("RENAME CONSTRAINT \"pk__t2\" TO \"pk__t3\""),
            QStringLiteral("CREATE UNIQUE INDEX ix__t__at ON ") + table
                + QStringLiteral(
                    " (at, lower(\"la:bel\")) WHERE amount > 0 AND \"la:bel\" <> ':y'"),
            QStringLiteral("DROP INDEX \"Sch:ema \"\"x\"\"\".ix__brin"),
            QStringLiteral("ALTER INDEX \"Sch:ema \"\"x\"\"\".\"ix__t__at\" RENAME TO \"ix:new\""),
            QStringLiteral("ADD CONSTRAINT uq2 UNIQUE (at, uid)"),
            QStringLiteral("DROP CONSTRAINT uq__t__label"),
            QStringLiteral("ADD CONSTRAINT ck2 CHECK (extra <> 'it''s')"),
            QStringLiteral(
                "ADD CONSTRAINT fk__t__self FOREIGN KEY(uid) REFERENCES public.account (uid) "
                "MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED"),
            QStringLiteral("DROP CONSTRAINT fk__old"),
            QStringLiteral("IS 'new table comment'"),
            QStringLiteral("COMMENT ON TABLE ") + table + QStringLiteral(" IS NULL"),
            QStringLiteral("COMMENT ON COLUMN ") + table
                + QStringLiteral(".\"la:bel\" IS 'label: \"shown\"'"),
        };
        for (const QString &fragment : expectedUp) {
            if (!fragment.isEmpty())
                QVERIFY2(upgrade.contains(fragment),
                         qPrintable(fragment + QStringLiteral("\n\n") + upgrade));
        }
        const QStringList expectedDown{
            QStringLiteral("DROP TABLE ") + table,
            QStringLiteral("CREATE TABLE \"Sch:ema \"\"x\"\"\".old_table"),
            QStringLiteral(
                "CREATE INDEX ix__old__owner ON \"Sch:ema \"\"x\"\"\".old_table (owner)"),
            QStringLiteral("ADD CONSTRAINT fk__old__owner FOREIGN KEY(owner) REFERENCES ") + table,
            QStringLiteral("ADD COLUMN legacy INTEGER NOT NULL"),
            QStringLiteral("CREATE INDEX ix__brin ON ") + table
                + QStringLiteral(" USING brin (at)"),
            QStringLiteral("ALTER COLUMN amount TYPE INTEGER"),
            QStringLiteral("ALTER COLUMN extra DROP DEFAULT"),
            QStringLiteral("ALTER COLUMN extra DROP NOT NULL"),
            QStringLiteral("RENAME CONSTRAINT \"fk2\" TO \"fk__t__self\""),
            QStringLiteral("COMMENT ON COLUMN ") + table + QStringLiteral(".\"la:bel\" IS NULL"),
        };
        for (const QString &fragment : expectedDown)
            QVERIFY2(downgrade.contains(fragment),
                     qPrintable(fragment + QStringLiteral("\n\n") + downgrade));

        // Downgrade runs backwards: the last DDL of the upgrade is undone first, the table the
        // upgrade created is dropped last, and the re-created table's foreign key comes after
        // every table exists again.
        QVERIFY(downgrade.indexOf(QStringLiteral("COMMENT ON COLUMN"))
                < downgrade.indexOf(QStringLiteral("RENAME CONSTRAINT \"fk2\"")));
        QVERIFY(downgrade.indexOf(QStringLiteral("DROP TABLE ") + table)
                < downgrade.indexOf(QStringLiteral("ADD CONSTRAINT fk__old__owner")));
        QVERIFY(downgrade.indexOf(QStringLiteral("CREATE TABLE \"Sch:ema \"\"x\"\"\".old_table"))
                < downgrade.indexOf(QStringLiteral("DROP TABLE ") + table));

        // The table and column comments the plan sets with their own operations are not also
        // part of create_table; the type change converts with the plan's USING cast both ways.
        const QString createCall = text->section(QStringLiteral("op.create_table("), 1)
                                       .section(QStringLiteral("\n    )\n"), 0, 0);
        QVERIFY2(!createCall.contains(QStringLiteral("comment=")), qPrintable(createCall));
        QVERIFY(upgrade.contains(QStringLiteral("COMMENT ON TABLE ") + table
                                 + QStringLiteral(" IS 'new table comment'")));
        QVERIFY(upgrade.contains(QStringLiteral("TYPE BIGINT USING \"amount\"::bigint")));
        QVERIFY(downgrade.contains(QStringLiteral("TYPE INTEGER USING \"amount\"::integer")));

        // A lone integer primary key stays a plain column: no SERIAL sequence appears.
        QVERIFY(text->contains(QStringLiteral(
            "sa.Column('id', sa.BigInteger(), nullable=False, autoincrement=False)")));
        QVERIFY(!downgrade.contains(QStringLiteral("BIGSERIAL")));

        // Catalog-only operations are comments, not DDL.
        QVERIFY(text->contains(QStringLiteral(
            "    # catalog only, no DDL: update catalog labels of \"we\"ird\" second line\n")));
        QVERIFY(sql.contains(
            QStringLiteral("==== doc\nit's \"\"\" a \\ message with a second line\n")));
        QVERIFY(sql.contains(
            QStringLiteral("==== ids '%1' '0123456789ab'").arg(revisionInfo.revision)));
    }

    void layoutMatchesAlembic()
    {
        Plan plan;
        plan.providerKey = QStringLiteral("example_project:example-data");
        Operation op = operation(OperationKind::CreateIndex,
                                 QStringLiteral("public"),
                                 QStringLiteral("t"),
                                 QStringLiteral("ix"));
        op.after.index = IndexSpec{QStringLiteral("ix"),
                                   {QStringLiteral("a")},
                                   true,
                                   QStringLiteral("a > 0"),
                                   QStringLiteral("brin")};
        plan.operations << op;
        AlembicRevisionInfo i = info(plan);
        i.downRevision.reset();
        i.message = QStringLiteral("add index");
        const QString expected
            = QStringLiteral("\"\"\"add index\n"
                             "\n"
                             "Revision ID: %1\n"
                             "Revises: \n"
                             "Create Date: 2026-11-26 08:04:03.250000\n"
                             "Provider: example_project:example-data\n"
                             "\n"
                             "\"\"\"\n"
                             "from alembic import op\n"
                             "import sqlalchemy as sa\n"
                             "\n"
                             "# revision identifiers, used by Alembic.\n"
                             "revision = '%1'\n"
                             "down_revision = None\n"
                             "branch_labels = None\n"
                             "depends_on = None\n"
                             "\n"
                             "\n"
                             "def upgrade() -> None:\n"
                             "    op.create_index(\n"
                             "        'ix',\n"
                             "        't',\n"
                             "        ['a'],\n"
                             "        unique=True,\n"
                             "        schema='public',\n"
                             "        postgresql_where=sa.text('a > 0'),\n"
                             "        postgresql_using='brin',\n"
                             "    )\n"
                             "\n"
                             "\n"
                             "def downgrade() -> None:\n"
                             "    op.drop_index('ix', table_name='t', schema='public')\n")
                  .arg(i.revision);
        QCOMPARE(renderAlembicRevision(plan, i).value(), expected);
    }

    void emptyAndCatalogOnlyPlansCompile()
    {
        Plan plan;
        QString sql;
        QVERIFY(alembicOffline(renderAlembicRevision(plan, info(plan)).value(), &sql));
        Operation op = operation(
            OperationKind::UpdateCatalogEntry, QStringLiteral("public"), QStringLiteral("t"));
        op.catalogOnly = true;
        plan.operations << op;
        const QString text = renderAlembicRevision(plan, info(plan)).value();
        QVERIFY(text.contains(
            QStringLiteral("    # catalog only, no DDL: update_catalog_entry\n    pass\n")));
        QVERIFY(alembicOffline(text, &sql));
    }

    void deterministic()
    {
        const Plan plan = everyKindPlan();
        const QString first = renderAlembicRevision(plan, info(plan)).value();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(renderAlembicRevision(everyKindPlan(), info(everyKindPlan())).value(), first);
        Plan other = plan;
        other.operations.removeFirst();
        QVERIFY(renderAlembicRevision(other, info(other)).value() != first);
        QVERIFY(revisionIdFor(other) != revisionIdFor(plan));
    }

    // psycopg2 reads "%" in a statement as a parameter marker; Alembic leaves USING as given.
    void percentInUsingIsDoubled()
    {
        Plan plan;
        Operation op = operation(OperationKind::AlterColumnType,
                                 QStringLiteral("public"),
                                 QStringLiteral("t"),
                                 QStringLiteral("pct%"));
        op.before.column = column(QStringLiteral("pct%"), QStringLiteral("integer"));
        op.after.column = column(QStringLiteral("pct%"), QStringLiteral("bigint"));
        op.statements << QStringLiteral("ALTER TABLE \"public\".\"t\" ALTER COLUMN \"pct%\" TYPE "
                                        "bigint USING \"pct%\"::bigint");
        plan.operations << op;
        const QString text = renderAlembicRevision(plan, info(plan)).value();
        QVERIFY(text.contains(QStringLiteral("postgresql_using='\"pct%%\"::bigint'")));
        QVERIFY(text.contains(QStringLiteral("postgresql_using='\"pct%%\"::integer'")));
    }

    void missingValueIsAnError()
    {
        Plan plan;
        plan.operations << operation(
            OperationKind::CreateTable, QStringLiteral("public"), QStringLiteral("t"));
        const Core::Result<QString> text = renderAlembicRevision(plan, info(plan));
        QVERIFY(!text.has_value());
        QCOMPARE(text.error().code, Core::ErrorCode::Internal);
        QVERIFY2(text.error().message.contains(QStringLiteral("operation 1 (create_table on "
                                                              "\"public\".\"t\")")),
                 qPrintable(text.error().message));

        Operation rename = operation(OperationKind::RenameIndex,
                                     QStringLiteral("public"),
                                     QStringLiteral("t"),
                                     QStringLiteral("ix_new"));
        plan.operations = {rename};
        const Core::Result<QString> noOldName = renderAlembicRevision(plan, info(plan));
        QVERIFY(!noOldName.has_value());
        QVERIFY(noOldName.error().message.contains(QStringLiteral("previous or new name")));

        Operation add = operation(OperationKind::AddColumn,
                                  QStringLiteral("public"),
                                  QStringLiteral("t"),
                                  QStringLiteral("g"));
        add.after.column = column(QStringLiteral("g"), QStringLiteral("geometry"));
        plan.operations = {add};
        const Core::Result<QString> badType = renderAlembicRevision(plan, info(plan));
        QVERIFY(!badType.has_value());
        QCOMPARE(badType.error().code, Core::ErrorCode::InvalidInput);
        QVERIFY(badType.error().message.contains(QStringLiteral("Column \"g\"")));
    }

    void fileName_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("simple") << QStringLiteral("Add daily metrics & spreads!")
                                << QStringLiteral("abc_add_daily_metrics_spreads.py");
        QTest::newRow("long") << QStringLiteral(
            "add the account positions table and its foreign key to accounts")
                              << QStringLiteral("abc_add_the_account_positions_table_and_its_.py");
        QTest::newRow("unicode") << QString::fromUtf8("Zürich -- Straße")
                                 << QString::fromUtf8("abc_zürich_straße.py");
        QTest::newRow("empty") << QString() << QStringLiteral("abc_.py");
    }

    void fileName()
    {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        AlembicRevisionInfo i;
        i.revision = QStringLiteral("abc");
        i.message = message;
        QCOMPARE(alembicRevisionFileName(i), expected);
    }
};

QTEST_GUILESS_MAIN(TestAlembicRender)
#include "tst_alembicrender.moc"
