// SPDX-License-Identifier: MIT
#include "validationtestspanel.h"

#include "rolestyledelegate.h"

#include <core/manifest/assistantextension.h>
#include <core/models/testresultsmodel.h>
#include <core/workspace/validationtests.h>
#include <core/workspace/workspacedocument.h>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

namespace {

// Whether the manifest's source checks already list the module among the project's tests, so
// that items 13 and 14 count it (an export made after it was first written).
bool checklistSeesTests(const Core::WorkspaceDocument &document, const QString &file)
{
    const auto assistant = Core::readAssistantExtension(document.manifestDocument().raw);
    if (!assistant || !*assistant || (*assistant)->nodes.isEmpty())
        return false;
    const QString name = QFileInfo(file).fileName();
    for (const Core::AssistantNode &node : (*assistant)->nodes) {
        if (std::none_of(node.contractTests.cbegin(),
                         node.contractTests.cend(),
                         [&](const QString &test) { return test.endsWith(name); }))
            return false;
    }
    return true;
}

} // namespace

ValidationTestsPanel::ValidationTestsPanel(Core::WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new Core::TestResultsModel(this))
    , m_folder(new QLineEdit(this))
    , m_browse(new QToolButton(this))
    , m_generate(new QPushButton(tr("Generate and run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_view(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("validationTests"));
    m_folder->setObjectName(QStringLiteral("testsFolder"));
    m_folder->setPlaceholderText(tr("the tests folder of the Python project"));
    m_folder->setToolTip(tr("Where test_<package>_metatable.py is written. A file of that name "
                            "the console did not write is never replaced."));
    m_browse->setObjectName(QStringLiteral("browseTestsFolder"));
    m_browse->setText(tr("Browse…"));
    m_generate->setObjectName(QStringLiteral("generateTests"));
    m_generate->setToolTip(
        tr("Write the migration guide's nine validation tests for this provider, with the "
           "names and hashes the console computes, and run them with the project's Python"));
    m_cancel->setObjectName(QStringLiteral("cancelTests"));
    m_status->setObjectName(QStringLiteral("testsStatus"));
    m_status->setWordWrap(true);
    m_view->setObjectName(QStringLiteral("testResults"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new RoleStyleDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(Core::TestResultsModel::Test,
                                                     QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(Core::TestResultsModel::Outcome,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(Core::TestResultsModel::Seconds,
                                                     QHeaderView::ResizeToContents);
    m_detail->setObjectName(QStringLiteral("testDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a test to see what it checks and why it failed."));

    QSettings settings;
    m_folder->setText(settings.value(settingsKey(), defaultFolder()).toString());

    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(new QLabel(tr("Tests folder:"), this));
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    folderRow->addWidget(m_generate);
    folderRow->addWidget(m_cancel);
    auto *results = new QSplitter(Qt::Horizontal, this);
    results->addWidget(m_view);
    results->addWidget(m_detail);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(folderRow);
    layout->addWidget(m_status);
    layout->addWidget(results, 1);

    connect(m_browse, &QToolButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getExistingDirectory(
            this, tr("Folder of the project's tests"), m_folder->text());
        if (!chosen.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(chosen));
    });
    connect(m_generate, &QPushButton::clicked, this, &ValidationTestsPanel::generateAndRun);
    connect(m_folder, &QLineEdit::returnPressed, this, &ValidationTestsPanel::generateAndRun);
    Core::ValidationTests *tests = m_document->validationTests();
    connect(m_cancel, &QPushButton::clicked, tests, &Core::ValidationTests::cancel);
    connect(tests, &Core::ValidationTests::started, this, [this] {
        m_model->setOutcomes({});
        showState();
    });
    connect(tests, &Core::ValidationTests::generated, this, &ValidationTestsPanel::showState);
    connect(tests, &Core::ValidationTests::testFinished, this, [this](const auto &outcome) {
        m_model->addOutcome(outcome);
        showState();
    });
    connect(tests, &Core::ValidationTests::finished, this, [this] {
        showState();
        // Items 13 and 14 read the tests from the source checks: a Python workspace exports
        // again to see the file it now holds.
        if (m_document->source().python && !m_document->validationTests()->error())
            m_document->reload();
    });
    connect(m_view->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &ValidationTestsPanel::showDetail);
    m_model->setOutcomes(tests->outcomes());
    showState();
}

QString ValidationTestsPanel::settingsKey() const
{
    return QStringLiteral("validationTests/folder/")
           + QString::fromLatin1(m_document->manifestDocument().path.toUtf8().toBase64(
               QByteArray::Base64UrlEncoding));
}

QString ValidationTestsPanel::defaultFolder() const
{
    // A Python workspace: the tests/ folder of its project folder.
    const auto &python = m_document->source().python;
    if (!python)
        return {};
    const QString root
        = !python->workingDirectory.isEmpty()
              ? python->workingDirectory
              : (python->pythonPath.isEmpty() ? QString() : python->pythonPath.first());
    return root.isEmpty() ? QString()
                          : QDir::toNativeSeparators(QDir(root).filePath(QStringLiteral("tests")));
}

void ValidationTestsPanel::generateAndRun()
{
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    QString interpreter = QStringLiteral("python3");
    QStringList path;
    if (const auto &python = m_document->source().python) {
        interpreter = python->interpreter;
        path = python->pythonPath;
        if (!python->workingDirectory.isEmpty())
            path.prepend(python->workingDirectory);
    } else if (!folder.isEmpty()) {
        path << QFileInfo(folder).absolutePath(); // a tests/ folder beside the packages
    }
    QString why;
    if (!m_document->validationTests()->start(
            m_document->manifestDocument(), folder, interpreter, path, &why)) {
        m_status->setText(why);
        return;
    }
    QSettings().setValue(settingsKey(), m_folder->text().trimmed());
}

void ValidationTestsPanel::showState()
{
    const Core::ValidationTests *tests = m_document->validationTests();
    const bool running = tests->isRunning();
    m_generate->setEnabled(!running);
    m_folder->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_cancel->setVisible(running);
    const auto &outcomes = tests->outcomes();
    const auto count = [&](const char *outcome) {
        return int(std::count_if(outcomes.cbegin(), outcomes.cend(), [&](const auto &t) {
            return t.outcome == QLatin1String(outcome);
        }));
    };
    QString text;
    if (running)
        text = tests->file().isEmpty()
                   ? tr("Generating the tests…")
                   : tr("Running %1 with the project's Python: %n test(s) done…",
                        nullptr,
                        int(outcomes.size()))
                         .arg(QDir::toNativeSeparators(tests->file()));
    else if (tests->error())
        text = tests->error()->message;
    else if (!outcomes.isEmpty()) {
        const int failed = count("failed") + count("error");
        text = (failed == 0
                    ? tr("All %n test(s) passed", nullptr, int(outcomes.size()))
                    : tr("%1 of %n test(s) failed", nullptr, int(outcomes.size())).arg(failed))
               + tr(" (%1).").arg(QDir::toNativeSeparators(tests->file()));
        if (!m_document->source().python && !checklistSeesTests(*m_document, tests->file()))
            text += QLatin1Char(' ')
                    + tr("Export the manifest from the project again so that checklist items "
                         "13 and 14 see the tests.");
    } else
        text = tr("The guide's nine validation tests, with this provider's names and hashes, "
                  "written into the project and run with its Python.");
    for (const QString &note : tests->notes())
        text += QLatin1Char('\n') + note;
    m_status->setText(text);
}

void ValidationTestsPanel::showDetail()
{
    const auto *outcome = m_model->outcome(m_view->currentIndex().row());
    if (!outcome) {
        m_detail->clear();
        return;
    }
    QString text = outcome->test + QStringLiteral(": ") + outcome->outcome;
    if (!outcome->description.isEmpty())
        text += QStringLiteral("\n") + outcome->description;
    if (!outcome->detail.isEmpty())
        text += QStringLiteral("\n\n") + outcome->detail;
    m_detail->setPlainText(text);
}

} // namespace Gui
