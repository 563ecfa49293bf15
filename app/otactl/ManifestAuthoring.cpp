// otactl manifest create | sign: the options (they mirror the Manifest editor's form) and `sign`; `create`
// itself is in ManifestCreate.cpp, the signing step in ManifestSigning.cpp.
#include "app/otactl/ManifestCommands.h"
#include "app/otactl/ManifestSigning.h"

namespace otadesk::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otactl", text);
}

int runSign(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("manifest sign needs exactly one envelope file."));
    const QString in = p.positionalArguments().first();
    const QString out = p.value(QStringLiteral("out"));
    if (out.isEmpty())
        return ctx.usage(tr("manifest sign needs -o OUT.suit."));
    auto bytes = readManifestFile(in);
    if (!bytes)
        return ctx.fail(bytes.error());
    auto result = signEnvelope(ctx, p, *bytes, p.value(QStringLiteral("product")), out);
    if (const int *code = std::get_if<int>(&result))
        return *code;
    const SignedEnvelope &s = std::get<SignedEnvelope>(result);
    if (ctx.json()) {
        QJsonObject o = s.info;
        o.insert(QStringLiteral("file"), out);
        o.insert(QStringLiteral("size"), qint64(s.bytes.size()));
        ctx.printJson(o);
    } else {
        const QJsonObject key = s.info.value(QStringLiteral("key")).toObject();
        ctx.out() << tr("Signed %1 -> %2 with key \"%3\" (%4), %5; sequence number %6 published for %7.")
                         .arg(in, out, key.value(QStringLiteral("name")).toString(),
                              key.value(QStringLiteral("id")).toString().left(16),
                              s.info.value(QStringLiteral("algorithm")).toString())
                         .arg(s.info.value(QStringLiteral("sequenceNumber")).toInteger())
                         .arg(s.info.value(QStringLiteral("product")).toString())
                  << Qt::endl;
    }
    return ExitOk;
}

QCommandLineOption outOption()
{
    return {QStringList{QStringLiteral("o"), QStringLiteral("out")}, tr("Write the envelope to FILE."),
            tr("FILE")};
}
} // namespace

void registerManifestAuthoringCommands(CommandLine &cli)
{
    const QString manifest = QStringLiteral("manifest");
    cli.add(
        {manifest, QStringLiteral("create"),
         tr("Build a SUIT envelope from firmware images (digest and size from the image bytes)."),
         QStringLiteral("-o OUT"),
         [](QCommandLineParser &p) {
             describe(p,
                      tr("FIRMWARE is a library entry (id, SHA-256 prefix or file name): its binary image as "
                         "the device installs it (MCUboot images, binaries and auxiliary files as stored, "
                         "HEX / S-record / ELF flattened with 0xFF gaps); or file:PATH (the same rules).\n"
                         "Options override a --spec file, which overrides the --template defaults. Every "
                         "problem is listed with its field path (exit 2).\n"
                         "--json: {file, signed, template, product, sequenceNumber, manifestDigest, size, "
                         "components [{name, slot, firmware, digest, size, uri, integrated}], spec, "
                         "signature {product, sequenceNumber, manifestDigest, key {name, id}, algorithm, "
                         "algorithmId} or null}; invalid input: {problems [{field, message}]}."));
             p.addOptions(
                 {outOption(),
                  {QStringLiteral("template"),
                   tr("single-image (default), ab-slots, image-aux or multi-component."), tr("NAME")},
                  {QStringLiteral("spec"), tr("Start from a manifest spec (*.suitspec.json)."), tr("FILE")},
                  {QStringLiteral("save-spec"),
                   tr("Also save the spec as JSON (rebuilds the same "
                      "manifest)."),
                   tr("FILE")},
                  {QStringLiteral("product"), tr("Product code (sequence numbers, default key)."), tr("P")},
                  {QStringLiteral("vendor-domain"), tr("Vendor domain; vendor-id = UUIDv5(DNS, D)."),
                   tr("D")},
                  {QStringLiteral("model"), tr("Model name; class-id = UUIDv5(vendor-id, M)."), tr("M")},
                  {QStringLiteral("sequence"),
                   tr("Sequence number, or auto (default): one above the highest published for the "
                      "product."),
                   tr("N|auto")},
                  {QStringLiteral("version"), tr("Release version text, e.g. 2.3.0."), tr("V")},
                  {QStringLiteral("description"), tr("Manifest description (text section)."), tr("TEXT")},
                  {QStringLiteral("vendor-name"), tr("Vendor name (text section)."), tr("N")},
                  {QStringLiteral("component"),
                   tr("Component image; repeatable (twice with the same NAME for the two A/B slots)."),
                   tr("NAME=FIRMWARE")},
                  {QStringLiteral("uri"),
                   tr("Where the device fetches NAME; repeat for the second slot of an A/B component."),
                   tr("NAME=URI")},
                  {QStringLiteral("component-version"), tr("Version text of one component."), tr("NAME=V")},
                  {QStringLiteral("integrate"), tr("Carry NAME's image inside the envelope (\"#NAME\")."),
                   tr("NAME")},
                  {QStringLiteral("characteristic"),
                   tr("Device characteristic to report first (vendor-id, class-id, device-id, "
                      "hardware-revision, serial, component-version:NAME, component-digest:NAME, "
                      "attribute:KEY); repeatable; needs --resource-uri."),
                   tr("C")},
                  {QStringLiteral("resource-uri"), tr("Where devices report the characteristics."),
                   tr("URI")},
                  {QStringLiteral("no-sever-text"), tr("Keep the text section inside the manifest.")},
                  {QStringLiteral("sever-install"), tr("Sever the install sequence into the envelope.")},
                  {QStringLiteral("dependency"),
                   tr("Dependency manifest: its SHA-256 manifest digest and URI; repeatable."),
                   tr("DIGEST_HEX=URI")},
                  {QStringLiteral("sign"), tr("Sign right away (see manifest sign for the key options).")}});
             p.addOptions(signingOptions());
         },
         runManifestCreate});
    cli.add(
        {manifest, QStringLiteral("sign"),
         tr("Sign a SUIT envelope with a workspace key and publish its sequence number for the product."),
         QStringLiteral("IN -o OUT"),
         [](QCommandLineParser &p) {
             describe(p, tr("Adds a COSE_Sign1 block (detached payload = the manifest digest, kid = key id); "
                            "existing signatures are kept. The sequence number must be above every number "
                            "already published for the product in this workspace, except when signing the "
                            "same manifest again (exit 7 otherwise; nothing is written). A wrong passphrase "
                            "exits 2.\n"
                            "--json: {file, size, product, sequenceNumber, manifestDigest, key {name, id}, "
                            "algorithm, algorithmId}."));
             p.addPositionalArgument(QStringLiteral("IN"), tr("The envelope to sign."));
             p.addOptions({outOption(),
                           {QStringLiteral("product"),
                            tr("Product the manifest is for (SUIT does not record it): sequence numbers and "
                               "the default key are per product."),
                            tr("P")}});
             p.addOptions(signingOptions());
         },
         runSign});
}

} // namespace otadesk::cli
