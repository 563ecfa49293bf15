#include "ui/widgets/MemoryMapWidget.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

namespace otadesk::ui {

using firmware::AddressRange;

namespace {
constexpr int kAxisHeight = 22;
constexpr int kLaneHeight = 30;
constexpr int kLaneGap = 8;
constexpr int kLabelWidth = 130;
constexpr int kMargin = 8;
constexpr int kCrossStrip = 12; // between two lanes: where both entries occupy memory
constexpr int kLegendHeight = 20;

const QColor kSegment(0x3b, 0x6e, 0xa5);
const QColor kSegment2(0x2f, 0x9e, 0x5a);
const QColor kOverlap(0xe0, 0x8a, 0x00);
const QColor kCross(0xd0, 0x3a, 0x2f);

QString sizeText(quint64 bytes)
{
    return QCoreApplication::translate("otadesk::ui::MemoryMapWidget", "%1 (%2 bytes)")
        .arg(QLocale().formattedDataSize(qint64(bytes)), QLocale().toString(qulonglong(bytes)));
}

QList<AddressRange> intersect(const QList<AddressRange> &a, const QList<AddressRange> &b)
{
    QList<AddressRange> out;
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const quint64 start = qMax(a[i].start, b[j].start);
        const quint64 end = qMin(a[i].end, b[j].end);
        if (start < end)
            out.append({start, end});
        if (a[i].end < b[j].end)
            ++i;
        else
            ++j;
    }
    return out;
}
} // namespace

MemoryMapWidget::MemoryMapWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("memoryMap"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(QString()); // tooltips come from event()
}

void MemoryMapWidget::setLanes(const QList<MemoryLane> &lanes)
{
    m_lanes = lanes;
    m_cross.clear();
    if (m_lanes.size() == 2)
        m_cross = intersect(m_lanes[0].segments, m_lanes[1].segments);
    m_full = {};
    bool first = true;
    for (const MemoryLane &lane : m_lanes) {
        if (lane.segments.isEmpty())
            continue;
        const quint64 start = lane.segments.first().start;
        const quint64 end = lane.segments.last().end;
        m_full.start = first ? start : qMin(m_full.start, start);
        m_full.end = first ? end : qMax(m_full.end, end);
        first = false;
    }
    resetZoom();
    updateGeometry();
}

int MemoryMapWidget::segmentCount(int lane) const
{
    return lane >= 0 && lane < m_lanes.size() ? int(m_lanes[lane].segments.size()) : 0;
}

AddressRange MemoryMapWidget::visibleRange() const
{
    return {quint64(std::floor(m_viewStart)), quint64(std::ceil(m_viewEnd))};
}

void MemoryMapWidget::resetZoom()
{
    m_viewStart = double(m_full.start);
    m_viewEnd = double(m_full.end);
    if (m_viewEnd <= m_viewStart)
        m_viewEnd = m_viewStart + 1;
    update();
}

void MemoryMapWidget::zoom(double factor, double anchorFraction)
{
    if (m_full.isEmpty())
        return;
    const double span = m_viewEnd - m_viewStart;
    const double anchor = m_viewStart + span * anchorFraction;
    double newSpan = qBound(16.0, span / factor, double(m_full.size()));
    double start = anchor - newSpan * anchorFraction;
    start = qBound(double(m_full.start), start, double(m_full.end) - newSpan);
    m_viewStart = start;
    m_viewEnd = start + newSpan;
    update();
}

bool MemoryMapWidget::hasLegend() const
{
    if (m_lanes.size() == 2)
        return true;
    for (const MemoryLane &lane : m_lanes)
        if (!lane.overlaps.isEmpty())
            return true;
    return false;
}

QSize MemoryMapWidget::sizeHint() const
{
    const int lanes = int(qMax<qsizetype>(1, m_lanes.size()));
    return {600, kAxisHeight + lanes * (kLaneHeight + kLaneGap) + (lanes == 2 ? kCrossStrip : 0) +
                     (hasLegend() ? kLegendHeight : 0) + kMargin};
}

QSize MemoryMapWidget::minimumSizeHint() const { return {200, sizeHint().height()}; }

QRectF MemoryMapWidget::plotRect() const
{
    return QRectF(kLabelWidth, kAxisHeight, qMax(10, width() - kLabelWidth - kMargin),
                  height() - kAxisHeight - kMargin / 2 - (hasLegend() ? kLegendHeight : 0));
}

QRectF MemoryMapWidget::laneRect(int lane) const
{
    const QRectF plot = plotRect();
    const int strip = m_lanes.size() == 2 ? kCrossStrip : 0;
    return QRectF(plot.left(), plot.top() + lane * (kLaneHeight + kLaneGap + strip) + kLaneGap / 2, plot.width(),
                  kLaneHeight);
}

QRectF MemoryMapWidget::crossStripRect() const
{
    if (m_lanes.size() != 2)
        return {};
    const QRectF top = laneRect(0);
    return QRectF(top.left(), top.bottom() + kLaneGap / 2, top.width(), kCrossStrip);
}

