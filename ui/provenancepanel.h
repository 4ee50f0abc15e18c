// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/provenance.h>

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Core {
class ProvenanceModel;
struct StorageClass;
namespace Steward {
class StewardEdits;
}
} // namespace Core

namespace Gui {

// The Provenance tab of a storage class: each of its texts as the manifest, the catalog row and
// the live COMMENT ON have it, side by side, the copies that differ marked; a copy can be taken
// into the manifest as a pending steward edit.
class ProvenancePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProvenancePanel(QWidget *parent = nullptr);

    void setStewardEdits(Core::Steward::StewardEdits *edits);
    // `connected`: whether the stored copies come from a review (else they are unknown).
    void setTexts(const Core::StorageClass &storageClass,
                  const Core::Steward::StoredTexts &stored,
                  bool connected);
    int differing() const;

    void selectText(const Core::Steward::TextKey &key);

signals:
    void differingChanged(int texts);

private:
    void showButtons();
    void take(bool catalog);

    Core::Steward::StewardEdits *m_edits = nullptr;
    Core::ProvenanceModel *m_model;
    QLabel *m_summary;
    QTableView *m_view;
    QPushButton *m_takeCatalog;
    QPushButton *m_takeDatabase;
};

} // namespace Gui
