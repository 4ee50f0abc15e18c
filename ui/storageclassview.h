// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QTableView;
class QTabWidget;

namespace Core {
class ColumnsModel;
class DdlObjectsModel;
struct StorageClass;
} // namespace Core

namespace Gui {

// One storage class: identity and registration on top, its columns and DDL objects below.
class StorageClassView : public QWidget
{
    Q_OBJECT

public:
    explicit StorageClassView(QWidget *parent = nullptr);

    void setStorageClass(const Core::StorageClass &storageClass);

private:
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_description;
    QTabWidget *m_tabs;
    QTableView *m_columnsView;
    QTableView *m_ddlView;
    Core::ColumnsModel *m_columns;
    Core::DdlObjectsModel *m_ddl;
};

} // namespace Gui
