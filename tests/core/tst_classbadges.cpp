// SPDX-License-Identifier: MIT
// Each badge of the storage browser from the lint, status and plan of one review: lint errors
// win, then not created, changes pending, drifted (changed by hand, the contract unchanged) and
// registered; without a review, not computed.
#include <core/manifest/manifestio.h>
#include <core/workspace/classbadges.h>

#include <QtTest>

#include <tests/support/testsupport.h>

using namespace Core;

class TestClassBadges : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachBadge();

private:
    ProviderManifest m_manifest;
};

void TestClassBadges::initTestCase()
{
    auto doc = readManifestFile(
        TestSupport::sourcePath(QStringLiteral("resources/demo/example_project.v1.json")));
    QVERIFY(doc);
    m_manifest = doc->manifest;
    QVERIFY(m_manifest.storageClasses.size() >= 5);
}

void TestClassBadges::eachBadge()
{
    const auto path = [this](int i) { return m_manifest.storageClasses.at(i).classRef.path(); };
    const auto table = [this](int i) { return m_manifest.storageClasses.at(i).tableName(); };

    // Without a review every class is "not computed".
    for (const ClassBadgeInfo &b : classBadges(m_manifest, {}, nullptr, nullptr))
        QCOMPARE(b.badge, ClassBadge::Unknown);

    Migrate::ProviderStatus status;
    for (int i = 0; i < m_manifest.storageClasses.size(); ++i) {
        Migrate::ClassStatus s;
        s.storageClass = path(i);
        s.schema = QStringLiteral("public");
        s.table = table(i);
        s.state = Migrate::ClassState::Registered;
        s.uid = QStringLiteral("uid-%1").arg(i);
        s.tableExists = true;
        s.manifestHash = s.catalogHash = QStringLiteral("h%1").arg(i);
        status.classes.append(s);
    }
    Migrate::Plan plan;
    // 0: no table, no row.
    status.classes[0].state = Migrate::ClassState::Missing;
    status.classes[0].uid.clear();
    status.classes[0].tableExists = false;
    status.classes[0].reasons = {QStringLiteral("not registered and no table")};
    // 1: the manifest changed the contract: the plan alters the table.
    status.classes[1].state = Migrate::ClassState::Drifted;
    status.classes[1].manifestHash = QStringLiteral("new");
    Migrate::Operation alter;
    alter.schema = QStringLiteral("public");
    alter.table = table(1);
    alter.summary = QStringLiteral("add column \"x\" text");
    plan.operations.append(alter);
    // 2: the table was changed by hand: same contract, different table.
    status.classes[2].state = Migrate::ClassState::Drifted;
    status.classes[2].reasons = {QStringLiteral("table differs: drop column \"y\"")};
    // 3: registered, only its description changes in the catalog.
    Migrate::Operation catalog;
    catalog.schema = QStringLiteral("public");
    catalog.table = table(3);
    catalog.catalogOnly = true;
    catalog.summary = QStringLiteral("update catalog entry");
    plan.operations.append(catalog);
    // 4: registered and lint errors: lint wins.
    QList<LintFinding> lint{{QStringLiteral("MT001"),
                             QStringLiteral("x"),
                             LintSeverity::Error,
                             QStringLiteral("/storage_classes/4/registration/description"),
                             QStringLiteral("no description"),
                             QStringLiteral("add one")},
                            {QStringLiteral("MT002"),
                             QStringLiteral("y"),
                             LintSeverity::Warning,
                             QStringLiteral("/storage_classes/5/registration"),
                             QStringLiteral("a warning"),
                             QString()}};

    const auto badges = classBadges(m_manifest, lint, &status, &plan);
    QCOMPARE(badges.value(path(0)).badge, ClassBadge::NotCreated);
    QCOMPARE(badges.value(path(1)).badge, ClassBadge::ChangesPending);
    QCOMPARE(badges.value(path(2)).badge, ClassBadge::Drifted);
    QVERIFY(badges.value(path(2)).reason.contains(QStringLiteral("drop column")));
    QCOMPARE(badges.value(path(3)).badge, ClassBadge::ChangesPending);
    QCOMPARE(badges.value(path(3)).reason, QStringLiteral("update catalog entry"));
    QCOMPARE(badges.value(path(4)).badge, ClassBadge::LintErrors);
    QVERIFY(badges.value(path(4)).reason.contains(QStringLiteral("MT001")));
    QCOMPARE(badges.value(path(5)).badge, ClassBadge::Registered); // a warning is no error
}

QTEST_GUILESS_MAIN(TestClassBadges)
#include "tst_classbadges.moc"
