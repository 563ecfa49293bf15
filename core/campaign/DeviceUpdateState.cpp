#include "core/campaign/DeviceUpdateState.h"

namespace otadesk::campaign {

namespace {
struct StateRow
{
    UpdateState state;
    const char *name;
    int progress; // -1: off the happy path (terminal)
    bool terminal;
    bool byDevice; // a device may report it
};

const StateRow kStates[] = {
    {UpdateState::Pending, "pending", 0, false, false},
    {UpdateState::Notified, "notified", 1, false, false},
    {UpdateState::ManifestFetched, "manifest_fetched", 2, false, false},
    {UpdateState::Downloading, "downloading", 3, false, true},
    {UpdateState::Downloaded, "downloaded", 4, false, true},
    {UpdateState::Installing, "installing", 5, false, true},
    {UpdateState::Rebooting, "rebooting", 6, false, true},
    {UpdateState::Confirmed, "confirmed", 7, true, true},
    {UpdateState::Failed, "failed", -1, true, true},
    {UpdateState::RolledBack, "rolled_back", -1, true, true},
    {UpdateState::Canceled, "canceled", -1, true, false},
    {UpdateState::TimedOut, "timed_out", -1, true, false},
    {UpdateState::Rejected, "rejected", -1, true, true},
    {UpdateState::NotApplicable, "not_applicable", -1, true, false},
};

const StateRow &row(UpdateState s)
{
    return kStates[int(s)];
}

struct ReasonRow
{
    const char *name;
    int lwm2m;
};

const ReasonRow kReasons[] = {
    {"out_of_storage", 2},   {"out_of_memory", 3},       {"connection_lost", 4}, {"integrity_failure", 5},
    {"unsupported_package", 6}, {"invalid_uri", 7},       {"update_failed", 8},   {"unsupported_protocol", 9},
    {"signature_invalid", 0}, {"wrong_class", 0},         {"rollback", 0},        {"malformed", 0},
    {"boot_failed", 0},      {"install_interrupted", 0}, {"timeout", 0},         {"no_payload", 0},
    {"already_installed", 0}, {"incompatible", 0},       {"replaced", 0},
};

// Which actor may move an update into which off-path terminal state.
bool actorMaySet(Actor actor, UpdateState next)
{
    switch (next) {
    case UpdateState::Canceled:
        return actor == Actor::Operator;
    case UpdateState::TimedOut:
        return actor == Actor::Engine;
    case UpdateState::NotApplicable:
        return actor == Actor::Server || actor == Actor::Engine;
    case UpdateState::Rejected:
    case UpdateState::Failed:
    case UpdateState::RolledBack:
        return actor == Actor::Device || actor == Actor::Engine;
    case UpdateState::Pending:
        return false; // only by assignment
    case UpdateState::Notified:
    case UpdateState::ManifestFetched:
        return actor == Actor::Server;
    case UpdateState::Downloading:
        return actor == Actor::Server || actor == Actor::Device;
    case UpdateState::Downloaded:
    case UpdateState::Installing:
    case UpdateState::Rebooting:
    case UpdateState::Confirmed:
        return actor == Actor::Device || actor == Actor::Server;
    }
    return false;
}
} // namespace

QString DeviceUpdateState::name(UpdateState state)
{
    return QString::fromLatin1(row(state).name);
}

std::optional<UpdateState> DeviceUpdateState::parse(const QString &name)
{
    for (const StateRow &r : kStates) {
        if (name == QLatin1String(r.name))
            return r.state;
    }
    return std::nullopt;
}

QStringList DeviceUpdateState::allNames()
{
    QStringList out;
    for (const StateRow &r : kStates)
        out << QString::fromLatin1(r.name);
    return out;
}

bool DeviceUpdateState::isTerminal(UpdateState state)
{
    return row(state).terminal;
}

int DeviceUpdateState::progress(UpdateState state)
{
    return row(state).progress;
}

bool DeviceUpdateState::deviceMayReport(UpdateState state)
{
    return row(state).byDevice;
}

Transition DeviceUpdateState::decide(UpdateState current, UpdateState next, Actor actor)
{
    if (!actorMaySet(actor, next)) {
        QStringList allowed;
        if (actor == Actor::Device) {
            for (const StateRow &r : kStates) {
                if (r.byDevice)
                    allowed << QString::fromLatin1(r.name);
            }
        }
        return {Verdict::Refuse, false,
                allowed.isEmpty()
                    ? tr("The state %1 cannot be set this way.").arg(name(next))
                    : tr("A device cannot report the state %1; it reports one of %2.")
                          .arg(name(next), allowed.join(QStringLiteral(", ")))};
    }
    if (isTerminal(current))
        return {Verdict::Refuse, true,
                tr("The update is over (%1); nothing changes any more.").arg(name(current))};
    if (next == current)
        return {Verdict::Ignore, false, {}};
    const int from = progress(current);
    const int to = progress(next);
    if (to >= 0 && to < from)
        return {Verdict::Ignore, false, {}}; // an earlier state: a retry after a lost answer
    return {Verdict::Apply, false, {}};
}

bool DeviceUpdateState::isReason(const QString &reason)
{
    for (const ReasonRow &r : kReasons) {
        if (reason == QLatin1String(r.name))
            return true;
    }
    return false;
}

QStringList DeviceUpdateState::reasonNames()
{
    QStringList out;
    for (const ReasonRow &r : kReasons)
        out << QString::fromLatin1(r.name);
    return out;
}

int DeviceUpdateState::lwm2mResult(const QString &reason)
{
    for (const ReasonRow &r : kReasons) {
        if (reason == QLatin1String(r.name))
            return r.lwm2m;
    }
    return 0;
}

QString DeviceUpdateState::defaultReason(UpdateState state)
{
    switch (state) {
    case UpdateState::Failed:
        return QStringLiteral("update_failed");
    case UpdateState::RolledBack:
        return QStringLiteral("boot_failed");
    case UpdateState::Rejected:
        return QStringLiteral("malformed");
    case UpdateState::TimedOut:
        return QStringLiteral("timeout");
    default:
        return {};
    }
}

} // namespace otadesk::campaign
