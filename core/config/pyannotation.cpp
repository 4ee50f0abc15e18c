// SPDX-License-Identifier: MIT
#include <core/config/configcoerce.h>

#include <QRegularExpression>

namespace Core::Config {

namespace {

// A small recursive-descent reader of Python type annotations, producing what pydantic v2's
// model_json_schema() writes for them.
class AnnotationReader
{
public:
    explicit AnnotationReader(QString text)
        : m_text(std::move(text))
    {}

    Result<Json> read()
    {
        auto schema = type();
        if (!schema)
            return schema;
        skipSpace();
        if (m_pos != m_text.size())
            return error(QStringLiteral("unexpected text"));
        return schema;
    }

private:
    QString m_text;
    qsizetype m_pos = 0;

    tl::unexpected<Error> error(const QString &what) const
    {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Python annotation \"%1\": %2 at character %3.")
                        .arg(m_text, what)
                        .arg(m_pos + 1));
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    bool take(QChar c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    QString name()
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()
               && (m_text.at(m_pos).isLetterOrNumber() || m_text.at(m_pos) == QLatin1Char('_')
                   || m_text.at(m_pos) == QLatin1Char('.')))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    Result<QList<Json>> arguments(bool *ellipsis)
    {
        QList<Json> args;
        if (!take(QLatin1Char('[')))
            return args;
        do {
            skipSpace();
            if (m_text.mid(m_pos, 3) == QLatin1String("...")) {
                m_pos += 3;
                if (ellipsis)
                    *ellipsis = true;
                continue;
            }
            auto arg = type();
            if (!arg)
                return fail(arg.error());
            args.append(*arg);
        } while (take(QLatin1Char(',')));
        if (!take(QLatin1Char(']')))
            return error(QStringLiteral("expected ']'"));
        return args;
    }

    static Json nullable(const Json &inner)
    {
        return Json{{"anyOf", Json::array({inner, Json{{"type", "null"}}})}};
    }

    Result<Json> type()
    {
        auto first = single();
        if (!first)
            return first;
        Json result = *first;
        QList<Json> members{result};
        while (take(QLatin1Char('|'))) {
            auto next = single();
            if (!next)
                return next;
            members.append(*next);
        }
        if (members.size() == 1)
            return result;
        return union_(members);
    }

    static Json union_(const QList<Json> &members)
    {
        Json anyOf = Json::array();
        Json nonNull = Json::array();
        bool hasNull = false;
        for (const Json &m : members) {
            if (m.value("type", Json()) == "null")
                hasNull = true;
            else
                nonNull.push_back(m);
        }
        if (hasNull && nonNull.size() == 1)
            return nullable(nonNull.at(0));
        for (const Json &m : nonNull)
            anyOf.push_back(m);
        if (hasNull)
            anyOf.push_back(Json{{"type", "null"}});
        return Json{{"anyOf", anyOf}};
    }

    Result<Json> single()
    {
        QString n = name();
        if (n.isEmpty())
            return error(QStringLiteral("expected a type name"));
        n = n.section(QLatin1Char('.'), -1); // typing.List, datetime.datetime, uuid.UUID
        bool ellipsis = false;
        auto args = arguments(&ellipsis);
        if (!args)
            return fail(args.error());
        const QString lower = n.toLower();
        if (n == QLatin1String("int"))
            return Json{{"type", "integer"}};
        if (n == QLatin1String("float"))
            return Json{{"type", "number"}};
        if (n == QLatin1String("bool"))
            return Json{{"type", "boolean"}};
        if (n == QLatin1String("str"))
            return Json{{"type", "string"}};
        if (n == QLatin1String("datetime"))
            return Json{{"type", "string"}, {"format", "date-time"}};
        if (n == QLatin1String("date"))
            return Json{{"type", "string"}, {"format", "date"}};
        if (n == QLatin1String("UUID"))
            return Json{{"type", "string"}, {"format", "uuid"}};
        if (n == QLatin1String("None") || n == QLatin1String("NoneType"))
            return Json{{"type", "null"}};
        if (n == QLatin1String("Any"))
            return Json::object();
        if (n == QLatin1String("Optional") && args->size() == 1)
            return nullable(args->at(0));
        if (n == QLatin1String("Union") && !args->isEmpty())
            return union_(*args);
        if ((lower == QLatin1String("list") || lower == QLatin1String("sequence"))
            && args->size() <= 1)
            return Json{{"type", "array"},
                        {"items", args->isEmpty() ? Json::object() : args->at(0)}};
        if ((lower == QLatin1String("set") || lower == QLatin1String("frozenset"))
            && args->size() <= 1)
            return Json{{"type", "array"},
                        {"uniqueItems", true},
                        {"items", args->isEmpty() ? Json::object() : args->at(0)}};
        if (lower == QLatin1String("tuple")) {
            if (ellipsis || args->isEmpty())
                return Json{{"type", "array"},
                            {"items", args->isEmpty() ? Json::object() : args->at(0)},
                            {"x-python-type", "tuple"}};
            Json prefix = Json::array();
            for (const Json &a : *args)
                prefix.push_back(a);
            return Json{{"type", "array"},
                        {"prefixItems", prefix},
                        {"minItems", args->size()},
                        {"maxItems", args->size()}};
        }
        if ((lower == QLatin1String("dict") || lower == QLatin1String("mapping"))
            && args->size() <= 2)
            return Json{{"type", "object"},
                        {"additionalProperties", args->size() == 2 ? args->at(1) : Json::object()}};
        return error(QStringLiteral("unsupported type '%1'").arg(n));
    }
};

} // namespace

Result<Json> schemaFromAnnotation(const QString &annotation)
{
    return AnnotationReader(annotation).read();
}

} // namespace Core::Config
