#pragma once
// Exit codes specific to `otactl manifest`, next to the shared ones in ExitCodes.h (0 ok, 1 usage, 2 input,
// 3 not found, 4 I/O, 5 database, 70 internal, 130 cancelled). Scripts and tests rely on them.
#include "app/otactl/ExitCodes.h"

namespace otadesk::cli {

enum ManifestExitCode : int
{
    ExitVerificationFailed =
        6,            // manifest verify: the envelope decodes but a check (digest, signature, ...) fails
    ExitRollback = 7, // manifest sign / create --sign: sequence number not above the published one
};

} // namespace otadesk::cli
