// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>

#include <QString>

namespace Core {
class PlanModel;
}

namespace Gui {

// The selected operation as rich text for the review's detail pane: what it does, the lock it
// takes and what that blocks, the live figures, each risk with its reason and the safer way,
// and for column changes the column before and after.
QString operationDetailsHtml(const Core::PlanModel &model, int operation);

} // namespace Gui
