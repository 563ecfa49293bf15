#include "core/store/UploadRepository.h"

#include "core/store/Database.h"

#include <QRandomGenerator>

namespace otadesk::store {

namespace {
const QString kColumns = QStringLiteral(
    "id, tenant_id, name, expected_size, received_bytes, state, expected_sha256, payload_id, created_by,"
    " created_at, updated_at");

UploadState stateFrom(const QString &s)
{
    if (s == QLatin1String("finished"))
        return UploadState::Finished;
    if (s == QLatin1String("aborted"))
        return UploadState::Aborted;
    return UploadState::Open;
}

Upload uploadFrom(const QSqlQuery &q)
{
    Upload u;
    u.id = q.value(0).toString();
    u.tenantId = q.value(1).toLongLong();
    u.name = q.value(2).toString();
    u.size = q.value(3).toLongLong();
    u.received = q.value(4).toLongLong();
    u.state = stateFrom(q.value(5).toString());
    u.expectedSha256 = q.value(6).toString();
    if (!q.value(7).isNull())
        u.payloadId = q.value(7).toLongLong();
    u.createdBy = q.value(8).toString();
    u.createdAt = q.value(9).toLongLong();
    u.updatedAt = q.value(10).toLongLong();
    return u;
}
} // namespace

bool UploadRepository::isValidId(const QString &id)
{
    if (id.size() != 32)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
}

Result<Upload> UploadRepository::create(qint64 tenantId, const QString &name, qint64 size,
                                        const QString &expectedSha256, const QString &createdBy) const
{
    if (size < 0)
        return fail(ErrorCode::InvalidArgument, tr("An upload cannot have a negative size."));
    QByteArray raw(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 4);
    Upload u;
    u.id = QString::fromLatin1(raw.toHex());
    u.tenantId = tenantId;
    u.name = name.trimmed();
    u.size = size;
    u.expectedSha256 = expectedSha256.toLower();
    u.createdBy = createdBy;
    u.createdAt = u.updatedAt = nowMs();
    auto q = m_db.exec(QStringLiteral("INSERT INTO uploads(id, tenant_id, name, expected_size, received_bytes, state,"
                                      " expected_sha256, created_by, created_at, updated_at)"
                                      " VALUES (?, ?, ?, ?, 0, 'open', ?, ?, ?, ?)"),
                       {u.id, tenantId, text(u.name), size, text(u.expectedSha256), text(createdBy), u.createdAt, u.updatedAt});
    if (!q)
        return std::unexpected(q.error());
    return u;
}

Result<Upload> UploadRepository::find(qint64 tenantId, const QString &id) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM uploads WHERE tenant_id = ? AND id = ?").arg(kColumns),
                       {tenantId, id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No such upload: %1").arg(id));
    return uploadFrom(*q);
}

Status UploadRepository::setReceived(qint64 tenantId, const QString &id, qint64 received) const
{
    auto changed = m_db.scalar(QStringLiteral("UPDATE uploads SET received_bytes = ?, updated_at = ?"
                                              " WHERE tenant_id = ? AND id = ? AND state = 'open' RETURNING id"),
                               {received, nowMs(), tenantId, id});
    if (!changed)
        return std::unexpected(changed.error());
    if (changed->isNull())
        return fail(ErrorCode::Conflict, tr("The upload %1 is not open.").arg(id));
    return {};
}

Status UploadRepository::setState(qint64 tenantId, const QString &id, UploadState state,
                                  std::optional<qint64> payloadId) const
{
    auto changed = m_db.scalar(
        QStringLiteral("UPDATE uploads SET state = ?, payload_id = ?, updated_at = ?"
                       " WHERE tenant_id = ? AND id = ? AND state = 'open' RETURNING id"),
        {uploadStateName(state), payloadId ? QVariant(*payloadId) : QVariant(QMetaType::fromType<qint64>()),
         nowMs(), tenantId, id});
    if (!changed)
        return std::unexpected(changed.error());
    if (changed->isNull())
        return fail(ErrorCode::Conflict, tr("The upload %1 is not open.").arg(id));
    return {};
}

Status UploadRepository::markFinished(qint64 tenantId, const QString &id, qint64 payloadId) const
{
    return setState(tenantId, id, UploadState::Finished, payloadId);
}

Status UploadRepository::markAborted(qint64 tenantId, const QString &id) const
{
    return setState(tenantId, id, UploadState::Aborted, std::nullopt);
}

Result<QList<Upload>> UploadRepository::openSince(qint64 untouchedBeforeMs) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM uploads WHERE state = 'open' AND updated_at < ?").arg(kColumns),
                       {untouchedBeforeMs});
    if (!q)
        return std::unexpected(q.error());
    QList<Upload> out;
    while (q->next())
        out.append(uploadFrom(*q));
    return out;
}

} // namespace otadesk::store
