// SPDX-License-Identifier: MIT
#include "welcomepage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gui {

QString demoManifestPath()
{
    // Installed beside the executable's share folder, or the source tree for a build.
    const QString app = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        qEnvironmentVariable("METATABLE_DEMO_MANIFEST"),
        QDir(app).filePath(
            QStringLiteral("../share/metatable-console/demo/example_project.v1.json")),
        QStringLiteral(METATABLE_SOURCE_DEMO_DIR "/example_project.v1.json"),
    };
    for (const QString &c : candidates) {
        if (!c.isEmpty() && QFileInfo::exists(c))
            return QDir::cleanPath(c);
    }
    return {};
}

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
{
    setObjectName(QStringLiteral("welcomePage"));
    auto *title = new QLabel(tr("<h1>MetaTable Console</h1><p>Review, rehearse and apply "
                                "migrations of MetaTable storage classes against a live "
                                "PostgreSQL, and see what each one locks and touches.</p>"),
                             this);
    title->setWordWrap(true);
    auto *openManifest = new QPushButton(tr("Open manifest…"), this);
    openManifest->setObjectName(QStringLiteral("welcomeOpenManifest"));
    auto *openPython = new QPushButton(tr("Open Python project…"), this);
    openPython->setObjectName(QStringLiteral("welcomeOpenPython"));
    auto *openDemo = new QPushButton(tr("Open the demo"), this);
    openDemo->setObjectName(QStringLiteral("welcomeOpenDemo"));
    openDemo->setEnabled(!demoManifestPath().isEmpty());
    m_recent->setObjectName(QStringLiteral("welcomeRecent"));
    m_recent->setMaximumHeight(180);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(openManifest);
    buttons->addWidget(openPython);
    buttons->addWidget(openDemo);
    buttons->addStretch(1);
    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(new QLabel(tr("<b>Recent workspaces</b>"), this));
    column->addWidget(m_recent);
    column->addStretch(1);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 4);
    outer->addStretch(1);

    connect(openManifest, &QPushButton::clicked, this, &WelcomePage::openManifestRequested);
    connect(openPython, &QPushButton::clicked, this, &WelcomePage::openPythonProjectRequested);
    connect(openDemo, &QPushButton::clicked, this, &WelcomePage::openDemoRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit openRecentRequested(item->data(Qt::UserRole).toString());
    });
}

void WelcomePage::setRecent(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        auto *item = new QListWidgetItem(QFileInfo(path).fileName() + QStringLiteral("  —  ")
                                             + QFileInfo(path).absolutePath(),
                                         m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    if (paths.isEmpty())
        new QListWidgetItem(tr("(none yet)"), m_recent);
}

} // namespace Gui
