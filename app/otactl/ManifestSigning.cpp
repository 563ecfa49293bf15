#include "app/otactl/ManifestSigning.h"

#include "app/otactl/ExitCodes.h"
#include "app/otactl/Passphrase.h"
#include "core/crypto/KeyStore.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/SequenceRegistry.h"
#include "core/manifest/SuitDecoder.h"

#include <QSaveFile>

namespace otadesk::cli {

using namespace manifest;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otactl", text);
}

const QString kPassFile = QStringLiteral("passphrase-file");

Result<std::optional<qint64>> algorithmOption(const QCommandLineParser &p)
{
    const QString name = p.value(QStringLiteral("alg")).toLower();
    if (name.isEmpty())
        return std::optional<qint64>();
    const std::pair<const char *, qint64> known[] = {{"esp256", coseAlg::ESP256},
                                                     {"es256", coseAlg::ES256},
                                                     {"ed25519", coseAlg::Ed25519},
                                                     {"eddsa", coseAlg::EdDSA}};
    for (const auto &[n, alg] : known) {
        if (name == QLatin1String(n))
            return std::optional<qint64>(alg);
    }
    return fail(
        ErrorCode::InvalidArgument,
        tr("Unknown algorithm \"%1\"; use esp256 or es256 (P-256 keys), ed25519 or eddsa (Ed25519 keys).")
            .arg(p.value(QStringLiteral("alg"))));
}
} // namespace

QList<QCommandLineOption> signingOptions()
{
    return {{QStringLiteral("key"),
             tr("Signing key: name, id or id prefix (default: the product's default key, see \"otactl key "
                "default\")."),
             tr("REF")},
            {QStringLiteral("alg"),
             tr("COSE algorithm: esp256 (default for P-256 keys, -9), es256 (-7), ed25519 (default for "
                "Ed25519 keys, "
                "-19) or eddsa (-8)."),
             tr("ALG")},
            {kPassFile,
             tr("Read the key passphrase from the first line of FILE (default: $OTADESK_PASSPHRASE, then the "
                "terminal)."),
             tr("FILE")}};
}

Status writeFileAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

std::variant<SignedEnvelope, int> signEnvelope(Context &ctx, const QCommandLineParser &p,
                                               const QByteArray &envelope, const QString &product,
                                               const QString &outPath)
{
    auto env = SuitDecoder::decodeEnvelope(envelope);
    if (!env)
        return ctx.fail(env.error());
    auto m = SuitDecoder::decodeManifest(*env);
    if (!m)
        return ctx.fail(m.error());
    if (!m->sequenceNumber)
        return ctx.fail(
            Error(ErrorCode::Format, tr("The manifest has no sequence number; it cannot be signed.")));
    const quint64 sequence = *m->sequenceNumber;
    const QByteArray digest = env->manifestDigest ? env->manifestDigest->bytes : QByteArray();
    if (product.isEmpty())
        return ctx.usage(
            tr("Give --product: SUIT manifests do not record the product, and sequence numbers and "
               "default keys are kept per product."));
    auto alg = algorithmOption(p);
    if (!alg)
        return ctx.fail(alg.error());

    crypto::KeyStore store(Workspace(ctx.workspacePath()));
    const QString keyRef = p.value(QStringLiteral("key"));
    auto info = keyRef.isEmpty() ? store.defaultFor(product) : store.find(keyRef);
    if (!info) {
        if (keyRef.isEmpty())
            return ctx.usage(
                tr("No signing key: give --key REF, or make a key the default of %1 with \"otactl key "
                   "default REF %1\". (%2)")
                    .arg(product, info.error().message()));
        return ctx.fail(info.error());
    }
    if (!info->hasPrivateKey)
        return ctx.usage(tr("The key \"%1\" is a public key only; it cannot sign.").arg(info->name));
    if (*alg) {
        if (auto ok = CoseAlgorithms::checkKey(**alg, info->type); !ok)
            return ctx.usage(ok.error().message());
    }

    // Refuse a rollback before asking for the passphrase.
    SequenceRegistry registry{Workspace(ctx.workspacePath())};
    if (auto ok = registry.check(product, sequence, digest); !ok) {
        if (ok.error().code() != ErrorCode::InvalidArgument)
            return ctx.fail(ok.error());
        ctx.out().flush();
        ctx.err() << "otactl: " << tr("Refusing to sign: %1").arg(ok.error().message()) << Qt::endl;
        return int(ExitRollback);
    }

    auto pass = readPassphrase(
        p, {kPassFile, "OTADESK_PASSPHRASE", tr("Passphrase of key \"%1\"").arg(info->name), false});
    if (!pass)
        return ctx.fail(pass.error());
    auto key = store.unlock(info->keyIdHex(), *pass);
    crypto::wipe(*pass);
    if (!key) {
        // A wrong passphrase is bad input (exit 2), as for the key commands.
        const int code = ctx.fail(key.error());
        return key.error().code() == ErrorCode::InvalidArgument ? int(ExitInput) : code;
    }
    EnvelopeSigner::Options options;
    options.algorithm = *alg;
    auto signedBytes = EnvelopeSigner::sign(envelope, *key, options);
    if (!signedBytes)
        return ctx.fail(signedBytes.error());

    // The file appears only once the number is published; a failed publish leaves no signed file behind.
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(*signedBytes) != signedBytes->size())
        return ctx.fail(Error(ErrorCode::Io, tr("Cannot write %1: %2").arg(outPath, out.errorString())));
    if (auto ok = registry.publish(product, sequence, digest); !ok) {
        out.cancelWriting();
        if (ok.error().code() != ErrorCode::InvalidArgument)
            return ctx.fail(ok.error());
        ctx.err() << "otactl: " << tr("Refusing to sign: %1").arg(ok.error().message()) << Qt::endl;
        return int(ExitRollback);
    }
    if (!out.commit())
        return ctx.fail(Error(ErrorCode::Io, tr("Cannot write %1: %2").arg(outPath, out.errorString())));

    const qint64 usedAlg = options.algorithm.value_or(CoseAlgorithms::defaultFor(info->type));
    SignedEnvelope result;
    result.bytes = *signedBytes;
    result.info = QJsonObject{{QStringLiteral("product"), product},
                              {QStringLiteral("sequenceNumber"), qint64(sequence)},
                              {QStringLiteral("manifestDigest"), QString::fromLatin1(digest.toHex())},
                              {QStringLiteral("key"), QJsonObject{{QStringLiteral("name"), info->name},
                                                                  {QStringLiteral("id"), info->keyIdHex()}}},
                              {QStringLiteral("algorithm"), CoseAlgorithms::name(usedAlg)},
                              {QStringLiteral("algorithmId"), usedAlg}};
    return result;
}

} // namespace otadesk::cli
