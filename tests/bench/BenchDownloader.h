#pragma once
// bench_server's download client. wrk reads 8 KiB per read() and runs its HTTP parser over every body byte,
// so on loopback it tops out near the speed it is supposed to measure (about 250 MB/s here, against 700 MB/s
// for curl): the download cases would compare the client with itself. This client keeps one blocking socket
// per connection on a thread of its own, repeats GET on the keep-alive connection for the given time, parses
// only the response head (status, Content-Length) and drains the body with 1 MiB recv() calls that are never
// looked at. Counted like wrk: every body byte received, also of the download cut off at the end.
#include "BenchProcesses.h"

#include <QByteArray>
#include <QList>

namespace otadesk::bench {

struct DownloadRun
{
    quint16 port = 0; // on 127.0.0.1
    QByteArray path;
    QByteArray token; // Authorization: Bearer when not empty
    int connections = 4;
    int seconds = 10;
    QList<qint64> serverPids;
    QList<qint64> nginxPids;
    qint64 rssPid = 0; // VmRSS sampled every 50 ms when not 0
};

// Fills the same figures as a wrk run (clientCpu: this process's CPU time during the run).
WrkResult runDownloads(const DownloadRun &run);

} // namespace otadesk::bench
