#pragma once
// Verifies a SUIT envelope and reports every check with pass/fail and a precise message: authentication
// present, digest algorithm supported, digest over the manifest bstr (header included) matches, each COSE
// signature / MAC valid (naming the key), manifest structure, known commands, severed members match.
#include "core/crypto/Key.h"
#include "core/manifest/SuitModel.h"

#include <QCoreApplication>
#include <QList>
#include <optional>

namespace otadesk::manifest {

struct SuitTrustedKey
{
    QString name; // shown in the report; empty = the key's fingerprint
    crypto::PublicKey key;
};

struct SuitCheck
{
    QString id;      // stable: "cbor", "structure", "authentication", "digest-algorithm", "manifest-digest",
                     // "signature", "manifest", "manifest-version", "sequence-number", "commands", "severed-<key>",
                     // "characteristics" (OTA Desk extension, only when present)
    bool passed = false;
    QString message;
};

struct SuitVerificationReport
{
    QList<SuitCheck> checks;
    std::optional<SuitEnvelope> envelope;
    std::optional<SuitManifest> manifest;
    QString signerKey; // name of the key that verified a signature, if any
    bool ok() const;   // every check passed (and there is at least one)
    const SuitCheck *find(const QString &id) const;
    QString toString() const; // one line per check: "PASS manifest-digest: ..."
};

struct SuitVerifyOptions
{
    QByteArray macKey; // shared key for COSE_Mac0 blocks (HMAC 256/256)
    // Anti-rollback: the manifest's sequence number must be at least this (the number the device or the server
    // already holds); lower fails the "sequence-number" check as a rollback.
    std::optional<quint64> minimumSequenceNumber;
};

class SuitVerifier
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::SuitVerifier)
public:
    static SuitVerificationReport verifyEnvelope(QByteArrayView bytes, const QList<SuitTrustedKey> &keys,
                                                 const SuitVerifyOptions &options = {});
};

} // namespace otadesk::manifest
