#include "core/bench/link/DeviceProbe.h"

namespace otadesk::bench {

const ImageSlotState *DeviceInfo::slot(int image, int slotNumber) const
{
    for (const auto &s : slots)
        if (s.image == image && s.slot == slotNumber)
            return &s;
    return nullptr;
}

const ImageSlotState *DeviceInfo::activeSlot(int image) const
{
    for (const auto &s : slots)
        if (s.image == image && s.active)
            return &s;
    return nullptr;
}

DeviceProbe::DeviceProbe(SmpClient *client, QObject *parent) : QObject(parent), m_client(client)
{
}

bool DeviceProbe::isUnsupported(const SmpStatus &status)
{
    return !status.ok() && (status.group.has_value() || status.rc == MgmtErr::NotSupported);
}

void DeviceProbe::start()
{
    m_info = {};
    m_finished = false;
    step(0);
}

void DeviceProbe::cancel()
{
    done(fail(ErrorCode::Cancelled, tr("Cancelled.")));
}

void DeviceProbe::done(Result<DeviceInfo> result)
{
    if (m_finished)
        return;
    m_finished = true;
    if (result)
        m_info.smpVersion = m_client->version();
    Q_EMIT finished(result.has_value(), result ? Error() : result.error());
}

void readImageState(SmpClient *client, int timeoutMs, std::function<void(Result<QList<ImageSlotState>>)> done)
{
    SmpRequest request{SmpOp::Read, SmpGroup::Image, ImageCommand::State, SmpCommands::empty(), timeoutMs};
    client->send(request, [done = std::move(done)](Result<SmpResponse> r) {
        if (!r)
            return done(std::unexpected(r.error()));
        if (auto ok = r->check(); !ok)
            return done(std::unexpected(ok.error()));
        done(SmpCommands::parseState(r->body));
    });
}

void DeviceProbe::step(int index)
{
    if (m_finished)
        return;
    // Optional commands: a device error or timeout clears the capability; transport failures end the probe.
    auto optional = [this, index](quint16 group, quint8 command, CborValue body,
                                  std::function<void(const SmpResponse &)> use) {
        SmpRequest request{SmpOp::Read, group, command, std::move(body)};
        m_client->send(request, [this, index, use = std::move(use)](Result<SmpResponse> r) {
            if (m_finished)
                return;
            if (!r) {
                if (r.error().code() == ErrorCode::Cancelled || index == 0)
                    return done(std::unexpected(r.error())); // no answer to the very first request
            } else if (r->status.ok()) {
                use(*r);
            }
            step(index + 1);
        });
    };
    switch (index) {
    case 0:
        optional(SmpGroup::Os, OsCommand::McumgrParams, SmpCommands::empty(), [this](const SmpResponse &r) {
            if (auto p = SmpCommands::parseParams(r.body)) {
                m_info.params = *p;
                m_info.capabilities.params = true;
            }
        });
        return;
    case 1:
        readImageState(m_client, 0, [this](Result<QList<ImageSlotState>> slots) {
            if (m_finished)
                return;
            if (!slots)
                return done(std::unexpected(slots.error()));
            m_info.slots = *slots;
            step(2);
        });
        return;
    case 2:
        optional(SmpGroup::Image, ImageCommand::SlotInfo, SmpCommands::empty(), [this](const SmpResponse &r) {
            if (auto s = SmpCommands::parseSlotInfo(r.body)) {
                m_info.slotInfo = *s;
                m_info.capabilities.slotInfo = true;
            }
        });
        return;
    case 3:
        optional(SmpGroup::Os, OsCommand::BootloaderInfo, SmpCommands::bootloaderInfo({}),
                 [this](const SmpResponse &r) {
                     if (auto b = SmpCommands::parseBootloaderInfo(r.body)) {
                         m_info.bootloader = *b;
                         m_info.capabilities.bootloaderInfo = true;
                     }
                 });
        return;
    case 4:
        optional(SmpGroup::Os, OsCommand::OsInfo, SmpCommands::osInfo(QStringLiteral("a")),
                 [this](const SmpResponse &r) {
                     if (auto s = SmpCommands::parseOsInfo(r.body)) {
                         m_info.osInfo = *s;
                         m_info.capabilities.osInfo = true;
                     }
                 });
        return;
    default:
        done(m_info);
    }
}

} // namespace otadesk::bench
