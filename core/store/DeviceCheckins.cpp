#include "core/store/DeviceCheckins.h"

#include "core/fleet/Version.h"
#include "core/store/Database.h"
#include "core/store/StoreTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

namespace otadesk::store {

namespace {
const QString kTouchSql = QStringLiteral(
    "UPDATE devices SET last_seen = CASE WHEN last_seen > ? THEN last_seen ELSE ? END, address = ?,"
    " first_seen = CASE WHEN first_seen = 0 THEN ? ELSE first_seen END, checkins = checkins + ? WHERE id = ?");

std::unexpected<Error> sqlFailed(const QSqlQuery &q)
{
    return fail(ErrorCode::Database, DeviceCheckins::tr("Recording a check-in failed: %1").arg(q.lastError().text()));
}

QString versionsText(const QList<fleet::InstalledComponent> &components)
{
    QStringList parts;
    for (const fleet::InstalledComponent &c : components)
        parts.append(c.name + u' ' + c.version);
    return parts.join(QStringLiteral(", "));
}
} // namespace

Status DeviceCheckins::touch(const QList<DeviceTouch> &touches) const
{
    if (touches.isEmpty())
        return {};
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st)
        return st;
    auto conn = m_db.connection();
    if (!conn)
        return std::unexpected(conn.error());
    QSqlQuery q(*conn);
    if (!q.prepare(kTouchSql))
        return sqlFailed(q);
    for (const DeviceTouch &t : touches) {
        q.bindValue(0, t.at);
        q.bindValue(1, t.at);
        q.bindValue(2, text(t.address));
        q.bindValue(3, t.at);
        q.bindValue(4, t.checkins);
        q.bindValue(5, t.deviceId);
        if (!q.exec())
            return sqlFailed(q);
    }
    return tx.commit();
}

Status DeviceCheckins::applyReport(qint64 tenantId, qint64 deviceId, const ReportedState &s,
                                   const DeviceTouch &touch) const
{
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st)
        return st;
    auto before = m_db.exec(QStringLiteral("SELECT name, version FROM device_components WHERE device_id = ? ORDER BY name"),
                            {deviceId});
    if (!before)
        return std::unexpected(before.error());
    QList<fleet::InstalledComponent> old;
    while (before->next())
        old.append({before->value(0).toString(), before->value(1).toString(), {}, -1});
    before->finish();
    const QList<std::pair<QString, QVariantList>> statements = {
        {QStringLiteral("DELETE FROM device_components WHERE device_id = ?"), {deviceId}},
        {QStringLiteral("DELETE FROM device_attributes WHERE device_id = ? AND kind = 'a'"), {deviceId}},
        {QStringLiteral("UPDATE devices SET update_state = ?, wake_schedule = ?, report_sha256 = ? WHERE id = ? AND"
                        " tenant_id = ?"),
         {text(s.updateState), text(s.wakeSchedule), s.fingerprint, deviceId, tenantId}},
        {kTouchSql, {touch.at, touch.at, text(touch.address), touch.at, touch.checkins, deviceId}},
    };
    for (const auto &[sql, values] : statements) {
        if (auto q = m_db.exec(sql, values); !q)
            return std::unexpected(q.error());
    }
    for (const fleet::InstalledComponent &c : s.components) {
        if (auto q = m_db.exec(QStringLiteral("INSERT INTO device_components(device_id, name, version, version_key,"
                                              " digest, slot) VALUES (?, ?, ?, ?, ?, ?)"),
                               {deviceId, c.name, c.version, fleet::Version::parse(c.version).sortKey(),
                                text(QString::fromLatin1(c.digest.toHex())), c.slot});
            !q)
            return std::unexpected(q.error());
    }
    for (auto it = s.attributes.begin(); it != s.attributes.end(); ++it) {
        if (auto q = m_db.exec(QStringLiteral("INSERT INTO device_attributes(device_id, kind, name, value)"
                                              " VALUES (?, 'a', ?, ?)"),
                               {deviceId, it.key(), text(it.value())});
            !q)
            return std::unexpected(q.error());
    }
    QList<fleet::InstalledComponent> sorted = s.components;
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    QJsonObject details{{QStringLiteral("components"), versionsText(sorted)},
                        {QStringLiteral("update_state"), s.updateState},
                        {QStringLiteral("address"), touch.address}};
    if (!old.isEmpty() && versionsText(old) != versionsText(sorted))
        details.insert(QStringLiteral("previous_components"), versionsText(old));
    if (auto q = m_db.exec(QStringLiteral("INSERT INTO device_events(tenant_id, device_id, at, kind, details)"
                                          " VALUES (?, ?, ?, 'report', ?)"),
                           {tenantId, deviceId, touch.at,
                            QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))});
        !q)
        return std::unexpected(q.error());
    return tx.commit();
}

} // namespace otadesk::store
