#pragma once
// The small file primitives of a simulated device, each one guarded by the device's PowerCut: replace a file
// atomically (temporary file + rename(2), so a reader sees the old or the new content, never a mix), write a
// block at an offset, truncate. No fsync: a simulated power cut stops the process's own writes; the page cache
// of the real machine survives it.
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace otadesk::agent {

class PowerCut;

class DeviceFiles
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::agent::DeviceFiles)
public:
    static Status replace(const QString &path, QByteArrayView content, PowerCut *cut);
    static Status writeAt(const QString &path, qint64 offset, QByteArrayView data, PowerCut *cut);
    static Status truncate(const QString &path, qint64 size, PowerCut *cut);
    static Result<QByteArray> read(const QString &path, qint64 offset = 0, qint64 size = -1);
    static qint64 size(const QString &path); // -1 when missing
    static Error powerLost();
};

} // namespace otadesk::agent
