#include "ui/devices/DeviceText.h"

#include <QDateTime>
#include <QLocale>

namespace otadesk::ui {

QString DeviceText::relativeTime(qint64 ms, qint64 nowMs)
{
    if (ms <= 0)
        return tr("never");
    const qint64 s = qMax<qint64>(0, (nowMs - ms) / 1000);
    if (s < 60)
        return tr("just now");
    if (s < 3600)
        return tr("%n min ago", nullptr, int(s / 60));
    if (s < 86400)
        return tr("%n h ago", nullptr, int(s / 3600));
    if (s < 86400 * 60)
        return tr("%n day(s) ago", nullptr, int(s / 86400));
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).date(), QLocale::ShortFormat);
}

QString DeviceText::exactTime(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("yyyy-MM-dd HH:mm:ss t"));
}

QString DeviceText::mainVersion(const fleet::Device &d)
{
    if (const fleet::InstalledComponent *c = d.component(QStringLiteral("main")))
        return c->version;
    return d.components.isEmpty() ? QString() : d.components.front().version;
}

QString DeviceText::componentsSummary(const fleet::Device &d)
{
    QStringList parts;
    for (const fleet::InstalledComponent &c : d.components)
        parts << c.name + u' ' + c.version;
    return parts.join(QStringLiteral(", "));
}

} // namespace otadesk::ui
