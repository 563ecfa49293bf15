// otactl manifest show | verify (and the registration of create | sign, see ManifestAuthoring.cpp): SUIT
// envelopes as files. Exit codes: ExitCodes.h.
#include "app/otactl/ManifestCommands.h"

#include "app/otactl/ExitCodes.h"
#include "app/otactl/ManifestSummary.h"
#include "core/crypto/KeyStore.h"
#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborDiagnostic.h"
#include "core/manifest/SuitDecoder.h"
#include "core/manifest/SuitVerifier.h"

#include <cctype>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace otadesk::cli {

namespace {
using crypto::KeyStore;
using namespace manifest;

QString tr(const char *text)
{
    return QCoreApplication::translate("otactl", text);
}

int runShow(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("manifest show needs exactly one envelope file."));
    const QString path = p.positionalArguments().first();
    auto bytes = readManifestFile(path);
    if (!bytes)
        return ctx.fail(bytes.error());
    if (p.isSet(QStringLiteral("diag"))) {
        auto value = CborDecoder::decode(*bytes);
        if (!value)
            return ctx.fail(value.error().withFile(path));
        CborDiagnosticOptions options;
        options.pretty = true;
        const QString diag = toDiagnostic(*value, options);
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("file"), path}, {QStringLiteral("diagnostic"), diag}});
        else
            ctx.out() << diag << Qt::endl;
        return ExitOk;
    }
    auto env = SuitDecoder::decodeEnvelope(*bytes);
    if (!env)
        return ctx.fail(env.error().withFile(path));
    auto m = SuitDecoder::decodeManifest(*env);
    if (!m)
        return ctx.fail(m.error().withFile(path));
    QJsonObject summary = manifestSummaryJson(*env, *m, workspaceKeyNames(ctx));
    summary.insert(QStringLiteral("file"), path);
    if (ctx.json())
        ctx.printJson(summary);
    else
        printManifestSummary(ctx.out(), summary);
    return ExitOk;
}

Result<QList<SuitTrustedKey>> trustedKeys(Context &ctx, const QCommandLineParser &p)
{
    QList<SuitTrustedKey> keys;
    KeyStore store(Workspace(ctx.workspacePath()));
    for (const QString &ref : p.values(QStringLiteral("key"))) {
        auto info = store.find(ref);
        if (!info)
            return std::unexpected(info.error());
        auto pub = store.publicKey(info->keyIdHex());
        if (!pub)
            return std::unexpected(pub.error());
        keys.append({info->name, *pub});
    }
    for (const QString &file : p.values(QStringLiteral("public-key"))) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return fail(ErrorCode::NotFound,
                        tr("Cannot read the public key %1: %2").arg(file, f.errorString()));
        auto pub = crypto::PublicKey::fromPem(f.read(1 << 20));
        if (!pub)
            return std::unexpected(pub.error().withFile(file));
        keys.append({QFileInfo(file).fileName(), *pub});
    }
    if (p.isSet(QStringLiteral("key")) || p.isSet(QStringLiteral("public-key")))
        return keys;
    // Default: every key of the workspace (public halves only; no passphrase needed).
    auto all = store.list();
    if (!all)
        return std::unexpected(all.error());
    for (const crypto::KeyInfo &k : *all) {
        if (auto pub = store.publicKey(k.keyIdHex()))
            keys.append({k.name, *pub});
    }
    return keys;
}

