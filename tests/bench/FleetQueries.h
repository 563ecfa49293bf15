#pragma once
// Benchmark (b) of issue 5: counting a filter over the generated fleet (GET /api/v1/devices/count) and paging
// through it (GET /api/v1/devices?limit=200 at the start and in the middle). About half of the devices get
// reported components (main, bootloader) and a region attribute with plain SQL first — through check-ins it
// would take far longer than the benchmark itself. Each request runs `runs` times; the medians of the server's
// "elapsed_ms" and of the HTTP round trip are reported, and every count is compared with the number of devices
// the generator made that match (computed here, independently of the filter code). The component and
// attribute rows carry their tenant explicitly, as a writer may (the schema's triggers fill it in otherwise).
#include "FleetReport.h"
#include "FleetServer.h"

#include <functional>

namespace otadesk::bench {

class QueryBench
{
public:
    explicit QueryBench(int runs) : m_runs(runs) {}
    // Reported components and attributes for the devices with an even id (device id == generator index i).
    static bool addReports(store::Database &db, qint64 *rows, QString *error);
    bool run(FleetServer &server, qint64 devices, FleetReport &report, QString *error);
    double worstCountMs() const { return m_worstCountMs; } // the slowest filter's median round trip

    struct Filter
    {
        QString text;
        std::function<bool(qint64)> matches; // device i of the generator
    };
    static QList<Filter> filters();

private:
    int m_runs;
    double m_worstCountMs = 0;
};

} // namespace otadesk::bench
