// SPDX-License-Identifier: MIT
#include "parsercompare.h"

#include <core/run/columnmap.h>
#include <core/run/rowparser.h>
#include <core/run/rowview.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <string_view>

#include <simdjson.h>

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Keeps the compiler from dropping the work: every side folds what it read into this.
struct Checksum
{
    std::size_t bytes = 0;
    long long columns = 0;
    void add(int column, std::string_view text)
    {
        columns += column;
        bytes += text.size();
    }
};

volatile std::size_t g_checksum = 0;

// The row count, after publishing the checksum where the optimizer cannot see it unused.
long long keep(long long rows, const Checksum &sum)
{
    g_checksum = sum.bytes + static_cast<std::size_t>(sum.columns);
    return rows;
}

class CountingSink : public Core::Run::RowSink
{
public:
    Checksum sum;
    long long rows = 0;
    void row(const Core::Run::RowView &row) override
    {
        ++rows;
        for (const auto &f : row.fields)
            sum.add(f.column, f.text);
    }
    void malformed(std::int64_t, std::string_view, std::string_view) override {}
};

// Each line as its own JSON document, as nlohmann would be used on a stream; numbers must be
// turned back into text for COPY.
ParserFigure nlohmannSide(std::string_view data, const std::vector<std::string> &columns)
{
    Core::Run::ColumnMap map(columns);
    Checksum sum;
    long long rows = 0;
    char number[32];
    const auto start = Clock::now();
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::size_t nl = data.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = data.size();
        const auto doc = nlohmann::json::parse(data.substr(pos, nl - pos), nullptr, false);
        pos = nl + 1;
        if (!doc.is_object())
            continue;
        ++rows;
        std::size_t i = 0;
        for (const auto &[key, value] : doc.items()) {
            const int column = map.column(key, i++);
            if (value.is_string()) {
                sum.add(column, value.get_ref<const std::string &>());
            } else if (value.is_number_float()) {
                const auto r = std::to_chars(number, number + sizeof number, value.get<double>());
                sum.add(column, std::string_view(number, std::size_t(r.ptr - number)));
            } else {
                sum.add(column, {});
            }
        }
    }
    return {QStringLiteral("nlohmann::json 3.11, DOM per line"), keep(rows, sum), since(start)};
}

void visitSimdjsonObject(simdjson::ondemand::object object,
                         Core::Run::ColumnMap &map,
                         Checksum &sum)
{
    std::size_t i = 0;
    for (auto field : object) {
        const std::string_view key = field.unescaped_key().value();
        const int column = map.column(key, i++);
        auto value = field.value();
        if (value.type() == simdjson::ondemand::json_type::string)
            sum.add(column, value.get_string().value());
        else
            sum.add(column, value.raw_json_token());
    }
}

// The whole buffer at once with iterate_many: simdjson's best case, which a stream read in
// chunks only gets by copying every chunk into a padded buffer first (not counted here).
ParserFigure simdjsonManySide(const simdjson::padded_string &data,
                              const std::vector<std::string> &columns)
{
    Core::Run::ColumnMap map(columns);
    Checksum sum;
    long long rows = 0;
    simdjson::ondemand::parser parser;
    const auto start = Clock::now();
    simdjson::ondemand::document_stream docs;
    if (parser.iterate_many(data, 1 << 20).get(docs))
        return {QStringLiteral("simdjson 3.0.1 ondemand iterate_many (failed)"), 0, 0};
    for (auto doc : docs) {
        simdjson::ondemand::object object;
        if (doc.get_object().get(object))
            continue;
        ++rows;
        visitSimdjsonObject(object, map, sum);
    }
    return {QStringLiteral("simdjson 3.0.1 ondemand, iterate_many on the whole buffer"),
            keep(rows, sum),
            since(start)};
}

// Line by line, each copied into a padded buffer: how simdjson fits a chunked stream.
ParserFigure simdjsonLineSide(std::string_view data, const std::vector<std::string> &columns)
{
    Core::Run::ColumnMap map(columns);
    Checksum sum;
    long long rows = 0;
    simdjson::ondemand::parser parser;
    std::string line;
    const auto start = Clock::now();
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::size_t nl = data.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = data.size();
        line.assign(data.substr(pos, nl - pos));
        const std::size_t length = line.size();
        line.resize(length + simdjson::SIMDJSON_PADDING);
        pos = nl + 1;
        simdjson::ondemand::document doc;
        if (parser.iterate(line.data(), length, line.size()).get(doc))
            continue;
        simdjson::ondemand::object object;
        if (doc.get_object().get(object))
            continue;
        ++rows;
        visitSimdjsonObject(object, map, sum);
    }
    return {QStringLiteral("simdjson 3.0.1 ondemand, iterate per line (padded copy)"),
            keep(rows, sum),
            since(start)};
}

ParserFigure scannerSide(std::string_view data, const std::vector<std::string> &columns)
{
    CountingSink sink;
    auto parser = Core::Run::makeRowParser(Core::Run::RowFormat::Ndjson, columns, sink);
    const auto start = Clock::now();
    for (std::size_t pos = 0; pos < data.size(); pos += 65536)
        parser->feed(data.substr(pos, 65536));
    parser->finish();
    return {QStringLiteral("hand-written flat-object scanner (core/run), 64 KiB chunks"),
            keep(sink.rows, sink.sum),
            since(start)};
}

} // namespace

std::vector<ParserFigure> compareNdjsonParsers(const QByteArray &ndjson,
                                               const std::vector<std::string> &columns)
{
    const std::string_view data(ndjson.constData(), std::size_t(ndjson.size()));
    const simdjson::padded_string padded(data);
    return {nlohmannSide(data, columns),
            simdjsonLineSide(data, columns),
            simdjsonManySide(padded, columns),
            scannerSide(data, columns)};
}
