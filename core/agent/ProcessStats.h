#pragma once
// What this process costs: resident memory (VmRSS of /proc/self/status) and CPU time (user + system). The
// simulator's summary and bench_sim report them.

namespace otadesk::agent {

double processRssMiB();
double processCpuSeconds();

} // namespace otadesk::agent
