// otactl manifest create: a ManifestSpec from --spec / --template plus the options, then
// ManifestBuilder::buildEnvelope, optionally signed right away (ManifestSigning.cpp).
#include "app/otactl/ManifestCommands.h"
#include "app/otactl/ManifestFirmware.h"
#include "app/otactl/ManifestSigning.h"
#include "core/crypto/Digest.h"
#include "core/manifest/ManifestBuilder.h"
#include "core/manifest/SequenceRegistry.h"
#include "core/manifest/SuitDecoder.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace otadesk::cli {

namespace {
using namespace manifest;

QString tr(const char *text)
{
    return QCoreApplication::translate("otactl", text);
}

struct NameValue
{
    QString name;
    QString value;
};

// "NAME=VALUE" options; a usage error names the option when the '=' is missing.
Result<QList<NameValue>> pairs(const QCommandLineParser &p, const QString &option)
{
    QList<NameValue> out;
    for (const QString &v : p.values(option)) {
        const qsizetype eq = v.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == v.size() - 1)
            return fail(ErrorCode::InvalidArgument,
                        tr("--%1 expects NAME=VALUE, got \"%2\".").arg(option, v));
        out.append({v.left(eq), v.mid(eq + 1)});
    }
    return out;
}

Result<ManifestSpec> baseSpec(const QCommandLineParser &p)
{
    const QString templateName = p.value(QStringLiteral("template"));
    std::optional<ManifestTemplate> kind;
    if (!templateName.isEmpty()) {
        kind = templateFromName(templateName);
        if (!kind) {
            QStringList names;
            for (ManifestTemplate t : allTemplates())
                names << manifest::templateName(t);
            return fail(ErrorCode::InvalidArgument, tr("Unknown template \"%1\"; use one of %2.")
                                                        .arg(templateName, names.join(QStringLiteral(", "))));
        }
    }
    if (!p.isSet(QStringLiteral("spec")))
        return ManifestBuilder::fromTemplate(kind.value_or(ManifestTemplate::SingleImage));
    const QString path = p.value(QStringLiteral("spec"));
    auto bytes = readManifestFile(path);
    if (!bytes)
        return std::unexpected(bytes.error());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (!doc.isObject())
        return fail(ErrorCode::Format,
                    tr("%1 is not a manifest spec (JSON object): %2").arg(path, parseError.errorString()));
    auto spec = ManifestSpec::fromJson(doc.object());
    if (!spec)
        return fail(ErrorCode::Format, tr("%1: %2").arg(path, spec.error().message()));
    if (auto ok = spec->loadPayloads(QFileInfo(path).absolutePath()); !ok)
        return std::unexpected(ok.error());
    if (kind)
        spec->templateKind = *kind;
    return spec;
}

