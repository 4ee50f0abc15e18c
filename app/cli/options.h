// SPDX-License-Identifier: MIT
// What the subcommands share: their command lines, declared rather than hand-parsed so that all
// of them read options, values and positional arguments the same way and word their usage
// errors alike; failure reports; and the first steps against a database (read the manifest,
// connect, introspect and diff) of diff, revision, upgrade and status.
#pragma once

#include <core/contract/json.h>
#include <core/db/dbschema.h>
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/alembicrender.h>
#include <core/migrate/plan.h>
#include <core/util/result.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <tl/expected.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace Cli {

struct Option
{
    enum class Takes {
        Nothing,  // a flag: --json
        Value,    // one value, the last one given wins
        OneValue, // one value; giving the option twice is a usage error
        Values,   // repeatable; every value is kept, in order
    };

    static Option flag(QStringList names) { return Option(std::move(names), Takes::Nothing); }
    static Option value(QStringList names) { return Option(std::move(names), Takes::Value); }
    static Option once(QStringList names) { return Option(std::move(names), Takes::OneValue); }
    static Option repeated(QStringList names) { return Option(std::move(names), Takes::Values); }

    // "--db needs <what>" when the value is absent; "a value" unless said otherwise.
    Option &needing(QString what);
    // Makes the option required: `message` is the usage error when it is absent or empty.
    Option &required(QString message);
    // `problem` returns what is wrong with one value ("--lock-timeout expects seconds ..."),
    // or an empty string when it is fine.
    Option &checkedBy(std::function<QString(const QString &option, const QString &value)> problem);
    Option &acceptingInlineValue(); // also --name=VALUE
    // A flag that stores `constant` under `key`: diff's --json is --format json.
    Option &storing(QString key, QString constant);

    QStringList names; // "--message", then aliases such as "-m"
    // (the value is stored under names.first() unless storing() names another key)
    Takes takes = Takes::Nothing;
    QString needs = QStringLiteral("a value");
    QString missing;
    std::function<QString(const QString &, const QString &)> check;
    bool inlineValue = false;
    QString key;
    QString constant;

private:
    Option(QStringList optionNames, Takes what)
        : names(std::move(optionNames))
        , takes(what)
    {}
};

struct Syntax
{
    explicit Syntax(QList<Option> accepted)
        : options(std::move(accepted))
    {}

    // One positional argument (MANIFEST, an action): `missingMessage` when it is absent or
    // empty (none: optional), `extraMessage` (%1: the argument) for a second one.
    Syntax &positional(QString missingMessage,
                       QString extraMessage = QStringLiteral("unexpected argument '%1'"));
    Syntax &anyPositionals(); // any number of positional arguments
    // "--" ends the options (what follows is positional, even "-x") and "-" is positional.
    Syntax &doubleDashEndsOptions();

    QList<Option> options;
    int maxPositionals = 0; // -1: any number
    QString missingPositional;
    QString extraPositional = QStringLiteral("unexpected argument '%1'");
    bool endOfOptionsMarker = false;
};

class Arguments
{
public:
    bool has(const QString &key) const { return m_values.contains(key); }
    QString value(const QString &key) const; // the last value given, or empty
    QString value(const QString &key, const QString &fallback) const;
    QStringList values(const QString &key) const { return m_values.value(key); }
    const QStringList &positional() const { return m_positional; }
    QString first() const { return m_positional.value(0); } // MANIFEST, or empty

private:
    friend tl::expected<Arguments, QString> parseArguments(const Syntax &, const QStringList &);
    QHash<QString, QStringList> m_values;
    QStringList m_positional;
};

// Reads args by syntax. The error is the first problem in argument order (unknown option,
// "needs a value", "given twice", a rejected value, an extra argument), else the first missing
// positional or required option, worded for usageError().
[[nodiscard]] tl::expected<Arguments, QString> parseArguments(const Syntax &syntax,
                                                              const QStringList &args);

// Failure reports. Errors from Core::Db arrive with their secrets already redacted (redacting
// again would eat the text after a masked password), so they are printed as they are.

// "metatable NAME: message" on stderr, and {"error": {"message"}} on stdout with --json
// (hash, contract-hash). Returns ExitFindings.
int failWithMessage(const QString &command, const Core::Error &error, bool json);

// With --json, `doc` plus "error": {"message", "detail"}, indented, on stdout; otherwise
// "metatable NAME: message\n  detail" on stderr. Returns ExitFindings for a refusal by a safety
// rule (ErrorCode::Refused), ExitError for anything else.
int reportError(const QString &command,
                const Core::Error &error,
                bool json = false,
                Core::Json doc = Core::Json::object());

// A manifest read from its file and the database it is compared with.
struct Target
{
    Core::ManifestDocument document;
    std::unique_ptr<Core::Db::Session> session;

    const Core::ProviderManifest &manifest() const { return document.manifest; }
};

// Reads MANIFEST, then connects to CONNINFO: the first steps of diff, revision, upgrade, status.
[[nodiscard]] Core::Result<Target> openTarget(const QString &manifestPath, const QString &conninfo);

// A manifest, the database as introspected for it, and the plan that makes the database match.
struct Comparison
{
    Target target;
    Core::Db::DbSnapshot snapshot;
    Core::Migrate::Plan plan;

    // The Alembic revision header of the plan: its id, the revision it follows, now, and the
    // provider's package and migration namespace.
    Core::Migrate::AlembicRevisionInfo revisionInfo() const;
};

// Ends a command that compared a large manifest: closes the connection and leaves the
// documents to the end of the process, which takes their memory back at once. Freeing their
// hundreds of thousands of small allocations one by one took a fifth of a whole diff.
void releaseAtExit(Comparison &&comparison);

// openTarget(), then introspects the provider's schema, the schemas of its storage classes and
// external tables and its Alembic version table, and diffs the manifest against that (diff,
// revision).
[[nodiscard]] Core::Result<Comparison>
compareWithDatabase(const QString &manifestPath, const QString &conninfo, bool allowDestructive);

} // namespace Cli
