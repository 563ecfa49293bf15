#include "core/bench/link/ImageUploader.h"

#include <QPointer>

namespace otadesk::bench {

ImageUploader::ImageUploader(SmpClient *client, QByteArray bytes, QByteArray sha256, UploadOptions options,
                             QObject *parent)
    : QObject(parent), m_client(client), m_bytes(std::move(bytes)), m_sha256(std::move(sha256)),
      m_options(options)
{
}

int ImageUploader::dataSizeAt(qint64 offset) const
{
    UploadRequest r;
    r.offset = offset;
    if (offset == 0) {
        if (m_options.image != 0)
            r.image = m_options.image;
        r.length = m_bytes.size();
        r.sha256 = m_sha256;
    }
    int size = SmpCommands::maxUploadData(r, m_options.maxPacket, m_client->version());
    const qint64 remaining = m_bytes.size() - offset;
    if (size >= remaining)
        return int(remaining);
    // Whole words keep flash writes aligned on devices that buffer unaligned tails badly.
    return size >= 8 ? size & ~3 : size;
}

void ImageUploader::start()
{
    m_clock.start();
    m_acked = m_nextSend = 0;
    m_inFlight = 0;
    m_finished = false;
    if (m_bytes.isEmpty())
        return done(fail(ErrorCode::InvalidArgument, tr("There is nothing to upload.")));
    m_chunkData = m_bytes.size() > 1 ? dataSizeAt(1) : int(m_bytes.size()); // typical (not the first) chunk
    if (dataSizeAt(0) <= 0)
        return done(fail(ErrorCode::Unsupported,
                         tr("The device's SMP buffer (%1 bytes) is too small for an upload request.")
                             .arg(m_options.maxPacket)));
    Q_EMIT progress(0, m_bytes.size(), 0, -1);
    pump();
}

void ImageUploader::cancel()
{
    done(fail(ErrorCode::Cancelled, tr("Upload cancelled at offset %1 of %2.").arg(m_acked).arg(m_bytes.size())));
}

void ImageUploader::pump()
{
    if (m_finished)
        return;
    // The first chunk goes alone: the device erases the slot before it answers.
    const int window = m_acked == 0 ? 1 : qMax(1, m_options.window);
    while (m_inFlight < window && m_nextSend < m_bytes.size())
        sendChunk(m_nextSend);
}

void ImageUploader::sendChunk(qint64 offset)
{
    UploadRequest r;
    r.offset = offset;
    if (offset == 0) {
        if (m_options.image != 0)
            r.image = m_options.image;
        r.length = m_bytes.size();
        r.sha256 = m_sha256;
    }
    const int size = dataSizeAt(offset);
    r.data = m_bytes.mid(offset, size);
    const Chunk chunk{offset, size, m_generation};
    m_nextSend = offset + size;
    ++m_inFlight;
    SmpRequest request{SmpOp::Write, SmpGroup::Image, ImageCommand::Upload, SmpCommands::upload(r),
                       offset == 0 ? m_options.firstChunkTimeoutMs : m_options.chunkTimeoutMs};
    QPointer<ImageUploader> self(this);
    m_client->send(request, [self, chunk](Result<SmpResponse> result) {
        if (self)
            self->onAnswer(chunk, std::move(result));
    });
}

void ImageUploader::restartFrom(qint64 offset, const QString &reason)
{
    ++m_generation;
    ++m_resumes;
    m_inFlight = 0;
    m_acked = offset;
    m_nextSend = offset;
    Q_EMIT resumed(offset, reason);
    pump();
}

void ImageUploader::onAnswer(const Chunk &chunk, Result<SmpResponse> result)
{
    if (m_finished || chunk.generation != m_generation)
        return; // an answer to a chunk sent before the last restart
    --m_inFlight;
    if (!result) {
        if (result.error().code() != ErrorCode::Io)
            return done(std::unexpected(result.error()));
        if (++m_stalls > m_options.maxStalls)
            return done(fail(ErrorCode::Io,
                             tr("The device stopped answering during the upload at byte %1 of %2 (%3 attempts). "
                                "%4")
                                 .arg(m_acked)
                                 .arg(m_bytes.size())
                                 .arg(m_stalls)
                                 .arg(result.error().message())));
        return restartFrom(m_acked, tr("no answer to the chunk at offset %1; sending again from %2")
                                        .arg(chunk.offset)
                                        .arg(m_acked));
    }
    if (!result->status.ok()) {
        // A device that lost its upload session (rebooted) may reject a chunk instead of naming offset 0.
        const bool sessionLost = result->status.group == int(SmpGroup::Image)
            && (result->status.rc == ImgMgmtErr::FlashContextNotSet || result->status.rc == ImgMgmtErr::InvalidOffset);
        if (sessionLost && chunk.offset != 0 && ++m_stalls <= m_options.maxStalls)
            return restartFrom(0, tr("the device lost the upload session (%1); starting again")
                                      .arg(result->status.text()));
        auto check = result->check();
        return done(fail(ErrorCode::Conflict, tr("Upload failed at offset %1: %2")
                                                  .arg(chunk.offset)
                                                  .arg(check ? QString() : check.error().message())));
    }
    auto answer = SmpCommands::parseUpload(result->body);
    if (!answer)
        return done(std::unexpected(answer.error()));
    m_stalls = 0;
    const qint64 reported = answer->offset;
    const qint64 expected = chunk.offset + chunk.length;
    if (reported > m_bytes.size())
        return done(fail(ErrorCode::Format, tr("The device reports offset %1, beyond the image's %2 bytes.")
                                                .arg(reported)
                                                .arg(m_bytes.size())));
    if (reported < expected) {
        const QString why = reported == 0
            ? tr("the device restarted the upload (it asks for offset 0): sending again from the start")
            : tr("the device expects offset %1 (a chunk was lost)").arg(reported);
        return restartFrom(reported, why);
    }
    if (m_acked == 0 && reported > 0)
        m_rateStartMs = m_clock.elapsed(), m_rateBytes = reported; // speed without the erase
    m_acked = qMax(m_acked, reported);
    if (m_nextSend < m_acked)
        m_nextSend = m_acked;
    const double seconds = (m_clock.elapsed() - m_rateStartMs) / 1000.0;
    const double speed = seconds > 0.05 ? double(m_acked - m_rateBytes) / seconds : 0.0;
    const double eta = speed > 0 ? double(m_bytes.size() - m_acked) / speed : -1.0;
    Q_EMIT progress(m_acked, m_bytes.size(), speed, eta);
    if (m_acked >= m_bytes.size()) {
        if (answer->match && !*answer->match)
            return done(fail(ErrorCode::Checksum,
                             tr("The device received all %1 bytes but reports that their SHA-256 does not match "
                                "the image's. Upload again; if it repeats, the link corrupts data.")
                                 .arg(m_bytes.size())));
        return done({});
    }
    pump();
}

void ImageUploader::done(Status status)
{
    if (m_finished)
        return;
    m_finished = true;
    ++m_generation; // answers still on the way are ignored
    Q_EMIT finished(status.has_value(), status ? Error() : status.error());
}

} // namespace otadesk::bench
