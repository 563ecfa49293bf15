// libFuzzer target: the Intel HEX reader never crashes, and what it reads survives write + re-read unchanged.
#include "TextFormatRoundTrip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return otadesk::fuzz::checkRoundTrip("ihex", data, size, false);
}