double MemoryMapWidget::xOf(quint64 address) const
{
    const QRectF plot = plotRect();
    return plot.left() + (double(address) - m_viewStart) / (m_viewEnd - m_viewStart) * plot.width();
}

std::optional<quint64> MemoryMapWidget::addressAt(double x) const
{
    const QRectF plot = plotRect();
    if (m_full.isEmpty() || x < plot.left() || x > plot.right())
        return std::nullopt;
    return quint64(m_viewStart + (x - plot.left()) / plot.width() * (m_viewEnd - m_viewStart));
}

void MemoryMapWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (m_lanes.isEmpty() || m_full.isEmpty()) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
        p.drawText(rect(), Qt::AlignCenter, tr("Select a firmware entry to see its memory map (two to compare)"));
        return;
    }
    paintAxis(p);
    for (int lane = 0; lane < m_lanes.size(); ++lane)
        paintLane(p, lane);
    paintCross(p);
    if (hasLegend())
        paintLegend(p);
}

// Ranges both entries occupy: a red bar in the strip between the lanes, with dashed edges across both lanes,
// so the lanes keep their own colours and the shared part is still obvious.
void MemoryMapWidget::paintCross(QPainter &p) const
{
    if (m_lanes.size() != 2)
        return;
    const QRectF strip = crossStripRect();
    const QRectF top = laneRect(0);
    const QRectF bottom = laneRect(1);
    p.setPen(kCross);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    p.setFont(small);
    p.drawText(QRectF(kMargin, strip.top() - 2, kLabelWidth - 2 * kMargin, strip.height() + 4),
               Qt::AlignVCenter | Qt::AlignLeft, m_cross.isEmpty() ? tr("no overlap") : tr("overlap"));
    p.setFont(font());
    p.save();
    p.setClipRect(QRectF(QPointF(top.left() - 1, top.top() - 1), QPointF(top.right() + 1, bottom.bottom() + 1)));
    for (const AddressRange &r : m_cross) {
        const double x0 = xOf(r.start);
        const double x1 = qMax(xOf(r.end), x0 + 2);
        if (x1 < top.left() || x0 > top.right())
            continue;
        const QRectF bar(QPointF(x0, strip.top() + 2), QPointF(x1, strip.bottom() - 2));
        p.fillRect(bar, kCross);
        p.setPen(QPen(kCross, 1.2, Qt::DashLine));
        p.drawLine(QPointF(x0, top.top()), QPointF(x0, bottom.bottom()));
        p.drawLine(QPointF(x1, top.top()), QPointF(x1, bottom.bottom()));
    }
    p.restore();
}

void MemoryMapWidget::paintLegend(QPainter &p) const
{
    const double y = height() - kMargin / 2.0 - kLegendHeight + 4;
    double x = kMargin;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    auto item = [&](const QColor &colour, const QString &text) {
        p.fillRect(QRectF(x, y + 2, 12, 10), colour);
        x += 16;
        p.setPen(palette().color(QPalette::Text));
        const QString shown = p.fontMetrics().elidedText(text, Qt::ElideMiddle, 260);
        p.drawText(QPointF(x, y + 11), shown);
        x += p.fontMetrics().horizontalAdvance(shown) + 14;
    };
    for (int lane = 0; lane < m_lanes.size(); ++lane)
        if (m_lanes.size() == 2)
            item(lane == 0 ? kSegment : kSegment2, m_lanes[lane].label);
    if (m_lanes.size() == 2) {
        quint64 shared = 0;
        for (const AddressRange &r : m_cross)
            shared += r.size();
        item(kCross, m_cross.isEmpty() ? tr("no shared addresses")
                                       : tr("both: %1 in %n range(s)", nullptr, int(m_cross.size()))
                                             .arg(QLocale().formattedDataSize(qint64(shared))));
    }
    int twice = 0;
    for (const MemoryLane &lane : m_lanes)
        twice += int(lane.overlaps.size());
    if (twice > 0)
        item(kOverlap, tr("written twice: %n range(s)", nullptr, twice));
    p.setFont(font());
}

void MemoryMapWidget::paintAxis(QPainter &p) const
{
    const QRectF plot = plotRect();
    const double span = m_viewEnd - m_viewStart;
    const double approxTicks = qMax(2.0, plot.width() / 140.0);
    const double step = std::pow(2.0, std::ceil(std::log2(qMax(1.0, span / approxTicks))));
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(QPointF(plot.left(), kAxisHeight - 1), QPointF(plot.right(), kAxisHeight - 1));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    for (double a = std::ceil(m_viewStart / step) * step; a <= m_viewEnd; a += step) {
        const double x = xOf(quint64(a));
        p.setPen(palette().color(QPalette::Mid));
        p.drawLine(QPointF(x, kAxisHeight - 5), QPointF(x, plot.bottom()));
        p.setPen(palette().color(QPalette::Text));
        const QString label = firmware::formatAddress(quint64(a));
        const int w = p.fontMetrics().horizontalAdvance(label);
        const double lx = qBound(plot.left(), x - w / 2.0, plot.right() - w);
        p.drawText(QPointF(lx, kAxisHeight - 7), label);
    }
    p.setFont(font());
}

