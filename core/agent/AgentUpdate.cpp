// Agent: manifest, verification, resolution, status reports, install and reboot (docs/device-updates.md §4–8).
#include "core/agent/Agent.h"

#include "core/agent/AgentLogging.h"
#include "core/agent/ChunkLeaves.h"
#include "core/agent/HttpPool.h"
#include "core/agent/UpdateJob.h"
#include "core/crypto/Key.h"
#include "core/delta/ChunkTree.h"
#include "core/delta/decoder/otad_format.h"
#include "core/manifest/SuitVerifier.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace otadesk::agent {

namespace {
constexpr int kMaxTransportFailures = 12;

bool isTerminal(const QString &state)
{
    return state == QLatin1String("confirmed") || state == QLatin1String("failed") ||
           state == QLatin1String("rolled_back") || state == QLatin1String("rejected");
}

QString rejectionReason(const manifest::SuitVerificationReport &report)
{
    bool rollback = false;
    for (const manifest::SuitCheck &c : report.checks) {
        if (c.passed)
            continue;
        if (c.id == QLatin1String("authentication") || c.id == QLatin1String("signature") ||
            c.id == QLatin1String("manifest-digest") || c.id == QLatin1String("digest-algorithm") ||
            c.id.startsWith(QLatin1String("severed-"))) // a severed member that is not what was signed
            return QStringLiteral("signature_invalid");
        if (c.id == QLatin1String("sequence-number"))
            rollback = true;
    }
    return rollback ? QStringLiteral("rollback") : QStringLiteral("malformed");
}

QString firstFailure(const manifest::SuitVerificationReport &report)
{
    for (const manifest::SuitCheck &c : report.checks) {
        if (!c.passed)
            return c.id + QStringLiteral(": ") + c.message;
    }
    return {};
}
} // namespace

void Agent::beginUpdate(qint64 id, const QByteArray &manifestPath, bool downloadOnly)
{
    m_quiet = false;
    m_job = std::make_unique<UpdateJob>();
    m_job->id = id;
    m_job->manifestPath = manifestPath;
    m_job->downloadOnly = downloadOnly;
    if (m_state.updateId != id || m_state.phase == AgentState::Phase::Idle) {
        m_state.updateId = id;
        m_state.phase = AgentState::Phase::Updating;
        if (!guard(m_state.save(m_base, &m_cut)))
            return;
    }
    fetchManifest();
}

void Agent::fetchManifest()
{
    HttpRequest req;
    req.target = m_job->manifestPath;
    req.authorization = "Bearer " + m_state.token;
    m_host->serverPool()->send(std::move(req), [this, gen = m_generation](HttpResponse &&r) {
        if (gen != m_generation)
            return;
        if (r.status == 200) {
            m_failures = 0;
            onManifest(std::move(r.body));
        } else if (r.status == 404 || r.status == 409 || r.status == 410) {
            finishUpdate(QStringLiteral("canceled"), {}, r.describe()); // gone: back to polling
        } else if (m_failures >= kMaxTransportFailures) {
            finishUpdate(QStringLiteral("failed"), QStringLiteral("connection_lost"), r.describe());
        } else {
            retryLater(r.describe(), [this] { fetchManifest(); });
        }
    });
}

