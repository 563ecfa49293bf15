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
    // Many rows per statement, numbers and addresses as literals: one parse per kRows devices instead of a bound
    // execution per device (UPDATE ... FROM works on SQLite >= 3.33 and PostgreSQL).
    constexpr qsizetype kRows = 500;
    for (qsizetype start = 0; start < touches.size(); start += kRows) {
        QString sql = QStringLiteral("WITH v(id, at, addr, n) AS (VALUES ");
        sql.reserve(120 * kRows);
        const qsizetype end = std::min(touches.size(), start + kRows);
        for (qsizetype i = start; i < end; ++i) {
            const DeviceTouch &t = touches[i];
            sql += (i == start ? QStringLiteral("(") : QStringLiteral(",("));
            sql += QString::number(t.deviceId) + u',' + QString::number(t.at) + QStringLiteral(",'") +
                   QString(t.address).replace(u'\'', QStringLiteral("''")) + QStringLiteral("',") +
                   QString::number(t.checkins) + u')';
        }
        sql += QStringLiteral(
            ") UPDATE devices SET last_seen = CASE WHEN devices.last_seen > v.at THEN devices.last_seen ELSE v.at END,"
            " address = v.addr, first_seen = CASE WHEN devices.first_seen = 0 THEN v.at ELSE devices.first_seen END,"
            " checkins = devices.checkins + v.n FROM v WHERE devices.id = v.id");
        if (auto q = m_db.exec(sql); !q)
            return fail(ErrorCode::Database, tr("Recording a check-in failed: %1").arg(q.error().message()));
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
        // tenant_id written here saves the trigger's extra update (schema v4 keeps it right either way).
        if (auto q = m_db.exec(QStringLiteral("INSERT INTO device_components(device_id, name, version, version_key,"
                                              " digest, slot, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                               {deviceId, c.name, c.version, fleet::Version::parse(c.version).sortKey(),
                                text(QString::fromLatin1(c.digest.toHex())), c.slot, tenantId});
            !q)
            return std::unexpected(q.error());
    }
    for (auto it = s.attributes.begin(); it != s.attributes.end(); ++it) {
        if (auto q = m_db.exec(QStringLiteral("INSERT INTO device_attributes(device_id, kind, name, value, tenant_id)"
                                              " VALUES (?, 'a', ?, ?, ?)"),
                               {deviceId, it.key(), text(it.value()), tenantId});
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
