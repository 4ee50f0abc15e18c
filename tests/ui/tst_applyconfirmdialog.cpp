// SPDX-License-Identifier: MIT
// The apply confirmation: every risky step is listed with its reason, and a step that loses
// data keeps Apply disabled until the table's name is typed exactly.
#include <ui/applyconfirmdialog.h>

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

using namespace Core::Migrate;

class TestApplyConfirmDialog : public QObject
{
    Q_OBJECT

private slots:
    void destructiveStepWantsTheTableName();
    void safePlanNeedsNoTyping();
};

namespace {

Operation operation(OperationKind kind, const QString &table, const QString &summary)
{
    Operation op;
    op.kind = kind;
    op.schema = QStringLiteral("public");
    op.table = table;
    op.summary = summary;
    op.onExistingTable = true;
    return op;
}

} // namespace

void TestApplyConfirmDialog::destructiveStepWantsTheTableName()
{
    Plan plan;
    Operation add = operation(OperationKind::AddColumn,
                              QStringLiteral("orders"),
                              QStringLiteral("add column \"note\" text"));
    Operation drop = operation(OperationKind::DropColumn,
                               QStringLiteral("orders_archive"),
                               QStringLiteral("drop column \"legacy\""));
    drop.destructive = true;
    drop.risks.append({RiskKind::DataLoss,
                       RiskLevel::Danger,
                       QStringLiteral("1,204 rows hold a value in \"legacy\""),
                       {},
                       1204});
    plan.operations = {add, drop};

    Gui::ApplyConfirmDialog dialog(plan, QStringLiteral("shop on db1"), nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *text = dialog.findChild<QLabel *>(QStringLiteral("applyConfirmText"));
    QVERIFY(text->text().contains(QStringLiteral("1,204 rows hold a value")));
    QVERIFY(!text->text().contains(QStringLiteral("add column"))); // not risky: not listed
    auto *apply = dialog.findChild<QPushButton *>(QStringLiteral("confirmApplyButton"));
    auto *typed = dialog.findChild<QLineEdit *>(QStringLiteral("confirmTableName"));
    QVERIFY(apply && typed);
    QVERIFY(!apply->isEnabled());
    QTest::keyClicks(typed, QStringLiteral("orders"));
    QVERIFY(!apply->isEnabled()); // another table's name is not enough
    QTest::keyClicks(typed, QStringLiteral("_archive"));
    QVERIFY(apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestApplyConfirmDialog::safePlanNeedsNoTyping()
{
    Plan plan;
    plan.operations = {operation(OperationKind::CreateIndex,
                                 QStringLiteral("orders"),
                                 QStringLiteral("add index \"ix_orders_day\""))};
    Gui::ApplyConfirmDialog dialog(plan, QStringLiteral("shop on db1"), nullptr);
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("confirmTableName")));
    QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("confirmApplyButton"))->isEnabled());
}

QTEST_MAIN(TestApplyConfirmDialog)
#include "tst_applyconfirmdialog.moc"
