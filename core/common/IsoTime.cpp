#include "core/common/IsoTime.h"

#include <QDateTime>
#include <limits>

namespace otadesk {

QByteArray isoUtcMs(qint64 msSinceEpoch)
{
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local QByteArray prefix; // "YYYY-MM-DDTHH:MM:SS."
    const qint64 second = msSinceEpoch >= 0 ? msSinceEpoch / 1000 : (msSinceEpoch - 999) / 1000;
    if (second != cachedSecond) {
        prefix = QDateTime::fromMSecsSinceEpoch(second * 1000, Qt::UTC).toString(Qt::ISODate).toLatin1();
        prefix.chop(1); // the 'Z'
        prefix += '.';
        cachedSecond = second;
    }
    const int ms = int(msSinceEpoch - second * 1000);
    QByteArray out;
    out.reserve(prefix.size() + 4);
    out += prefix;
    out += char('0' + ms / 100);
    out += char('0' + ms / 10 % 10);
    out += char('0' + ms % 10);
    out += 'Z';
    return out;
}

} // namespace otadesk
