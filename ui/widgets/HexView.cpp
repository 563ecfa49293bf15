#include "ui/widgets/HexView.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>

namespace otadesk::ui {

namespace {
constexpr int kAddressChars = 10; // "0x" + 8 hex digits (wider addresses grow the column)
constexpr int kPad = 6;
} // namespace

HexView::HexView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("hexView"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    viewport()->setCursor(Qt::IBeamCursor);
    setFocusPolicy(Qt::StrongFocus);
    verticalScrollBar()->setSingleStep(1);
    m_message = tr("Select a firmware entry to see its bytes");
}

void HexView::setImage(std::shared_ptr<const firmware::MemoryImage> image)
{
    m_image = std::move(image);
    m_message.clear();
    m_anchor.reset();
    m_cursor.reset();
    rebuild();
    verticalScrollBar()->setValue(0);
    viewport()->update();
}

void HexView::setMessage(const QString &message)
{
    m_image.reset();
    m_message = message;
    rebuild();
    viewport()->update();
}

void HexView::rebuild()
{
    m_blocks.clear();
    m_rowCount = 0;
    if (m_image) {
        const auto &segments = m_image->segments();
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const firmware::Segment &s = segments[i];
            if (s.data.isEmpty())
                continue;
            if (!m_blocks.isEmpty())
                ++m_rowCount; // separator row for the gap
            const quint64 base = s.address - s.address % kBytesPerRow;
            const quint64 last = s.end() - 1;
            const qint64 rows = qint64((last - base) / kBytesPerRow + 1);
            // Two segments may share a 16-byte row: still drawn as two blocks with a separator, which keeps
            // the rule "one block = one segment" simple; the separator then reads "gap of N bytes".
            m_blocks.append({m_rowCount, rows, base, i});
            m_rowCount += rows;
        }
    }
    updateScrollBars();
}

int HexView::rowHeight() const { return fontMetrics().height() + 2; }

int HexView::charWidth() const { return fontMetrics().horizontalAdvance(u'0'); }

void HexView::updateScrollBars()
{
    const int visible = qMax(1, viewport()->height() / rowHeight());
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, int(std::clamp<qint64>(m_rowCount - visible, 0, INT_MAX)));
    const int width = (kAddressChars + 2 + kBytesPerRow * 3 + 2 + kBytesPerRow) * charWidth() + 2 * kPad;
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setRange(0, qMax(0, width - viewport()->width()));
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

const HexView::Block *HexView::blockOfRow(qint64 row) const
{
    auto it = std::upper_bound(m_blocks.cbegin(), m_blocks.cend(), row,
                               [](qint64 r, const Block &b) { return r < b.firstRow; });
    if (it == m_blocks.cbegin())
        return nullptr;
    --it;
    return row < it->firstRow + it->rows ? &*it : nullptr;
}

std::optional<quint64> HexView::rowAddress(qint64 row) const
{
    const Block *b = blockOfRow(row);
    if (!b)
        return std::nullopt;
    return b->rowBase + quint64(row - b->firstRow) * kBytesPerRow;
}

qint64 HexView::rowOfAddress(quint64 address) const
{
    if (!m_image)
        return -1;
    for (const Block &b : m_blocks) {
        const firmware::Segment &s = m_image->segments().at(b.segment);
        if (s.contains(address))
            return b.firstRow + qint64((address - b.rowBase) / kBytesPerRow);
    }
    return -1;
}

qint64 HexView::firstVisibleRow() const { return verticalScrollBar()->value(); }

int HexView::byte(quint64 address) const
{
    if (!m_image)
        return -1;
    const auto &segments = m_image->segments();
    auto it = std::upper_bound(segments.cbegin(), segments.cend(), address,
                               [](quint64 a, const firmware::Segment &s) { return a < s.address; });
    if (it == segments.cbegin())
        return -1;
    --it;
    if (!it->contains(address))
        return -1;
    return quint8(it->data.at(qsizetype(address - it->address)));
}

bool HexView::goToAddress(quint64 address)
{
    const qint64 row = rowOfAddress(address);
    if (row < 0)
        return false;
    const int visible = verticalScrollBar()->pageStep();
    verticalScrollBar()->setValue(int(qMax<qint64>(0, row - visible / 3)));
    selectRange(address, address + 1);
    return true;
}

void HexView::selectRange(quint64 start, quint64 end)
{
    if (end <= start) {
        m_anchor.reset();
        m_cursor.reset();
    } else {
        m_anchor = start;
        m_cursor = end - 1;
    }
    viewport()->update();
}

std::optional<firmware::AddressRange> HexView::selection() const
{
    if (!m_anchor || !m_cursor)
        return std::nullopt;
    return firmware::AddressRange{qMin(*m_anchor, *m_cursor), qMax(*m_anchor, *m_cursor) + 1};
}

QString HexView::selectedHex() const
{
    const auto range = selection();
    if (!range || !m_image)
        return {};
    QStringList bytes;
    constexpr quint64 kMaxCopy = 16 * 1024 * 1024;
    for (const firmware::Segment &s : m_image->segments()) {
        const quint64 start = qMax(s.address, range->start);
        const quint64 end = std::min({s.end(), range->end, range->start + kMaxCopy});
        for (quint64 a = start; a < end; ++a)
            bytes << QStringLiteral("%1").arg(uint(quint8(s.data.at(qsizetype(a - s.address)))), 2, 16, QLatin1Char('0'));
    }
    return bytes.join(u' ');
}

