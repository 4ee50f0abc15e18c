// SPDX-License-Identifier: MIT
#include "validationtests.h"

#include <core/assistant/testgen.h>

namespace Core {

ValidationTests::ValidationTests(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

ValidationTests::~ValidationTests()
{
    m_cancel.cancel();
    m_pool.waitForDone();
}

bool ValidationTests::start(const ManifestDocument &document,
                            const QString &folder,
                            const QString &interpreter,
                            const QStringList &pythonPath,
                            QString *why)
{
    if (m_running) {
        if (why)
            *why = tr("The validation tests are running already.");
        return false;
    }
    if (folder.trimmed().isEmpty()) {
        if (why)
            *why = tr("Choose the folder of the project's tests first.");
        return false;
    }
    m_running = true;
    m_cancel = CancelToken();
    m_file.clear();
    m_notes.clear();
    m_outcomes.clear();
    m_error.reset();
    const int generation = ++m_generation;
    emit started();

    const CancelToken cancel = m_cancel;
    m_pool.start([this, document, folder, interpreter, pythonPath, cancel, generation] {
        const auto post = [this, generation](auto &&step) {
            QMetaObject::invokeMethod(
                this,
                [this, generation, step = std::forward<decltype(step)>(step)]() mutable {
                    if (generation == m_generation)
                        step();
                },
                Qt::QueuedConnection);
        };
        const auto failWith = [&](const Error &error) {
            post([this, error] {
                m_error = error;
                m_running = false;
                emit finished();
            });
        };
        const auto templateText = Assistant::validationTestsTemplate();
        if (!templateText)
            return failWith(templateText.error());
        const auto tests = Assistant::generateValidationTests(document, *templateText);
        if (!tests)
            return failWith(tests.error());
        const auto path = Assistant::writeValidationTests(*tests, folder);
        if (!path)
            return failWith(path.error());
        post([this, file = *path, notes = tests->notes] {
            m_file = file;
            m_notes = notes;
            emit generated(file);
        });

        Assistant::TestRunSettings settings;
        settings.file = *path;
        settings.interpreter = interpreter;
        settings.pythonPath = pythonPath;
        const auto run = Assistant::runTestModule(settings, cancel, [&](const auto &outcome) {
            post([this, outcome] {
                m_outcomes << outcome;
                emit testFinished(outcome);
            });
        });
        if (!run)
            return failWith(run.error());
        post([this] {
            m_running = false;
            emit finished();
        });
    });
    return true;
}

void ValidationTests::cancel()
{
    m_cancel.cancel();
}

} // namespace Core
