#pragma once
// Builds small, valid MCUboot images (header + body + SHA-256 TLV, unsigned) for the simulated device's first
// start and for tests: what imgtool writes for `imgtool create --version V --header-size 32` without a key.
#include "core/common/Error.h"

#include <QByteArray>
#include <QByteArrayView>

namespace otadesk::bench {

namespace SimImage {
// version "1.2.3" or "1.2.3+4"; body: the application bytes; flags: ih_flags (e.g. 0x10 NON_BOOTABLE).
Result<QByteArray> make(const QString &version, QByteArrayView body, quint32 flags = 0);
// A deterministic body of `size` bytes that names the version (so two versions differ).
QByteArray demoBody(const QString &version, int size = 4096);
// Default slot-0 image of a fresh simulator: version 1.0.0, demo body.
QByteArray defaultImage();
} // namespace SimImage

} // namespace otadesk::bench
