// Client side of the OS and image groups: request bodies and response parsers.
#include "core/bench/smp/SmpCommands.h"

#include "core/bench/smp/SmpCbor.h"
#include "core/manifest/CborEncoder.h"

namespace otadesk::bench::SmpCommands {

using namespace smpcbor;

CborValue empty() { return CborValue::map(); }

CborValue echo(const QString &text) { return CborValue::map({entry("d", CborValue::fromText(text))}); }

Result<QString> parseEcho(const CborValue &response) { return reqText(response, "r", "echo response"); }

CborValue reset(bool force)
{
    return force ? CborValue::map({entry("force", CborValue::fromUnsigned(1))}) : CborValue::map();
}

CborValue osInfo(const QString &format)
{
    return format.isEmpty() ? CborValue::map() : CborValue::map({entry("format", CborValue::fromText(format))});
}

CborValue bootloaderInfo(const QString &query)
{
    return query.isEmpty() ? CborValue::map() : CborValue::map({entry("query", CborValue::fromText(query))});
}

Result<McumgrParams> parseParams(const CborValue &response)
{
    auto size = reqUnsigned(response, "buf_size", "parameters response");
    if (!size)
        return std::unexpected(size.error());
    auto count = reqUnsigned(response, "buf_count", "parameters response");
    if (!count)
        return std::unexpected(count.error());
    return McumgrParams{toIntClamped(*size), toIntClamped(*count)};
}

Result<QString> parseOsInfo(const CborValue &response) { return reqText(response, "output", "OS info response"); }

Result<QString> parseBootloader(const CborValue &response)
{
    return reqText(response, "bootloader", "bootloader info response");
}

Result<BootloaderInfo> parseBootloaderInfo(const CborValue &response)
{
    BootloaderInfo info;
    if (const CborValue *name = field(response, "bootloader"); name && name->isText())
        info.name = name->text();
    // Zephyr answers {"mode": m, "no-downgrade"?: b}; some clients' records nest them under "response".
    const CborValue *nested = field(response, "response");
    const CborValue &modeMap = nested && nested->isMap() ? *nested : response;
    auto mode = optUnsigned(modeMap, "mode", "bootloader info response");
    if (!mode)
        return std::unexpected(mode.error());
    if (*mode)
        info.mode = toIntClamped(**mode);
    auto noDowngrade = optBool(modeMap, "no-downgrade", "bootloader info response");
    if (!noDowngrade)
        return std::unexpected(noDowngrade.error());
    info.noDowngrade = *noDowngrade;
    if (info.name.isEmpty() && !info.mode)
        return missing("bootloader", "bootloader info response");
    return info;
}

CborValue stateWrite(const QByteArray &hash, bool confirm)
{
    std::vector<CborMapEntry> entries;
    if (!hash.isEmpty())
        entries.push_back(entry("hash", CborValue::fromBytes(hash)));
    entries.push_back(entry("confirm", CborValue::fromBool(confirm)));
    return CborValue::map(std::move(entries));
}

Result<QList<ImageSlotState>> parseState(const CborValue &response)
{
    const CborValue *images = field(response, "images");
    if (!images || !images->isArray())
        return missing("images", "image state response");
    QList<ImageSlotState> result;
    for (const CborValue &item : images->items()) {
        if (!item.isMap())
            return missing("images", "image state response");
        ImageSlotState s;
        auto image = optUnsigned(item, "image", "image state response");
        auto slot = reqUnsigned(item, "slot", "image state response");
        if (!image)
            return std::unexpected(image.error());
        if (!slot)
            return std::unexpected(slot.error());
        s.image = image->value_or(0) > 0xff ? 0xff : int(image->value_or(0));
        s.slot = toIntClamped(*slot);
        if (const CborValue *v = field(item, "version"); v && v->isText())
            s.version = v->text();
        else
            return missing("version", "image state response");
        if (const CborValue *h = field(item, "hash")) {
            if (!h->isBytes())
                return missing("hash", "image state response");
            s.hash = h->bytes();
        }
        const std::pair<const char *, bool *> flags[] = {{"bootable", &s.bootable}, {"pending", &s.pending},
                                                         {"confirmed", &s.confirmed}, {"active", &s.active},
                                                         {"permanent", &s.permanent}};
        for (const auto &[name, target] : flags) {
            auto b = optBool(item, name, "image state response");
            if (!b)
                return std::unexpected(b.error());
            *target = b->value_or(false);
        }
        result.append(s);
    }
    return result;
}

CborValue upload(const UploadRequest &r)
{
    std::vector<CborMapEntry> entries;
    if (r.offset == 0 && r.image)
        entries.push_back(entry("image", CborValue::fromInt(*r.image)));
    if (r.offset == 0 && r.length >= 0)
        entries.push_back(entry("len", CborValue::fromInt(r.length)));
    entries.push_back(entry("off", CborValue::fromInt(r.offset)));
    if (r.offset == 0 && !r.sha256.isEmpty())
        entries.push_back(entry("sha", CborValue::fromBytes(r.sha256)));
    entries.push_back(entry("data", CborValue::fromBytes(r.data)));
    if (r.upgrade)
        entries.push_back(entry("upgrade", CborValue::fromBool(*r.upgrade)));
    return CborValue::map(std::move(entries));
}

Result<UploadResponse> parseUpload(const CborValue &response)
{
    auto off = reqUnsigned(response, "off", "upload response");
    if (!off)
        return std::unexpected(off.error());
    auto match = optBool(response, "match", "upload response");
    if (!match)
        return std::unexpected(match.error());
    return UploadResponse{*off, *match};
}

int maxUploadData(const UploadRequest &withoutData, int maxPacketBytes, SmpVersion)
{
    UploadRequest r = withoutData;
    r.data.clear();
    // With empty data the bstr head is 1 byte; n bytes of data need a head of 1, 2, 3 or 5 bytes.
    const qint64 base = SmpHeader::Size + manifest::CborEncoder::encode(upload(r)).size() - 1;
    const qint64 room = qint64(maxPacketBytes) - base;
    struct Head { qint64 size, min, max; };
    qint64 best = 0;
    for (const Head h : {Head{1, 0, 23}, Head{2, 24, 0xff}, Head{3, 0x100, 0xffff}, Head{5, 0x10000, 0xffffffff}}) {
        const qint64 n = qMin(room - h.size, h.max);
        if (n >= h.min)
            best = qMax(best, n);
    }
    return int(qMin<qint64>(best, 0xffff));
}

CborValue erase(std::optional<int> slot)
{
    return slot ? CborValue::map({entry("slot", CborValue::fromInt(*slot))}) : CborValue::map();
}

Result<QList<SlotInfo>> parseSlotInfo(const CborValue &response)
{
    const CborValue *images = field(response, "images");
    if (!images || !images->isArray())
        return missing("images", "slot info response");
    QList<SlotInfo> result;
    for (const CborValue &image : images->items()) {
        auto id = reqUnsigned(image, "image", "slot info response");
        if (!id)
            return std::unexpected(id.error());
        auto maxSize = optUnsigned(image, "max_image_size", "slot info response");
        if (!maxSize)
            return std::unexpected(maxSize.error());
        const CborValue *slotArray = field(image, "slots");
        if (!slotArray || !slotArray->isArray())
            return missing("slots", "slot info response");
        for (const CborValue &slot : slotArray->items()) {
            SlotInfo info;
            info.image = toIntClamped(*id);
            info.maxImageSize = *maxSize;
            auto number = reqUnsigned(slot, "slot", "slot info response");
            auto size = reqUnsigned(slot, "size", "slot info response");
            auto uploadId = optUnsigned(slot, "upload_image_id", "slot info response");
            if (!number)
                return std::unexpected(number.error());
            if (!size)
                return std::unexpected(size.error());
            if (!uploadId)
                return std::unexpected(uploadId.error());
            info.slot = toIntClamped(*number);
            info.size = *size;
            if (*uploadId)
                info.uploadImageId = toIntClamped(**uploadId);
            result.append(info);
        }
    }
    return result;
}

} // namespace otadesk::bench::SmpCommands