int runVerify(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("manifest verify needs exactly one envelope file."));
    const QString path = p.positionalArguments().first();
    auto bytes = readManifestFile(path);
    if (!bytes)
        return ctx.fail(bytes.error());
    auto keys = trustedKeys(ctx, p);
    if (!keys)
        return ctx.fail(keys.error());
    SuitVerifyOptions options;
    if (p.isSet(QStringLiteral("mac-key-file"))) {
        QFile f(p.value(QStringLiteral("mac-key-file")));
        if (!f.open(QIODevice::ReadOnly))
            return ctx.fail(
                Error(ErrorCode::NotFound,
                      tr("Cannot read the MAC key file %1: %2").arg(f.fileName(), f.errorString())));
        options.macKey = f.read(4096);
    }
    const SuitVerificationReport report = SuitVerifier::verifyEnvelope(*bytes, *keys, options);
    crypto::wipe(options.macKey);
    // Not an envelope at all: bad input rather than a failed verification.
    const bool decodable = report.envelope.has_value();
    const int code = report.ok() ? int(ExitOk) : decodable ? int(ExitVerificationFailed) : int(ExitInput);
    if (ctx.json()) {
        QJsonArray checks;
        for (const SuitCheck &c : report.checks)
            checks.append(QJsonObject{{QStringLiteral("id"), c.id},
                                      {QStringLiteral("passed"), c.passed},
                                      {QStringLiteral("message"), c.message}});
        ctx.printJson(QJsonObject{
            {QStringLiteral("file"), path},
            {QStringLiteral("ok"), report.ok()},
            {QStringLiteral("signer"),
             report.signerKey.isEmpty() ? QJsonValue() : QJsonValue(report.signerKey)},
            {QStringLiteral("sequenceNumber"), report.manifest && report.manifest->sequenceNumber
                                                   ? QJsonValue(qint64(*report.manifest->sequenceNumber))
                                                   : QJsonValue()},
            {QStringLiteral("trustedKeys"), qint64(keys->size())},
            {QStringLiteral("checks"), checks}});
        return code;
    }
    ctx.out() << report.toString() << '\n';
    if (report.ok())
        ctx.out() << tr("OK: %1 verifies (signed by %2).").arg(path, report.signerKey) << Qt::endl;
    else
        ctx.out() << tr("FAILED: %1 does not verify.").arg(path) << Qt::endl;
    return code;
}

} // namespace

void describe(QCommandLineParser &p, const QString &details)
{
    p.setApplicationDescription(p.applicationDescription() + QStringLiteral("\n\n") + details);
}

QString manifestGroupHelp()
{
    return tr(
        "SUIT manifests (draft-ietf-suit-manifest) as envelope files (*.suit):\n"
        "  otactl manifest create -o OUT.suit --product P --vendor-domain D --model M --component "
        "NAME=FIRMWARE\n"
        "      build an unsigned envelope from firmware in the library (or file:PATH); --sign signs it at "
        "once\n"
        "  otactl manifest sign IN.suit -o OUT.suit [--key REF]\n"
        "      sign with a workspace key (default: the product's default key); refuses sequence rollback\n"
        "  otactl manifest verify IN.suit [--key REF | --public-key FILE.pem]\n"
        "      check digest, signatures and structure (default: trust every key of the workspace)\n"
        "  otactl manifest show IN.suit [--diag]\n"
        "      decoded summary, or the CBOR diagnostic notation\n"
        "Every command takes --json (its format is in \"otactl manifest COMMAND --help\").\n"
        "Exit codes: 0 ok, 1 usage, 2 bad input (not SUIT, invalid spec, wrong passphrase), 3 not found, "
        "4 I/O error, 6 verification failed, 7 sequence number rollback refused.\n");
}

Result<QByteArray> readManifestFile(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return fail(ErrorCode::NotFound, tr("%1 does not exist.").arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, f.errorString()));
    const QByteArray data = f.readAll();
    // A hex dump (the drafts' *.hex examples): only hex digits and white space. CBOR envelopes start with a
    // tag or map head (0xd8 / 0xa?), never with an ASCII hex digit.
    bool hexText = !data.trimmed().isEmpty();
    for (char c : data)
        hexText = hexText && (std::isxdigit(static_cast<unsigned char>(c)) ||
                              std::isspace(static_cast<unsigned char>(c)));
    if (!hexText)
        return data;
    QByteArray digits = data.simplified();
    digits.replace(' ', QByteArray());
    if (digits.size() % 2 != 0)
        return fail(ErrorCode::Format,
                    tr("%1 looks like hex text but has an odd number of digits.").arg(path));
    return QByteArray::fromHex(digits);
}

