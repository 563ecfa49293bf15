#include "ui/manifest/ManifestDrafts.h"

#include "core/crypto/Digest.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace otadesk::ui {

namespace {
class ManifestDrafts
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::ui::ManifestDrafts)
};
} // namespace

Result<QByteArray> libraryImageBytes(const library::FirmwareLibrary &library,
                                     const library::FirmwareEntry &entry)
{
    if (entry.kind == library::EntryKind::Auxiliary)
        return library.fileContent(entry);
    auto loaded = library.loadImage(entry);
    if (!loaded)
        return std::unexpected(loaded.error());
    return loaded->result.image.flatten();
}

Result<manifest::ManifestSpec> readDraft(const QString &path, const QString &workspacePath)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, file.errorString());
    QJsonParseError parse;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError)
        return fail(ErrorCode::Format,
                    ManifestDrafts::tr("not JSON (%1 at offset %2)").arg(parse.errorString()).arg(parse.offset));
    if (!json.isObject())
        return fail(ErrorCode::Format, ManifestDrafts::tr("not a JSON object"));
    auto spec = manifest::ManifestSpec::fromJson(json.object());
    if (!spec)
        return std::unexpected(spec.error());

    // Integrated firmware from the library has no payload file: its bytes come from the library again.
    QList<qsizetype> fromLibrary;
    for (qsizetype i = 0; i < spec->components.size(); ++i) {
        manifest::ComponentSpec &c = spec->components[i];
        if (c.integrated && c.payloadFile.isEmpty() && !c.firmwareId.isEmpty()) {
            fromLibrary << i;
            c.integrated = false; // for loadPayloads, restored below
        }
    }
    if (Status loaded = spec->loadPayloads(QFileInfo(path).absolutePath()); !loaded)
        return std::unexpected(loaded.error());
    if (fromLibrary.isEmpty())
        return spec;
    auto library = library::FirmwareLibrary::open(Workspace(workspacePath));
    if (!library)
        return std::unexpected(library.error());
    for (qsizetype i : std::as_const(fromLibrary)) {
        manifest::ComponentSpec &c = spec->components[i];
        c.integrated = true;
        auto entry = (*library)->find(c.firmwareId);
        if (!entry)
            return std::unexpected(entry.error());
        auto bytes = libraryImageBytes(**library, *entry);
        if (!bytes)
            return std::unexpected(bytes.error());
        if (crypto::sha256(*bytes) != c.digest)
            return fail(ErrorCode::InvalidArgument, ManifestDrafts::tr("components[%1]: library entry %2 no longer has the "
                                                       "image the draft names (digest differs)")
                                                        .arg(i)
                                                        .arg(c.firmwareId));
        c.payload = *bytes;
    }
    return spec;
}

Status writeDraft(const QString &path, const manifest::ManifestSpec &spec)
{
    const QByteArray json = QJsonDocument(spec.toJson()).toJson(QJsonDocument::Indented);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return fail(ErrorCode::Io, file.errorString());
    return {};
}

} // namespace otadesk::ui
