#include "core/firmware/FormatRegistry.h"
#include "core/crypto/Digest.h"

#include "core/common/Logging.h"
#include "core/firmware/formats/Formats.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace otadesk::firmware {

QString ImageFormat::nameFilter() const
{
    QStringList globs;
    for (const QString &e : extensions())
        globs.append(QStringLiteral("*.") + e);
    return displayName() + QStringLiteral(" (") + globs.join(QLatin1Char(' ')) + QLatin1Char(')');
}

const FormatRegistry &FormatRegistry::instance()
{
    static const FormatRegistry registry = [] {
        FormatRegistry r;
        r.add(makeIntelHexFormat());
        r.add(makeSRecordFormat());
        r.add(makeElfFormat());
        r.add(makeBinaryFormat());
        return r;
    }();
    return registry;
}

void FormatRegistry::add(std::unique_ptr<ImageFormat> format) { m_formats.push_back(std::move(format)); }

const ImageFormat *FormatRegistry::byId(const QString &id) const
{
    for (const auto &f : m_formats) {
        if (f->id().compare(id, Qt::CaseInsensitive) == 0)
            return f.get();
    }
    return nullptr;
}

const ImageFormat *FormatRegistry::byExtension(const QString &fileName) const
{
    // Only the last suffix counts: "app.v1.2.hex" is a .hex file.
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix.isEmpty())
        return nullptr;
    for (const auto &f : m_formats) {
        if (f->extensions().contains(suffix))
            return f.get();
    }
    return nullptr;
}

QList<const ImageFormat *> FormatRegistry::formats() const
{
    QList<const ImageFormat *> out;
    for (const auto &f : m_formats)
        out.append(f.get());
    return out;
}

QStringList FormatRegistry::ids() const
{
    QStringList out;
    for (const auto &f : m_formats)
        out.append(f->id());
    return out;
}

QString FormatRegistry::openFileFilter() const
{
    QStringList all;
    QStringList each;
    for (const auto &f : m_formats) {
        for (const QString &e : f->extensions())
            all.append(QStringLiteral("*.") + e);
        each.append(f->nameFilter());
    }
    all.append(QStringLiteral("*.zip"));
    return tr("All firmware (%1)").arg(all.join(QLatin1Char(' '))) + QStringLiteral(";;") +
           each.join(QStringLiteral(";;")) + QStringLiteral(";;") + tr("All files (*)");
}

const ImageFormat *FormatRegistry::detect(QByteArrayView content, const QString &fileNameHint) const
{
    const QByteArrayView head = content.first(qMin<qsizetype>(content.size(), 4096));
    const ImageFormat *hinted = byExtension(fileNameHint);
    const ImageFormat *best = nullptr;
    int bestScore = -1;
    for (const auto &f : m_formats) {
        int score = f->probe(head);
        if (score <= NotMine)
            continue;
        if (f.get() == hinted)
            score += 1; // the extension only breaks ties
        if (score > bestScore) {
            best = f.get();
            bestScore = score;
        }
    }
    return best ? best : byId(QStringLiteral("bin"));
}

Result<LoadedImage> loadImageData(QByteArrayView content, const ReadOptions &options, const QString &formatId)
{
    const FormatRegistry &reg = FormatRegistry::instance();
    const ImageFormat *format = nullptr;
    if (formatId.isEmpty()) {
        format = reg.detect(content, options.fileName);
    } else {
        format = reg.byId(formatId);
        if (!format)
            return fail(ErrorCode::InvalidArgument,
                        FormatRegistry::tr("Unknown format \"%1\". Known formats: %2.")
                            .arg(formatId, reg.ids().join(QStringLiteral(", "))));
    }
    qCDebug(lcFirmware) << "reading" << options.fileName << "as" << format->id();
    auto read = format->read(content, options);
    if (!read) {
        Error e = read.error();
        if (e.where().file.isEmpty() && !options.fileName.isEmpty())
            e = e.withFile(options.fileName);
        return std::unexpected(e);
    }
    LoadedImage out;
    out.result = std::move(*read);
    out.format = format;
    out.fileSize = content.size();
    if (options.fileDigest)
        out.fileSha256 = crypto::sha256(content);
    return out;
}

Result<LoadedImage> loadImageFile(const QString &path, const ReadOptions &options, const QString &formatId)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, FormatRegistry::tr("Cannot open %1: %2").arg(path, file.errorString()));
    ReadOptions opts = options;
    if (opts.fileName.isEmpty())
        opts.fileName = path;
    const qint64 size = file.size();
    if (size == 0)
        return loadImageData(QByteArrayView(), opts, formatId);
    if (uchar *mapped = file.map(0, size)) {
        auto r = loadImageData(QByteArrayView(reinterpret_cast<const char *>(mapped), size), opts, formatId);
        file.unmap(mapped);
        return r;
    }
    const QByteArray all = file.readAll();
    if (all.size() != size)
        return fail(ErrorCode::Io, FormatRegistry::tr("Cannot read %1: %2").arg(path, file.errorString()));
    return loadImageData(all, opts, formatId);
}

Status saveImageFile(const MemoryImage &image, const QString &path, const QString &formatId,
                     const WriteOptions &options)
{
    const ImageFormat *format = FormatRegistry::instance().byId(formatId);
    if (!format)
        return fail(ErrorCode::InvalidArgument,
                    FormatRegistry::tr("Unknown format \"%1\". Known formats: %2.")
                        .arg(formatId, FormatRegistry::instance().ids().join(QStringLiteral(", "))));
    auto bytes = format->write(image, options);
    if (!bytes)
        return std::unexpected(bytes.error());
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(*bytes) != bytes->size() || !out.commit())
        return fail(ErrorCode::Io, FormatRegistry::tr("Cannot write %1: %2").arg(path, out.errorString()));
    return {};
}

} // namespace otadesk::firmware