// --component NAME=FIRMWARE: fills the template's / spec's entry of that name (the next one not yet filled,
// so an A/B component takes two), renames an unnamed-by-options template entry, or appends a new component.
Status applyComponents(Context &ctx, const QCommandLineParser &p, ManifestSpec &spec, bool fromSpec,
                       QHash<int, ComponentImage> &images)
{
    auto given = pairs(p, QStringLiteral("component"));
    if (!given)
        return std::unexpected(given.error());
    QSet<QString> givenNames;
    for (const NameValue &nv : std::as_const(*given))
        givenNames.insert(nv.name);
    QSet<int> filled;
    for (const NameValue &nv : std::as_const(*given)) {
        auto image = resolveComponentImage(ctx, nv.value);
        if (!image)
            return std::unexpected(image.error());
        int index = -1;
        for (int i = 0; i < spec.components.size() && index < 0; ++i) {
            if (spec.components.at(i).name == nv.name && !filled.contains(i))
                index = i;
        }
        for (int i = 0; i < spec.components.size() && index < 0 && !fromSpec; ++i) {
            const ComponentSpec &c = spec.components.at(i);
            if (!filled.contains(i) && c.digest.isEmpty() && !givenNames.contains(c.name)) {
                index = i;
                const QString old = c.name;
                for (ComponentSpec &other : spec.components) { // both slots of an A/B template entry
                    if (other.name == old && other.digest.isEmpty())
                        other.name = nv.name;
                }
            }
        }
        if (index < 0) {
            ComponentSpec c;
            c.name = nv.name;
            spec.components.append(c);
            index = int(spec.components.size() - 1);
        }
        ComponentSpec &c = spec.components[index];
        c.digest = crypto::sha256(image->bytes);
        c.size = quint64(image->bytes.size());
        c.firmwareId = image->firmwareId;
        if (c.version.isEmpty())
            c.version = image->version;
        if (c.integrated) {
            c.payload = image->bytes;
            c.payloadFile = image->payloadFile;
        }
        filled.insert(index);
        images.insert(index, *image);
    }
    if (!fromSpec && !given->isEmpty()) { // template entries nobody filled are not wanted
        for (int i = int(spec.components.size()) - 1; i >= 0; --i) {
            if (!filled.contains(i) && spec.components.at(i).digest.isEmpty()) {
                spec.components.removeAt(i);
                QHash<int, ComponentImage> shifted;
                for (auto it = images.cbegin(); it != images.cend(); ++it)
                    shifted.insert(it.key() > i ? it.key() - 1 : it.key(), it.value());
                images = shifted;
            }
        }
    }
    return {};
}

QList<int> entriesNamed(const ManifestSpec &spec, const QString &name)
{
    QList<int> out;
    for (int i = 0; i < spec.components.size(); ++i) {
        if (spec.components.at(i).name == name)
            out.append(i);
    }
    return out;
}

// --uri, --component-version, --integrate.
Status applyPerComponent(const QCommandLineParser &p, ManifestSpec &spec,
                         const QHash<int, ComponentImage> &images)
{
    auto unknown = [](const QString &option, const QString &name) {
        return fail(
            ErrorCode::InvalidArgument,
            tr("--%1 names the component \"%2\", which the manifest does not have.").arg(option, name));
    };
    auto uris = pairs(p, QStringLiteral("uri"));
    if (!uris)
        return std::unexpected(uris.error());
    QHash<QString, QStringList> uriLists;
    for (const NameValue &nv : std::as_const(*uris))
        uriLists[nv.name].append(nv.value);
    for (auto it = uriLists.cbegin(); it != uriLists.cend(); ++it) {
        const QList<int> entries = entriesNamed(spec, it.key());
        if (entries.isEmpty())
            return unknown(QStringLiteral("uri"), it.key());
        for (qsizetype k = 0; k < entries.size(); ++k) // one URI for all slots, or one per slot in order
            spec.components[entries.at(k)].uri = it->value(qMin(k, it->size() - 1));
    }
    auto versions = pairs(p, QStringLiteral("component-version"));
    if (!versions)
        return std::unexpected(versions.error());
    for (const NameValue &nv : std::as_const(*versions)) {
        const QList<int> entries = entriesNamed(spec, nv.name);
        if (entries.isEmpty())
            return unknown(QStringLiteral("component-version"), nv.name);
        for (int i : entries)
            spec.components[i].version = nv.value;
    }
    for (const QString &name : p.values(QStringLiteral("integrate"))) {
        const QList<int> entries = entriesNamed(spec, name);
        if (entries.isEmpty())
            return unknown(QStringLiteral("integrate"), name);
        for (int i : entries) {
            ComponentSpec &c = spec.components[i];
            c.integrated = true;
            if (images.contains(i)) {
                c.payload = images.value(i).bytes;
                c.payloadFile = images.value(i).payloadFile;
            }
        }
    }
    return {};
}

