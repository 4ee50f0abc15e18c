// SPDX-License-Identifier: MIT
#include "configreport.h"

#include "command.h"

#include <core/config/configcoerce.h>

#include <QRegularExpression>

namespace Cli {

namespace {

// The dotted path in a configuration error ("Configuration value config.base.days: ..."),
// without the leading "config".
QString pathInMessage(const QString &message)
{
    static const QRegularExpression path(
        QStringLiteral("Configuration value config\\.?([^\\s:]*)"));
    const auto match = path.match(message);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

QString valueText(const Core::Json &value)
{
    return QString::fromStdString(value.dump(-1, ' ', false, Core::Json::error_handler_t::replace));
}

QList<ConfigIssue> configIssues(const Core::NodeDefinition &node)
{
    // Storage classes need no binding to be valid values; hashing them does.
    const auto model
        = Core::Config::buildConfigModel(node.configClass, node.configSchema, node.config, {});
    if (model)
        return {};
    return {ConfigIssue{pathInMessage(model.error().message), model.error().message}};
}

int reportIssues(const QString &command,
                 const QString &headline,
                 const QList<ConfigIssue> &issues,
                 bool json)
{
    if (json) {
        Core::Json list = Core::Json::array();
        for (const ConfigIssue &issue : issues)
            list.push_back(
                {{"path", issue.path.toStdString()}, {"message", issue.message.toStdString()}});
        const Core::Json doc
            = {{"error", {{"message", headline.toStdString()}, {"issues", std::move(list)}}}};
        out() << QString::fromStdString(doc.dump(2)) << "\n";
    }
    err() << "metatable " << command << ": " << headline << "\n";
    for (const ConfigIssue &issue : issues) {
        err() << "  " << (issue.path.isEmpty() ? QStringLiteral("(configuration)") : issue.path)
              << ": " << issue.message << "\n";
    }
    return ExitFindings;
}

} // namespace Cli
