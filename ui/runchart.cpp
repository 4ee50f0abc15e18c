// SPDX-License-Identifier: MIT
#include "runchart.h"

#include <QLineSeries>
#include <QValueAxis>

namespace Gui {

RunChart::RunChart(QWidget *parent)
    : QChartView(parent)
    , m_rate(new QLineSeries)
    , m_rejects(new QLineSeries)
    , m_time(new QValueAxis)
    , m_rateAxis(new QValueAxis)
    , m_rejectAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("runChart"));
    auto *chart = new QChart;
    chart->setTheme(palette().window().color().lightness() < 128 ? QChart::ChartThemeDark
                                                                 : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette().base());
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_rate->setName(tr("rows/s"));
    m_rejects->setName(tr("rejected %"));
    chart->addSeries(m_rate);
    chart->addSeries(m_rejects);
    m_time->setTitleText(tr("seconds"));
    m_time->setLabelFormat(QStringLiteral("%.0f"));
    m_rateAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_rejectAxis->setRange(0, 100);
    m_rejectAxis->setLabelFormat(QStringLiteral("%.0f%%"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_rateAxis, Qt::AlignLeft);
    chart->addAxis(m_rejectAxis, Qt::AlignRight);
    m_rate->attachAxis(m_time);
    m_rate->attachAxis(m_rateAxis);
    m_rejects->attachAxis(m_time);
    m_rejects->attachAxis(m_rejectAxis);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    // The chart's own fonts are large for a panel: the platform's small font keeps the axes
    // readable in the space a run panel has.
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    for (QValueAxis *axis : {m_time, m_rateAxis, m_rejectAxis}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
    }
    chart->legend()->setFont(small);
    clear();
}

void RunChart::clear()
{
    m_rate->clear();
    m_rejects->clear();
    m_maxRate = 0;
    m_time->setRange(0, 10);
    m_rateAxis->setRange(0, 1);
}

int RunChart::pointCount() const
{
    return int(m_rate->count());
}

void RunChart::setSamples(const QList<Core::RunSample> &samples)
{
    for (qsizetype i = m_rate->count(); i < samples.size(); ++i) {
        const Core::RunSample &s = samples.at(i);
        m_rate->append(s.seconds, s.rowsPerSecond);
        m_rejects->append(s.seconds, s.rejectPercent);
        m_maxRate = std::max(m_maxRate, s.rowsPerSecond);
    }
    if (!samples.isEmpty()) {
        m_time->setRange(0, std::max(10.0, samples.last().seconds));
        m_rateAxis->setRange(0, std::max(1.0, m_maxRate * 1.1));
    }
}

} // namespace Gui
