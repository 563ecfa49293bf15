#pragma once
// UTC timestamps as ISO 8601 text with milliseconds ("2026-11-29T23:30:53.123Z"), the same text as
// QDateTime::toString(Qt::ISODateWithMs) gives for a UTC time, without a QDateTime per call: the date and
// time up to the second are formatted once per second (per thread). For hot paths (check-in answers, access
// log lines).
#include <QByteArray>

namespace otadesk {

QByteArray isoUtcMs(qint64 msSinceEpoch);

} // namespace otadesk
