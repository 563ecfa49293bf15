#pragma once
// Benchmark (a) of issue 5: device check-ins per second against nginx answering the same POSTs with a static
// body of the check-in answer's size, in the same run. wrk (-t1) sends POST /device/v1/checkin with a different
// device's token per request, rotating through every registered device (the tokens come from a file the Lua
// script reads), and a realistic small report (main and bootloader components with versions and digests, a few
// attributes). A warm-up pass lets every device report once, so the measured steady state is "nothing changed"
// check-ins (last_seen only, written in batches); a second case makes every 10th check-in report a new main
// version. The warm-up ends (wrk gets SIGINT) once a file the script writes after the last answer appears.
// The server's own checkins counter must have grown by what wrk counted.
#include "FleetReport.h"
#include "FleetServer.h"

namespace otadesk::bench {

struct CheckinOptions
{
    QString wrk, nginx;
    QString dir; // scripts, token files, nginx prefix
    int seconds = 10;
    int connections = 32;
    int rounds = 1;
    int lastSeenIntervalSeconds = 30; // the server's; counts are complete in the database after it (+ 1 s)
};

class CheckinBench
{
public:
    explicit CheckinBench(CheckinOptions o) : m_o(std::move(o)) {}
    // Adds the rows of `backend` ("SQLite", "PostgreSQL") to the report; false + *error when a step fails.
    bool run(const QString &backend, FleetServer &server, const QByteArrayList &tokens, FleetReport &report,
             QString *error);
    double lastRatio() const { return m_ratio; } // unchanged check-ins/s ÷ nginx req/s of the last run()

    static QByteArray reportBody();                  // what every device reports in the steady state
    static QByteArray luaScript(const QString &tokensPath, int changedEvery, qint64 stopAfter,
                                const QString &badPath, const QString &stopPath);

private:
    CheckinOptions m_o;
    double m_ratio = 0;
};

} // namespace otadesk::bench