void Agent::onManifest(QByteArray envelope)
{
    const crypto::PublicKey *anchor = m_host->trustAnchor(m_state.trustAnchor);
    if (!anchor) {
        report(QStringLiteral("rejected"), QStringLiteral("signature_invalid"),
               tr("The device has no usable trust anchor to verify the manifest with."),
               [this] { finishUpdate(QStringLiteral("rejected"), QStringLiteral("signature_invalid")); });
        return;
    }
    manifest::SuitVerifyOptions options;
    options.minimumSequenceNumber = m_state.lastSequence + 1;
    const manifest::SuitVerificationReport verified = manifest::SuitVerifier::verifyEnvelope(
        envelope, {manifest::SuitTrustedKey{QStringLiteral("trust-anchor"), *anchor}}, options);
    QString reason, message;
    if (!verified.ok() || !verified.manifest || !verified.envelope) {
        reason = rejectionReason(verified);
        message = firstFailure(verified);
    } else {
        m_job->facts = ManifestFacts::from(*verified.manifest);
        m_job->digestBstr = verified.envelope->digestBstr;
        if (!verified.manifest->sequenceNumber) {
            reason = QStringLiteral("malformed");
            message = tr("The manifest has no sequence number.");
        } else if (m_job->facts.sequenceNumber <= m_state.lastSequence) {
            reason = QStringLiteral("rollback");
            message = tr("Sequence number %1 is not above %2, the one last installed.")
                          .arg(m_job->facts.sequenceNumber)
                          .arg(m_state.lastSequence);
        } else if (m_job->facts.components.isEmpty()) {
            reason = QStringLiteral("malformed");
            message = tr("The manifest names no component.");
        }
        for (const ManifestComponent &c : std::as_const(m_job->facts.components)) {
            if (!reason.isEmpty())
                break;
            if ((c.vendorId && *c.vendorId != m_state.vendorId) || (c.classId && *c.classId != m_state.classId)) {
                reason = QStringLiteral("wrong_class");
                message = tr("The manifest is for vendor %1 / class %2; this device is %3 / %4.")
                              .arg(c.vendorId.value_or(QUuid()).toString(QUuid::WithoutBraces),
                                   c.classId.value_or(QUuid()).toString(QUuid::WithoutBraces),
                                   m_state.vendorId.toString(QUuid::WithoutBraces),
                                   m_state.classId.toString(QUuid::WithoutBraces));
            } else if (!m_flash.component(c.name)) {
                reason = QStringLiteral("wrong_class");
                message = tr("The manifest installs component \"%1\", which this device does not have.").arg(c.name);
            } else if (c.imageSha256.isEmpty()) {
                reason = QStringLiteral("malformed");
                message = tr("The manifest signs no SHA-256 image digest for component \"%1\".").arg(c.name);
            }
        }
    }
    if (!reason.isEmpty()) {
        qCInfo(lcAgent) << m_state.serial << "refuses update" << m_job->id << reason << message;
        report(QStringLiteral("rejected"), reason, message,
               [this, reason, message] { finishUpdate(QStringLiteral("rejected"), reason, message); });
        return;
    }
    m_state.updateSequence = m_job->facts.sequenceNumber;
    if (!guard(m_state.save(m_base, &m_cut)))
        return;
    resolve();
}

void Agent::resolve()
{
    using manifest::CharacteristicCode;
    HttpPool *pool = m_host->serverPool();
    QByteArray target = "/device/v1/updates/" + QByteArray::number(m_job->id) + "/resolve";
    QList<std::pair<manifest::CharacteristicRequest, manifest::CborValue>> values;
    if (const auto &def = m_job->facts.characteristics) {
        const QUrl uri(def->resourceRequestUri);
        const QUrl server = pool->server();
        if (uri.isValid() && !uri.isRelative() &&
            (uri.host() != server.host() || uri.port(80) != server.port(80) || uri.scheme() != server.scheme())) {
            pool = m_host->poolFor(uri);
            target = uri.path(QUrl::FullyEncoded).toUtf8();
            if (uri.hasQuery())
                target += '?' + uri.query(QUrl::FullyEncoded).toUtf8();
            if (!pool) {
                report(QStringLiteral("failed"), QStringLiteral("invalid_uri"),
                       tr("The manifest's resource-request URI %1 cannot be reached.").arg(uri.toString()),
                       [this] { finishUpdate(QStringLiteral("failed"), QStringLiteral("invalid_uri")); });
                return;
            }
        }
        for (const manifest::CharacteristicRequest &r : def->requests) {
            const qsizetype ci = qsizetype(r.componentIndex.value_or(0));
            const FlashComponent *fc = ci < m_job->facts.components.size()
                                           ? m_flash.component(m_job->facts.components[ci].name)
                                           : nullptr;
            manifest::CborValue v;
            switch (r.code) {
            case CharacteristicCode::VendorId: v = manifest::CborValue::fromBytes(m_state.vendorId.toRfc4122()); break;
            case CharacteristicCode::ClassId: v = manifest::CborValue::fromBytes(m_state.classId.toRfc4122()); break;
            case CharacteristicCode::DeviceId:
                v = manifest::CborValue::fromBytes(
                    QUuid::createUuidV5(m_state.classId, m_state.serial).toRfc4122());
                break;
            case CharacteristicCode::HardwareRevision: v = manifest::CborValue::fromText(m_state.hardwareRevision); break;
            case CharacteristicCode::Serial: v = manifest::CborValue::fromText(m_state.serial); break;
            case CharacteristicCode::ComponentVersion:
                if (!fc)
                    continue;
                v = manifest::CborValue::fromText(fc->running().version);
                break;
            case CharacteristicCode::ComponentDigest:
                if (!fc)
                    continue;
                v = manifest::SuitDigest{manifest::suitDigestAlg::Sha256, fc->running().digest}.toCbor();
                break;
            case CharacteristicCode::Attribute:
                if (!m_state.attributes.contains(r.attribute))
                    continue;
                v = manifest::CborValue::fromText(m_state.attributes.value(r.attribute));
                break;
            }
            values.append({r, v});
        }
    }
    HttpRequest req;
    req.method = "POST";
    req.target = target;
    req.authorization = "Bearer " + m_state.token;
    req.contentType = "application/cbor";
    req.body = manifest::CharacteristicReport::encode(m_job->digestBstr, values);
    pool->send(std::move(req), [this, gen = m_generation](HttpResponse &&r) {
        if (gen != m_generation)
            return;
        if (r.status == 200) {
            m_failures = 0;
            onResolved(r.body);
        } else if (r.status == 404 || r.status == 409) {
            finishUpdate(QStringLiteral("canceled"), {}, r.describe());
        } else if (r.status != 0 && r.status < 500) {
            report(QStringLiteral("failed"), QStringLiteral("update_failed"), r.describe(),
                   [this] { finishUpdate(QStringLiteral("failed"), QStringLiteral("update_failed")); });
        } else if (m_failures >= kMaxTransportFailures) {
            finishUpdate(QStringLiteral("failed"), QStringLiteral("connection_lost"), r.describe());
        } else {
            retryLater(r.describe(), [this] { resolve(); });
        }
    });
}

