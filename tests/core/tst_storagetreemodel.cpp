// SPDX-License-Identifier: MIT
// The storage browser's tree and filter: grouping by namespace, badges, search, table lookup.
#include <core/manifest/manifestio.h>
#include <core/models/roles.h>
#include <core/models/storagefiltermodel.h>
#include <core/models/storagetreemodel.h>

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <tests/support/manifestgenerator.h>
#include <tests/support/testsupport.h>

using namespace Core;

namespace {

const QString Positions = QStringLiteral("example_project__account_positions");

ProviderManifest demoManifest()
{
    const auto doc = readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    if (!doc)
        qFatal("%s", qPrintable(doc.error().toText()));
    return doc->manifest;
}

// A generated manifest of `count` relational classes spread over seven namespaces.
ProviderManifest generatedManifest(int count)
{
    TestSupport::TreeSchemaOptions options;
    options.classCount = count;
    Json json = TestSupport::generateTreeManifest(options);
    int i = 0;
    for (Json &sc : json["storage_classes"])
        sc["registration"]["namespace"] = "ns-" + std::to_string(i++ % 7);
    const auto doc = parseManifest(QByteArray::fromStdString(json.dump()), QStringLiteral("gen"));
    if (!doc)
        qFatal("%s", qPrintable(doc.error().toText()));
    return doc->manifest;
}

QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(parent); ++r)
        names << model.index(r, 0, parent).data().toString();
    return names;
}

// Table names of every storage-class leaf the model shows.
QStringList visibleClasses(const QAbstractItemModel &model)
{
    QStringList names;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r) {
            const QModelIndex leaf = model.index(r, 0, group);
            if (leaf.data(int(ModelRole::ItemKind)).toInt() == int(WorkspaceItemKind::StorageClass))
                names << leaf.data().toString();
        }
    }
    return names;
}

} // namespace

class TestStorageTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void passesModelTester();
    void groupsByNamespace();
    void leavesCarryRoles();
    void setBadgesSignalsChangedRowsOnly();
    void filtersByColumnName();
    void filtersByEveryTerm_data();
    void filtersByEveryTerm();
    void findsTables();
    void largeManifest();
};

void TestStorageTreeModel::passesModelTester()
{
    StorageTreeModel model;
    StorageFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester sourceTester(&model,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setManifest(demoManifest());
    filter.setFilterText(QStringLiteral("value"));
    model.setBadges({{model.manifest().storageClasses[0].classRef.path(),
                      {ClassBadge::Drifted, QStringLiteral("hash differs")}}});
    filter.setFilterText(QString());
    model.setManifest(generatedManifest(50));
    filter.setFilterText(QStringLiteral("t0042"));
    QCOMPARE(visibleClasses(filter), QStringList{QStringLiteral("bench_project__t0042")});
}

void TestStorageTreeModel::groupsByNamespace()
{
    StorageTreeModel model;
    model.setManifest(demoManifest());
    QCOMPARE(childNames(model, {}),
             (QStringList{QStringLiteral("accounts"),
                          QStringLiteral("example-data"),
                          QStringLiteral("positions"),
                          QStringLiteral("External tables"),
                          QStringLiteral("Nodes")}));
    const QModelIndex exampleData = model.index(1, 0);
    QCOMPARE(childNames(model, exampleData),
             (QStringList{QStringLiteral("example_project__daily_metrics"),
                          QStringLiteral("example_project__observations__equities"),
                          QStringLiteral("example_project__observations__rates"),
                          QStringLiteral("example_project__spreads")}));
    QList<int> positions;
    for (int r = 0; r < model.rowCount(exampleData); ++r)
        positions << model.index(r, 0, exampleData).data(int(ModelRole::ItemIndex)).toInt();
    QCOMPARE(positions, (QList<int>{0, 3, 4, 5}));
    QCOMPARE(model.rowCount(model.index(4, 0)), 4); // the demo's nodes
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("4"));
}

