// SPDX-License-Identifier: MIT
#pragma once

#include <core/workspace/noderuns.h>

#include <QChartView>

class QLineSeries;
class QValueAxis;

namespace Gui {

// A run's throughput (rows read per second) and reject rate (% of the rows read) over time.
class RunChart : public QChartView
{
    Q_OBJECT

public:
    explicit RunChart(QWidget *parent = nullptr);

    // Shows `samples`, appending what is new since the last call (a run's samples only grow).
    void setSamples(const QList<Core::RunSample> &samples);
    void clear();
    int pointCount() const;

private:
    QLineSeries *m_rate;
    QLineSeries *m_rejects;
    QValueAxis *m_time;
    QValueAxis *m_rateAxis;
    QValueAxis *m_rejectAxis;
    double m_maxRate = 0;
};

} // namespace Gui