void Agent::onResolved(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QString result = o.value(QStringLiteral("result")).toString();
    if (result == QLatin1String("not_applicable")) {
        finishUpdate(QStringLiteral("not_applicable"), o.value(QStringLiteral("reason")).toString());
        return;
    }
    auto failWith = [this](const QString &reason, const QString &message) { failUpdate(reason, message); };
    if (result != QLatin1String("ok"))
        return failWith(QStringLiteral("unsupported_package"), tr("Unknown resolution result \"%1\".").arg(result));
    m_job->parts.clear();
    for (const QJsonValue &v : o.value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = v.toObject();
        JobPart p;
        p.index = c.value(QStringLiteral("index")).toInt(-1);
        p.name = c.value(QStringLiteral("name")).toString();
        p.action = c.value(QStringLiteral("action")).toString();
        if (p.action == QLatin1String("skip"))
            continue;
        if (p.index < 0 || p.index >= m_job->facts.components.size() ||
            m_job->facts.components[p.index].name != p.name)
            return failWith(QStringLiteral("unsupported_package"),
                            tr("The resolution names component %1 \"%2\", which the manifest does not.")
                                .arg(p.index)
                                .arg(p.name));
        if (p.action != QLatin1String("full") && p.action != QLatin1String("delta"))
            return failWith(QStringLiteral("unsupported_package"), tr("Unknown action \"%1\".").arg(p.action));
        const ManifestComponent &signedComponent = m_job->facts.components[p.index];
        p.url = c.value(QStringLiteral("url")).toString().toUtf8();
        p.size = qint64(c.value(QStringLiteral("size")).toDouble());
        p.imageSha = QByteArray::fromHex(c.value(QStringLiteral("image_sha256")).toString().toLatin1());
        p.imageSize = qint64(c.value(QStringLiteral("image_size")).toDouble());
        p.chunkSize = quint32(c.value(QStringLiteral("chunk_size")).toInt());
        p.baseSha = QByteArray::fromHex(c.value(QStringLiteral("base_sha256")).toString().toLatin1());
        p.version = signedComponent.version.isEmpty() ? QStringLiteral("seq-%1").arg(m_job->facts.sequenceNumber)
                                                      : signedComponent.version;
        for (const QJsonValue &leaf : c.value(QStringLiteral("chunks")).toArray())
            p.leaves.append(QByteArray::fromHex(leaf.toString().toLatin1()));
        const QByteArray root = QByteArray::fromHex(c.value(QStringLiteral("chunk_root")).toString().toLatin1());
        if (p.imageSha != signedComponent.imageSha256 ||
            (signedComponent.imageSize >= 0 && p.imageSize != signedComponent.imageSize))
            return failWith(QStringLiteral("integrity_failure"),
                            tr("The server offers image %1 for \"%2\"; the manifest signed %3.")
                                .arg(QString::fromLatin1(p.imageSha.toHex()), p.name,
                                     QString::fromLatin1(signedComponent.imageSha256.toHex())));
        const qint64 payload = p.action == QLatin1String("delta") ? p.size - OTAD_HEADER_SIZE : p.size;
        if (p.chunkSize == 0 || payload <= 0 || p.url.isEmpty() ||
            qint64(p.leaves.size()) != delta::ChunkTree::chunkCount(payload, p.chunkSize))
            return failWith(QStringLiteral("unsupported_package"),
                            tr("The resolution of \"%1\" has no usable size, chunk size or chunk list.").arg(p.name));
        if (ChunkLeaves::root(p.leaves) != root)
            return failWith(QStringLiteral("integrity_failure"),
                            tr("The chunk list of \"%1\" does not hash to its chunk root.").arg(p.name));
        m_job->parts.append(p);
    }
    if (m_job->parts.isEmpty()) {
        finishUpdate(QStringLiteral("not_applicable"), QStringLiteral("already_installed"));
        return;
    }
    // Fault injection: this update loses power at a random file operation of the download and install.
    if (m_config->powerLossRate > 0 && m_host->random().generateDouble() < m_config->powerLossRate) {
        qint64 ops = 16;
        for (const JobPart &p : std::as_const(m_job->parts))
            ops += qint64(p.leaves.size()) * (p.action == QLatin1String("delta") ? 4 : 1) + 12;
        m_cut.arm(qint64(m_host->random().bounded(int(qMin<qint64>(ops, 1 << 30)))));
    }
    m_job->current = 0;
    m_job->nextChunk = 0;
    downloadNext();
}

