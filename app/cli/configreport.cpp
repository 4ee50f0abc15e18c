// SPDX-License-Identifier: MIT
#include "configreport.h"

#include "command.h"

namespace Cli {

QString valueText(const Core::Json &value)
{
    return QString::fromStdString(value.dump(-1, ' ', false, Core::Json::error_handler_t::replace));
}

QList<Core::Config::ConfigIssue> configIssues(const Core::NodeDefinition &node)
{
    return Core::Config::validateConfig(node.configSchema, node.config);
}

int reportIssues(const QString &command,
                 const QString &headline,
                 const QList<Core::Config::ConfigIssue> &issues,
                 bool json)
{
    if (json) {
        Core::Json list = Core::Json::array();
        for (const Core::Config::ConfigIssue &issue : issues)
            list.push_back({{"path", issue.path().toStdString()},
                            {"message", issue.message.toStdString()},
                            {"warning", issue.warning}});
        const Core::Json doc
            = {{"error", {{"message", headline.toStdString()}, {"issues", std::move(list)}}}};
        out() << QString::fromStdString(doc.dump(2)) << "\n";
    }
    err() << "metatable " << command << ": " << headline << ":\n";
    for (const Core::Config::ConfigIssue &issue : issues) {
        const QString path = issue.path();
        err() << "  " << (path.isEmpty() ? QStringLiteral("(configuration)") : path) << ": "
              << (issue.warning ? QStringLiteral("warning: ") : QString()) << issue.message << "\n";
    }
    return ExitFindings;
}

} // namespace Cli
