// Server side of the OS and image groups: request decoders and response encoders (used by the simulated
// device and by tests).
#include "core/bench/smp/SmpCbor.h"
#include "core/bench/smp/SmpCommands.h"

namespace otadesk::bench::SmpCommands {

using namespace smpcbor;

Result<QString> parseEchoRequest(const CborValue &request) { return reqText(request, "d", "echo request"); }

Result<UploadRequest> parseUploadRequest(const CborValue &request)
{
    UploadRequest r;
    auto off = reqUnsigned(request, "off", "upload request");
    if (!off)
        return std::unexpected(off.error());
    r.offset = *off;
    const CborValue *data = field(request, "data");
    if (!data || !data->isBytes())
        return missing("data", "upload request");
    r.data = data->bytes();
    auto len = optUnsigned(request, "len", "upload request");
    if (!len)
        return std::unexpected(len.error());
    r.length = len->value_or(-1);
    auto image = optUnsigned(request, "image", "upload request");
    if (!image)
        return std::unexpected(image.error());
    if (*image)
        r.image = toIntClamped(**image);
    if (const CborValue *sha = field(request, "sha")) {
        if (!sha->isBytes())
            return missing("sha", "upload request");
        r.sha256 = sha->bytes();
    }
    auto upgrade = optBool(request, "upgrade", "upload request");
    if (!upgrade)
        return std::unexpected(upgrade.error());
    r.upgrade = *upgrade;
    return r;
}

Result<StateWriteRequest> parseStateWrite(const CborValue &request)
{
    StateWriteRequest r;
    if (const CborValue *hash = field(request, "hash")) {
        if (!hash->isBytes())
            return missing("hash", "image state write request");
        r.hash = hash->bytes();
    }
    auto confirm = optBool(request, "confirm", "image state write request");
    if (!confirm)
        return std::unexpected(confirm.error());
    r.confirm = confirm->value_or(false);
    return r;
}

Result<std::optional<int>> parseEraseRequest(const CborValue &request)
{
    auto slot = optUnsigned(request, "slot", "erase request");
    if (!slot)
        return std::unexpected(slot.error());
    return *slot ? std::optional<int>(toIntClamped(**slot)) : std::nullopt;
}

bool parseResetForce(const CborValue &request)
{
    const CborValue *force = field(request, "force");
    return force && ((force->type() == CborValue::Type::Unsigned && force->rawInteger() > 0) || force->toBool());
}

CborValue echoResponse(const QString &text) { return CborValue::map({entry("r", CborValue::fromText(text))}); }

CborValue stateResponse(const QList<ImageSlotState> &images)
{
    std::vector<CborValue> items;
    for (const ImageSlotState &s : images) {
        std::vector<CborMapEntry> e;
        e.push_back(entry("image", CborValue::fromInt(s.image)));
        e.push_back(entry("slot", CborValue::fromInt(s.slot)));
        e.push_back(entry("version", CborValue::fromText(s.version)));
        if (!s.hash.isEmpty())
            e.push_back(entry("hash", CborValue::fromBytes(s.hash)));
        // Zephyr writes the flags only when true.
        const std::pair<const char *, bool> flags[] = {{"bootable", s.bootable}, {"pending", s.pending},
                                                       {"confirmed", s.confirmed}, {"active", s.active},
                                                       {"permanent", s.permanent}};
        for (const auto &[name, on] : flags) {
            if (on)
                e.push_back(entry(name, CborValue::fromBool(true)));
        }
        items.push_back(CborValue::map(std::move(e)));
    }
    return CborValue::map({entry("images", CborValue::array(std::move(items)))});
}

CborValue uploadResponse(const UploadResponse &response)
{
    std::vector<CborMapEntry> e{entry("off", CborValue::fromInt(response.offset))};
    if (response.match)
        e.push_back(entry("match", CborValue::fromBool(*response.match)));
    return CborValue::map(std::move(e));
}

CborValue paramsResponse(const McumgrParams &params)
{
    return CborValue::map({entry("buf_size", CborValue::fromInt(params.bufSize)),
                           entry("buf_count", CborValue::fromInt(params.bufCount))});
}

CborValue slotInfoResponse(const QList<SlotInfo> &slotList)
{
    std::vector<CborValue> images;
    QList<int> ids;
    for (const SlotInfo &s : slotList) {
        if (!ids.contains(s.image))
            ids.append(s.image);
    }
    for (int id : ids) {
        std::vector<CborValue> slotItems;
        std::optional<qint64> maxSize;
        for (const SlotInfo &s : slotList) {
            if (s.image != id)
                continue;
            std::vector<CborMapEntry> e{entry("slot", CborValue::fromInt(s.slot)),
                                        entry("size", CborValue::fromInt(s.size))};
            if (s.uploadImageId)
                e.push_back(entry("upload_image_id", CborValue::fromInt(*s.uploadImageId)));
            slotItems.push_back(CborValue::map(std::move(e)));
            if (s.maxImageSize)
                maxSize = s.maxImageSize;
        }
        std::vector<CborMapEntry> e{entry("image", CborValue::fromInt(id)),
                                    entry("slots", CborValue::array(std::move(slotItems)))};
        if (maxSize)
            e.push_back(entry("max_image_size", CborValue::fromInt(*maxSize)));
        images.push_back(CborValue::map(std::move(e)));
    }
    return CborValue::map({entry("images", CborValue::array(std::move(images)))});
}

CborValue osInfoResponse(const QString &output)
{
    return CborValue::map({entry("output", CborValue::fromText(output))});
}

CborValue bootloaderResponse(const BootloaderInfo &info)
{
    std::vector<CborMapEntry> e;
    if (!info.name.isEmpty())
        e.push_back(entry("bootloader", CborValue::fromText(info.name)));
    if (info.mode)
        e.push_back(entry("mode", CborValue::fromInt(*info.mode)));
    if (info.noDowngrade)
        e.push_back(entry("no-downgrade", CborValue::fromBool(*info.noDowngrade)));
    return CborValue::map(std::move(e));
}

} // namespace otadesk::bench::SmpCommands