void Agent::report(const QString &state, const QString &reason, const QString &message, std::function<void()> then,
                   const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("state"), state);
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    if (!message.isEmpty())
        body.insert(QStringLiteral("message"), message.left(1000));
    if (m_job)
        body.insert(QStringLiteral("bytes"), m_job->bytes);
    const qint64 id = m_job ? m_job->id : m_state.updateId;
    HttpRequest req;
    req.method = "POST";
    req.target = "/device/v1/updates/" + QByteArray::number(id) + "/status";
    req.authorization = "Bearer " + m_state.token;
    req.contentType = "application/json";
    req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto attempt = std::make_shared<int>(0);
    auto send = std::make_shared<std::function<void()>>();
    *send = [this, req, state, then, attempt, send, gen = m_generation] {
        m_host->serverPool()->send(HttpRequest(req), [this, state, then, attempt, send, gen](HttpResponse &&r) {
            if (gen != m_generation)
                return;
            if (r.status == 0 || r.status >= 500) {
                if (++*attempt < 6) {
                    m_host->schedule(qint64(m_config->retryBaseMs) << *attempt, [this, send, gen] {
                        if (gen == m_generation)
                            (*send)();
                    });
                    return;
                }
                m_lastError = tr("Status report \"%1\" not delivered: %2").arg(state, r.describe());
            } else if (r.status == 409 && !isTerminal(state)) {
                // The update ended on the server (canceled, timed out): the device forgets it.
                *send = nullptr;
                finishUpdate(QStringLiteral("canceled"), {}, r.describe());
                return;
            } else if (r.isSuccess()) {
                m_host->note(*this, AgentEvent::Report, state);
            } else {
                m_lastError = tr("Status report \"%1\" refused: %2").arg(state, r.describe());
            }
            *send = nullptr; // break the self-reference
            if (then)
                then();
        });
    };
    (*send)();
}

void Agent::finishUpdate(const QString &outcome, const QString &reason, const QString &message)
{
    if (m_job && m_job->current >= 0 && m_job->current < m_job->parts.size() && outcome != QLatin1String("confirmed")) {
        const QString name = m_job->parts[m_job->current].name;
        if (!guard(m_flash.abortWrite(name)))
            return;
        QFile::remove(m_base + QLatin1Char('.') + name + QStringLiteral(".delta"));
    }
    if (m_state.updateId != 0)
        m_state.lastFinishedUpdate = m_state.updateId;
    m_state.updateId = 0;
    m_state.phase = AgentState::Phase::Idle;
    m_state.interrupted = false;
    if (outcome == QLatin1String("confirmed"))
        ++m_state.confirmed;
    else if (outcome == QLatin1String("failed"))
        ++m_state.failed;
    else if (outcome == QLatin1String("rolled_back"))
        ++m_state.rolledBack;
    else if (outcome == QLatin1String("rejected"))
        ++m_state.rejected;
    else if (outcome == QLatin1String("not_applicable"))
        ++m_state.notApplicable;
    if (!message.isEmpty() && outcome != QLatin1String("confirmed"))
        m_lastError = reason.isEmpty() ? message : reason + QStringLiteral(": ") + message;
    m_cut.disarm();
    if (!guard(m_state.save(m_base, &m_cut)))
        return;
    m_job.reset();
    m_host->note(*this, AgentEvent::UpdateFinished, outcome);
    scheduleCheckin(outcome == QLatin1String("confirmed") ? 10 : nextPollMs(0));
}

