// otactl bench info | test | confirm | reset | erase: one device, one or two SMP requests each.
#include "app/otactl/BenchCommands.h"
#include "app/otactl/Arguments.h"
#include "app/otactl/Output.h"

namespace otadesk::cli::bench {

namespace {

QJsonObject infoToJson(const DeviceInfo &info, const QString &link)
{
    QJsonObject o{{QStringLiteral("link"), link},
                  {QStringLiteral("smpVersion"), info.smpVersion == SmpVersion::V2 ? 2 : 1},
                  {QStringLiteral("slots"), slotsToJson(info.slots)}};
    if (info.params)
        o.insert(QStringLiteral("params"), QJsonObject{{QStringLiteral("bufSize"), info.params->bufSize},
                                                       {QStringLiteral("bufCount"), info.params->bufCount}});
    if (info.bootloader) {
        QJsonObject b{{QStringLiteral("name"), info.bootloader->name}};
        if (info.bootloader->mode)
            b.insert(QStringLiteral("mode"), *info.bootloader->mode);
        o.insert(QStringLiteral("bootloader"), b);
    }
    if (!info.osInfo.isEmpty())
        o.insert(QStringLiteral("osInfo"), info.osInfo);
    QJsonArray slotInfo;
    for (const SlotInfo &s : info.slotInfo)
        slotInfo.append(QJsonObject{{QStringLiteral("image"), s.image},
                                    {QStringLiteral("slot"), s.slot},
                                    {QStringLiteral("size"), s.size}});
    if (!slotInfo.isEmpty())
        o.insert(QStringLiteral("slotInfo"), slotInfo);
    const auto &c = info.capabilities;
    o.insert(QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("params"), c.params},
                                                          {QStringLiteral("osInfo"), c.osInfo},
                                                          {QStringLiteral("bootloaderInfo"), c.bootloaderInfo},
                                                          {QStringLiteral("slotInfo"), c.slotInfo},
                                                          {QStringLiteral("erase"), c.erase}});
    return o;
}

int runInfo(Context &ctx, const QCommandLineParser &parser)
{
    auto c = openDevice(parser);
    if (!c)
        return c.error().code() == ErrorCode::InvalidArgument ? ctx.usage(c.error().message())
                                                               : failWith(ctx, BenchFailure::Unreachable, c.error());
    DeviceProbe probe(c->client.get());
    std::optional<Result<DeviceInfo>> result;
    QObject::connect(&probe, &DeviceProbe::finished, [&result, &probe](bool ok, const Error &e) {
        result = ok ? Result<DeviceInfo>(probe.info()) : Result<DeviceInfo>(std::unexpected(e));
    });
    probe.start();
    waitUntil([&result] { return result.has_value(); }, [&probe] { probe.cancel(); });
    if (!*result)
        return failRequest(ctx, result->error());
    const DeviceInfo &info = **result;
    if (ctx.json()) {
        ctx.printJson(infoToJson(info, c->transport->name()));
        return ExitOk;
    }
    QTextStream &out = ctx.out();
    const auto no = tr("not supported");
    out << tr("Device") << ": " << c->transport->name() << '\n'
        << tr("SMP version") << ": " << (info.smpVersion == SmpVersion::V2 ? 2 : 1) << '\n'
        << tr("Buffers") << ": "
        << (info.params ? tr("%1 × %2 bytes").arg(info.params->bufCount).arg(info.params->bufSize) : no) << '\n'
        << tr("Bootloader") << ": "
        << (info.bootloader ? info.bootloader->name
                                  + (info.bootloader->mode ? tr(" (mode %1)").arg(*info.bootloader->mode) : QString())
                            : no)
        << '\n'
        << tr("OS") << ": " << (info.capabilities.osInfo ? info.osInfo : no) << '\n';
    for (const SlotInfo &s : info.slotInfo)
        out << tr("Slot %1 of image %2").arg(s.slot).arg(s.image) << ": " << humanSize(s.size) << '\n';
    out << '\n';
    printSlots(out, info.slots);
    return ExitOk;
}

