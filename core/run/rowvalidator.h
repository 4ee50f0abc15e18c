// SPDX-License-Identifier: MIT
#pragma once

#include "columncheck.h"
#include "grainset.h"
#include "rejectlog.h"
#include "rowview.h"
#include "valuecheck.h"

#include <core/contract/storageclass.h>
#include <core/util/result.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Core::Run {

struct ValidatorOptions
{
    int samplesPerRule = 50; // rejects kept per rule; every reject is counted
    int maxValueChars = 200; // a sample's value (and each grain key part) is cut to this
    NonFinitePolicy nonFinite = NonFinitePolicy::StoreNull;
};

// Where accepted rows go: one row in PostgreSQL COPY text format (copytext.h), its columns in
// RowValidator::columnNames() order, ending with "\n". A writer appends it to its COPY buffer
// as it is (`COPY table (columns) FROM STDIN`, PQputCopyData). The view is valid during the call.
class AcceptedRowSink
{
public:
    virtual ~AcceptedRowSink() = default;
    virtual void accepted(std::string_view copyLine, std::int64_t line) = 0;
};

// Checks each row of a stream against a storage class (provider-manifest.md, "Row stream").
// A row is rejected by the first rule it breaks, in this order: malformed line, unknown column
// (or a key given twice, a malformed line), missing or null index column, then per column in
// contract order a null in a non-nullable column, a naive timestamp, a non-UTC time index, a
// bad value or an over-long string, and last a duplicate index tuple. Rejected rows are
// counted per rule and the first ValidatorOptions::samplesPerRule of each are kept.
class RowValidator final : public RowSink
{
public:
    [[nodiscard]] static Result<RowValidator>
    create(const StorageClass &storageClass, AcceptedRowSink &sink, ValidatorOptions options = {});

    // The contract's columns: what the parser maps keys to, and the COPY column list.
    const std::vector<std::string> &columnNames() const { return m_names; }

    void row(const RowView &row) override;
    void malformed(std::int64_t line, std::string_view reason, std::string_view text) override;

    const RejectLog &rejects() const { return m_log; }
    std::int64_t rowsRead() const { return m_rowsRead; } // rows and malformed lines
    std::int64_t rowsAccepted() const { return m_rowsAccepted; }
    std::size_t grainSetBytes() const { return m_grains.memoryBytes(); }

private:
    RowValidator(std::vector<ColumnCheck> checks, AcceptedRowSink &sink, ValidatorOptions options);

    // Fills m_byColumn; false when the row was rejected (unknown column, key twice).
    bool mapFields(const RowView &row);
    bool checkColumns(const RowView &row);
    bool nullValue(const RowView &row, const ColumnCheck &c, const FieldView *f, bool wasNaN);
    bool checkGrain(const RowView &row);
    Hash128 grainHash();

    template <class Reason>
    void reject(RejectRule rule,
                const RowView *row,
                std::int64_t line,
                std::string_view column,
                std::string_view value,
                Reason &&reason);
    QString shown(std::string_view text) const;
    QString grainKey(const RowView &row) const;

    std::vector<ColumnCheck> m_checks;
    std::vector<std::string> m_names;
    std::vector<int> m_indexColumns; // contract column of each index_names entry, in order
    std::string m_indexLabel;        // "time_index, entity_identifier", the duplicate's column
    int m_lastIndexColumn = -1;      // the index column checked last (contract order)
    AcceptedRowSink *m_sink;
    ValidatorOptions m_options;
    ValueChecker m_checker;
    RejectLog m_log;
    GrainSet m_grains;

    // Per-row buffers, reused: the hot path allocates nothing once they have grown.
    std::vector<const FieldView *> m_byColumn;
    std::vector<std::string> m_grainParts;
    std::string m_grain;
    Hash128 m_grainHash;
    std::string m_copy;

    std::int64_t m_rowsRead = 0;
    std::int64_t m_rowsAccepted = 0;
};

} // namespace Core::Run