void TestStorageTreeModel::leavesCarryRoles()
{
    StorageTreeModel model;
    model.setManifest(demoManifest());
    const QModelIndex account = model.indexFor(WorkspaceItemKind::StorageClass, 1);
    QCOMPARE(account.data().toString(), QStringLiteral("example_project__account"));
    QCOMPARE(account.data(int(ModelRole::ItemKind)).toInt(), int(WorkspaceItemKind::StorageClass));
    QCOMPARE(account.data(int(ModelRole::TableKind)).toInt(), int(StorageRowKind::Relational));
    QCOMPARE(model.indexFor(WorkspaceItemKind::StorageClass, 0).data(int(ModelRole::TableKind)),
             QVariant(int(StorageRowKind::TimeIndexed)));
    QCOMPARE(account.siblingAtColumn(1).data().toString(), QStringLiteral("not computed"));
    QCOMPARE(account.data(int(ModelRole::Badge)).toInt(), int(ClassBadge::Unknown));
    const QString search = account.data(int(ModelRole::SearchText)).toString();
    QVERIFY(search.contains(QStringLiteral("display_name")));
    QCOMPARE(search, search.toLower());
    const QModelIndex node = model.indexFor(WorkspaceItemKind::Node, 0);
    QCOMPARE(node.data(int(ModelRole::ItemKind)).toInt(), int(WorkspaceItemKind::Node));
    QCOMPARE(node.data(int(ModelRole::ItemIndex)).toInt(), 0);
    QVERIFY(!model.indexFor(WorkspaceItemKind::StorageClass, 6).isValid());
}

void TestStorageTreeModel::setBadgesSignalsChangedRowsOnly()
{
    StorageTreeModel model;
    model.setManifest(demoManifest());
    const QList<StorageClass> &classes = model.manifest().storageClasses;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QHash<QString, ClassBadgeInfo> badges;
    badges.insert(classes[2].classRef.path(),
                  {ClassBadge::Drifted, QStringLiteral("hash differs")});
    model.setBadges(badges);
    QCOMPARE(changed.size(), 1);
    const QModelIndex positions = model.indexFor(WorkspaceItemKind::StorageClass, 2);
    QCOMPARE(changed[0][0].toModelIndex(), positions);
    QCOMPARE(changed[0][1].toModelIndex(), positions.siblingAtColumn(1));
    QCOMPARE(positions.siblingAtColumn(1).data().toString(), QStringLiteral("drifted"));
    QCOMPARE(positions.data(Qt::ToolTipRole).toString(), QStringLiteral("hash differs"));
    QCOMPARE(positions.data(int(ModelRole::BadgeReason)).toString(),
             QStringLiteral("hash differs"));

    changed.clear();
    model.setBadges(badges); // nothing changes, nothing is signalled
    QCOMPARE(changed.size(), 0);

    // Classes 3 and 4 are adjacent rows of one group: one signal; class 1 is in another group.
    badges.insert(classes[3].classRef.path(), {ClassBadge::Registered, {}});
    badges.insert(classes[4].classRef.path(), {ClassBadge::NotCreated, {}});
    badges.insert(classes[1].classRef.path(), {ClassBadge::ChangesPending, {}});
    model.setBadges(badges);
    QCOMPARE(changed.size(), 2);
    const QModelIndex account = model.indexFor(WorkspaceItemKind::StorageClass, 1);
    QCOMPARE(changed[0][0].toModelIndex(), account);
    QCOMPARE(changed[0][1].toModelIndex(), account.siblingAtColumn(1));
    QCOMPARE(changed[1][0].toModelIndex(), model.indexFor(WorkspaceItemKind::StorageClass, 3));
    QCOMPARE(changed[1][1].toModelIndex(),
             model.indexFor(WorkspaceItemKind::StorageClass, 4).siblingAtColumn(1));

    changed.clear();
    badges.remove(classes[2].classRef.path()); // gone from the hash: back to not computed
    model.setBadges(badges);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0][0].toModelIndex(), positions);
    QCOMPARE(model.badge(2).badge, ClassBadge::Unknown);
}

void TestStorageTreeModel::filtersByColumnName()
{
    StorageTreeModel model;
    StorageFilterModel filter;
    filter.setSourceModel(&model);
    model.setManifest(demoManifest());
    QCOMPARE(visibleClasses(filter).size(), 6);
    filter.setFilterText(QStringLiteral("market_value"));
    QCOMPARE(visibleClasses(filter), QStringList{Positions});
    QCOMPARE(childNames(filter, {}), QStringList{QStringLiteral("positions")});
    filter.setFilterText(QStringLiteral("no_such_column"));
    QCOMPARE(filter.rowCount(), 0);
    filter.setFilterText(QStringLiteral("  "));
    QCOMPARE(visibleClasses(filter).size(), 6);
}