void MemoryMapWidget::paintLane(QPainter &p, int laneIndex) const
{
    const MemoryLane &lane = m_lanes[laneIndex];
    const QRectF r = laneRect(laneIndex);
    p.setPen(palette().color(QPalette::Text));
    const QString label = p.fontMetrics().elidedText(lane.label, Qt::ElideMiddle, kLabelWidth - 2 * kMargin);
    p.drawText(QRectF(kMargin, r.top(), kLabelWidth - 2 * kMargin, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
               label);
    if (lane.segments.isEmpty())
        return;

    p.save();
    p.setClipRect(r.adjusted(-1, -1, 1, 1));
    // The lane's own extent, hatched: what stays visible between the blocks is a gap.
    const QRectF extent(QPointF(xOf(lane.segments.first().start), r.top() + 4),
                        QPointF(xOf(lane.segments.last().end), r.bottom() - 4));
    p.fillRect(extent, QBrush(palette().color(QPalette::Mid), Qt::BDiagPattern));
    p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
    p.drawRect(extent);

    const QColor colour = laneIndex == 0 ? kSegment : kSegment2;
    for (const AddressRange &s : lane.segments) {
        const double x0 = xOf(s.start);
        const double x1 = qMax(xOf(s.end), x0 + 2); // tiny segments stay visible
        if (x1 < r.left() || x0 > r.right())
            continue;
        const QRectF block(QPointF(x0, r.top()), QPointF(x1, r.bottom()));
        p.fillRect(block, colour);
        p.setPen(colour.darker(140));
        p.drawRect(block);
        if (block.width() > 90) {
            p.setPen(Qt::white);
            p.drawText(block.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       p.fontMetrics().elidedText(QLocale().formattedDataSize(qint64(s.size())), Qt::ElideRight,
                                                  int(block.width()) - 8));
        }
    }
    for (const AddressRange &o : lane.overlaps) {
        const double x0 = xOf(o.start);
        const double x1 = qMax(xOf(o.end), x0 + 3);
        p.fillRect(QRectF(QPointF(x0, r.top()), QPointF(x1, r.bottom())), QBrush(kOverlap, Qt::SolidPattern));
    }
    p.restore();
}

QString MemoryMapWidget::describeAt(const QPoint &pos) const
{
    const auto address = addressAt(pos.x());
    if (!address)
        return {};
    // Tolerance of a few pixels so thin blocks can be hovered.
    const double perPixel = (m_viewEnd - m_viewStart) / qMax(1.0, plotRect().width());
    const quint64 slack = quint64(perPixel * 2);
    auto hits = [&](const AddressRange &range) {
        return *address + slack >= range.start && *address < range.end + slack;
    };
    QStringList lines;
    const bool inCrossArea = m_lanes.size() == 2 &&
                             QRectF(QPointF(0, laneRect(0).top()), QPointF(width(), laneRect(1).bottom())).contains(pos);
    for (const AddressRange &c : m_cross)
        if (inCrossArea && hits(c))
            lines << tr("Both entries occupy %1 — %2").arg(firmware::formatRange(c), sizeText(c.size()));
    for (int lane = 0; lane < m_lanes.size(); ++lane) {
        if (!laneRect(lane).adjusted(0, -kLaneGap / 2, 0, kLaneGap / 2).contains(pos))
            continue;
        const MemoryLane &l = m_lanes[lane];
        for (const AddressRange &o : l.overlaps)
            if (hits(o))
                lines << tr("Written more than once: %1 — %2").arg(firmware::formatRange(o), sizeText(o.size()));
        for (qsizetype i = 0; i < l.segments.size(); ++i) {
            const AddressRange &s = l.segments[i];
            if (hits(s)) {
                lines << tr("Segment %1 of %2: %3 — %4")
                             .arg(i + 1)
                             .arg(l.segments.size())
                             .arg(firmware::formatRange(s), sizeText(s.size()));
                break;
            }
            if (i + 1 < l.segments.size() && *address >= s.end && *address < l.segments[i + 1].start) {
                const AddressRange gap{s.end, l.segments[i + 1].start};
                lines << tr("Gap: %1 — %2").arg(firmware::formatRange(gap), sizeText(gap.size()));
                break;
            }
        }
        if (!lines.isEmpty())
            lines.prepend(l.label);
    }
    if (!lines.isEmpty())
        lines << tr("Address %1").arg(firmware::formatAddress(*address));
    return lines.join(u'\n');
}

bool MemoryMapWidget::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const QString text = describeAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

void MemoryMapWidget::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || m_full.isEmpty()) {
        event->ignore();
        return;
    }
    const QRectF plot = plotRect();
    const double fraction = qBound(0.0, (event->position().x() - plot.left()) / plot.width(), 1.0);
    zoom(std::pow(1.25, delta / 120.0), fraction);
    event->accept();
}

void MemoryMapWidget::mouseDoubleClickEvent(QMouseEvent *) { resetZoom(); }

void MemoryMapWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        if (const auto address = addressAt(event->position().x()))
            Q_EMIT addressClicked(*address);
}

} // namespace otadesk::ui
