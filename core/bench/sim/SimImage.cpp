#include "core/bench/sim/SimImage.h"

#include "core/crypto/Digest.h"
#include "core/firmware/McubootImage.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QtEndian>

namespace otadesk::bench::SimImage {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otadesk::bench::SimImage", text); }

void putLe16(QByteArray &b, qsizetype at, quint16 v) { qToLittleEndian(v, b.data() + at); }
void putLe32(QByteArray &b, qsizetype at, quint32 v) { qToLittleEndian(v, b.data() + at); }
} // namespace

Result<QByteArray> make(const QString &version, QByteArrayView body, quint32 flags)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+)\\.(\\d+)\\.(\\d+)(?:\\+(\\d+))?$"));
    const auto m = re.match(version);
    bool ok[4] = {true, true, true, true};
    const quint64 major = m.captured(1).toULongLong(&ok[0]);
    const quint64 minor = m.captured(2).toULongLong(&ok[1]);
    const quint64 revision = m.captured(3).toULongLong(&ok[2]);
    const quint64 build = m.hasCaptured(4) ? m.captured(4).toULongLong(&ok[3]) : 0;
    if (!m.hasMatch() || !ok[0] || !ok[1] || !ok[2] || !ok[3] || major > 255 || minor > 255 || revision > 65535
        || build > 0xffffffffULL)
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1\" is not an MCUboot version; write MAJOR.MINOR.REVISION[+BUILD] (at most "
                       "255.255.65535+4294967295).")
                        .arg(version));
    QByteArray image(firmware::mcuboot::kHeaderSize, '\0');
    putLe32(image, 0, firmware::mcuboot::kImageMagic);
    putLe16(image, 8, quint16(firmware::mcuboot::kHeaderSize));
    putLe16(image, 10, 0); // no protected TLVs
    putLe32(image, 12, quint32(body.size()));
    putLe32(image, 16, flags);
    image[20] = char(major);
    image[21] = char(minor);
    putLe16(image, 22, quint16(revision));
    putLe32(image, 24, quint32(build));
    image.append(body.data(), body.size());
    const QByteArray hash = crypto::sha256(image);
    QByteArray tlv(4 + 4 + hash.size(), '\0');
    putLe16(tlv, 0, firmware::mcuboot::kTlvInfoMagic);
    putLe16(tlv, 2, quint16(tlv.size()));
    putLe16(tlv, 4, firmware::mcuboot::Sha256);
    putLe16(tlv, 6, quint16(hash.size()));
    tlv.replace(8, hash.size(), hash);
    image.append(tlv);
    return image;
}

QByteArray demoBody(const QString &version, int size)
{
    QByteArray body;
    body.reserve(size);
    const QByteArray banner = QByteArrayLiteral("OTA Desk simulated application ") + version.toUtf8() + '\n';
    quint32 x = 2166136261u; // FNV-1a of the version: the same bytes in every run
    for (char c : version.toUtf8())
        x = (x ^ quint8(c)) * 16777619u;
    while (body.size() < size) {
        if (body.size() % 1024 == 0)
            body.append(banner);
        x = x * 1664525u + 1013904223u;
        body.append(char(x >> 24));
    }
    body.truncate(size);
    return body;
}

QByteArray defaultImage()
{
    const QString version = QStringLiteral("1.0.0");
    return *make(version, demoBody(version));
}

} // namespace otadesk::bench::SimImage
