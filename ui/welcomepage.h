// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QListWidget;

namespace Gui {

// What the console shows with no workspace open: open a manifest, a Python project or the
// demo, or one of the recent workspaces.
class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setRecent(const QStringList &paths);

signals:
    void openManifestRequested();
    void openPythonProjectRequested();
    void openDemoRequested();
    void openRecentRequested(const QString &path);

private:
    QListWidget *m_recent;
};

// The demo workspace's v1 manifest shipped with the console; empty when it cannot be found.
QString demoManifestPath();

} // namespace Gui