Status applyOptions(Context &ctx, const QCommandLineParser &p, ManifestSpec &spec, bool fromSpec)
{
    auto text = [&](const char *option, QString &field) {
        if (p.isSet(QString::fromLatin1(option)))
            field = p.value(QString::fromLatin1(option));
    };
    text("product", spec.product);
    text("vendor-domain", spec.vendorDomain);
    text("model", spec.modelName);
    text("version", spec.version);
    text("description", spec.description);
    text("vendor-name", spec.vendorName);
    text("resource-uri", spec.resourceRequestUri);
    spec.characteristics += p.values(QStringLiteral("characteristic"));
    if (p.isSet(QStringLiteral("no-sever-text")))
        spec.severText = false;
    if (p.isSet(QStringLiteral("sever-install")))
        spec.severInstall = true;
    auto deps = pairs(p, QStringLiteral("dependency"));
    if (!deps)
        return std::unexpected(deps.error());
    for (const NameValue &nv : std::as_const(*deps)) {
        DependencySpec d;
        d.digest = QByteArray::fromHex(nv.name.toLatin1());
        if (d.digest.toHex() != nv.name.toLower().toLatin1())
            return fail(ErrorCode::InvalidArgument,
                        tr("--dependency: \"%1\" is not a hex digest.").arg(nv.name));
        d.uri = nv.value;
        spec.dependencies.append(d);
    }

    const QString sequence = p.value(QStringLiteral("sequence"));
    if (sequence == QLatin1String("auto") || (sequence.isEmpty() && !fromSpec)) {
        if (!spec.product.isEmpty()) {
            auto next = SequenceRegistry(Workspace(ctx.workspacePath())).next(spec.product);
            if (!next)
                return std::unexpected(next.error());
            spec.sequenceNumber = *next;
        }
    } else if (!sequence.isEmpty()) {
        bool ok = false;
        spec.sequenceNumber = sequence.toULongLong(&ok);
        if (!ok)
            return fail(ErrorCode::InvalidArgument,
                        tr("--sequence expects a number or \"auto\", got \"%1\".").arg(sequence));
    }
    return {};
}

QJsonArray componentsJson(const ManifestSpec &spec)
{
    QJsonArray out;
    for (const ComponentSpec &c : spec.components)
        out.append(QJsonObject{
            {QStringLiteral("name"), c.name},
            {QStringLiteral("slot"), c.slot ? QJsonValue(qint64(*c.slot)) : QJsonValue()},
            {QStringLiteral("firmware"), c.firmwareId.isEmpty() ? QJsonValue() : QJsonValue(c.firmwareId)},
            {QStringLiteral("digest"), QString::fromLatin1(c.digest.toHex())},
            {QStringLiteral("size"), qint64(c.size)},
            {QStringLiteral("uri"), c.uri.isEmpty() ? QJsonValue() : QJsonValue(c.uri)},
            {QStringLiteral("integrated"), c.integrated}});
    return out;
}

int reportProblems(Context &ctx, const QList<SpecProblem> &problems)
{
    if (ctx.json()) {
        QJsonArray list;
        for (const SpecProblem &sp : problems)
            list.append(
                QJsonObject{{QStringLiteral("field"), sp.field}, {QStringLiteral("message"), sp.message}});
        ctx.printJson(QJsonObject{{QStringLiteral("problems"), list}});
    }
    ctx.out().flush();
    ctx.err() << "otactl: "
              << QCoreApplication::translate(
                     "otactl", "The manifest cannot be built (%n problem(s)):", nullptr, int(problems.size()))
              << Qt::endl;
    for (const SpecProblem &sp : problems)
        ctx.err() << "  " << sp.field << ": " << sp.message << Qt::endl;
    return ExitInput;
}
} // namespace

