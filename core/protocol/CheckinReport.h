#pragma once
// The body of a device check-in (POST /device/v1/checkin) — what the device says it runs — and the server's
// answer. Shared by the server (parse + validate untrusted input) and device agents (build). The report is the
// truth about the device, whatever a campaign expected it to run.
//   {"serial": "SN-1" (optional; must be the token's device), "components": [{"name": "main",
//    "version": "2.3.0", "digest": "<64 hex>", "slot": 0}], "attributes": {"region": "eu"},
//    "update_state": "idle", "wake_schedule": "every 6h"}
#include "core/common/Error.h"
#include "core/fleet/Device.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace otadesk::protocol {

struct CheckinReport
{
    QString serial; // empty when the device did not send it
    QList<fleet::InstalledComponent> components;
    QMap<QString, QString> attributes;
    QString updateState;
    QString wakeSchedule;

    // Parses and validates a request body; the error names the field and what is allowed.
    static Result<CheckinReport> parse(QByteArrayView body);
    QByteArray toJson() const;
    // SHA-256 (hex) of the canonical form: equal for reports that say the same thing, in any order.
    QString fingerprint() const;

    static constexpr int kMaxComponents = 32;
    static constexpr int kMaxAttributes = 64;
    static constexpr int kMaxBodyBytes = 16 * 1024;
};

struct CheckinAnswer
{
    int pollSeconds = 0;
    QString status; // "accepted" or "pending"
    QJsonObject update; // empty: nothing to do (filled by campaigns)

    QByteArray toJson(qint64 serverTimeMs) const;
    static Result<CheckinAnswer> parse(QByteArrayView body);
};

} // namespace otadesk::protocol
