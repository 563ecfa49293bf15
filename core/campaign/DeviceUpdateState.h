#pragma once
// The per-device update state machine of docs/device-updates.md §2, without storage: the states, the reason
// codes (with their LwM2M object 5 result codes), who may cause which state, and whether a transition is
// applied, ignored (a replayed or earlier report: idempotent retries) or refused. UpdateRepository stores the
// result; the campaign engine builds on the same table.
//
//   pending → notified → manifest_fetched → downloading → downloaded → installing → rebooting → confirmed
//   any non-terminal → failed | rolled_back | canceled | timed_out | rejected | not_applicable
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <optional>

namespace otadesk::campaign {

enum class UpdateState
{
    Pending,
    Notified,
    ManifestFetched,
    Downloading,
    Downloaded,
    Installing,
    Rebooting,
    Confirmed,
    Failed,
    RolledBack,
    Canceled,
    TimedOut,
    Rejected,
    NotApplicable,
};

// Who causes a transition.
enum class Actor
{
    Device,   // a status report (or the check-in that confirms)
    Server,   // the protocol routes: notified on check-in, manifest_fetched, downloading, not_applicable
    Operator, // cancel
    Engine,   // campaign engine: timed_out, not_applicable
};

enum class Verdict
{
    Apply,  // store the new state and a step
    Ignore, // same or earlier state: answer with the current state, change nothing
    Refuse, // terminal update (409) or a state this actor may not set (400)
};

struct Transition
{
    Verdict verdict = Verdict::Refuse;
    bool terminalAlready = false; // Refuse because the update is over (HTTP 409, the device forgets it)
    QString why;                  // translated, for Refuse
};

class DeviceUpdateState
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::campaign::DeviceUpdateState)
public:
    static QString name(UpdateState state); // "manifest_fetched"
    static std::optional<UpdateState> parse(const QString &name);
    static QStringList allNames();
    static bool isTerminal(UpdateState state);
    // Position on the happy path (pending 0 … confirmed 7); -1 for the other terminal states.
    static int progress(UpdateState state);
    // The states that get an update command in a check-in answer.
    static bool awaitsCommand(UpdateState state)
    {
        return state == UpdateState::Pending || state == UpdateState::Notified;
    }
    // The states a device may report in POST …/status.
    static bool deviceMayReport(UpdateState state);
    static Transition decide(UpdateState current, UpdateState next, Actor actor);

    // Reason codes (§7). lwm2mResult: the LwM2M object 5 "Update Result" value, 0 when there is none.
    static bool isReason(const QString &reason);
    static QStringList reasonNames();
    static int lwm2mResult(const QString &reason);
    // The reason a failure state gets when the device sends none.
    static QString defaultReason(UpdateState state);
};

} // namespace otadesk::campaign
