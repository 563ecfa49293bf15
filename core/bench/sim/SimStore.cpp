#include "core/bench/sim/SimStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace otadesk::bench {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otadesk::bench::SimStore", text); }

Status writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}
} // namespace

Result<SimStore> SimStore::open(const QString &dir)
{
    SimStore store;
    store.m_dir = QDir(dir).absolutePath();
    if (!QDir().mkpath(store.m_dir))
        return fail(ErrorCode::Io, tr("Cannot create the simulator's state folder %1.")
                                       .arg(QDir::toNativeSeparators(store.m_dir)));
    for (int i = 0; i < 2; ++i) {
        QFile f(store.slotPath(i));
        if (f.exists()) {
            if (!f.open(QIODevice::ReadOnly))
                return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(f.fileName(), f.errorString()));
            store.m_slots[i] = f.readAll();
        }
    }
    QFile state(QDir(store.m_dir).filePath(QStringLiteral("state.json")));
    if (state.exists()) {
        if (!state.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(state.fileName(), state.errorString()));
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(state.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError)
            return fail(ErrorCode::Format, tr("%1 is not valid JSON (%2); delete the folder to start afresh.")
                                               .arg(state.fileName(), error.errorString()));
        SimFlags &f = store.m_flags;
        f.testing = o[QStringLiteral("testing")].toBool();
        f.pending = o[QStringLiteral("pending")].toBool();
        f.permanent = o[QStringLiteral("permanent")].toBool();
        f.uploadLength = qint64(o[QStringLiteral("uploadLength")].toDouble(-1));
        f.uploadSha = QByteArray::fromHex(o[QStringLiteral("uploadSha")].toString().toLatin1());
        f.uploadComplete = o[QStringLiteral("uploadComplete")].toBool();
        store.m_fresh = false;
    }
    return store;
}

QString SimStore::slotPath(int index) const
{
    return QDir(m_dir).filePath(QStringLiteral("slot%1.bin").arg(index & 1));
}

Status SimStore::setSlot(int index, const QByteArray &bytes)
{
    if (auto st = writeAtomically(slotPath(index), bytes); !st)
        return st;
    m_slots[index & 1] = bytes;
    return {};
}

Status SimStore::appendToSlot(int index, QByteArrayView bytes)
{
    QFile f(slotPath(index));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append) || f.write(bytes.data(), bytes.size()) != bytes.size())
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(f.fileName(), f.errorString()));
    m_slots[index & 1].append(bytes.data(), bytes.size());
    return {};
}

Status SimStore::swapSlots()
{
    const QByteArray zero = m_slots[0];
    if (auto st = setSlot(0, m_slots[1]); !st)
        return st;
    return setSlot(1, zero);
}

Status SimStore::setFlags(const SimFlags &flags)
{
    const QJsonObject o{{QStringLiteral("testing"), flags.testing},
                        {QStringLiteral("pending"), flags.pending},
                        {QStringLiteral("permanent"), flags.permanent},
                        {QStringLiteral("uploadLength"), double(flags.uploadLength)},
                        {QStringLiteral("uploadSha"), QString::fromLatin1(flags.uploadSha.toHex())},
                        {QStringLiteral("uploadComplete"), flags.uploadComplete}};
    if (auto st = writeAtomically(QDir(m_dir).filePath(QStringLiteral("state.json")),
                                  QJsonDocument(o).toJson(QJsonDocument::Indented));
        !st)
        return st;
    m_flags = flags;
    m_fresh = false;
    return {};
}

} // namespace otadesk::bench
