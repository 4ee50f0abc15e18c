// SPDX-License-Identifier: MIT
#include "options.h"

#include "command.h"

#include <core/db/introspect.h>
#include <core/migrate/apply.h>
#include <core/migrate/diff.h>
#include <core/migrate/revision.h>

#include <QDateTime>
#include <QSet>

namespace Cli {

namespace {

const Option *findOption(const Syntax &syntax, const QString &name)
{
    for (const Option &o : syntax.options) {
        if (o.names.contains(name))
            return &o;
    }
    return nullptr;
}

QString keyOf(const Option &o)
{
    return o.key.isEmpty() ? o.names.first() : o.key;
}

} // namespace

Option &Option::needing(QString what)
{
    needs = std::move(what);
    return *this;
}

Option &Option::required(QString message)
{
    missing = std::move(message);
    return *this;
}

Option &Option::checkedBy(std::function<QString(const QString &, const QString &)> problem)
{
    check = std::move(problem);
    return *this;
}

Option &Option::acceptingInlineValue()
{
    inlineValue = true;
    return *this;
}

Option &Option::storing(QString storeKey, QString value)
{
    key = std::move(storeKey);
    constant = std::move(value);
    return *this;
}

Syntax &Syntax::positional(QString missingMessage, QString extraMessage)
{
    maxPositionals = 1;
    missingPositional = std::move(missingMessage);
    extraPositional = std::move(extraMessage);
    return *this;
}

Syntax &Syntax::anyPositionals()
{
    maxPositionals = -1;
    return *this;
}

Syntax &Syntax::doubleDashEndsOptions()
{
    endOfOptionsMarker = true;
    return *this;
}

QString Arguments::value(const QString &key) const
{
    const QStringList given = m_values.value(key);
    return given.isEmpty() ? QString() : given.last();
}

QString Arguments::value(const QString &key, const QString &fallback) const
{
    return has(key) ? value(key) : fallback;
}

tl::expected<Arguments, QString> parseArguments(const Syntax &syntax, const QStringList &args)
{
    Arguments parsed;
    bool optionsEnded = false;
    // "--dir=" with nothing after "=": an error unless a later --dir gives the value.
    QSet<QString> emptyInline;

    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const bool looksLikeOption
            = a.startsWith(QLatin1Char('-')) && !(syntax.endOfOptionsMarker && a.size() == 1);
        if (optionsEnded || !looksLikeOption) {
            if (syntax.maxPositionals >= 0 && parsed.m_positional.size() >= syntax.maxPositionals)
                return tl::unexpected(syntax.extraPositional.contains(QLatin1String("%1"))
                                          ? syntax.extraPositional.arg(a)
                                          : syntax.extraPositional);
            parsed.m_positional.append(a);
            continue;
        }
        if (syntax.endOfOptionsMarker && a == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        QString name = a;
        std::optional<QString> inlineValue;
        const Option *option = findOption(syntax, name);
        if (!option) {
            const qsizetype eq = a.indexOf(QLatin1Char('='));
            if (eq > 0) {
                option = findOption(syntax, a.left(eq));
                if (option && option->inlineValue) {
                    name = a.left(eq);
                    inlineValue = a.mid(eq + 1);
                } else {
                    option = nullptr;
                }
            }
        }
        if (!option)
            return tl::unexpected(QStringLiteral("unknown option '%1'").arg(a));
        QStringList &stored = parsed.m_values[keyOf(*option)];
        if (option->takes == Option::Takes::Nothing) {
            stored.append(option->constant);
            continue;
        }
        if (inlineValue && inlineValue->isEmpty()) {
            emptyInline.insert(keyOf(*option));
            stored = QStringList{QString()};
            continue;
        }
        emptyInline.remove(keyOf(*option));
        if (!inlineValue && i + 1 >= args.size())
            return tl::unexpected(QStringLiteral("%1 needs %2").arg(name, option->needs));
        if (option->takes == Option::Takes::OneValue && !stored.isEmpty())
            return tl::unexpected(QStringLiteral("%1 given twice").arg(name));
        const QString value = inlineValue ? *inlineValue : args.at(++i);
        if (option->check) {
            if (const QString problem = option->check(name, value); !problem.isEmpty())
                return tl::unexpected(problem);
        }
        if (option->takes == Option::Takes::Values)
            stored.append(value);
        else
            stored = QStringList{value};
    }
    for (const Option &o : syntax.options) {
        if (emptyInline.contains(keyOf(o)))
            return tl::unexpected(QStringLiteral("%1 needs %2").arg(o.names.first(), o.needs));
    }
    if (!syntax.missingPositional.isEmpty() && parsed.first().isEmpty())
        return tl::unexpected(syntax.missingPositional);
    for (const Option &o : syntax.options) {
        if (!o.missing.isEmpty() && parsed.value(keyOf(o)).isEmpty())
            return tl::unexpected(o.missing);
    }
    return parsed;
}

int failWithMessage(const QString &command, const Core::Error &error, bool json)
{
    if (json) {
        const Core::Json doc = {{"error", {{"message", error.message.toStdString()}}}};
        out() << QString::fromStdString(doc.dump()) << "\n";
    }
    err() << "metatable " << command << ": " << error.message << "\n";
    return ExitFindings;
}

int reportError(const QString &command, const Core::Error &error, bool json, Core::Json doc)
{
    if (json) {
        doc["error"]
            = {{"message", error.message.toStdString()}, {"detail", error.detail.toStdString()}};
        out() << QString::fromStdString(doc.dump(2)) << "\n";
    } else {
        err() << "metatable " << command << ": " << Core::Db::redactSecrets(error.toText()) << "\n";
    }
    return error.code == Core::ErrorCode::Refused ? ExitFindings : ExitError;
}

Core::Result<Target> openTarget(const QString &manifestPath, const QString &conninfo)
{
    auto document = Core::readManifestFile(manifestPath);
    if (!document)
        return Core::fail(document.error());
    auto session = Core::Db::Session::open(conninfo);
    if (!session)
        return Core::fail(session.error());
    return Target{std::move(*document), std::move(*session)};
}

Core::Migrate::AlembicRevisionInfo Comparison::revisionInfo() const
{
    Core::Migrate::AlembicRevisionInfo info;
    info.revision = Core::Migrate::revisionIdFor(plan);
    info.downRevision = snapshot.alembicRevision;
    info.createDate = QDateTime::currentDateTime();
    info.providerPackage = target.manifest().provider.package;
    info.migrationNamespace = target.manifest().provider.migrationNamespace;
    return info;
}

Core::Result<Comparison>
compareWithDatabase(const QString &manifestPath, const QString &conninfo, bool allowDestructive)
{
    auto target = openTarget(manifestPath, conninfo);
    if (!target)
        return Core::fail(target.error());
    const Core::ProviderManifest &manifest = target->manifest();
    // The same schemas upgrade and status read, foreign-key targets in other schemas included.
    const Core::Db::IntrospectOptions options = Core::Migrate::introspectOptionsFor(manifest);
    auto snapshot = Core::Db::introspect(*target->session, options);
    if (!snapshot)
        return Core::fail(snapshot.error());

    Core::Migrate::DiffOptions diffOptions;
    diffOptions.allowDestructive = allowDestructive;
    auto plan = Core::Migrate::diffManifest(*target->session, manifest, *snapshot, diffOptions);
    if (!plan)
        return Core::fail(plan.error());
    return Comparison{std::move(*target), std::move(*snapshot), std::move(*plan)};
}

void releaseAtExit(Comparison &&comparison)
{
    comparison.target.session.reset(); // the server hears a proper goodbye
    // Reachable from a static until exit: neither freed nor reported as a leak.
    static auto *kept = new std::vector<std::unique_ptr<Comparison>>;
    kept->push_back(std::make_unique<Comparison>(std::move(comparison)));
}

} // namespace Cli