int runManifestCreate(Context &ctx, const QCommandLineParser &p)
{
    if (!p.positionalArguments().isEmpty())
        return ctx.usage(tr("manifest create takes no positional arguments (did you mean -o %1?).")
                             .arg(p.positionalArguments().first()));
    const QString out = p.value(QStringLiteral("out"));
    if (out.isEmpty())
        return ctx.usage(tr("manifest create needs -o OUT.suit."));
    if (!p.isSet(QStringLiteral("sign"))) {
        for (const char *option : {"key", "alg", "passphrase-file"}) {
            if (p.isSet(QString::fromLatin1(option)))
                return ctx.usage(tr("--%1 applies to --sign only.").arg(QString::fromLatin1(option)));
        }
    }
    const bool fromSpec = p.isSet(QStringLiteral("spec"));
    auto spec = baseSpec(p);
    if (!spec) {
        const int code = ctx.fail(spec.error());
        return spec.error().code() == ErrorCode::Format ? int(ExitInput) : code;
    }
    QHash<int, ComponentImage> images;
    if (auto ok = applyOptions(ctx, p, *spec, fromSpec); !ok)
        return ctx.fail(ok.error());
    if (auto ok = applyComponents(ctx, p, *spec, fromSpec, images); !ok)
        return ctx.fail(ok.error());
    if (auto ok = applyPerComponent(p, *spec, images); !ok)
        return ctx.fail(ok.error());

    if (const QList<SpecProblem> problems = ManifestBuilder::validate(*spec); !problems.isEmpty())
        return reportProblems(ctx, problems);
    auto envelope = ManifestBuilder::buildEnvelope(*spec);
    if (!envelope)
        return ctx.fail(envelope.error());

    const QString specPath = p.value(QStringLiteral("save-spec"));
    if (!specPath.isEmpty()) {
        if (auto ok =
                writeFileAtomically(specPath, QJsonDocument(spec->toJson()).toJson(QJsonDocument::Indented));
            !ok)
            return ctx.fail(ok.error());
    }
    QByteArray written = *envelope;
    QJsonValue signature;
    if (p.isSet(QStringLiteral("sign"))) {
        auto result = signEnvelope(ctx, p, *envelope, spec->product, out);
        if (const int *code = std::get_if<int>(&result))
            return *code;
        written = std::get<SignedEnvelope>(result).bytes;
        signature = std::get<SignedEnvelope>(result).info;
    } else if (auto ok = writeFileAtomically(out, *envelope); !ok) {
        return ctx.fail(ok.error());
    }

    auto decoded = SuitDecoder::decodeEnvelope(written);
    const QString digest = decoded && decoded->manifestDigest
                               ? QString::fromLatin1(decoded->manifestDigest->bytes.toHex())
                               : QString();
    if (ctx.json()) {
        ctx.printJson(
            QJsonObject{{QStringLiteral("file"), out},
                        {QStringLiteral("signed"), !signature.isNull()},
                        {QStringLiteral("template"), templateName(spec->templateKind)},
                        {QStringLiteral("product"), spec->product},
                        {QStringLiteral("sequenceNumber"), qint64(spec->sequenceNumber)},
                        {QStringLiteral("manifestDigest"), digest},
                        {QStringLiteral("size"), qint64(written.size())},
                        {QStringLiteral("components"), componentsJson(*spec)},
                        {QStringLiteral("spec"), specPath.isEmpty() ? QJsonValue() : QJsonValue(specPath)},
                        {QStringLiteral("signature"), signature}});
        return ExitOk;
    }
    QTextStream &o = ctx.out();
    o << tr("Wrote %1 (%2 bytes, %3, sequence number %4, manifest digest %5)")
             .arg(out)
             .arg(written.size())
             .arg(signature.isNull()
                      ? tr("unsigned")
                      : tr("signed with %1")
                            .arg(signature.toObject().value(QStringLiteral("algorithm")).toString()))
             .arg(spec->sequenceNumber)
             .arg(digest)
      << '\n';
    for (auto it = images.cbegin(); it != images.cend(); ++it) {
        const ComponentSpec &c = spec->components.at(it.key());
        o << "  " << c.name << (c.slot ? QStringLiteral(" slot %1").arg(*c.slot) : QString()) << ": "
          << it->description << ", " << c.size << tr(" bytes, SHA-256 ")
          << QString::fromLatin1(c.digest.toHex()) << '\n';
    }
    if (!specPath.isEmpty())
        o << tr("Saved the spec to %1").arg(specPath) << '\n';
    o.flush();
    return ExitOk;
}

} // namespace otadesk::cli