QMap<QString, QString> workspaceKeyNames(Context &ctx)
{
    QMap<QString, QString> names;
    if (auto keys = KeyStore(Workspace(ctx.workspacePath())).list()) {
        for (const crypto::KeyInfo &k : *keys)
            names.insert(k.keyIdHex(), k.name);
    }
    return names;
}

void registerManifestCommands(CommandLine &cli)
{
    const QString manifest = QStringLiteral("manifest");
    cli.setGroupHelp(manifest, manifestGroupHelp());
    registerManifestAuthoringCommands(cli);
    cli.add(
        {manifest, QStringLiteral("verify"),
         tr("Verify a SUIT envelope: manifest digest, signatures, structure, severed members. Exit 0 only if "
            "every check passes, 6 if one fails, 2 if the file is no SUIT envelope, 3/4 if it cannot be "
            "read."),
         QStringLiteral("IN"),
         [](QCommandLineParser &p) {
             describe(
                 p, tr("Verify a SUIT envelope: one line per check (PASS/FAIL id: message).\n"
                       "Exit codes: 0 every check passed, 6 a check failed (digest, signature, ...), 2 not a "
                       "SUIT envelope, 3 file missing, 4 file unreadable.\n"
                       "--json: {file, ok, signer, sequenceNumber, trustedKeys, "
                       "checks: [{id, passed, message}]}."));
             p.addPositionalArgument(QStringLiteral("IN"), tr("The envelope file (binary CBOR)."));
             p.addOptions(
                 {{QStringLiteral("key"),
                   tr("Trust this workspace key (name, id or id prefix); repeatable. Default: every key "
                      "of the workspace."),
                   tr("REF")},
                  {QStringLiteral("public-key"), tr("Trust this public key PEM file; repeatable."),
                   tr("FILE")},
                  {QStringLiteral("mac-key-file"),
                   tr("Shared key for COSE_Mac0 blocks (HMAC 256/256): the file's bytes, as they are."),
                   tr("FILE")}});
         },
         runVerify});
    cli.add(
        {manifest, QStringLiteral("show"),
         tr("Show what a SUIT envelope holds: sequence number, components, digests, sizes, URIs, text, "
            "characteristics, signatures (--diag: the whole CBOR in diagnostic notation)."),
         QStringLiteral("IN"),
         [](QCommandLineParser &p) {
             describe(
                 p, tr("Show a SUIT envelope decoded (it is not verified: use manifest verify for that).\n"
                       "--json: {file, size, tagged, manifestDigest {algorithm, algorithmId, hex}, "
                       "manifestVersion, sequenceNumber, referenceUri, components [{index, identifier [hex], "
                       "name, vendorId, classId, version, dependency, images [{slot, digest, size, uri, "
                       "integrated}]}], sequences [name], severed [{member, key, presentInEnvelope}], "
                       "integratedPayloads [{key, size}], text {LANG: {manifest-description, ..., components "
                       "[{identifier, vendor-name, model-name, vendor-domain, component-version, ...}]}}, "
                       "characteristics {names, resourceRequestUri} or null, signatures [{index, type, "
                       "algorithm, algorithmId, keyId, keyName, signature}]}; absent values are null.\n"
                       "--diag --json: {file, diagnostic}."));
             p.addPositionalArgument(QStringLiteral("IN"), tr("The envelope file (binary CBOR)."));
             p.addOption(
                 {QStringLiteral("diag"), tr("Print the CBOR diagnostic notation of the whole envelope "
                                             "(embedded CBOR shown as <<...>>).")});
         },
         runShow});
}

} // namespace otadesk::cli