void HexView::copySelection() const
{
    const QString text = selectedHex();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void HexView::selectAll()
{
    if (m_image && !m_image->isEmpty())
        selectRange(m_image->extent().start, m_image->extent().end);
}

std::optional<quint64> HexView::addressAtPoint(const QPoint &pos) const
{
    const qint64 row = firstVisibleRow() + pos.y() / rowHeight();
    const auto base = rowAddress(row);
    if (!base)
        return std::nullopt;
    const int cw = charWidth();
    const int x = pos.x() + horizontalScrollBar()->value() - kPad;
    const int hexStart = (kAddressChars + 2) * cw;
    const int asciiStart = hexStart + (kBytesPerRow * 3 + 2) * cw;
    int column = -1;
    if (x >= hexStart && x < asciiStart - 2 * cw)
        column = (x - hexStart) / (3 * cw);
    else if (x >= asciiStart)
        column = (x - asciiStart) / cw;
    else if (x < hexStart)
        column = 0;
    if (column < 0)
        return std::nullopt;
    return *base + quint64(qMin(column, kBytesPerRow - 1));
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    const auto address = addressAtPoint(event->position().toPoint());
    if (!address)
        return;
    if (!(event->modifiers() & Qt::ShiftModifier) || !m_anchor)
        m_anchor = address;
    m_cursor = address;
    viewport()->update();
}

void HexView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || !m_anchor)
        return;
    if (const auto address = addressAtPoint(event->position().toPoint())) {
        m_cursor = address;
        viewport()->update();
    }
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    if (event->matches(QKeySequence::MoveToStartOfDocument)) {
        verticalScrollBar()->setValue(0);
        return;
    }
    if (event->matches(QKeySequence::MoveToEndOfDocument)) {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().base());
    if (!m_image || m_rowCount == 0) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
        p.drawText(viewport()->rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   m_message.isEmpty() ? tr("This entry holds no bytes") : m_message);
        return;
    }
    const int rh = rowHeight();
    const int cw = charWidth();
    const int ascent = fontMetrics().ascent() + 1;
    const int x0 = kPad - horizontalScrollBar()->value();
    const int hexX = x0 + (kAddressChars + 2) * cw;
    const int asciiX = hexX + (kBytesPerRow * 3 + 2) * cw;
    const auto sel = selection();
    const QColor addressColour = palette().color(QPalette::Disabled, QPalette::Text);
    const QColor selectionColour = palette().color(QPalette::Highlight).lighter(160);

    // Address column background.
    p.fillRect(QRect(0, 0, hexX - cw, viewport()->height()), palette().alternateBase());

    const qint64 first = firstVisibleRow();
    const qint64 count = viewport()->height() / rh + 1;
    const auto &segments = m_image->segments();
    for (qint64 i = 0; i < count && first + i < m_rowCount; ++i) {
        const qint64 row = first + i;
        const int y = int(i) * rh;
        const Block *block = blockOfRow(row);
        if (!block) {
            // Separator: the gap between the previous block and the next one.
            const Block *next = blockOfRow(row + 1);
            const Block *prev = blockOfRow(row - 1);
            QString text = tr("gap");
            if (next && prev) {
                const quint64 gapStart = segments.at(prev->segment).end();
                const quint64 gapEnd = segments.at(next->segment).address;
                text = tr("gap %1 (%2)").arg(firmware::formatRange({gapStart, gapEnd}),
                                             QLocale().formattedDataSize(qint64(gapEnd - gapStart)));
            }
            p.fillRect(QRect(0, y, viewport()->width(), rh), palette().alternateBase());
            p.setPen(QPen(addressColour, 1, Qt::DashLine));
            p.drawLine(0, y + rh / 2, hexX - cw, y + rh / 2);
            p.setPen(addressColour);
            p.drawText(hexX, y + ascent, QStringLiteral("··· %1 ···").arg(text));
            continue;
        }
        const firmware::Segment &s = segments.at(block->segment);
        const quint64 base = block->rowBase + quint64(row - block->firstRow) * kBytesPerRow;
        p.setPen(addressColour);
        p.drawText(x0, y + ascent, QStringLiteral("%1").arg(base, 8, 16, QLatin1Char('0')).toUpper());
        QString ascii(kBytesPerRow, u' ');
        for (int c = 0; c < kBytesPerRow; ++c) {
            const quint64 a = base + quint64(c);
            if (!s.contains(a))
                continue;
            const quint8 b = quint8(s.data.at(qsizetype(a - s.address)));
            const int hx = hexX + c * 3 * cw + (c >= 8 ? cw / 2 : 0);
            if (sel && a >= sel->start && a < sel->end) {
                p.fillRect(QRect(hx - cw / 2, y, 3 * cw, rh), selectionColour);
                p.fillRect(QRect(asciiX + c * cw, y, cw, rh), selectionColour);
            }
            p.setPen(b == 0xFF || b == 0x00 ? addressColour : palette().color(QPalette::Text));
            static const char digits[] = "0123456789ABCDEF";
            const QChar hex[2] = {QLatin1Char(digits[b >> 4]), QLatin1Char(digits[b & 15])};
            p.drawText(hx, y + ascent, QString(hex, 2));
            ascii[c] = b >= 0x20 && b < 0x7f ? QChar(QLatin1Char(char(b))) : QChar(u'.');
        }
        p.setPen(palette().color(QPalette::Text));
        p.drawText(asciiX, y + ascent, ascii);
    }
}

} // namespace otadesk::ui
