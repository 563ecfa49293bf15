#pragma once
// ImageUploader: image upload (1/1) with a window of outstanding chunks and resume.
//
//   ImageUploader up(client, image.bytes, image.sha256, options);
//   connect(&up, &ImageUploader::progress, ...);   // bytes the device acknowledged, total, bytes/s, ETA s
//   connect(&up, &ImageUploader::finished, ...);   // (ok, error): ok once the device has acknowledged every byte
//   up.start();   up.cancel();
//
// Chunk size: the whole SMP packet stays within UploadOptions::maxPacket (min of the device's buf_size and the
// transport MTU); the first chunk also carries image/len/sha, so it holds less data. The first chunk waits for
// its answer alone (the device erases the slot first: firstChunkTimeoutMs); then up to `window` chunks are in
// flight. The device answers every chunk with the offset it expects next: a smaller offset than expected
// (lost packet, the device restarted and forgot the session) restarts sending from there — from 0 with
// len/sha again. A chunk without an answer (after the client's retransmissions on UDP) is sent again from the
// last acknowledged offset, up to `maxStalls` times in a row before the upload fails.
#include "core/bench/link/SmpClient.h"
#include "core/bench/smp/SmpCommands.h"

#include <QElapsedTimer>

namespace otadesk::bench {

struct UploadOptions
{
    int maxPacket = 384;            // whole SMP packet bytes
    int window = 1;                 // chunks in flight after the first
    int image = 0;                  // image number (multi-image devices)
    int firstChunkTimeoutMs = 30000; // includes the slot erase
    int chunkTimeoutMs = 5000;
    int maxStalls = 4;
};

class ImageUploader : public QObject
{
    Q_OBJECT
public:
    ImageUploader(SmpClient *client, QByteArray bytes, QByteArray sha256, UploadOptions options,
                  QObject *parent = nullptr);
    void start();
    void cancel();
    qint64 acknowledged() const { return m_acked; }
    int resumes() const { return m_resumes; }
    int chunkDataSize() const { return m_chunkData; }

Q_SIGNALS:
    void progress(qint64 bytes, qint64 total, double bytesPerSecond, double etaSeconds);
    // The device asked for data from `offset` again (message says why).
    void resumed(qint64 offset, const QString &reason);
    void finished(bool ok, const otadesk::Error &error);

private:
    struct Chunk
    {
        qint64 offset = 0;
        qint64 length = 0;
        int generation = 0;
    };
    void pump();
    void sendChunk(qint64 offset);
    void onAnswer(const Chunk &chunk, Result<SmpResponse> result);
    void restartFrom(qint64 offset, const QString &reason);
    void done(Status status);
    int dataSizeAt(qint64 offset) const;

    SmpClient *m_client;
    QByteArray m_bytes;
    QByteArray m_sha256;
    UploadOptions m_options;
    int m_chunkData = 0;
    qint64 m_acked = 0;      // the device has everything before this
    qint64 m_nextSend = 0;   // next offset to send
    int m_inFlight = 0;
    int m_generation = 0;
    int m_stalls = 0;
    int m_resumes = 0;
    bool m_finished = false;
    QElapsedTimer m_clock;
    qint64 m_rateBytes = 0;  // bytes acknowledged since m_rateStart (for the speed)
    qint64 m_rateStartMs = 0;
};

} // namespace otadesk::bench