void Agent::failUpdate(const QString &reason, const QString &message)
{
    report(QStringLiteral("failed"), reason, message,
           [this, reason, message] { finishUpdate(QStringLiteral("failed"), reason, message); });
}

void Agent::install()
{
    m_state.phase = AgentState::Phase::Installing;
    if (!guard(m_state.save(m_base, &m_cut)))
        return;
    report(QStringLiteral("installing"), m_state.interrupted ? QStringLiteral("install_interrupted") : QString(), {},
           [this] {
               for (const JobPart &p : std::as_const(m_job->parts)) {
                   if (m_flash.component(p.name)->running().digest == p.imageSha)
                       continue;
                   if (!guard(m_flash.requestUpgrade(p.name)))
                       return;
               }
               m_state.phase = AgentState::Phase::Rebooting;
               if (!guard(m_state.save(m_base, &m_cut)))
                   return;
               report(QStringLiteral("rebooting"), {}, {}, [this] { reboot(false); });
           });
}

void Agent::reboot(bool afterPowerCut)
{
    bool fails = false;
    if (!afterPowerCut && m_config->bootFailureRate > 0)
        fails = m_host->random().generateDouble() < m_config->bootFailureRate;
    auto out = m_flash.boot(fails);
    if (!out) {
        guard(Status(std::unexpected(out.error())));
        return;
    }
    if (!afterPowerCut && !out->reverted.isEmpty()) {
        const QString message = tr("The new image of %1 did not boot; the device runs its previous image again.")
                                    .arg(out->reverted.join(QStringLiteral(", ")));
        report(QStringLiteral("rolled_back"), QStringLiteral("boot_failed"), message, [this, message] {
            finishUpdate(QStringLiteral("rolled_back"), QStringLiteral("boot_failed"), message);
        });
        return;
    }
    bool alreadyRunning = m_job && !m_job->parts.isEmpty(); // a cut came after the confirmation was written
    for (const JobPart &p : m_job ? m_job->parts : QList<JobPart>())
        alreadyRunning = alreadyRunning && m_flash.component(p.name)->running().digest == p.imageSha;
    if (!m_flash.inTrial() && !alreadyRunning) {
        if (afterPowerCut) { // the cut came before the upgrade was requested: continue where the files are
            m_state.phase = AgentState::Phase::Updating;
            if (!guard(m_state.save(m_base, &m_cut)))
                return;
            beginUpdate(m_state.updateId,
                        "/device/v1/updates/" + QByteArray::number(m_state.updateId) + "/manifest", false);
            return;
        }
        report(QStringLiteral("failed"), QStringLiteral("update_failed"), tr("No new image was booted."),
               [this] { finishUpdate(QStringLiteral("failed"), QStringLiteral("update_failed")); });
        return;
    }
    // The new images run in trial mode: the device confirms them, then persists the new sequence number.
    QJsonObject digests;
    for (const FlashComponent &c : m_flash.components()) {
        if (c.trial >= 0 && !guard(m_flash.confirm(c.name)))
            return;
        digests.insert(c.name, QString::fromLatin1(c.running().digest.toHex()));
    }
    if (!m_job)
        m_job = std::make_unique<UpdateJob>();
    m_job->id = m_state.updateId;
    m_state.lastSequence = qMax(m_state.lastSequence, m_state.updateSequence);
    m_state.lastFinishedUpdate = m_state.updateId;
    m_state.updateId = 0;
    m_state.phase = AgentState::Phase::Idle;
    if (!guard(m_state.save(m_base, &m_cut)))
        return;
    report(QStringLiteral("confirmed"), {}, {}, [this] { finishUpdate(QStringLiteral("confirmed")); },
           QJsonObject{{QStringLiteral("digests"), digests}});
}

} // namespace otadesk::agent
