#pragma once
// The signing step shared by `otactl manifest sign` and `otactl manifest create --sign`: pick the key (--key
// or the product's default), check the sequence number against the workspace's published ones, unlock the key
// (Passphrase.h), add the COSE_Sign1 block (EnvelopeSigner) and publish the sequence number.
#include "app/otactl/CommandLine.h"

#include <QJsonObject>
#include <variant>

namespace otadesk::cli {

// --key, --alg, --passphrase-file (the options both commands take).
QList<QCommandLineOption> signingOptions();

struct SignedEnvelope
{
    QByteArray bytes;
    QJsonObject info; // {product, sequenceNumber, manifestDigest, key {name, id}, algorithm, algorithmId}
};

// Signs `envelope` for `product` and writes the result to outPath. The sequence number is published only when
// the file is written (QSaveFile: the file appears only after publishing succeeded). On failure the error has
// been printed and the exit code is returned.
std::variant<SignedEnvelope, int> signEnvelope(Context &ctx, const QCommandLineParser &p,
                                               const QByteArray &envelope, const QString &product,
                                               const QString &outPath);

// Writes a file atomically (QSaveFile).
Status writeFileAtomically(const QString &path, const QByteArray &data);

} // namespace otadesk::cli
