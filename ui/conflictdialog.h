// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/threeway.h>

#include <QDialog>

namespace Core {
class ThreeWayModel;
}

namespace Gui {

// Shown instead of an overwrite when a steward's save meets texts someone else changed: the
// manifest file on disk since it was loaded, or the catalog rows since they were read. Every
// text concerned as it was (original), as it is there now (theirs) and as the steward set it
// (yours), with the choice of which to keep.
class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Where { ManifestFile, Catalog };

    ConflictDialog(Where where,
                   const QList<Core::Steward::ThreeWayText> &texts,
                   const Core::ProviderManifest &manifest,
                   QWidget *parent = nullptr);

    QList<Core::Steward::TextChange> chosen() const;

private:
    Core::ThreeWayModel *m_model;
};

} // namespace Gui
