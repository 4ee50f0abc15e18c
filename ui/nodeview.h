// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace Core {
class ConfigFieldsModel;
struct NodeDefinition;
struct ProviderManifest;
} // namespace Core

namespace Gui {

// One DataNode: class, output storage class, runner, and its configuration fields with the
// hash-excluded ones marked.
class NodeView : public QWidget
{
    Q_OBJECT

public:
    explicit NodeView(QWidget *parent = nullptr);

    // Shows `node`; storage-class values in its configuration hash by the bindings `manifest`
    // carries (unbound ones show the SDK's advice to run the migrations first).
    // `connected`: a database is open, so an unregistered class can be created through the
    // migration review (reviewRequested).
    void setNode(const Core::NodeDefinition &node,
                 const Core::ProviderManifest &manifest,
                 bool connected);

signals:
    void reviewRequested();

private:
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_hash;
    QTableView *m_fieldsView;
    Core::ConfigFieldsModel *m_fields;
};

} // namespace Gui
