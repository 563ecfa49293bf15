#pragma once
// Helpers shared by the GUI tests: generated firmware files and a scripted answer for modal dialogs.
#include "ui/shell/DialogRunner.h"

#include <QFile>
#include <QString>
#include <QtTest>

namespace otadesk::test {

// Writes an Intel HEX file of `dataBytes` bytes in 32-byte records starting at `base` (extended linear
// address records every 64 KiB); roughly 2.4 bytes of file per data byte.
inline bool writeIntelHex(const QString &path, qint64 dataBytes, quint32 base = 0x08000000)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    static const char digits[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(8 << 20);
    auto hex = [&](quint8 b) {
        out.append(digits[b >> 4]);
        out.append(digits[b & 15]);
    };
    auto record = [&](quint8 type, quint16 offset, const quint8 *data, int n) {
        out.append(':');
        quint8 sum = quint8(n) + quint8(offset >> 8) + quint8(offset) + type;
        hex(quint8(n));
        hex(quint8(offset >> 8));
        hex(quint8(offset));
        hex(type);
        for (int i = 0; i < n; ++i) {
            hex(data[i]);
            sum += data[i];
        }
        hex(quint8(-sum));
        out.append("\r\n");
    };
    quint32 upper = 0xFFFFFFFF;
    quint8 data[32];
    for (qint64 done = 0; done < dataBytes; done += 32) {
        const quint32 address = base + quint32(done);
        if ((address >> 16) != upper) {
            upper = address >> 16;
            const quint8 ela[2] = {quint8(upper >> 8), quint8(upper)};
            record(4, 0, ela, 2);
        }
        const int n = int(qMin<qint64>(32, dataBytes - done));
        for (int i = 0; i < n; ++i)
            data[i] = quint8((done + i) * 7 + (done >> 10));
        record(0, quint16(address), data, n);
        if (out.size() > (7 << 20)) {
            file.write(out);
            out.clear();
        }
    }
    record(1, 0, nullptr, 0);
    file.write(out);
    return file.error() == QFile::NoError;
}

// Installs a dialog handler for the lifetime of the object.
class ScriptedDialogs
{
public:
    explicit ScriptedDialogs(ui::DialogRunner::Handler handler) { ui::DialogRunner::setHandler(std::move(handler)); }
    ~ScriptedDialogs() { ui::DialogRunner::setHandler({}); }
    ScriptedDialogs(const ScriptedDialogs &) = delete;
    ScriptedDialogs &operator=(const ScriptedDialogs &) = delete;
};

} // namespace otadesk::test
