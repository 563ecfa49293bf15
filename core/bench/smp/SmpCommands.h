#pragma once
// Request bodies and typed responses of the OS (0) and image (1) groups (STANDARDS.md §3.3), plus the
// decoders of requests and the encoders of responses that a server (the simulated device) needs.
// Parsers take a response body whose SmpStatus is ok; they fail with ErrorCode::Format when a required field
// is missing or has the wrong type.
#include "core/bench/smp/SmpStatus.h"

#include <QList>
#include <optional>

namespace otadesk::bench {

struct ImageSlotState
{
    int image = 0;
    int slot = 0;
    QString version;
    QByteArray hash; // the image's SHA-256 TLV
    bool bootable = false, pending = false, confirmed = false, active = false, permanent = false;
};

struct UploadRequest
{
    std::optional<int> image;
    qint64 length = -1; // only at offset 0
    qint64 offset = 0;
    QByteArray sha256; // of the whole file, only at offset 0 (optional)
    QByteArray data;
    std::optional<bool> upgrade;
};

struct UploadResponse
{
    qint64 offset = 0;
    std::optional<bool> match;
};

struct McumgrParams
{
    int bufSize = 0;
    int bufCount = 0;
};

struct SlotInfo
{
    int image = 0;
    int slot = 0;
    qint64 size = 0;
    std::optional<int> uploadImageId;
    std::optional<qint64> maxImageSize; // of the image (same for its slots)
};

struct StateWriteRequest
{
    QByteArray hash; // empty: the running image
    bool confirm = false;
};

struct BootloaderInfo
{
    QString name;              // "MCUboot"
    std::optional<int> mode;   // {"query":"mode"}: MCUboot mode (0 single, 1 swap-scratch, 3 swap-move, ...)
    std::optional<bool> noDowngrade;
};

namespace SmpCommands {
CborValue empty();

// os
CborValue echo(const QString &text);
Result<QString> parseEcho(const CborValue &response);
CborValue reset(bool force);
CborValue osInfo(const QString &format); // {"format": "snrvbmpioa"}; empty format: {}
CborValue bootloaderInfo(const QString &query); // {"query": "mode"}; empty: {}
Result<McumgrParams> parseParams(const CborValue &response);
Result<QString> parseOsInfo(const CborValue &response);
Result<QString> parseBootloader(const CborValue &response);
Result<BootloaderInfo> parseBootloaderInfo(const CborValue &response);

// image
CborValue stateWrite(const QByteArray &hash, bool confirm); // hash empty = none
Result<QList<ImageSlotState>> parseState(const CborValue &response);
CborValue upload(const UploadRequest &request);
Result<UploadResponse> parseUpload(const CborValue &response);
// Largest data size such that the whole SMP packet (header + body) of `withoutData` plus that much data
// stays within maxPacketBytes; 0 if even an empty chunk does not fit.
int maxUploadData(const UploadRequest &withoutData, int maxPacketBytes, SmpVersion version);
CborValue erase(std::optional<int> slot);
Result<QList<SlotInfo>> parseSlotInfo(const CborValue &response);

// Request decoders (server side)
Result<QString> parseEchoRequest(const CborValue &request);
Result<UploadRequest> parseUploadRequest(const CborValue &request);
Result<StateWriteRequest> parseStateWrite(const CborValue &request);
Result<std::optional<int>> parseEraseRequest(const CborValue &request);
bool parseResetForce(const CborValue &request);

// Response encoders (server side)
CborValue echoResponse(const QString &text);
CborValue stateResponse(const QList<ImageSlotState> &images);
CborValue uploadResponse(const UploadResponse &response);
CborValue paramsResponse(const McumgrParams &params);
CborValue slotInfoResponse(const QList<SlotInfo> &slotList);
CborValue osInfoResponse(const QString &output);
CborValue bootloaderResponse(const BootloaderInfo &info);
} // namespace SmpCommands

} // namespace otadesk::bench
