#include "core/agent/SimulatedFlash.h"

#include "core/agent/ContentStore.h"
#include "core/agent/DeviceFiles.h"
#include "core/agent/PowerCut.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace otadesk::agent {

namespace {
QString flashPath(const QString &base) { return base + QStringLiteral(".flash"); }
} // namespace

SimulatedFlash::SimulatedFlash(QString base, ContentStore *store, PowerCut *cut)
    : m_base(std::move(base)), m_store(store), m_cut(cut)
{
}

bool SimulatedFlash::exists(const QString &base) { return QFile::exists(flashPath(base)); }

Status SimulatedFlash::create(const QList<FlashComponent> &components)
{
    m_components = components;
    return save();
}

QByteArray SimulatedFlash::toJson() const
{
    QJsonArray list;
    for (const FlashComponent &c : m_components) {
        QJsonArray slots;
        for (const FlashSlot &s : c.slots)
            slots.append(QJsonArray{QString::fromLatin1(s.digest.toHex()), s.size, s.version});
        list.append(QJsonObject{{QStringLiteral("n"), c.name},
                                {QStringLiteral("s"), slots},
                                {QStringLiteral("a"), c.active},
                                {QStringLiteral("p"), c.pending},
                                {QStringLiteral("t"), c.trial},
                                {QStringLiteral("f"), c.fallback},
                                {QStringLiteral("w"), c.writing}});
    }
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

Status SimulatedFlash::load()
{
    auto bytes = DeviceFiles::read(flashPath(m_base));
    if (!bytes)
        return std::unexpected(bytes.error());
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes);
    if (!doc.isArray())
        return fail(ErrorCode::Format, tr("The flash state %1 is damaged; delete the device's files to start it "
                                          "afresh.")
                                           .arg(flashPath(m_base)));
    m_components.clear();
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        FlashComponent c;
        c.name = o.value(QStringLiteral("n")).toString();
        const QJsonArray slots = o.value(QStringLiteral("s")).toArray();
        for (qsizetype i = 0; i < 2 && i < slots.size(); ++i) {
            const QJsonArray s = slots.at(i).toArray();
            c.slots[size_t(i)] = FlashSlot{QByteArray::fromHex(s.at(0).toString().toLatin1()),
                                           qint64(s.at(1).toDouble()), s.at(2).toString()};
        }
        c.active = o.value(QStringLiteral("a")).toInt();
        c.pending = o.value(QStringLiteral("p")).toInt(-1);
        c.trial = o.value(QStringLiteral("t")).toInt(-1);
        c.fallback = o.value(QStringLiteral("f")).toInt(-1);
        c.writing = o.value(QStringLiteral("w")).toInt(-1);
        if (c.name.isEmpty() || c.active < 0 || c.active > 1)
            return fail(ErrorCode::Format, tr("The flash state %1 has an invalid component entry.")
                                               .arg(flashPath(m_base)));
        m_components.append(c);
    }
    return {};
}

Status SimulatedFlash::save() { return DeviceFiles::replace(flashPath(m_base), toJson(), m_cut); }

