// SPDX-License-Identifier: MIT
#include "checklistreport.h"

#include "command.h"

namespace Cli {

using namespace Core::Assistant;

namespace {

Core::Json strings(const QStringList &list)
{
    Core::Json out = Core::Json::array();
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

QString countsLine(const NodeChecklist &node)
{
    return QStringLiteral("%1 done, %2 not done, %3 cannot tell, %4 n/a")
        .arg(node.count(ItemState::Done))
        .arg(node.count(ItemState::NotDone))
        .arg(node.count(ItemState::CannotTell))
        .arg(node.count(ItemState::NotApplicable));
}

} // namespace

void printChecklistText(const ProjectChecklist &checklist)
{
    QTextStream &o = out();
    for (const NodeChecklist &node : checklist.nodes) {
        o << "Node " << node.node;
        if (!node.storageTables.isEmpty())
            o << " (writes " << node.storageTables.join(QStringLiteral(", ")) << ")";
        o << "\n";
        for (const ChecklistItem &item : node.items) {
            o << "  " << QString::number(item.number).rightJustified(2) << ". "
              << (QLatin1Char('[') + itemStateName(item.state) + QLatin1Char(']')).leftJustified(14)
              << item.title << "\n";
            for (const QString &line : item.evidence)
                o << "        " << line << "\n";
            if (!item.fix.isEmpty())
                o << "        fix: " << item.fix << "\n";
        }
        o << "  " << countsLine(node) << ": "
          << (node.fullyMigrated() ? "fully migrated" : "not fully migrated") << "\n\n";
    }
    o << checklist.fullyMigratedCount() << " of " << checklist.nodes.size()
      << " node(s) fully migrated.\n";
}

Core::Json
checklistJson(const ProjectChecklist &checklist, const QString &manifest, const QString &database)
{
    Core::Json nodes = Core::Json::array();
    for (const NodeChecklist &node : checklist.nodes) {
        Core::Json items = Core::Json::array();
        for (const ChecklistItem &item : node.items) {
            items.push_back({{"number", item.number},
                             {"title", item.title.toStdString()},
                             {"state", itemStateName(item.state).toStdString()},
                             {"evidence", strings(item.evidence)},
                             {"fix", item.fix.toStdString()},
                             {"rules", strings(item.rules)},
                             {"pointers", strings(item.pointers)},
                             {"action", itemActionName(item.action).toStdString()}});
        }
        nodes.push_back({{"node", node.node.toStdString()},
                         {"storage_tables", strings(node.storageTables)},
                         {"fully_migrated", node.fullyMigrated()},
                         {"counts",
                          {{"done", node.count(ItemState::Done)},
                           {"not_done", node.count(ItemState::NotDone)},
                           {"cannot_tell", node.count(ItemState::CannotTell)},
                           {"not_applicable", node.count(ItemState::NotApplicable)}}},
                         {"items", items}});
    }
    return {{"manifest", manifest.toStdString()},
            {"database", database.isEmpty() ? Core::Json() : Core::Json(database.toStdString())},
            {"nodes", nodes},
            {"fully_migrated", checklist.fullyMigratedCount()},
            {"nodes_total", checklist.nodes.size()},
            {"all_done", checklist.allDone()}};
}

} // namespace Cli
