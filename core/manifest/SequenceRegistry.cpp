#include "SequenceRegistry.h"

#include <algorithm>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace otadesk::manifest {

namespace {

const QString FormatName = QStringLiteral("otadesk-sequence-numbers");

SourceLocation inFile(const QString &path, qint64 offset = -1)
{
    SourceLocation where;
    where.file = path;
    where.offset = offset;
    return where;
}

Result<QList<PublishedSequence>> load(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return QList<PublishedSequence>();
    if (!f.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::Io,
            SequenceRegistry::tr("Cannot read the sequence-number record %1: %2").arg(path, f.errorString()),
            inFile(path));
    const QByteArray data = f.readAll();
    auto damaged = [&](const QString &why, qint64 offset = -1) {
        return fail(ErrorCode::Format,
                    SequenceRegistry::tr("The sequence-number record %1 is damaged (%2). Nothing was "
                                         "changed; restore it from a backup or repair it by hand.")
                        .arg(path, why),
                    inFile(path, offset));
    };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return damaged(SequenceRegistry::tr("%1 at byte %2").arg(error.errorString()).arg(error.offset),
                       error.offset);
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QStringLiteral("format")).toString() != FormatName)
        return damaged(SequenceRegistry::tr("not an OTA Desk sequence-number file"));
    if (root.value(QStringLiteral("version")).toInt() != 1)
        return damaged(
            SequenceRegistry::tr("unknown version %1").arg(root.value(QStringLiteral("version")).toInt()));
    QList<PublishedSequence> out;
    const QJsonArray entries = root.value(QStringLiteral("entries")).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject e = entries.at(i).toObject();
        PublishedSequence s;
        s.product = e.value(QStringLiteral("product")).toString();
        bool ok = false;
        s.sequenceNumber = e.value(QStringLiteral("sequenceNumber")).toString().toULongLong(&ok);
        s.manifestDigest =
            QByteArray::fromHex(e.value(QStringLiteral("manifestDigest")).toString().toLatin1());
        s.signedAt = QDateTime::fromString(e.value(QStringLiteral("signedAt")).toString(), Qt::ISODateWithMs);
        if (s.product.isEmpty() || !ok || s.manifestDigest.size() != 32 || !s.signedAt.isValid())
            return damaged(SequenceRegistry::tr("entry %1 is incomplete").arg(i + 1));
        out.append(s);
    }
    return out;
}

Status save(const QString &path, const QList<PublishedSequence> &entries)
{
    QJsonArray array;
    for (const PublishedSequence &s : entries)
        array.append(
            QJsonObject{{QStringLiteral("product"), s.product},
                        {QStringLiteral("sequenceNumber"), QString::number(s.sequenceNumber)},
                        {QStringLiteral("manifestDigest"), QString::fromLatin1(s.manifestDigest.toHex())},
                        {QStringLiteral("signedAt"), s.signedAt.toUTC().toString(Qt::ISODateWithMs)}});
    const QJsonObject root{{QStringLiteral("format"), FormatName},
                           {QStringLiteral("version"), 1},
                           {QStringLiteral("entries"), array}};
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(ErrorCode::Io,
                    SequenceRegistry::tr("Cannot create the folder %1.").arg(QFileInfo(path).absolutePath()),
                    inFile(path));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 ||
        !f.commit())
        return fail(
            ErrorCode::Io,
            SequenceRegistry::tr("Cannot write the sequence-number record %1: %2").arg(path, f.errorString()),
            inFile(path));
    return {};
}

Status checkArguments(const QString &product, const QByteArray &digest)
{
    if (product.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    SequenceRegistry::tr("Give the product the manifest is for: sequence "
                                         "numbers are counted per product."));
    if (digest.size() != 32)
        return fail(ErrorCode::InvalidArgument,
                    SequenceRegistry::tr("The manifest digest must be a 32-byte SHA-256, "
                                         "this one has %1 bytes.")
                        .arg(digest.size()));
    return {};
}

