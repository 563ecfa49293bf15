#include "core/client/UpdateClient.h"

#include <QJsonArray>

namespace otadesk::client {

namespace {
QDateTime timeOf(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}
} // namespace

ApiCall *UpdateClient::assign(qint64 manifestId, const QString &filter, const QStringList &serials,
                              bool downloadOnly) const
{
    QJsonObject body{{QStringLiteral("manifest_id"), double(manifestId)},
                     {QStringLiteral("download_only"), downloadOnly}};
    if (!serials.isEmpty())
        body.insert(QStringLiteral("serials"), QJsonArray::fromStringList(serials));
    else
        body.insert(QStringLiteral("filter"), filter);
    return m_client->post(QStringLiteral("/updates"), body);
}

ApiCall *UpdateClient::list(std::optional<qint64> manifestId, const QString &state, const ListQuery &query) const
{
    QUrlQuery q = query.toUrlQuery();
    if (manifestId)
        q.addQueryItem(QStringLiteral("manifest_id"), QString::number(*manifestId));
    if (!state.isEmpty())
        q.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(state)));
    return m_client->get(QStringLiteral("/updates"), q);
}

ApiCall *UpdateClient::summary(qint64 manifestId) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("manifest_id"), QString::number(manifestId));
    return m_client->get(QStringLiteral("/updates/summary"), q);
}

ApiCall *UpdateClient::update(qint64 id) const
{
    return m_client->get(QStringLiteral("/updates/%1").arg(id));
}

ApiCall *UpdateClient::cancel(qint64 id) const
{
    return m_client->deleteResource(QStringLiteral("/updates/%1").arg(id));
}

ApiCall *UpdateClient::deviceUpdates(const QString &serial) const
{
    return m_client->get(QStringLiteral("/devices/") + QString::fromLatin1(QUrl::toPercentEncoding(serial)) +
                         QStringLiteral("/updates"));
}

UpdateInfo UpdateClient::updateFromJson(const QJsonObject &o)
{
    UpdateInfo u;
    u.id = qint64(o.value(QStringLiteral("id")).toDouble());
    u.serial = o.value(QStringLiteral("serial")).toString();
    u.manifestId = qint64(o.value(QStringLiteral("manifest_id")).toDouble());
    u.state = o.value(QStringLiteral("state")).toString();
    u.reason = o.value(QStringLiteral("reason")).toString();
    u.message = o.value(QStringLiteral("message")).toString();
    u.downloadOnly = o.value(QStringLiteral("download_only")).toBool();
    u.bytes = qint64(o.value(QStringLiteral("bytes")).toDouble());
    u.createdAt = timeOf(o.value(QStringLiteral("created_at")));
    u.updatedAt = timeOf(o.value(QStringLiteral("updated_at")));
    u.createdBy = o.value(QStringLiteral("created_by")).toString();
    for (const QJsonValue &s : o.value(QStringLiteral("steps")).toArray())
        u.steps.append({s[QStringLiteral("state")].toString(), s[QStringLiteral("reason")].toString(),
                        s[QStringLiteral("message")].toString(), timeOf(s[QStringLiteral("at")])});
    return u;
}

QList<UpdateInfo> UpdateClient::updatesFromJson(const QJsonArray &items)
{
    QList<UpdateInfo> out;
    for (const QJsonValue &v : items)
        out.append(updateFromJson(v.toObject()));
    return out;
}

} // namespace otadesk::client
