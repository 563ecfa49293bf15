#pragma once
// Settings of the simulated MCUboot device and of its transports (otactl bench simulate's options).
#include <QtGlobal>

namespace otadesk::bench {

struct SimOptions
{
    // Device
    int bufSize = 2048;            // reported by os/mcumgr-params; larger request packets are dropped
    int bufCount = 4;
    qint64 slotSize = 512 * 1024;  // each of the two slots
    bool v1Only = false;           // an SMP v1 server: answers everything in v1 shape (header version 0, "rc")
    bool failBoot = false;         // a newly swapped-in image crashes; MCUboot reverts to the old one
    qint64 resetAtOffset = -1;     // the device reboots (power loss) when an upload chunk crosses this offset (once)
    // Transport faults
    double loss = 0.0;             // probability to drop a request and, independently, a response
    int latencyMs = 0;             // delay before each response is sent
    int rebootMs = 300;            // device offline after a reset
    int baud = 115200;             // serial only; 0 = no pacing
    quint32 seed = 1;              // of the loss decisions (reproducible runs)
};

} // namespace otadesk::bench
