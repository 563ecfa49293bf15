#include "core/bench/smp/SmpStatus.h"

#include <QCoreApplication>

namespace otadesk::bench {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otadesk::bench::SmpStatus", text); }

int clampInt(const CborValue &v)
{
    if (!v.isInteger())
        return MgmtErr::Unknown;
    if (v.type() == CborValue::Type::Negative)
        return v.rawInteger() >= quint64(std::numeric_limits<int>::max()) ? std::numeric_limits<int>::min()
                                                                            : int(-1 - qint64(v.rawInteger()));
    return v.rawInteger() > quint64(std::numeric_limits<int>::max()) ? std::numeric_limits<int>::max()
                                                                       : int(v.rawInteger());
}

QString mgmtText(int rc)
{
    switch (rc) {
    case MgmtErr::Ok: return tr("success");
    case MgmtErr::Unknown: return tr("unknown error");
    case MgmtErr::NoMemory: return tr("the device is out of memory");
    case MgmtErr::Invalid: return tr("invalid value in the request");
    case MgmtErr::Timeout: return tr("operation timed out on the device");
    case MgmtErr::NoEntry: return tr("no such entry");
    case MgmtErr::BadState: return tr("the device is in a state that does not allow this");
    case MgmtErr::MessageSize: return tr("the response is too large for the device's buffer");
    case MgmtErr::NotSupported: return tr("command not supported by the device");
    case MgmtErr::Corrupt: return tr("corrupt data");
    case MgmtErr::Busy: return tr("the device is busy");
    case MgmtErr::AccessDenied: return tr("access denied");
    case MgmtErr::UnsupportedTooOld: return tr("the device does not support this old SMP version");
    case MgmtErr::UnsupportedTooNew: return tr("the device does not support this new SMP version");
    default: break;
    }
    return rc >= MgmtErr::PerUser ? tr("application-specific error") : tr("unknown error code");
}

QString imageText(int rc)
{
    static const char *const names[] = {
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "success"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "unknown image-management error"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the flash configuration cannot be queried"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "no image in the slot"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the image has no TLVs"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the image has an invalid TLV"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the image has several hash TLVs"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "a TLV of the image has an invalid size"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "no image with this hash on the device"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "no free slot for the upload"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the flash area cannot be opened"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "reading the flash failed"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "writing the flash failed"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "erasing the flash failed"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "invalid slot"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the device is out of memory"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "an upload is already in progress"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "no upload in progress"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the flash device is missing"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "invalid flash page offset"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "invalid upload offset"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "invalid upload length"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "invalid MCUboot image header"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "not an MCUboot image (bad header magic)"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "invalid image hash"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "invalid flash address"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the image version cannot be read"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the running image is newer (downgrade refused)"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "an image is already pending"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "invalid image vector table"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the image is too large for the slot"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "more data than the announced image length"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "confirming the image was denied"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the active image cannot be marked for test"),
        QT_TRANSLATE_NOOP("otadesk::bench::SmpStatus", "the active slot is not known"),
    };
    if (rc >= 0 && rc < int(std::size(names)))
        return tr(names[rc]);
    return tr("unknown image-management error code");
}

QString osText(int rc)
{
    switch (rc) {
    case OsMgmtErr::Ok: return tr("success");
    case OsMgmtErr::InvalidFormat: return tr("invalid format in the request");
    case OsMgmtErr::QueryYieldsNoAnswer: return tr("the query has no answer on this device");
    case OsMgmtErr::RtcNotSet: return tr("the device clock is not set");
    case OsMgmtErr::RtcCommandFailed: return tr("the device clock command failed");
    case OsMgmtErr::QueryResponseValueNotValid: return tr("the device's answer to the query is not valid");
    default: break;
    }
    return tr("unknown OS-management error");
}
} // namespace

QString SmpStatus::mgmtName(int rc)
{
    static const char *const names[] = {"EOK",    "EUNKNOWN", "ENOMEM",         "EINVAL",
                                        "ETIMEOUT", "ENOENT", "EBADSTATE",      "EMSGSIZE",
                                        "ENOTSUP", "ECORRUPT", "EBUSY",         "EACCESSDENIED",
                                        "UNSUPPORTED_TOO_OLD", "UNSUPPORTED_TOO_NEW"};
    if (rc >= 0 && rc < int(std::size(names)))
        return QString::fromLatin1(names[rc]);
    return rc >= MgmtErr::PerUser ? QStringLiteral("EPERUSER+%1").arg(rc - MgmtErr::PerUser)
                                  : QString::number(rc);
}

QString SmpStatus::text() const
{
    if (!group)
        return tr("%1 (rc %2)").arg(mgmtText(rc)).arg(rc);
    QString what;
    if (*group == SmpGroup::Image)
        what = imageText(rc);
    else if (*group == SmpGroup::Os)
        what = osText(rc);
    else
        what = tr("error in group %1").arg(*group);
    return tr("%1 (group %2, rc %3)").arg(what).arg(*group).arg(rc);
}

SmpStatus SmpStatus::fromBody(const CborValue &body)
{
    SmpStatus status;
    if (!body.isMap())
        return status;
    if (const CborValue *err = body.find(QStringLiteral("err")); err && err->isMap()) {
        const CborValue *rc = err->find(QStringLiteral("rc"));
        const CborValue *group = err->find(QStringLiteral("group"));
        status.rc = rc ? clampInt(*rc) : MgmtErr::Unknown;
        if (group && group->isInteger())
            status.group = clampInt(*group);
        if (status.rc != 0 || status.group)
            return status;
    }
    if (const CborValue *rc = body.find(QStringLiteral("rc")))
        return SmpStatus{clampInt(*rc), std::nullopt};
    return status;
}

CborValue SmpStatus::toBody() const
{
    const auto key = [](const char *k) { return CborValue::fromText(QString::fromLatin1(k)); };
    if (!group)
        return CborValue::map({{key("rc"), CborValue::fromInt(rc)}});
    return CborValue::map({{key("err"), CborValue::map({{key("group"), CborValue::fromInt(*group)},
                                                        {key("rc"), CborValue::fromInt(rc)}})}});
}

} // namespace otadesk::bench
