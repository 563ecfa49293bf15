#include "core/client/FleetClient.h"

#include <QUrl>

namespace otadesk::client {

namespace {
QString devicePath(const QString &serial)
{
    return QStringLiteral("/devices/") + QString::fromLatin1(QUrl::toPercentEncoding(serial));
}

QString groupPath(const QString &name)
{
    return QStringLiteral("/groups/") + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

qint64 msOf(const QJsonValue &v)
{
    if (!v.isString())
        return 0;
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QMap<QString, QString> stringMap(const QJsonObject &o)
{
    QMap<QString, QString> out;
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

QString flag(bool on)
{
    return on ? QStringLiteral("1") : QStringLiteral("0");
}
} // namespace

ApiCall *FleetClient::listDevices(const QString &filter, const ListQuery &query, bool withTotal) const
{
    QUrlQuery q = query.toUrlQuery();
    if (!filter.trimmed().isEmpty())
        q.addQueryItem(QStringLiteral("filter"), QString::fromLatin1(QUrl::toPercentEncoding(filter)));
    if (!withTotal)
        q.addQueryItem(QStringLiteral("total"), QStringLiteral("0"));
    return m_client->get(QStringLiteral("/devices"), q);
}

ApiCall *FleetClient::countDevices(const QString &filter) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("filter"), QString::fromLatin1(QUrl::toPercentEncoding(filter)));
    return m_client->get(QStringLiteral("/devices/count"), q);
}

ApiCall *FleetClient::facets() const
{
    return m_client->get(QStringLiteral("/devices/facets"));
}

ApiCall *FleetClient::device(const QString &serial) const
{
    return m_client->get(devicePath(serial));
}

ApiCall *FleetClient::editDevice(const QString &serial, const QJsonObject &changes) const
{
    return m_client->patch(devicePath(serial), changes);
}

ApiCall *FleetClient::removeDevice(const QString &serial) const
{
    return m_client->deleteResource(devicePath(serial));
}

ApiCall *FleetClient::newDeviceToken(const QString &serial) const
{
    return m_client->post(devicePath(serial) + QStringLiteral("/token"), {});
}

ApiCall *FleetClient::importDevices(const QByteArray &body, bool json, const ImportOptions &o) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("dry_run"), flag(o.dryRun));
    q.addQueryItem(QStringLiteral("update"), flag(o.update));
    q.addQueryItem(QStringLiteral("issue_tokens"), flag(o.issueTokens));
    q.addQueryItem(QStringLiteral("all_or_nothing"), flag(o.allOrNothing));
    q.addQueryItem(QStringLiteral("first_line"), QString::number(o.firstLine));
    return m_client->send("POST", QStringLiteral("/devices/import"), q, body,
                          json ? QByteArrayLiteral("application/json") : QByteArrayLiteral("text/csv"));
}

ApiCall *FleetClient::exportDevices(const QString &filter) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("filter"), QString::fromLatin1(QUrl::toPercentEncoding(filter)));
    return m_client->get(QStringLiteral("/devices/export"), q);
}

ApiCall *FleetClient::listGroups() const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    q.addQueryItem(QStringLiteral("sort"), QStringLiteral("name"));
    return m_client->get(QStringLiteral("/groups"), q);
}

ApiCall *FleetClient::group(const QString &name) const
{
    return m_client->get(groupPath(name));
}

ApiCall *FleetClient::createGroup(const QString &name, const QString &filter, const QString &description) const
{
    QJsonObject body{{QStringLiteral("name"), name}, {QStringLiteral("description"), description}};
    if (!filter.isEmpty())
        body.insert(QStringLiteral("filter"), filter);
    else
        body.insert(QStringLiteral("kind"), QStringLiteral("static"));
    return m_client->post(QStringLiteral("/groups"), body);
}

ApiCall *FleetClient::editGroup(const QString &name, const QJsonObject &changes) const
{
    return m_client->patch(groupPath(name), changes);
}

ApiCall *FleetClient::removeGroup(const QString &name) const
{
    return m_client->deleteResource(groupPath(name));
}

ApiCall *FleetClient::addGroupMembers(const QString &name, const QStringList &serials) const
{
    return m_client->post(groupPath(name) + QStringLiteral("/members"),
                          {{QStringLiteral("serials"), QJsonArray::fromStringList(serials)}});
}

ApiCall *FleetClient::addGroupMatching(const QString &name, const QString &filter) const
{
    return m_client->post(groupPath(name) + QStringLiteral("/members"), {{QStringLiteral("filter"), filter}});
}

