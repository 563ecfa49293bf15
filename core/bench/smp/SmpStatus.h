#pragma once
// The result code of an SMP response in both shapes: SMP v1 {"rc": n} (mcumgr_err_t) and SMP v2 group errors
// {"err": {"group": g, "rc": r}}. A body with neither is success. SMP-level errors arrive as bare "rc" in v2 too.
#include "core/bench/smp/SmpPacket.h"

#include <optional>

namespace otadesk::bench {

// mcumgr_err_t (zephyr mgmt_defines.h)
namespace MgmtErr {
constexpr int Ok = 0, Unknown = 1, NoMemory = 2, Invalid = 3, Timeout = 4, NoEntry = 5, BadState = 6,
              MessageSize = 7, NotSupported = 8, Corrupt = 9, Busy = 10, AccessDenied = 11,
              UnsupportedTooOld = 12, UnsupportedTooNew = 13, PerUser = 256;
}
// img_mgmt_err_code_t (zephyr img_mgmt.h), group 1
namespace ImgMgmtErr {
constexpr int Ok = 0, Unknown = 1, FlashConfigQueryFail = 2, NoImage = 3, NoTlvs = 4, InvalidTlv = 5,
              TlvMultipleHashesFound = 6, TlvInvalidSize = 7, HashNotFound = 8, NoFreeSlot = 9,
              FlashOpenFailed = 10, FlashReadFailed = 11, FlashWriteFailed = 12, FlashEraseFailed = 13,
              InvalidSlot = 14, NoFreeMemory = 15, FlashContextAlreadySet = 16, FlashContextNotSet = 17,
              FlashAreaDeviceNull = 18, InvalidPageOffset = 19, InvalidOffset = 20, InvalidLength = 21,
              InvalidImageHeader = 22, InvalidImageHeaderMagic = 23, InvalidHash = 24, InvalidFlashAddress = 25,
              VersionGetFailed = 26, CurrentVersionIsNewer = 27, ImageAlreadyPending = 28,
              InvalidImageVectorTable = 29, InvalidImageTooLarge = 30, InvalidImageDataOverrun = 31,
              ImageConfirmationDenied = 32, ImageSettingTestToActiveDenied = 33, ActiveSlotNotKnown = 34;
}
// os_mgmt_err_code_t, group 0
namespace OsMgmtErr {
constexpr int Ok = 0, Unknown = 1, InvalidFormat = 2, QueryYieldsNoAnswer = 3, RtcNotSet = 4,
              RtcCommandFailed = 5, QueryResponseValueNotValid = 6;
}

struct SmpStatus
{
    int rc = 0;
    std::optional<int> group; // set for the v2 "err" shape

    bool ok() const { return rc == 0; }
    // "invalid value (rc 3)", "image group: hash not found (group 1, rc 8)"; translated.
    QString text() const;
    // The "rc" / "err" of a response body; success when neither is present.
    static SmpStatus fromBody(const CborValue &body);
    // {"rc": rc} or {"err": {"group": g, "rc": rc}}.
    CborValue toBody() const;
    static SmpStatus mgmt(int rc) { return SmpStatus{rc, std::nullopt}; }
    static SmpStatus inGroup(int group, int rc) { return SmpStatus{rc, group}; }
    // The name of an SMP-level (mcumgr_err_t) code, untranslated identifier style ("EINVAL").
    static QString mgmtName(int rc);
};

} // namespace otadesk::bench
