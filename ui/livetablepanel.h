// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace Core {
class LockHoldersModel;
namespace Db {
struct LiveTableFacts;
}
} // namespace Core

namespace Gui {

// The Live table tab: size and statistics of the physical table and the sessions that hold or
// wait for locks on it, or why there is nothing to show.
class LiveTablePanel : public QWidget
{
    Q_OBJECT

public:
    explicit LiveTablePanel(QWidget *parent = nullptr);

    void setFacts(const Core::Db::LiveTableFacts &facts);
    void setNotConnected();

private:
    void showFacts(bool visible);

    QLabel *m_state;
    QWidget *m_facts;
    QLabel *m_rows;
    QLabel *m_size;
    QLabel *m_analyzed;
    QLabel *m_vacuumed;
    QLabel *m_locksTitle;
    QTableView *m_locksView;
    Core::LockHoldersModel *m_locks;
};

} // namespace Gui