ApiCall *FleetClient::removeGroupMembers(const QString &name, const QStringList &serials) const
{
    const QJsonObject body{{QStringLiteral("serials"), QJsonArray::fromStringList(serials)}};
    return m_client->send("DELETE", groupPath(name) + QStringLiteral("/members"), {},
                          QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

ApiCall *FleetClient::listEnrolmentTokens() const
{
    return m_client->get(QStringLiteral("/enrolment-tokens"));
}

ApiCall *FleetClient::createEnrolmentToken(const QString &label, bool autoAccept, std::optional<int> days) const
{
    QJsonObject body{{QStringLiteral("label"), label}, {QStringLiteral("auto_accept"), autoAccept}};
    if (days)
        body.insert(QStringLiteral("expires_in_days"), *days);
    return m_client->post(QStringLiteral("/enrolment-tokens"), body);
}

ApiCall *FleetClient::revokeEnrolmentToken(qint64 id) const
{
    return m_client->deleteResource(QStringLiteral("/enrolment-tokens/%1").arg(id));
}

fleet::Device FleetClient::deviceFromJson(const QJsonObject &o)
{
    fleet::Device d;
    d.id = qint64(o.value(QStringLiteral("id")).toDouble());
    d.serial = o.value(QStringLiteral("serial")).toString();
    d.model = o.value(QStringLiteral("model")).toString();
    d.hardwareRevision = o.value(QStringLiteral("hw_rev")).toString();
    d.batch = o.value(QStringLiteral("batch")).toString();
    d.year = o.value(QStringLiteral("year")).toInt();
    d.vendorId = o.value(QStringLiteral("vendor_id")).toString();
    d.classId = o.value(QStringLiteral("class_id")).toString();
    d.status = o.value(QStringLiteral("status")).toString();
    d.updateState = o.value(QStringLiteral("update_state")).toString();
    d.address = o.value(QStringLiteral("address")).toString();
    d.wakeSchedule = o.value(QStringLiteral("wake_schedule")).toString();
    d.firstSeen = msOf(o.value(QStringLiteral("first_seen")));
    d.lastSeen = msOf(o.value(QStringLiteral("last_seen")));
    d.createdAt = msOf(o.value(QStringLiteral("created_at")));
    for (const QJsonValue &v : o.value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = v.toObject();
        d.components.append({c.value(QStringLiteral("name")).toString(), c.value(QStringLiteral("version")).toString(),
                             QByteArray::fromHex(c.value(QStringLiteral("digest")).toString().toLatin1()),
                             c.value(QStringLiteral("slot")).toInt(-1)});
    }
    for (const QJsonValue &v : o.value(QStringLiteral("tags")).toArray())
        d.tags.append(v.toString());
    d.attributes = stringMap(o.value(QStringLiteral("attributes")).toObject());
    d.metadata = stringMap(o.value(QStringLiteral("metadata")).toObject());
    return d;
}

DevicePage FleetClient::devicePageFromJson(const QJsonObject &o)
{
    DevicePage page;
    page.total = qint64(o.value(QStringLiteral("total")).toDouble(-1));
    page.offset = qint64(o.value(QStringLiteral("offset")).toDouble());
    for (const QJsonValue &v : o.value(QStringLiteral("items")).toArray())
        page.items.append(deviceFromJson(v.toObject()));
    return page;
}

DeviceDetails FleetClient::deviceDetailsFromJson(const QJsonObject &o)
{
    DeviceDetails d;
    d.device = deviceFromJson(o);
    for (const QJsonValue &v : o.value(QStringLiteral("history")).toArray()) {
        const QJsonObject e = v.toObject();
        d.history.append({qint64(e.value(QStringLiteral("id")).toDouble()),
                          QDateTime::fromString(e.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs),
                          e.value(QStringLiteral("kind")).toString(), e.value(QStringLiteral("details")).toObject()});
    }
    return d;
}

ImportReport FleetClient::importReportFromJson(const QJsonObject &o)
{
    ImportReport r;
    r.dryRun = o.value(QStringLiteral("dry_run")).toBool();
    r.written = o.value(QStringLiteral("written")).toBool();
    r.rows = qint64(o.value(QStringLiteral("rows")).toDouble());
    r.created = qint64(o.value(QStringLiteral("created")).toDouble());
    r.updated = qint64(o.value(QStringLiteral("updated")).toDouble());
    r.unchanged = qint64(o.value(QStringLiteral("unchanged")).toDouble());
    r.problemsTotal = qint64(o.value(QStringLiteral("problems_total")).toDouble());
    for (const QJsonValue &v : o.value(QStringLiteral("problems")).toArray()) {
        const QJsonObject p = v.toObject();
        r.problems.append({qint64(p.value(QStringLiteral("line")).toDouble()), p.value(QStringLiteral("column")).toString(),
                           p.value(QStringLiteral("message")).toString()});
    }
    for (const QJsonValue &v : o.value(QStringLiteral("tokens")).toArray())
        r.tokens.append({v[QStringLiteral("serial")].toString(), v[QStringLiteral("device_token")].toString()});
    return r;
}

DeviceGroupInfo FleetClient::groupFromJson(const QJsonObject &o)
{
    return {qint64(o.value(QStringLiteral("id")).toDouble()), o.value(QStringLiteral("name")).toString(),
            o.value(QStringLiteral("kind")).toString(),       o.value(QStringLiteral("filter")).toString(),
            o.value(QStringLiteral("description")).toString(), qint64(o.value(QStringLiteral("members")).toDouble(-1))};
}

QMap<QString, QStringList> FleetClient::facetsFromJson(const QJsonObject &o)
{
    QMap<QString, QStringList> out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        QStringList values;
        for (const QJsonValue &v : it.value().toArray())
            values.append(v.isString() ? v.toString() : v.toVariant().toString());
        out.insert(it.key(), values);
    }
    return out;
}

} // namespace otadesk::client
