// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/threeway.h>

#include <QDialog>

namespace Core {
class ThreeWayModel;
}

namespace Gui {

// Shown instead of an overwrite when the manifest changed on disk since it was loaded and the
// steward saves: every pending text as it was loaded, as it is on disk and as the steward set
// it, with the choice of which to keep. Save writes the choices over what is on disk now.
class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    ConflictDialog(const QList<Core::Steward::ThreeWayText> &texts,
                   const Core::ProviderManifest &manifest,
                   QWidget *parent = nullptr);

    QList<Core::Steward::TextChange> chosen() const;

private:
    Core::ThreeWayModel *m_model;
};

} // namespace Gui
