#pragma once
// A hex dump of a sparse MemoryImage: address | 16 bytes | ASCII. Paints only the visible rows, so a 40 MB
// image scrolls as smoothly as a small one; a separator row marks each gap between segments. Byte selection
// with the mouse (Shift extends), Copy gives hex text, Go to address jumps.
#include "core/firmware/MemoryImage.h"

#include <QAbstractScrollArea>
#include <memory>

namespace otadesk::ui {

class HexView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int kBytesPerRow = 16;

    explicit HexView(QWidget *parent = nullptr);

    void setImage(std::shared_ptr<const firmware::MemoryImage> image);
    std::shared_ptr<const firmware::MemoryImage> image() const { return m_image; }
    // Shown instead of the dump ("Loading…", an error, "Select an entry").
    void setMessage(const QString &message);

    qint64 rowCount() const { return m_rowCount; }
    // Address of the first byte of a row, or nullopt for a gap separator row.
    std::optional<quint64> rowAddress(qint64 row) const;
    qint64 rowOfAddress(quint64 address) const; // -1 if the address is in no segment
    qint64 firstVisibleRow() const;

    // Scrolls to the row holding the address and selects that byte; false if the address holds no data.
    bool goToAddress(quint64 address);
    void selectRange(quint64 start, quint64 end); // end exclusive
    std::optional<firmware::AddressRange> selection() const;
    QString selectedHex() const; // "01 02 03 …" (bytes present only)
    void copySelection() const;
    void selectAll();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Block // one segment's rows
    {
        qint64 firstRow;    // global row index of its first row
        qint64 rows;        // number of rows
        quint64 rowBase;    // address of its first row (aligned down to 16)
        qsizetype segment;  // index into the image's segments
    };
    void rebuild();
    void updateScrollBars();
    int rowHeight() const;
    int charWidth() const;
    const Block *blockOfRow(qint64 row) const;
    std::optional<quint64> addressAtPoint(const QPoint &pos) const;
    int byte(quint64 address) const; // -1 if absent

    std::shared_ptr<const firmware::MemoryImage> m_image;
    QList<Block> m_blocks;
    qint64 m_rowCount = 0;
    QString m_message;
    std::optional<quint64> m_anchor;
    std::optional<quint64> m_cursor;
};

} // namespace otadesk::ui
