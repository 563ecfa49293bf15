#pragma once
// otactl's exit codes, one place, so scripts and the CLI tests can rely on them.
#include "core/common/Error.h"

namespace otadesk::cli {

enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 1,      // bad command line: unknown command or option, missing argument, bad value
    ExitInput = 2,      // the input file is malformed or in an unsupported format
    ExitNotFound = 3,   // no such library entry, bundle or file
    ExitIo = 4,         // a file or folder cannot be read or written
    ExitDatabase = 5,   // the library database failed
    ExitVerificationFailed = 6, // manifest verify: the envelope decodes but a check (digest, signature, ...) fails
    ExitRollback = 7,   // manifest sign: sequence number not above the one already published for the product
    ExitUnreachable = 8,  // remote: the server cannot be reached (refused, DNS, timeout, untrusted TLS certificate)
    ExitRefused = 9,      // remote: the server refused the request (400/409/413/422/429/5xx; message names why)
    ExitUnauthorized = 10, // remote: 401 (token missing, unknown, revoked, expired) or 403 (role lacks permission)
    ExitInternal = 70,  // a bug (EX_SOFTWARE)
    ExitCancelled = 130 // interrupted (SIGINT) or cancelled
};

inline int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Format:
    case ErrorCode::UnknownFormat:
    case ErrorCode::Checksum:
    case ErrorCode::Overlap:
    case ErrorCode::Unsupported: return ExitInput;
    case ErrorCode::InvalidArgument: return ExitUsage;
    case ErrorCode::NotFound: return ExitNotFound;
    case ErrorCode::Io: return ExitIo;
    case ErrorCode::Database: return ExitDatabase;
    case ErrorCode::Cancelled: return ExitCancelled;
    case ErrorCode::Conflict: return ExitRefused; // exists already / state does not allow the change
    case ErrorCode::Internal: return ExitInternal;
    }
    return ExitInternal;
}

} // namespace otadesk::cli
