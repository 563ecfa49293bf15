#include "ManifestSpec.h"

#include "core/manifest/CharacteristicExtension.h"
#include "core/manifest/SuitUuid.h"

#include <QDir>
#include <QFile>

namespace otadesk::manifest {

QString templateName(ManifestTemplate t)
{
    switch (t) {
    case ManifestTemplate::SingleImage:
        return QStringLiteral("single-image");
    case ManifestTemplate::ABSlots:
        return QStringLiteral("ab-slots");
    case ManifestTemplate::ImageWithAuxiliary:
        return QStringLiteral("image-aux");
    case ManifestTemplate::MultiComponent:
        return QStringLiteral("multi-component");
    }
    return {};
}

QString templateTitle(ManifestTemplate t)
{
    switch (t) {
    case ManifestTemplate::SingleImage:
        return ManifestSpec::tr("Single image");
    case ManifestTemplate::ABSlots:
        return ManifestSpec::tr("A/B slots (install into the inactive slot)");
    case ManifestTemplate::ImageWithAuxiliary:
        return ManifestSpec::tr("Image with auxiliary files");
    case ManifestTemplate::MultiComponent:
        return ManifestSpec::tr("Multiple components");
    }
    return {};
}

std::optional<ManifestTemplate> templateFromName(const QString &name)
{
    for (ManifestTemplate t : allTemplates()) {
        if (templateName(t) == name)
            return t;
    }
    return std::nullopt;
}

QList<ManifestTemplate> allTemplates()
{
    return {ManifestTemplate::SingleImage, ManifestTemplate::ABSlots, ManifestTemplate::ImageWithAuxiliary,
            ManifestTemplate::MultiComponent};
}

bool isValidCharacteristicName(const QString &name)
{
    return CharacteristicName::parse(name).has_value();
}

QStringList standardCharacteristicNames()
{
    return {QStringLiteral("vendor-id"), QStringLiteral("class-id"), QStringLiteral("device-id"),
            QStringLiteral("hardware-revision"), QStringLiteral("serial")};
}

QUuid ManifestSpec::vendorId() const
{
    return suitUuid::vendorId(vendorDomain);
}

QUuid ManifestSpec::classId() const
{
    return suitUuid::classId(vendorId(), modelName);
}

Status ManifestSpec::loadPayloads(const QString &baseDir)
{
    for (qsizetype i = 0; i < components.size(); ++i) {
        ComponentSpec &c = components[i];
        if (!c.integrated)
            continue;
        if (c.payloadFile.isEmpty()) {
            if (!c.payload.isEmpty())
                continue;
            return fail(
                ErrorCode::InvalidArgument,
                tr("components[%1].payloadFile: component '%2' is integrated but names no payload file")
                    .arg(i)
                    .arg(c.name));
        }
        const QString path = QDir(baseDir).absoluteFilePath(c.payloadFile);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            SourceLocation where;
            where.file = path;
            return fail(
                ErrorCode::Io,
                tr("components[%1].payloadFile: cannot read %2: %3").arg(i).arg(path, f.errorString()),
                where);
        }
        c.payload = f.readAll();
    }
    return {};
}

} // namespace otadesk::manifest