// State write (test or confirm), then the slot table the device answers with.
int runStateWrite(Context &ctx, const QCommandLineParser &parser, bool confirm)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1)
        return ctx.usage(tr("Give at most one image hash."));
    auto hash = parseHash(args.value(0));
    if (!hash)
        return ctx.usage(hash.error().message());
    auto c = openDevice(parser);
    if (!c)
        return c.error().code() == ErrorCode::InvalidArgument ? ctx.usage(c.error().message())
                                                               : failWith(ctx, BenchFailure::Unreachable, c.error());
    if (!confirm && hash->isEmpty()) { // test: the image in slot 1
        auto state = call(*c->client, {SmpOp::Read, SmpGroup::Image, ImageCommand::State});
        if (!state)
            return failRequest(ctx, state.error());
        if (auto ok = state->check(); !ok)
            return failRequest(ctx, ok.error());
        auto slots = SmpCommands::parseState(state->body);
        if (!slots)
            return failRequest(ctx, slots.error());
        for (const auto &s : *slots)
            if (s.image == 0 && s.slot == 1)
                *hash = s.hash;
        if (hash->isEmpty())
            return failWith(ctx, BenchFailure::Verification,
                            Error(ErrorCode::NotFound, tr("Slot 1 holds no image to test: upload one first "
                                                          "('otactl bench upload --upload-only FILE').")));
    }
    auto r = call(*c->client, {SmpOp::Write, SmpGroup::Image, ImageCommand::State,
                               SmpCommands::stateWrite(*hash, confirm)});
    if (!r)
        return failRequest(ctx, r.error());
    if (auto ok = r->check(); !ok)
        return failRequest(ctx, ok.error());
    auto slots = SmpCommands::parseState(r->body);
    if (!slots)
        return failRequest(ctx, slots.error());
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("slots"), slotsToJson(*slots)}});
        return ExitOk;
    }
    ctx.out() << (confirm ? tr("Confirmed.") : tr("Marked for test: the device boots it at the next reset and "
                                                  "reverts unless it is confirmed."))
              << '\n';
    printSlots(ctx.out(), *slots);
    return ExitOk;
}

int runReset(Context &ctx, const QCommandLineParser &parser)
{
    auto c = openDevice(parser);
    if (!c)
        return c.error().code() == ErrorCode::InvalidArgument ? ctx.usage(c.error().message())
                                                               : failWith(ctx, BenchFailure::Unreachable, c.error());
    SmpRequest request{SmpOp::Write, SmpGroup::Os, OsCommand::Reset,
                       SmpCommands::reset(parser.isSet(QStringLiteral("force")))};
    request.retries = 0;
    auto r = call(*c->client, request);
    if (!r)
        return failRequest(ctx, r.error());
    if (r->status.rc == MgmtErr::Busy && !r->status.group)
        return failWith(ctx, BenchFailure::DeviceRefused,
                        Error(ErrorCode::Conflict, tr("The device is busy and refused to reset; use --force.")));
    if (auto ok = r->check(); !ok)
        return failRequest(ctx, ok.error());
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("reset"), true}});
    else
        ctx.out() << tr("The device is restarting.") << '\n';
    return ExitOk;
}

int runErase(Context &ctx, const QCommandLineParser &parser)
{
    std::optional<int> slot;
    if (parser.isSet(QStringLiteral("slot"))) {
        auto s = parseInt(parser.value(QStringLiteral("slot")), QStringLiteral("--slot"), 0, 255);
        if (!s)
            return ctx.usage(s.error().message());
        slot = *s;
    }
    auto c = openDevice(parser);
    if (!c)
        return c.error().code() == ErrorCode::InvalidArgument ? ctx.usage(c.error().message())
                                                               : failWith(ctx, BenchFailure::Unreachable, c.error());
    SmpRequest request{SmpOp::Write, SmpGroup::Image, ImageCommand::Erase, SmpCommands::erase(slot)};
    request.timeoutMs = qMax(c->client->defaultTimeout(), 30000); // erasing a slot takes seconds
    auto r = call(*c->client, request);
    if (!r)
        return failRequest(ctx, r.error());
    if (auto ok = r->check(); !ok)
        return failRequest(ctx, ok.error());
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("erased"), slot.value_or(1)}});
    else
        ctx.out() << tr("Slot %1 erased.").arg(slot.value_or(1)) << '\n';
    return ExitOk;
}

} // namespace

void registerDeviceCommands(CommandLine &cli)
{
    const QString group = QStringLiteral("bench");
    cli.add({group, QStringLiteral("info"), tr("Show a device's slot table, buffers, bootloader and capabilities."),
             {}, addDeviceOptions, runInfo});
    cli.add({group, QStringLiteral("test"), tr("Mark the image in slot 1 (or HASH) to boot once at the next reset."),
             tr("[HASH]"), addDeviceOptions,
             [](Context &ctx, const QCommandLineParser &p) { return runStateWrite(ctx, p, false); }});
    cli.add({group, QStringLiteral("confirm"), tr("Confirm the running image (or HASH) so MCUboot keeps it."),
             tr("[HASH]"), addDeviceOptions,
             [](Context &ctx, const QCommandLineParser &p) { return runStateWrite(ctx, p, true); }});
    cli.add({group, QStringLiteral("reset"), tr("Restart the device."), {},
             [](QCommandLineParser &p) {
                 addDeviceOptions(p);
                 p.addOption({QStringLiteral("force"), tr("Reset even if the device says it is busy.")});
             },
             runReset});
    cli.add({group, QStringLiteral("erase"), tr("Erase an image slot (default: slot 1)."), {},
             [](QCommandLineParser &p) {
                 addDeviceOptions(p);
                 p.addOption({QStringLiteral("slot"), tr("Slot number (default 1)."), tr("N")});
             },
             runErase});
}

} // namespace otadesk::cli::bench
