#pragma once
// Helpers shared by the Intel HEX, S-record and srec_cat tests: file reading, a compact segment listing in
// srec_info's style, and deterministic random sparse images.
#include "core/firmware/FormatRegistry.h"

#include <QFile>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

namespace otadesk::test {

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return f.readAll();
}

inline const firmware::ImageFormat *format(const char *id)
{
    const auto *f = firmware::FormatRegistry::instance().byId(QLatin1String(id));
    if (!f)
        qFatal("format %s is not registered", id);
    return f;
}

// "400238-4002B3 4002B8-40033D": inclusive ranges in upper-case hex, like srec_info prints them.
inline QString segmentList(const firmware::MemoryImage &image)
{
    QStringList parts;
    for (const firmware::Segment &s : image.segments())
        parts.append(QString::number(s.address, 16).toUpper() + QLatin1Char('-') +
                     QString::number(s.end() - 1, 16).toUpper());
    return parts.join(QLatin1Char(' '));
}

inline QString rangeList(const QList<firmware::AddressRange> &ranges)
{
    QStringList parts;
    for (const firmware::AddressRange &r : ranges)
        parts.append(QString::number(r.start, 16).toUpper() + QLatin1Char('-') +
                     QString::number(r.end - 1, 16).toUpper());
    return parts.join(QLatin1Char(' '));
}

// A sparse image with `segments` random blocks in [base, base + maxAddress); about half of them straddle or touch a
// 64 KiB boundary, because that is where address-extension records change.
inline firmware::MemoryImage randomSparseImage(quint32 seed, quint64 maxAddress, int segments,
                                               int maxSegmentSize, quint64 base = 0)
{
    QRandomGenerator rng(seed);
    firmware::MemoryImage image;
    for (int i = 0; i < segments; ++i) {
        const qsizetype size = 1 + qsizetype(rng.bounded(quint32(maxSegmentSize)));
        quint64 address = rng.generate64() % (maxAddress - quint64(size));
        if (rng.bounded(2) == 0) {
            const quint64 boundary = (address & ~quint64(0xFFFF)) + 0x10000;
            const quint64 back = rng.bounded(quint32(qMin<qsizetype>(size, 80)));
            if (boundary + quint64(size) < maxAddress && boundary >= back)
                address = boundary - back;
        }
        QByteArray bytes(size, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(256));
        (void)image.write(base + address, bytes, firmware::OverlapPolicy::LastWins);
    }
    if (rng.bounded(2) == 0 && !image.isEmpty())
        image.setEntryPoint(image.segments().first().address | 1);
    return image;
}

} // namespace otadesk::test
