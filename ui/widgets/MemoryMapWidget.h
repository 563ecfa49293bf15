#pragma once
// A painted memory map: an address axis over the extent, segments as blocks, gaps hatched, ranges a file wrote
// twice in a warning colour. With two lanes (two selected entries) the ranges both occupy are marked in a
// strip between the lanes with dashed edges across both, and a legend names the lanes and the shared size. Wheel zooms around the mouse, double-click resets; hover shows ranges and sizes.
#include "core/firmware/MemoryImage.h"

#include <QWidget>

namespace otadesk::ui {

struct MemoryLane
{
    QString label;
    QList<firmware::AddressRange> segments; // sorted
    QList<firmware::AddressRange> overlaps; // written more than once inside this lane
};

class MemoryMapWidget : public QWidget
{
    Q_OBJECT
public:
    explicit MemoryMapWidget(QWidget *parent = nullptr);

    void setLanes(const QList<MemoryLane> &lanes);
    void clear() { setLanes({}); }
    const QList<MemoryLane> &lanes() const { return m_lanes; }
    int segmentCount(int lane = 0) const;
    // Ranges present in both lanes (two lanes only).
    const QList<firmware::AddressRange> &crossOverlaps() const { return m_cross; }

    firmware::AddressRange fullRange() const { return m_full; }
    firmware::AddressRange visibleRange() const;
    void zoom(double factor, double anchorFraction = 0.5);
    void resetZoom();
    // Text of the tooltip at a widget position (empty if nothing there).
    QString describeAt(const QPoint &pos) const;

    // A legend under the lanes (two lanes, or ranges written twice).
    bool hasLegend() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void addressClicked(quint64 address);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotRect() const;
    QRectF laneRect(int lane) const;
    double xOf(quint64 address) const;
    std::optional<quint64> addressAt(double x) const;
    void paintAxis(class QPainter &p) const;
    void paintLane(class QPainter &p, int lane) const;
    void paintCross(class QPainter &p) const;
    void paintLegend(class QPainter &p) const;
    QRectF crossStripRect() const;

    QList<MemoryLane> m_lanes;
    QList<firmware::AddressRange> m_cross;
    firmware::AddressRange m_full;
    double m_viewStart = 0; // visible range as doubles (addresses may exceed 2^53 only in theory)
    double m_viewEnd = 0;
};

} // namespace otadesk::ui
