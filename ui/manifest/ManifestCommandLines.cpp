#include "ui/manifest/ManifestCommandLines.h"

#include "ui/firmware/CommandLines.h"

#include <QStringList>

namespace otadesk::ui::manifestcommands {

namespace {
QString arg(const QString &value, const char *placeholder)
{
    return value.isEmpty() ? QString::fromLatin1(placeholder) : commands::quoted(value);
}
QString pair(const QString &name, const QString &value)
{
    return commands::quoted(name + u'=' + value);
}
} // namespace

QString create(const manifest::ManifestSpec &spec, const QString &outPath)
{
    QStringList parts{QStringLiteral("otactl manifest create"), QStringLiteral("--template"),
                      manifest::templateName(spec.templateKind)};
    auto option = [&parts](const char *name, const QString &value, const char *placeholder = nullptr) {
        if (value.isEmpty() && !placeholder)
            return;
        parts << QString::fromLatin1(name) << arg(value, placeholder ? placeholder : "");
    };
    option("--product", spec.product, "PRODUCT");
    option("--vendor-domain", spec.vendorDomain, "DOMAIN");
    option("--model", spec.modelName, "MODEL");
    parts << QStringLiteral("--sequence") << QString::number(spec.sequenceNumber);
    option("--version", spec.version);
    option("--description", spec.description);
    option("--vendor-name", spec.vendorName);
    for (const manifest::ComponentSpec &c : spec.components) {
        const QString firmware = !c.firmwareId.isEmpty()    ? c.firmwareId
                                 : !c.payloadFile.isEmpty() ? QStringLiteral("file:") + c.payloadFile
                                                            : QStringLiteral("FIRMWARE");
        parts << QStringLiteral("--component") << pair(c.name, firmware);
        if (!c.uri.isEmpty())
            parts << QStringLiteral("--uri") << pair(c.name, c.uri);
        if (!c.version.isEmpty())
            parts << QStringLiteral("--component-version") << pair(c.name, c.version);
        if (c.integrated)
            parts << QStringLiteral("--integrate") << commands::quoted(c.name);
    }
    for (const QString &c : spec.characteristics)
        parts << QStringLiteral("--characteristic") << commands::quoted(c);
    option("--resource-uri", spec.resourceRequestUri);
    for (const manifest::DependencySpec &d : spec.dependencies)
        parts << QStringLiteral("--dependency") << pair(QString::fromLatin1(d.digest.toHex()), d.uri);
    if (!spec.severText)
        parts << QStringLiteral("--no-sever-text");
    if (spec.severInstall)
        parts << QStringLiteral("--sever-install");
    parts << QStringLiteral("-o") << arg(outPath, "OUT.suit");
    return parts.join(u' ');
}

QString sign(const QString &envelopePath, const QString &product, const QString &keyReference,
             const QString &algorithm, const QString &outPath)
{
    QString line = QStringLiteral("otactl manifest sign %1 --product %2 --key %3")
                       .arg(arg(envelopePath, "IN.suit"), arg(product, "PRODUCT"), arg(keyReference, "KEY"));
    if (!algorithm.isEmpty())
        line += QStringLiteral(" --alg ") + algorithm.toLower();
    return line + QStringLiteral(" -o ") + arg(outPath, "OUT.suit");
}

QString verify(const QString &envelopePath)
{
    return QStringLiteral("otactl manifest verify ") + arg(envelopePath, "IN.suit");
}

} // namespace otadesk::ui::manifestcommands
