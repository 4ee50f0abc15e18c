// SPDX-License-Identifier: MIT
#include "rowvalidator.h"

#include "copytext.h"
#include "valueparse.h"

#include <algorithm>
#include <cstring>

namespace Core::Run {

namespace {

// What a reject shows as the value.
std::string_view valueText(const FieldView *f)
{
    if (!f)
        return {};
    if (f->kind == ValueKind::Null)
        return "null";
    return f->kind == ValueKind::Json ? f->raw : f->text;
}

} // namespace

Result<RowValidator> RowValidator::create(const StorageClass &storageClass,
                                          AcceptedRowSink &sink,
                                          ValidatorOptions options)
{
    auto checks = compileColumnChecks(storageClass);
    if (!checks)
        return tl::unexpected(checks.error());
    RowValidator v(std::move(*checks), sink, options);
    // The time index is part of the grain even where index_names leaves it out.
    const Registration &reg = storageClass.registration;
    QStringList index = reg.indexNames;
    if (!reg.timeIndexName.isEmpty() && !index.contains(reg.timeIndexName))
        index.prepend(reg.timeIndexName);
    for (const QString &name : index) {
        const auto it = std::find(v.m_names.begin(), v.m_names.end(), name.toStdString());
        const int column = static_cast<int>(it - v.m_names.begin());
        v.m_indexColumns.push_back(column);
        v.m_checks[static_cast<std::size_t>(column)].indexPosition
            = static_cast<int>(v.m_indexColumns.size() - 1);
    }
    v.m_grainParts.resize(v.m_indexColumns.size());
    v.m_indexLabel = index.join(QLatin1String(", ")).toStdString();
    v.m_lastIndexColumn = v.m_indexColumns.empty()
                              ? -1
                              : *std::max_element(v.m_indexColumns.begin(), v.m_indexColumns.end());
    return v;
}

RowValidator::RowValidator(std::vector<ColumnCheck> checks,
                           AcceptedRowSink &sink,
                           ValidatorOptions options)
    : m_checks(std::move(checks))
    , m_sink(&sink)
    , m_options(options)
    , m_checker(options.nonFinite)
    , m_log(options.samplesPerRule)
{
    for (ColumnCheck &c : m_checks) {
        c.indexPosition = -1; // set from the effective index by create()
        m_names.push_back(c.name);
    }
    m_byColumn.resize(m_checks.size());
}

QString RowValidator::shown(std::string_view text) const
{
    const std::string_view cut
        = utf8Prefix(text, static_cast<std::size_t>(m_options.maxValueChars));
    QString s = QString::fromUtf8(cut.data(), static_cast<qsizetype>(cut.size()));
    if (cut.size() < text.size())
        s += QStringLiteral("…");
    return s;
}

QString RowValidator::grainKey(const RowView &row) const
{
    QStringList parts;
    for (const int column : m_indexColumns) {
        const auto it = std::find_if(row.fields.begin(), row.fields.end(), [&](const FieldView &f) {
            return f.column == column;
        });
        const QString name = QString::fromStdString(m_names[static_cast<std::size_t>(column)]);
        parts << name + QLatin1Char('=')
                     + (it == row.fields.end() ? QStringLiteral("(absent)")
                                               : shown(valueText(&*it)));
    }
    return parts.join(QLatin1String(", "));
}

template <class Reason>
void RowValidator::reject(RejectRule rule,
                          const RowView *row,
                          std::int64_t line,
                          std::string_view column,
                          std::string_view value,
                          Reason &&reason)
{
    if (!m_log.count(rule))
        return; // counted; the samples of this rule are full
    RejectSample s;
    s.line = line;
    s.column = QString::fromUtf8(column.data(), static_cast<qsizetype>(column.size()));
    s.value = shown(value);
    s.reason = reason();
    if (row)
        s.grainKey = grainKey(*row);
    m_log.keep(rule, std::move(s));
}

void RowValidator::malformed(std::int64_t line, std::string_view reason, std::string_view text)
{
    ++m_rowsRead;
    reject(RejectRule::MalformedLine, nullptr, line, {}, text, [&] {
        return QString::fromUtf8(reason.data(), static_cast<qsizetype>(reason.size()));
    });
}

bool RowValidator::mapFields(const RowView &row)
{
    std::fill(m_byColumn.begin(), m_byColumn.end(), nullptr);
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
        const FieldView &f = row.fields[i];
        if (f.column < 0) {
            const std::string position = "field " + std::to_string(i + 1);
            const std::string_view name = f.key.empty() ? std::string_view(position) : f.key;
            reject(RejectRule::UnknownColumn, &row, row.line, name, valueText(&f), [&] {
                return f.key.empty()
                           ? QStringLiteral("field %1 lies past the header's %2 columns; it has "
                                            "no column in the storage contract")
                                 .arg(i + 1)
                                 .arg(std::count_if(
                                     row.fields.begin(),
                                     row.fields.end(),
                                     [](const FieldView &g) { return !g.key.empty(); }))
                           : QStringLiteral("\"%1\" is not a column of the storage contract")
                                 .arg(QString::fromUtf8(f.key.data(),
                                                        static_cast<qsizetype>(f.key.size())));
            });
            return false;
        }
        const FieldView *&slot = m_byColumn[static_cast<std::size_t>(f.column)];
        if (slot) {
            reject(RejectRule::MalformedLine, &row, row.line, f.key, valueText(&f), [] {
                return QStringLiteral("the key appears twice in the row");
            });
            return false;
        }
        slot = &f;
    }
    return true;
}

