#include "core/server/api/DeviceViews.h"

#include "core/server/api/ApiTypes.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace otadesk::server {

namespace {
QJsonObject mapJson(const QMap<QString, QString> &map)
{
    QJsonObject o;
    for (auto it = map.begin(); it != map.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonValue seen(qint64 ms)
{
    return ms > 0 ? isoTime(ms) : QJsonValue();
}
} // namespace

QJsonObject deviceJson(const fleet::Device &d, bool full)
{
    QJsonArray components;
    for (const fleet::InstalledComponent &c : d.components) {
        QJsonObject j{{QStringLiteral("name"), c.name}, {QStringLiteral("version"), c.version}};
        if (!c.digest.isEmpty())
            j.insert(QStringLiteral("digest"), QString::fromLatin1(c.digest.toHex()));
        if (c.slot >= 0)
            j.insert(QStringLiteral("slot"), c.slot);
        components.append(j);
    }
    QJsonObject o{{QStringLiteral("id"), double(d.id)},
                  {QStringLiteral("serial"), d.serial},
                  {QStringLiteral("model"), d.model},
                  {QStringLiteral("hw_rev"), d.hardwareRevision},
                  {QStringLiteral("batch"), d.batch},
                  {QStringLiteral("year"), d.year ? QJsonValue(d.year) : QJsonValue()},
                  {QStringLiteral("status"), d.status},
                  {QStringLiteral("update_state"), d.updateState},
                  {QStringLiteral("address"), d.address},
                  {QStringLiteral("first_seen"), seen(d.firstSeen)},
                  {QStringLiteral("last_seen"), seen(d.lastSeen)},
                  {QStringLiteral("created_at"), isoTime(d.createdAt)},
                  {QStringLiteral("components"), components},
                  {QStringLiteral("tags"), QJsonArray::fromStringList(d.tags)}};
    if (full) {
        o.insert(QStringLiteral("vendor_id"), d.vendorId);
        o.insert(QStringLiteral("class_id"), d.classId);
        o.insert(QStringLiteral("wake_schedule"), d.wakeSchedule);
        o.insert(QStringLiteral("attributes"), mapJson(d.attributes));
        o.insert(QStringLiteral("metadata"), mapJson(d.metadata));
    }
    return o;
}

QJsonObject groupJson(const store::DeviceGroup &g)
{
    QJsonObject o{{QStringLiteral("id"), double(g.id)},
                  {QStringLiteral("name"), g.name},
                  {QStringLiteral("kind"), g.kind},
                  {QStringLiteral("description"), g.description},
                  {QStringLiteral("created_by"), g.createdBy},
                  {QStringLiteral("created_at"), isoTime(g.createdAt)}};
    if (g.kind == QLatin1String("dynamic"))
        o.insert(QStringLiteral("filter"), g.filter);
    if (g.members >= 0)
        o.insert(QStringLiteral("members"), double(g.members));
    return o;
}

QJsonObject enrolmentTokenJson(const store::EnrolmentToken &t)
{
    return {{QStringLiteral("id"), double(t.id)},
            {QStringLiteral("label"), t.label},
            {QStringLiteral("prefix"), t.prefix},
            {QStringLiteral("auto_accept"), t.autoAccept},
            {QStringLiteral("created_by"), t.createdBy},
            {QStringLiteral("created_at"), isoTime(t.createdAt)},
            {QStringLiteral("expires_at"), isoTime(t.expiresAt)},
            {QStringLiteral("revoked"), t.revoked}};
}

QJsonObject deviceEventJson(const store::DeviceEvent &e)
{
    return {{QStringLiteral("id"), double(e.id)},
            {QStringLiteral("at"), isoTime(e.at)},
            {QStringLiteral("kind"), e.kind},
            {QStringLiteral("details"), QJsonDocument::fromJson(e.details.toUtf8()).object()}};
}

} // namespace otadesk::server