Status checkAgainst(const QList<PublishedSequence> &entries, const QString &product, quint64 number,
                    const QByteArray &digest)
{
    const PublishedSequence *highest = nullptr;
    for (const PublishedSequence &s : entries) {
        if (s.product != product)
            continue;
        if (s.sequenceNumber == number && s.manifestDigest == digest)
            return {}; // the very same manifest: signing it again publishes nothing new
        if (!highest || s.sequenceNumber > highest->sequenceNumber)
            highest = &s;
    }
    if (highest && number <= highest->sequenceNumber)
        return fail(
            ErrorCode::InvalidArgument,
            SequenceRegistry::tr("sequence number %1 is not above %2, already published for %3 on %4; use %5 "
                                 "or higher so devices accept the update.")
                .arg(number)
                .arg(highest->sequenceNumber)
                .arg(product, highest->signedAt.toUTC().toString(Qt::ISODate))
                .arg(highest->sequenceNumber + 1));
    return {};
}

} // namespace

SequenceRegistry::SequenceRegistry(const Workspace &workspace) : m_workspace(workspace) {}

QString SequenceRegistry::path() const
{
    return m_workspace.filePath(QStringLiteral("manifests/sequence-numbers.json"));
}

Result<std::optional<quint64>> SequenceRegistry::highest(const QString &product) const
{
    auto entries = load(path());
    if (!entries)
        return std::unexpected(entries.error());
    std::optional<quint64> best;
    for (const PublishedSequence &s : std::as_const(*entries)) {
        if (s.product == product && (!best || s.sequenceNumber > *best))
            best = s.sequenceNumber;
    }
    return best;
}

Result<quint64> SequenceRegistry::next(const QString &product) const
{
    auto h = highest(product);
    if (!h)
        return std::unexpected(h.error());
    if (*h && **h == std::numeric_limits<quint64>::max())
        return fail(ErrorCode::InvalidArgument, tr("The sequence numbers of %1 are exhausted.").arg(product));
    return *h ? **h + 1 : 1;
}

Status SequenceRegistry::check(const QString &product, quint64 sequenceNumber,
                               const QByteArray &manifestDigest) const
{
    if (auto ok = checkArguments(product, manifestDigest); !ok)
        return ok;
    auto entries = load(path());
    if (!entries)
        return std::unexpected(entries.error());
    return checkAgainst(*entries, product, sequenceNumber, manifestDigest);
}

Status SequenceRegistry::publish(const QString &product, quint64 sequenceNumber,
                                 const QByteArray &manifestDigest)
{
    if (auto ok = checkArguments(product, manifestDigest); !ok)
        return ok;
    auto entries = load(path());
    if (!entries)
        return std::unexpected(entries.error());
    if (auto ok = checkAgainst(*entries, product, sequenceNumber, manifestDigest); !ok)
        return ok;
    for (const PublishedSequence &s : std::as_const(*entries)) {
        if (s.product == product && s.sequenceNumber == sequenceNumber && s.manifestDigest == manifestDigest)
            return {};
    }
    entries->append({product, sequenceNumber, manifestDigest, QDateTime::currentDateTimeUtc()});
    return save(path(), *entries);
}

Result<QList<PublishedSequence>> SequenceRegistry::list(const QString &product) const
{
    auto entries = load(path());
    if (!entries)
        return std::unexpected(entries.error());
    QList<PublishedSequence> out;
    for (const PublishedSequence &s : std::as_const(*entries)) {
        if (product.isEmpty() || s.product == product)
            out.append(s);
    }
    std::stable_sort(out.begin(), out.end(), [](const PublishedSequence &a, const PublishedSequence &b) {
        return a.product != b.product ? a.product < b.product : a.sequenceNumber < b.sequenceNumber;
    });
    return out;
}

} // namespace otadesk::manifest
