// ManifestBuilder::fromTemplate and ManifestBuilder::validate.
#include "ManifestBuilder.h"

#include "core/crypto/Digest.h"
#include "core/manifest/CharacteristicExtension.h"
#include "core/manifest/ManifestParts.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace otadesk::manifest {

namespace {

ComponentSpec component(const QString &name, std::optional<quint64> slot = std::nullopt)
{
    ComponentSpec c;
    c.name = name;
    c.slot = slot;
    return c;
}

bool isDomain(const QString &domain)
{
    static const QRegularExpression re(
        QStringLiteral("^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-"
                       "9-]{0,61}[A-Za-z0-9])?)*$"));
    return re.match(domain).hasMatch();
}

bool isComponentName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re.match(name).hasMatch();
}

bool isFetchUri(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    return url.isValid() && !url.scheme().isEmpty() && !url.host().isEmpty();
}

class Problems
{
public:
    void add(const QString &field, const QString &message) { list.append({field, message}); }
    QList<SpecProblem> list;
};

void checkComponent(Problems &p, const ManifestSpec &spec, int i)
{
    const ComponentSpec &c = spec.components.at(i);
    const QString f = QStringLiteral("components[%1].").arg(i);
    if (c.name.isEmpty())
        p.add(f + QStringLiteral("name"), ManifestBuilder::tr("Give the component a name (e.g. \"main\")."));
    else if (!isComponentName(c.name))
        p.add(f + QStringLiteral("name"),
              ManifestBuilder::tr("\"%1\" is not a usable component name: use letters, digits, "
                                  "'.', '_' and '-' (at most 64).")
                  .arg(c.name));
    for (qsizetype j = 0; j < c.identifier.size(); ++j) {
        if (c.identifier.at(j).isEmpty())
            p.add(f + QStringLiteral("identifier[%1]").arg(j),
                  ManifestBuilder::tr("An identifier part must not be empty."));
    }
    if (c.digest.size() != 32)
        p.add(f + QStringLiteral("digest"),
              c.digest.isEmpty()
                  ? ManifestBuilder::tr(
                        "The SHA-256 digest of the image is missing: pick the image from the library.")
                  : ManifestBuilder::tr("A SHA-256 digest has 32 bytes, this one has %1.")
                        .arg(c.digest.size()));
    if (c.size == 0)
        p.add(f + QStringLiteral("size"), ManifestBuilder::tr("The image size is missing (0 bytes)."));
    if (c.integrated) {
        if (c.payload.isEmpty()) {
            p.add(f + QStringLiteral("payload"),
                  ManifestBuilder::tr("The component is integrated but its payload is not loaded: "
                                      "set the payload file and load it."));
        } else {
            if (quint64(c.payload.size()) != c.size)
                p.add(f + QStringLiteral("size"),
                      ManifestBuilder::tr("The integrated payload has %1 bytes, the size says %2.")
                          .arg(c.payload.size())
                          .arg(c.size));
            if (c.digest.size() == 32 && crypto::sha256(c.payload) != c.digest)
                p.add(f + QStringLiteral("digest"),
                      ManifestBuilder::tr("The integrated payload's SHA-256 is %1, the digest says %2.")
                          .arg(QString::fromLatin1(crypto::sha256(c.payload).toHex()),
                               QString::fromLatin1(c.digest.toHex())));
        }
    } else if (c.uri.isEmpty()) {
        p.add(f + QStringLiteral("uri"),
              ManifestBuilder::tr("Give the URI the device fetches the image from, or integrate "
                                  "the payload into the envelope."));
    } else if (!isFetchUri(c.uri)) {
        p.add(f + QStringLiteral("uri"),
              ManifestBuilder::tr("\"%1\" is not an absolute URI (scheme://host/path).").arg(c.uri));
    }
}

void checkSlots(Problems &p, const ManifestSpec &spec)
{
    QHash<QList<QByteArray>, QList<int>> byId;
    QList<QList<QByteArray>> order;
    for (int i = 0; i < spec.components.size(); ++i) {
        const auto id = builder::effectiveIdentifier(spec.components.at(i));
        if (!byId.contains(id))
            order.append(id);
        byId[id].append(i);
    }
    for (const auto &id : order) {
        const QList<int> &members = byId.value(id);
        if (members.size() < 2)
            continue;
        QSet<quint64> slots;
        for (int i : members) {
            const ComponentSpec &c = spec.components.at(i);
            const QString f = QStringLiteral("components[%1].").arg(i);
            if (!c.slot) {
                p.add(f + QStringLiteral("slot"),
                      ManifestBuilder::tr("Component \"%1\" appears more than once: each entry "
                                          "must be the image of a different slot.")
                          .arg(c.name));
            } else if (slots.contains(*c.slot)) {
                p.add(f + QStringLiteral("slot"),
                      ManifestBuilder::tr("Slot %1 of \"%2\" is given twice.").arg(*c.slot).arg(c.name));
            } else {
                slots.insert(*c.slot);
            }
        }
    }
    if (spec.templateKind == ManifestTemplate::ABSlots) {
        const auto components = builder::plan(spec);
        if (components.isEmpty() || components.first().images.size() != 2)
            p.add(QStringLiteral("components"),
                  ManifestBuilder::tr("An A/B manifest needs the main component twice: "
                                      "the image for slot 0 and the image for slot 1."));
    }
}

