// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

// NDJSON parsers side by side on the same rows, each doing the work the row path needs: every
// key mapped to a column, every value available as text (unescaped strings, number text).
struct ParserFigure
{
    QString name;
    long long rows = 0;
    double seconds = 0;
};

std::vector<ParserFigure> compareNdjsonParsers(const QByteArray &ndjson,
                                               const std::vector<std::string> &columns);
