#pragma once
// One ImageFormat per firmware file format (Tiled's FileFormat pattern): it says how sure it is that some bytes
// are its format, reads them into a MemoryImage with warnings, and writes a MemoryImage back. The format is
// chosen by content; the file name is only a hint that breaks ties.
#include "core/common/Error.h"
#include "core/firmware/MemoryImage.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QStringList>
#include <atomic>
#include <functional>

namespace otadesk::firmware {

// Progress and cancellation for long reads/writes. report() is called from the worker thread now and then
// (not per record) with bytes done and total; cancelled is polled at the same points.
struct Progress
{
    std::function<void(qint64 done, qint64 total)> report;
    const std::atomic<bool> *cancelled = nullptr;
    bool isCancelled() const { return cancelled && cancelled->load(std::memory_order_relaxed); }
};

struct ReadOptions
{
    quint64 baseAddress = 0; // raw binary: where the first byte goes
    OverlapPolicy overlaps = OverlapPolicy::LastWins;
    QString fileName;        // only for messages and hints
    bool fileDigest = true;  // loadImageFile/loadImageData: compute LoadedImage::fileSha256 (conversions skip it)
    Progress progress;
};

struct ReadResult
{
    MemoryImage image;
    Diagnostics warnings;
    QList<AddressRange> overlaps; // address ranges written more than once (shown on the memory map)
};

struct WriteOptions
{
    int bytesPerRecord = 32; // Intel HEX / S-record data bytes per record (1..255, S-record fewer)
    quint8 fill = 0xFF;      // raw binary: value for gaps
    int addressBits = 0;     // S-record: 16/24/32, 0 = smallest that fits; Intel HEX: 0 = auto
    QByteArray header;       // S-record S0 text; ELF: unused
    Progress progress;
};

// Confidence that content is in a format: higher wins; 0 = not this format.
enum Confidence : int {
    NotMine = 0,
    Fallback = 1,   // raw binary accepts anything
    Plausible = 50, // structure looks right at the start
    Certain = 100,  // magic number / checksummed first record
};

class ImageFormat
{
public:
    virtual ~ImageFormat() = default;

    virtual QString id() const = 0;          // "ihex", "srec", "elf", "bin" — stable, used on command lines
    virtual QString displayName() const = 0; // translated
    virtual QStringList extensions() const = 0; // lower-case, without dot; first is the default
    QString nameFilter() const;              // "Intel HEX (*.hex *.ihex)"

    // `head` is at most the first 4 KiB of the content.
    virtual int probe(QByteArrayView head) const = 0;
    virtual Result<ReadResult> read(QByteArrayView content, const ReadOptions &options) const = 0;
    virtual bool canWrite() const { return true; }
    virtual Result<QByteArray> write(const MemoryImage &image, const WriteOptions &options) const = 0;
};

} // namespace otadesk::firmware