void TestStorageTreeModel::filtersByEveryTerm_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("namespace and column")
        << QStringLiteral("example-data spread")
        << QStringList{QStringLiteral("example_project__spreads")};
    QTest::newRow("two words of one name, any order, any case")
        << QStringLiteral("RATES   observations")
        << QStringList{QStringLiteral("example_project__observations__rates")};
    QTest::newRow("terms in different fields")
        << QStringLiteral("account quantity") << QStringList{Positions};
    QTest::newRow("one term missing") << QStringLiteral("spread quantity") << QStringList{};
}

void TestStorageTreeModel::filtersByEveryTerm()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    StorageTreeModel model;
    StorageFilterModel proxy;
    proxy.setSourceModel(&model);
    model.setManifest(demoManifest());
    proxy.setFilterText(filter);
    QCOMPARE(visibleClasses(proxy), expected);
}

void TestStorageTreeModel::findsTables()
{
    ProviderManifest manifest = demoManifest();
    ExternalTable external;
    external.schema = QStringLiteral("reference");
    external.tableName = QStringLiteral("calendar");
    external.ownerPackage = QStringLiteral("calendars");
    manifest.externalTables.append(external);
    StorageTreeModel model;
    model.setManifest(manifest);

    const QModelIndex account
        = model.indexForTable(QStringLiteral("public"), QStringLiteral("example_project__account"));
    QCOMPARE(account.data(int(ModelRole::ItemIndex)).toInt(), 1);
    QCOMPARE(account.data(int(ModelRole::ItemKind)).toInt(), int(WorkspaceItemKind::StorageClass));
    QVERIFY(
        !model.indexForTable(QStringLiteral("other"), QStringLiteral("example_project__account"))
             .isValid());
    QVERIFY(!model.indexForTable(QStringLiteral("public"), QStringLiteral("nope")).isValid());
    const QModelIndex calendar
        = model.indexForTable(QStringLiteral("reference"), QStringLiteral("calendar"));
    QCOMPARE(calendar.data(int(ModelRole::ItemKind)).toInt(),
             int(WorkspaceItemKind::ExternalTable));
    QCOMPARE(calendar.data(int(ModelRole::TableKind)).toInt(), int(StorageRowKind::External));
    QCOMPARE(calendar.parent().data().toString(), QStringLiteral("External tables"));
}

// 10,000 classes: a reset, a filter keystroke and a badge update stay interactive. The bounds
// are loose (a loaded CI machine, sanitizers) and only catch work that grows worse than linearly.
void TestStorageTreeModel::largeManifest()
{
    const ProviderManifest manifest = generatedManifest(10000);
    StorageTreeModel model;
    StorageFilterModel filter;
    filter.setSourceModel(&model);
    QElapsedTimer timer;
    timer.start();
    model.setManifest(manifest);
    const qint64 firstResetMs = timer.elapsed();
    timer.restart();
    model.setManifest(manifest);
    const qint64 resetMs = timer.elapsed();
    QCOMPARE(model.rowCount(), 7 + 2);
    QCOMPARE(model.rowCount(model.index(0, 0)), 1429); // ns-0: 0, 7, ..., 9996

    timer.restart();
    filter.setFilterText(QStringLiteral("t0042"));
    const QStringList found = visibleClasses(filter);
    const qint64 filterMs = timer.elapsed();
    QCOMPARE(found, QStringList{QStringLiteral("bench_project__t0042")});

    timer.restart();
    filter.setFilterText(QStringLiteral("t004"));
    QCOMPARE(visibleClasses(filter).size(), 10);
    const qint64 secondFilterMs = timer.elapsed();

    QHash<QString, ClassBadgeInfo> badges;
    for (const StorageClass &s : manifest.storageClasses)
        badges.insert(s.classRef.path(), {ClassBadge::Registered, {}});
    timer.restart();
    model.setBadges(badges);
    const qint64 badgesMs = timer.elapsed();
    qInfo("10,000 classes: setManifest %lld ms (first %lld ms), filter %lld ms then %lld ms, "
          "setBadges %lld ms",
          resetMs,
          firstResetMs,
          filterMs,
          secondFilterMs,
          badgesMs);
    QVERIFY2(resetMs < 2000, qPrintable(QString::number(resetMs)));
    QVERIFY2(filterMs < 500, qPrintable(QString::number(filterMs)));
    QVERIFY2(badgesMs < 500, qPrintable(QString::number(badgesMs)));
}

QTEST_GUILESS_MAIN(TestStorageTreeModel)
#include "tst_storagetreemodel.moc"
