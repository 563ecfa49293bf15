#pragma once
// Per-product record of the sequence numbers of manifests signed in this workspace
// (<workspace>/manifests/sequence-numbers.json, written atomically). Signing refuses a number lower than or
// equal to any already published for the product — except re-signing the very same manifest (same digest),
// which adds a signature without publishing anything new.
#include "core/common/Error.h"
#include "core/common/Workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <optional>

namespace otadesk::manifest {

struct PublishedSequence
{
    QString product;
    quint64 sequenceNumber = 0;
    QByteArray manifestDigest; // SHA-256 SUIT manifest digest (32 bytes)
    QDateTime signedAt;
};

class SequenceRegistry
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::SequenceRegistry)
public:
    explicit SequenceRegistry(const Workspace &workspace);

    Result<std::optional<quint64>> highest(const QString &product) const;
    Result<quint64> next(const QString &product) const; // highest + 1, or 1 when nothing published
    // Ok, or InvalidArgument "sequence number 4 is not above 7, already published for GW-200 on …".
    Status check(const QString &product, quint64 sequenceNumber, const QByteArray &manifestDigest) const;
    // check() then record; recording the same (product, number, digest) twice is a no-op.
    Status publish(const QString &product, quint64 sequenceNumber, const QByteArray &manifestDigest);
    Result<QList<PublishedSequence>> list(const QString &product = {}) const;

private:
    QString path() const;
    Workspace m_workspace;
};

} // namespace otadesk::manifest