void checkCharacteristics(Problems &p, const ManifestSpec &spec)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < spec.characteristics.size(); ++i) {
        const QString &name = spec.characteristics.at(i);
        const QString f = QStringLiteral("characteristics[%1]").arg(i);
        const auto parsed = CharacteristicName::parse(name);
        if (!parsed) {
            p.add(f, ManifestBuilder::tr(
                         "\"%1\" is not a characteristic: use %2, component-version:<component>, "
                         "component-digest:<component> or attribute:<key>.")
                         .arg(name, standardCharacteristicNames().join(QStringLiteral(", "))));
            continue;
        }
        if (seen.contains(name))
            p.add(f, ManifestBuilder::tr("\"%1\" is listed twice.").arg(name));
        seen.insert(name);
        if (CharacteristicName::takesComponent(parsed->code) &&
            std::none_of(spec.components.begin(), spec.components.end(),
                         [&](const ComponentSpec &c) { return c.name == parsed->argument; }))
            p.add(
                f,
                ManifestBuilder::tr("There is no component \"%1\" in this manifest.").arg(parsed->argument));
    }
    if (!spec.characteristics.isEmpty()) {
        if (spec.resourceRequestUri.isEmpty())
            p.add(QStringLiteral("resourceRequestUri"),
                  ManifestBuilder::tr("Devices must report characteristics: give "
                                      "the URI they send them to."));
        else if (!isFetchUri(spec.resourceRequestUri))
            p.add(QStringLiteral("resourceRequestUri"),
                  ManifestBuilder::tr("\"%1\" is not an absolute URI (scheme://host/path).")
                      .arg(spec.resourceRequestUri));
    }
}

} // namespace

ManifestSpec ManifestBuilder::fromTemplate(ManifestTemplate kind)
{
    ManifestSpec spec;
    spec.templateKind = kind;
    spec.sequenceNumber = 1;
    switch (kind) {
    case ManifestTemplate::SingleImage:
        spec.components = {component(QStringLiteral("main"))};
        break;
    case ManifestTemplate::ABSlots:
        spec.components = {component(QStringLiteral("main"), 0), component(QStringLiteral("main"), 1)};
        break;
    case ManifestTemplate::ImageWithAuxiliary:
        spec.components = {component(QStringLiteral("main")), component(QStringLiteral("aux"))};
        break;
    case ManifestTemplate::MultiComponent:
        spec.components = {component(QStringLiteral("app")), component(QStringLiteral("net")),
                           component(QStringLiteral("modem"))};
        break;
    }
    return spec;
}

QList<SpecProblem> ManifestBuilder::validate(const ManifestSpec &spec)
{
    Problems p;
    if (spec.vendorDomain.isEmpty())
        p.add(QStringLiteral("vendorDomain"),
              tr("Give the vendor's domain name (e.g. example.com): the vendor ID is derived from it."));
    else if (!isDomain(spec.vendorDomain))
        p.add(QStringLiteral("vendorDomain"),
              tr("\"%1\" is not a domain name (e.g. example.com).").arg(spec.vendorDomain));
    if (spec.modelName.trimmed().isEmpty())
        p.add(QStringLiteral("modelName"),
              tr("Give the device model name: the class ID is derived from it."));
    if (spec.components.isEmpty())
        p.add(QStringLiteral("components"), tr("Add at least one component (image)."));
    for (int i = 0; i < spec.components.size(); ++i)
        checkComponent(p, spec, i);
    checkSlots(p, spec);
    for (int d = 0; d < spec.dependencies.size(); ++d) {
        const DependencySpec &dep = spec.dependencies.at(d);
        const QString f = QStringLiteral("dependencies[%1].").arg(d);
        if (dep.digest.size() != 32)
            p.add(f + QStringLiteral("digest"),
                  tr("The dependency's SHA-256 manifest digest must have 32 bytes, this one has %1.")
                      .arg(dep.digest.size()));
        if (!isFetchUri(dep.uri))
            p.add(f + QStringLiteral("uri"),
                  tr("Give the absolute URI the dependency envelope is fetched from."));
    }
    checkCharacteristics(p, spec);
    return p.list;
}

} // namespace otadesk::manifest
