// The native device API, /device/v1: check-in (a device says what it runs and learns when to come back and,
// once campaigns exist, what to install) and self-registration with an enrolment token.
#include "core/common/Logging.h"
#include "core/fleet/DeviceImport.h"
#include "core/protocol/CheckinReport.h"
#include "core/server/api/ApiContext.h"
#include "core/server/api/Router.h"
#include "core/server/device/DeviceUpdates.h"
#include "core/store/DeviceCheckins.h"


namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

ApiResponse answer(const QString &deviceStatus, int pollSeconds, qint64 now, const QJsonObject &update)
{
    protocol::CheckinAnswer a;
    a.update = update;
    a.status = deviceStatus;
    a.pollSeconds = pollSeconds;
    ApiResponse r;
    r.status = deviceStatus == QLatin1String("pending") ? 202 : 200;
    r.body = a.toJson(now);
    return r;
}

ApiResponse checkin(ApiContext &ctx, const ApiRequest &req)
{
    const store::DeviceIdentity &device = req.device;
    if (device.status == QLatin1String("rejected"))
        return ApiResponse::error(403, QStringLiteral("device_rejected"),
                                  tr("This device was rejected by an operator of the tenant."));
    const qint64 now = store::nowMs();
    // The hot path: most check-ins repeat, byte for byte, the body whose report is stored already. A keyed hash
    // recognises it without parsing (a different body is parsed and compared by its canonical fingerprint).
    const quint64 bodyHash = qHash(req.body(), QHashSeed::globalSeed()) | 1;
    if (bodyHash == device.reportBodyHash) {
        ctx.checkins.record(device.deviceId, now, req.http.remoteAddress());
        return answer(device.status, ctx.config.devicePollSeconds, now, DeviceUpdates::of(ctx).onCheckin(device, req.body()));
    }
    auto report = protocol::CheckinReport::parse(req.body());
    if (!report)
        return ApiResponse::error(400, QStringLiteral("invalid_report"), report.error().message());
    if (!report->serial.isEmpty() && report->serial != device.serial)
        return ApiResponse::error(403, QStringLiteral("wrong_device"),
                                  tr("This credential belongs to device %1; a device can check in only as itself.")
                                      .arg(device.serial));
    const QString fingerprint = report->fingerprint();
    if (fingerprint == device.reportSha256) {
        ctx.checkins.record(device.deviceId, now, req.http.remoteAddress());
    } else {
        const store::ReportedState state{report->components, report->attributes, report->updateState,
                                         report->wakeSchedule, fingerprint};
        const QString address = req.http.remoteAddress().toString();
        if (auto st = store::DeviceCheckins(ctx.db).applyReport(device.tenantId, device.deviceId, state,
                                                                {device.deviceId, now, address, 1});
            !st) {
            qCWarning(lcServer).noquote() << "cannot record a check-in:" << st.error().message();
            return ApiResponse::error(503, QStringLiteral("unavailable"),
                                      tr("The server cannot record the check-in right now; try again later."));
        }
    }
    ctx.deviceAuth.updateReport(device.deviceId, fingerprint, bodyHash);
    return answer(device.status, ctx.config.devicePollSeconds, now, DeviceUpdates::of(ctx).onCheckin(device, req.body()));
}

ApiResponse enrol(ApiContext &ctx, const ApiRequest &req)
{
    const QByteArray auth = req.header("authorization");
    if (!auth.startsWith("Bearer "))
        return ApiResponse::error(401, QStringLiteral("unauthenticated"),
                                  tr("Send the tenant's enrolment token as \"Authorization: Bearer otde_…\"."));
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    fleet::Device d;
    d.serial = body->value(QStringLiteral("serial")).toString();
    d.model = body->value(QStringLiteral("model")).toString();
    d.hardwareRevision = body->value(QStringLiteral("hw_rev")).toString();
    QString cert;
    const QList<fleet::RowProblem> problems = fleet::DeviceImport::validate(d, cert);
    if (!problems.isEmpty())
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  problems.first().column + QStringLiteral(": ") + problems.first().message);
    auto enrolled = store::DeviceCredentials(ctx.db).enrol(QString::fromLatin1(auth.mid(7).trimmed()), d.serial,
                                                           d.model, d.hardwareRevision);
    if (!enrolled) {
        if (enrolled.error().code() == ErrorCode::InvalidArgument)
            return ApiResponse::error(401, QStringLiteral("unauthenticated"), enrolled.error().message());
        return ApiResponse::fromError(enrolled.error());
    }
    Principal who;
    who.tenantId = enrolled->identity.tenantId;
    who.accountName = QStringLiteral("device:") + d.serial;
    ctx.audit(who, QStringLiteral("device.enrol"), QStringLiteral("device"), d.serial,
              {{QStringLiteral("status"), enrolled->identity.status}, {QStringLiteral("model"), d.model}});
    (void)store::DeviceRepository(ctx.db).addEvent(who.tenantId, enrolled->identity.deviceId, QStringLiteral("enrolled"),
                                                   QStringLiteral("{\"status\":\"%1\"}").arg(enrolled->identity.status));
    return ApiResponse::json(201, {{QStringLiteral("serial"), d.serial},
                                   {QStringLiteral("status"), enrolled->identity.status},
                                   {QStringLiteral("device_token"), enrolled->token.token},
                                   {QStringLiteral("poll_seconds"), ctx.config.devicePollSeconds}});
}
} // namespace

void addDeviceProtocolRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Post, QStringLiteral("/device/v1/checkin"), Permission::Device,
          [&ctx](ApiRequest &req) { return checkin(ctx, req); });
    r.add(Method::Post, QStringLiteral("/device/v1/enrol"), Permission::Public,
          [&ctx](ApiRequest &req) { return enrol(ctx, req); });
}

} // namespace otadesk::server