const FlashComponent *SimulatedFlash::component(const QString &name) const
{
    for (const FlashComponent &c : m_components) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

FlashComponent *SimulatedFlash::find(const QString &name)
{
    for (FlashComponent &c : m_components) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

Error SimulatedFlash::unknown(const QString &name) const
{
    return Error(ErrorCode::NotFound, tr("The device has no component \"%1\".").arg(name));
}

QString SimulatedFlash::partPath(const QString &name) const
{
    return m_base + QLatin1Char('.') + name + QStringLiteral(".part");
}

Result<qint64> SimulatedFlash::beginWrite(const QString &name, bool resume)
{
    FlashComponent *c = find(name);
    if (!c)
        return std::unexpected(unknown(name));
    if (c->trial >= 0 || c->pending >= 0)
        return fail(ErrorCode::Conflict, tr("Component \"%1\" has an unconfirmed upgrade; it cannot take another "
                                            "image before it is confirmed or reverted.")
                                             .arg(name));
    const int target = c->inactive();
    if (resume && c->writing == target) {
        const qint64 have = DeviceFiles::size(partPath(name));
        if (have >= 0)
            return have;
    }
    // The flag goes to the state file before the first byte of the slot changes.
    c->slots[size_t(target)] = FlashSlot{};
    c->writing = target;
    if (auto st = save(); !st)
        return std::unexpected(st.error());
    if (auto st = DeviceFiles::truncate(partPath(name), 0, m_cut); !st)
        return std::unexpected(st.error());
    return qint64(0);
}

Status SimulatedFlash::write(const QString &name, qint64 offset, QByteArrayView data)
{
    const FlashComponent *c = component(name);
    if (!c)
        return std::unexpected(unknown(name));
    if (c->writing < 0)
        return fail(ErrorCode::Conflict, tr("Component \"%1\" is not being written.").arg(name));
    return DeviceFiles::writeAt(partPath(name), offset, data, m_cut);
}

Status SimulatedFlash::truncateWrite(const QString &name, qint64 size)
{
    return DeviceFiles::truncate(partPath(name), size, m_cut);
}

Status SimulatedFlash::finishWrite(const QString &name, const QByteArray &sha256, qint64 size, const QString &version)
{
    FlashComponent *c = find(name);
    if (!c)
        return std::unexpected(unknown(name));
    if (c->writing < 0)
        return fail(ErrorCode::Conflict, tr("Component \"%1\" is not being written.").arg(name));
    const QString part = partPath(name);
    auto digest = ContentStore::hashFile(part);
    if (!digest)
        return std::unexpected(digest.error());
    const qint64 have = DeviceFiles::size(part);
    if (*digest != sha256 || have != size) {
        const QString got = QString::fromLatin1(digest->toHex());
        if (auto st = abortWrite(name); !st)
            return st;
        return fail(ErrorCode::Checksum, tr("The image written to component \"%1\" has SHA-256 %2 (%3 bytes), "
                                            "the manifest signed %4 (%5 bytes); the slot was discarded.")
                                             .arg(name, got)
                                             .arg(have)
                                             .arg(QString::fromLatin1(sha256.toHex()))
                                             .arg(size));
    }
    if (m_cut && !m_cut->tick())
        return std::unexpected(DeviceFiles::powerLost());
    if (auto st = m_store->adopt(part, sha256); !st)
        return st;
    c->slots[size_t(c->writing)] = FlashSlot{sha256, size, version};
    c->writing = -1; // cleared after the last byte
    return save();
}

Status SimulatedFlash::abortWrite(const QString &name)
{
    FlashComponent *c = find(name);
    if (!c)
        return std::unexpected(unknown(name));
    if (c->writing >= 0) {
        c->writing = -1; // the slot stays empty
        if (auto st = save(); !st)
            return st;
    }
    QFile::remove(partPath(name));
    return {};
}

Status SimulatedFlash::requestUpgrade(const QString &name)
{
    FlashComponent *c = find(name);
    if (!c)
        return std::unexpected(unknown(name));
    if (c->writing >= 0 || !c->slots[size_t(c->inactive())].isValid())
        return fail(ErrorCode::Conflict, tr("Component \"%1\" has no complete image in its inactive slot.").arg(name));
    if (c->pending == c->inactive())
        return {};
    c->pending = c->inactive();
    return save();
}

Result<BootOutcome> SimulatedFlash::boot(bool newImageFails)
{
    BootOutcome out;
    for (FlashComponent &c : m_components) {
        if (c.trial >= 0) { // booted in trial mode before and never confirmed
            c.active = c.fallback >= 0 ? c.fallback : c.inactive();
            c.trial = c.fallback = -1;
            out.reverted << c.name;
        } else if (c.pending >= 0) {
            if (newImageFails || !c.slots[size_t(c.pending)].isValid()) {
                out.reverted << c.name; // tried once, did not come up: the bootloader stays on the old slot
            } else {
                c.fallback = c.active;
                c.active = c.trial = c.pending;
                out.upgraded << c.name;
            }
            c.pending = -1;
        }
    }
    if (out.upgraded.isEmpty() && out.reverted.isEmpty())
        return out;
    if (auto st = save(); !st)
        return std::unexpected(st.error());
    return out;
}

Status SimulatedFlash::confirm(const QString &name)
{
    FlashComponent *c = find(name);
    if (!c)
        return std::unexpected(unknown(name));
    if (c->trial < 0)
        return {};
    c->trial = c->fallback = -1;
    return save();
}

bool SimulatedFlash::inTrial() const
{
    for (const FlashComponent &c : m_components) {
        if (c.trial >= 0)
            return true;
    }
    return false;
}

bool SimulatedFlash::isBootable(QString *why) const
{
    for (const FlashComponent &c : m_components) {
        const FlashSlot &s = c.running();
        QString problem;
        if (!s.isValid())
            problem = tr("component \"%1\": the active slot holds no image").arg(c.name);
        else if (c.writing == c.active)
            problem = tr("component \"%1\": the active slot is being written").arg(c.name);
        else if (m_store && !m_store->contains(s.digest))
            problem = tr("component \"%1\": image %2 is missing from the store")
                          .arg(c.name, QString::fromLatin1(s.digest.toHex()));
        if (!problem.isEmpty()) {
            if (why)
                *why = problem;
            return false;
        }
    }
    return !m_components.isEmpty();
}

} // namespace otadesk::agent
