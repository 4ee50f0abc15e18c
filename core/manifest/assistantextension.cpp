// SPDX-License-Identifier: MIT
// Reader of the exporter's "x-metatable-assistant" block, strict like the manifest reader: a
// value of the wrong shape is an error at its JSON pointer, never silently a default.
#include "assistantextension.h"

#include "jsonreader.h"

namespace Core {

using namespace ManifestDetail;

namespace {

const QString Root = QLatin1Char('/') + QString::fromLatin1(assistantExtensionKey);

template <class F>
void forEach(const Json &obj, const QString &pointer, const char *key, F &&f)
{
    const Json *list = optKey(obj, key);
    if (!list)
        return;
    const QString here = childPointer(pointer, key);
    requireArray(*list, here);
    for (std::size_t i = 0; i < list->size(); ++i)
        f((*list)[i], childPointer(here, qsizetype(i)));
}

int itemNumber(const Json &value, const QString &pointer)
{
    if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 15)
        failType(pointer, "an integer from 1 to 15", value);
    return value.get<int>();
}

std::optional<bool> optBool(const Json &obj, const QString &pointer, const char *key)
{
    const Json *v = optKey(obj, key);
    if (!v)
        return std::nullopt;
    if (!v->is_boolean())
        failType(childPointer(pointer, key), "a boolean or null", *v);
    return v->get<bool>();
}

ClassRef classRef(const Json &obj, const QString &pointer, const char *key)
{
    const QString here = childPointer(pointer, key);
    const Json &ref = requireObject(reqKey(obj, pointer, key, "an object"), here);
    return ClassRef{reqString(ref, here, "module"), reqString(ref, here, "qualname")};
}

// Python's repr of a JSON argument list, as the exporter's messages print arguments.
QString pythonArguments(const Json &args)
{
    QStringList parts;
    for (const Json &a : args) {
        if (a.is_string())
            parts << QLatin1Char('\'') + toQString(a) + QLatin1Char('\'');
        else if (a.is_boolean())
            parts << (a.get<bool>() ? QStringLiteral("True") : QStringLiteral("False"));
        else if (a.is_null())
            parts << QStringLiteral("None");
        else
            parts << QString::fromStdString(a.dump());
    }
    return parts.join(QStringLiteral(", "));
}

AssistantFinding readFinding(const Json &v, const QString &p)
{
    requireObject(v, p);
    AssistantFinding f;
    f.check = reqString(v, p, "check");
    f.item = itemNumber(reqKey(v, p, "item", "an integer"), childPointer(p, "item"));
    const QString sp = childPointer(p, "subject");
    const Json &subject = requireObject(reqKey(v, p, "subject", "an object"), sp);
    f.subject.kind = reqEnum(subject, sp, "kind", {"node", "storage_class", "factory", "module"});
    f.subject.module = reqString(subject, sp, "module");
    f.subject.qualname = stringOr(subject, sp, "qualname", QString());
    f.nodes = stringList(v, p, "nodes", false);
    f.file = optString(v, p, "file");
    if (const Json *line = optKey(v, "line")) {
        if (!line->is_number_integer() || line->get<long long>() < 1)
            failType(childPointer(p, "line"), "a positive integer or null", *line);
        f.line = line->get<int>();
    }
    f.message = reqString(v, p, "message");
    f.fix = stringOr(v, p, "fix", QString());
    return f;
}

AssistantNode readNode(const Json &v, const QString &p)
{
    requireObject(v, p);
    AssistantNode n;
    n.classRef = classRef(v, p, "class");
    n.modules = stringList(v, p, "modules", false);
    forEach(v, p, "checked_items", [&](const Json &item, const QString &at) {
        n.checkedItems << itemNumber(item, at);
    });
    n.storageTables = stringList(v, p, "storage_tables", false);
    n.factories = stringList(v, p, "factories", false);
    if (const Json *c = optKey(v, "constructor")) {
        const QString cp = childPointer(p, "constructor");
        requireObject(*c, cp);
        n.constructorTakesConfig = optBool(*c, cp, "config");
        n.constructorStorageTable
            = optEnum(*c, cp, "storage_table", {"parameter", "passed", "missing"})
                  .value_or(QString());
    }
    if (const Json *t = optKey(v, "tests")) {
        const QString tp = childPointer(p, "tests");
        requireObject(*t, tp);
        n.contractTests = stringList(*t, tp, "contract", false);
        n.importSmokeTests = stringList(*t, tp, "import_smoke", false);
    }
    return n;
}

AssistantFactory readFactory(const Json &v, const QString &p)
{
    requireObject(v, p);
    AssistantFactory f;
    f.function = classRef(v, p, "function");
    f.memoised = optBool(v, p, "memoised");
    forEach(v, p, "calls", [&](const Json &c, const QString &at) {
        requireObject(c, at);
        AssistantFactoryCall call;
        const Json &args = reqKey(c, at, "args", "an array");
        requireArray(args, childPointer(at, "args"));
        call.arguments = pythonArguments(args);
        call.sameClass = optBool(c, at, "same_class");
        call.result = optString(c, at, "result").value_or(QString());
        call.error = optString(c, at, "error").value_or(QString());
        f.calls << call;
    });
    f.nodes = stringList(v, p, "nodes", false);
    return f;
}

} // namespace

QString AssistantFinding::location() const
{
    if (!file)
        return {};
    return line ? *file + QLatin1Char(':') + QString::number(*line) : *file;
}

const AssistantNode *AssistantExtension::node(const QString &nodePath) const
{
    for (const AssistantNode &n : nodes) {
        if (n.classRef.path() == nodePath)
            return &n;
    }
    return nullptr;
}

const AssistantFactory *AssistantExtension::factory(const QString &functionPath) const
{
    for (const AssistantFactory &f : factories) {
        if (f.function.path() == functionPath)
            return &f;
    }
    return nullptr;
}

Result<std::optional<AssistantExtension>> readAssistantExtension(const Json &raw)
{
    if (!raw.is_object() || !raw.contains(assistantExtensionKey))
        return std::optional<AssistantExtension>();
    try {
        const Json &v = requireObject(raw[assistantExtensionKey], Root);
        AssistantExtension ext;
        const Json &version = reqKey(v, Root, "version", "an integer");
        if (!version.is_number_integer() || version.get<long long>() != assistantExtensionVersion)
            failType(childPointer(Root, "version"), "the integer 1", version);
        forEach(v, Root, "nodes", [&](const Json &n, const QString &at) {
            ext.nodes << readNode(n, at);
        });
        forEach(v, Root, "factories", [&](const Json &f, const QString &at) {
            ext.factories << readFactory(f, at);
        });
        forEach(v, Root, "findings", [&](const Json &f, const QString &at) {
            ext.findings << readFinding(f, at);
        });
        return std::optional<AssistantExtension>(std::move(ext));
    } catch (const ReadError &e) {
        return fail(ErrorCode::InvalidInput, e.pointer + QStringLiteral(": ") + e.message);
    } catch (const Json::exception &e) {
        return fail(ErrorCode::InvalidInput,
                    Root + QStringLiteral(": ") + QString::fromUtf8(e.what()));
    }
}

} // namespace Core
