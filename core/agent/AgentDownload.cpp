// Agent: chunked download by Range into the inactive slot, leaf checks, re-fetch of bad chunks, resume after a
// broken connection or a power cut from the last verified chunk, delta patches through DeltaApplier.
#include "core/agent/Agent.h"

#include "core/agent/ChunkLeaves.h"
#include "core/agent/ContentStore.h"
#include "core/agent/DeviceFiles.h"
#include "core/agent/HttpPool.h"
#include "core/agent/UpdateJob.h"
#include "core/delta/DeltaInfo.h"
#include "core/delta/decoder/otad_format.h"

#include <QFile>

namespace otadesk::agent {

namespace {
constexpr int kMaxBadCopies = 8;
constexpr int kMaxTransportFailures = 20;

bool isDelta(const JobPart &p) { return p.action == QLatin1String("delta"); }
qint64 payloadStart(const JobPart &p) { return isDelta(p) ? OTAD_HEADER_SIZE : 0; }
} // namespace

void Agent::downloadNext()
{
    while (m_job->current < m_job->parts.size()) {
        const JobPart &p = m_job->parts[m_job->current];
        const FlashComponent *fc = m_flash.component(p.name);
        if (fc->running().digest == p.imageSha)
            ++m_job->current; // runs it already
        else if (fc->writing < 0 && fc->slots[size_t(fc->inactive())].digest == p.imageSha)
            ++m_job->current; // written completely before a power cut
        else
            break;
    }
    if (m_job->current >= m_job->parts.size()) {
        report(QStringLiteral("downloaded"), {}, {}, [this] {
            if (m_job->downloadOnly)
                finishUpdate(QStringLiteral("downloaded"));
            else
                install();
        });
        return;
    }
    if (!m_job->reportedDownloading) {
        m_job->reportedDownloading = true;
        report(QStringLiteral("downloading"), m_state.interrupted ? QStringLiteral("install_interrupted") : QString(),
               m_state.interrupted ? tr("Power was lost during the update; resumed from the verified data.")
                                   : QString(),
               [this] { startPart(); });
        return;
    }
    startPart();
}

void Agent::startPart()
{
    JobPart &p = m_job->parts[m_job->current];
    auto have = m_flash.beginWrite(p.name, true);
    if (!have) {
        if (m_cut.isDead())
            return powerLost();
        return failUpdate(QStringLiteral("update_failed"), have.error().message());
    }
    if (!isDelta(p)) {
        qint64 chunks = qMin<qint64>(*have / p.chunkSize, p.leaves.size());
        if (chunks > 0) { // the last chunk on flash is checked again before it is trusted
            const qint64 at = (chunks - 1) * p.chunkSize;
            auto last = DeviceFiles::read(m_flash.partPath(p.name), at, qMin<qint64>(p.chunkSize, p.size - at));
            if (!last || !ChunkLeaves::matches(p.leaves, quint32(chunks - 1), *last))
                --chunks;
        }
        if (*have != chunks * p.chunkSize && !guard(m_flash.truncateWrite(p.name, chunks * p.chunkSize)))
            return;
        m_job->nextChunk = quint32(chunks);
        if (m_job->nextChunk >= quint32(p.leaves.size()))
            return componentDone();
        return fetchChunk();
    }
    // Delta: the patch applies to the image the device runs.
    const FlashComponent *fc = m_flash.component(p.name);
    if (p.baseSha != fc->running().digest)
        return failUpdate(QStringLiteral("unsupported_package"),
                          tr("The patch for \"%1\" applies to %2; the device runs %3.")
                              .arg(p.name, QString::fromLatin1(p.baseSha.toHex()),
                                   QString::fromLatin1(fc->running().digest.toHex())));
    auto base = m_host->store()->read(fc->running().digest);
    if (!base)
        return failUpdate(QStringLiteral("update_failed"), base.error().message());
    m_job->baseImage = *base;
    const QString name = p.name;
    m_job->applier = std::make_unique<delta::DeltaApplier>(
        [this](quint32 offset, uint8_t *buffer, quint32 size) {
            if (qint64(offset) + size > m_job->baseImage.size())
                return false;
            memcpy(buffer, m_job->baseImage.constData() + offset, size);
            return true;
        },
        [this, name](quint32 offset, const uint8_t *data, quint32 size) {
            return bool(m_flash.write(name, offset, QByteArrayView(data, size)));
        });
    fetchDeltaHeader();
}

void Agent::fetchDeltaHeader()
{
    const JobPart &p = m_job->parts[m_job->current];
    HttpRequest req;
    req.target = p.url;
    req.authorization = "Bearer " + m_state.token;
    req.range = "bytes=0-" + QByteArray::number(OTAD_HEADER_SIZE - 1);
    m_host->serverPool()->send(std::move(req), [this, gen = m_generation](HttpResponse &&r) {
        if (gen != m_generation)
            return;
        if (r.status == 0 || r.status >= 500)
            return retryLater(r.describe(), [this] { fetchDeltaHeader(); });
        if (!r.isSuccess())
            return failUpdate(QStringLiteral("update_failed"), r.describe());
        JobPart &part = m_job->parts[m_job->current];
        m_job->deltaHeader = r.body.left(OTAD_HEADER_SIZE);
        auto info = delta::DeltaInfo::parse(m_job->deltaHeader, false);
        if (!info || info->chunkRoot != ChunkLeaves::root(part.leaves) || info->targetSha256 != part.imageSha ||
            info->baseSha256 != part.baseSha)
            return failUpdate(QStringLiteral("integrity_failure"),
                              info ? tr("The patch header of \"%1\" does not match the resolution (chunk root, "
                                        "base or target digest).")
                                         .arg(part.name)
                                   : info.error().message());
        const QString statePath = m_base + QLatin1Char('.') + part.name + QStringLiteral(".delta");
        auto saved = DeviceFiles::read(statePath);
        Status st;
        if (saved && !saved->isEmpty())
            st = m_job->applier->restoreState(m_job->deltaHeader, *saved);
        if (!saved || saved->isEmpty() || !st)
            st = m_job->applier->begin(m_job->deltaHeader, quint32(m_job->baseImage.size()), true);
        if (!st)
            return failUpdate(QStringLiteral("unsupported_package"), st.error().message());
        m_job->nextChunk = m_job->applier->nextChunk();
        if (m_job->applier->isDone())
            return componentDone();
        fetchChunk();
    });
}

void Agent::fetchChunk()
{
    const JobPart &p = m_job->parts[m_job->current];
    const qint64 offset = payloadStart(p) + qint64(m_job->nextChunk) * p.chunkSize;
    const qint64 length = qMin<qint64>(p.chunkSize, p.size - offset);
    HttpRequest req;
    req.target = p.url;
    req.authorization = "Bearer " + m_state.token;
    req.range = "bytes=" + QByteArray::number(offset) + '-' + QByteArray::number(offset + length - 1);
    if (m_config->dropRate > 0 && m_host->random().generateDouble() < m_config->dropRate)
        req.dropAfterBytes = qint64(m_host->random().bounded(int(qMax<qint64>(1, length))));
    m_host->serverPool()->send(std::move(req), [this, gen = m_generation](HttpResponse &&r) {
        if (gen == m_generation)
            onChunk(std::move(r));
    });
}

void Agent::onChunk(HttpResponse &&r)
{
    const JobPart &p = m_job->parts[m_job->current];
    if (r.status == 0 || r.status >= 500) {
        m_host->note(*this, AgentEvent::ConnectionLost, r.describe());
        if (m_failures >= kMaxTransportFailures)
            return failUpdate(QStringLiteral("connection_lost"), r.describe());
        return retryLater(r.describe(), [this] { fetchChunk(); });
    }
    if (r.status == 404 || r.status == 409 || r.status == 410)
        return finishUpdate(QStringLiteral("canceled"), {}, r.describe());
    if (r.status != 200 && r.status != 206)
        return failUpdate(QStringLiteral("update_failed"), r.describe());
    m_failures = 0;
    QByteArray chunk = std::move(r.body);
    if (r.status == 200) { // the server ignored Range: take our part of the whole answer
        const qint64 offset = payloadStart(p) + qint64(m_job->nextChunk) * p.chunkSize;
        chunk = chunk.mid(offset, qMin<qint64>(p.chunkSize, p.size - offset));
    }
    m_job->bytes += chunk.size();
    if (m_config->corruptRate > 0 && !chunk.isEmpty() && m_host->random().generateDouble() < m_config->corruptRate) {
        const qsizetype at = qsizetype(m_host->random().bounded(int(chunk.size())));
        chunk[at] = char(chunk[at] ^ 0x5a); // bit errors on the way
    }
    acceptChunk(std::move(chunk));
}

bool Agent::acceptChunk(QByteArray chunk)
{
    JobPart &p = m_job->parts[m_job->current];
    const quint32 i = m_job->nextChunk;
    if (!ChunkLeaves::matches(p.leaves, i, chunk)) {
        m_host->note(*this, AgentEvent::ChunkCorrupt);
        if (++m_job->chunkTries > kMaxBadCopies) {
            failUpdate(QStringLiteral("integrity_failure"),
                       tr("Chunk %1 of \"%2\" failed its digest check %3 times.").arg(i).arg(p.name).arg(kMaxBadCopies));
            return false;
        }
        fetchChunk(); // only this chunk again
        return false;
    }
    m_job->chunkTries = 0;
    if (!isDelta(p)) {
        if (!guard(m_flash.write(p.name, qint64(i) * p.chunkSize, chunk)))
            return false;
    } else {
        const Status st = m_job->applier->feedChunk(i, chunk, ChunkLeaves::proof(p.leaves, i));
        if (m_cut.isDead()) {
            powerLost();
            return false;
        }
        if (!st) {
            failUpdate(st.error().code() == ErrorCode::Checksum ? QStringLiteral("integrity_failure")
                                                                : QStringLiteral("unsupported_package"),
                       st.error().message());
            return false;
        }
        if (!guard(DeviceFiles::replace(m_base + QLatin1Char('.') + p.name + QStringLiteral(".delta"),
                                        m_job->applier->saveState(), &m_cut)))
            return false;
    }
    ++m_job->nextChunk;
    if (m_job->nextChunk >= quint32(p.leaves.size()) || (isDelta(p) && m_job->applier->isDone())) {
        componentDone();
        return true;
    }
    const qint64 link = m_config->linkBytesPerSecond;
    if (link > 0) {
        m_host->schedule(qint64(chunk.size()) * 1000 / link, [this, gen = m_generation] {
            if (gen == m_generation)
                fetchChunk();
        });
    } else {
        fetchChunk();
    }
    return true;
}

void Agent::componentDone()
{
    JobPart &p = m_job->parts[m_job->current];
    const Status st = m_flash.finishWrite(p.name, p.imageSha, p.imageSize, p.version);
    if (!st) {
        if (m_cut.isDead())
            return powerLost();
        // The payload does not hash to the digest the manifest signed: nothing of it is installed.
        return failUpdate(st.error().code() == ErrorCode::Checksum ? QStringLiteral("integrity_failure")
                                                                   : QStringLiteral("update_failed"),
                          st.error().message());
    }
    QFile::remove(m_base + QLatin1Char('.') + p.name + QStringLiteral(".delta"));
    m_job->applier.reset();
    m_job->baseImage.clear();
    ++m_job->current;
    m_job->nextChunk = 0;
    downloadNext();
}

} // namespace otadesk::agent