bool RowValidator::nullValue(const RowView &row,
                             const ColumnCheck &c,
                             const FieldView *f,
                             bool wasNaN)
{
    const char *what = !f ? "absent" : wasNaN ? "NaN/Infinity, stored as NULL," : "null";
    if (c.indexPosition >= 0) {
        reject(RejectRule::MissingIndexColumn, &row, row.line, c.name, valueText(f), [&] {
            return QStringLiteral("index column %1 is %2; every index_names column needs a value")
                .arg(QString::fromStdString(c.name), QLatin1String(what));
        });
        return false;
    }
    if (!c.nullable) {
        reject(RejectRule::NullInNonNullable, &row, row.line, c.name, valueText(f), [&] {
            return QStringLiteral("column %1 is %2 but not nullable")
                .arg(QString::fromStdString(c.name), QLatin1String(what));
        });
        return false;
    }
    m_copy.append(copyNull);
    return true;
}

bool RowValidator::checkColumns(const RowView &row)
{
    // Index columns first: a row without its grain is refused for that before anything else.
    for (const int column : m_indexColumns) {
        const FieldView *f = m_byColumn[static_cast<std::size_t>(column)];
        if (!f || f->kind == ValueKind::Null)
            return nullValue(row, m_checks[static_cast<std::size_t>(column)], f, false);
    }
    m_copy.clear();
    for (std::size_t i = 0; i < m_checks.size(); ++i) {
        const ColumnCheck &c = m_checks[i];
        if (i > 0)
            m_copy.push_back('\t');
        const FieldView *f = m_byColumn[i];
        if (!f || f->kind == ValueKind::Null) {
            if (!nullValue(row, c, f, false))
                return false;
            continue;
        }
        std::string *grain = nullptr;
        if (c.indexPosition >= 0) {
            grain = &m_grainParts[static_cast<std::size_t>(c.indexPosition)];
            grain->clear();
        }
        const CheckOutcome outcome = m_checker.check(c, *f, m_copy, grain);
        if (outcome.status == CheckOutcome::Status::Null) {
            if (!nullValue(row, c, f, true))
                return false;
        } else if (outcome.status == CheckOutcome::Status::Rejected) {
            reject(ruleFor(outcome.problem), &row, row.line, c.name, valueText(f), [&] {
                return describe(outcome.problem, c, *f);
            });
            return false;
        }
        if (static_cast<int>(i) == m_lastIndexColumn) {
            // The grain is complete: hash it now and let the table's memory load while the
            // remaining columns are checked.
            m_grainHash = grainHash();
            m_grains.prefetch(m_grainHash);
        }
    }
    m_copy.push_back('\n');
    return true;
}

Hash128 RowValidator::grainHash()
{
    // Length-prefixed parts, so ("ab", "c") and ("a", "bc") differ.
    m_grain.clear();
    for (const std::string &part : m_grainParts) {
        const auto length = static_cast<std::uint32_t>(part.size());
        m_grain.append(reinterpret_cast<const char *>(&length), sizeof length);
        m_grain.append(part);
    }
    return murmur3x64_128(m_grain);
}

bool RowValidator::checkGrain(const RowView &row)
{
    if (m_indexColumns.empty())
        return true;
    if (m_grains.insert(m_grainHash))
        return true;
    reject(RejectRule::DuplicateIndex, &row, row.line, m_indexLabel, {}, [] {
        return QStringLiteral("an earlier row of this run has the same index tuple");
    });
    return false;
}

void RowValidator::row(const RowView &row)
{
    ++m_rowsRead;
    if (!mapFields(row) || !checkColumns(row) || !checkGrain(row))
        return;
    ++m_rowsAccepted;
    m_sink->accepted(m_copy, row.line);
}

} // namespace Core::Run
