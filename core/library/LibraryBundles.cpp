// Bundles: several library entries grouped under one name / product / version, each with a component name.
#include "core/library/EntryRows.h"
#include "core/library/FirmwareLibrary.h"
#include "core/library/LibraryPrivate.h"

#include <QDateTime>
#include <QSet>

namespace otadesk::library {

Result<BundleEntry> FirmwareLibrary::createBundle(const QString &name, const QString &product,
                                                  const QString &version, const QList<qint64> &entryIds,
                                                  const QStringList &components)
{
    if (name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("A bundle needs a name."));
    if (entryIds.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("A bundle needs at least one entry."));
    if (components.size() != entryIds.size())
        return fail(ErrorCode::InvalidArgument,
                    tr("%1 entries but %2 component names were given; name every entry's component.")
                        .arg(entryIds.size())
                        .arg(components.size()));
    QSet<QString> seen;
    for (qsizetype i = 0; i < entryIds.size(); ++i) {
        const QString c = components.at(i).trimmed();
        if (c.isEmpty())
            return fail(ErrorCode::InvalidArgument, tr("Entry %1 has an empty component name.").arg(entryIds.at(i)));
        if (seen.contains(c))
            return fail(ErrorCode::InvalidArgument,
                        tr("The component name \"%1\" is used twice; each component of a bundle needs its own name.")
                            .arg(c));
        seen.insert(c);
        if (auto e = entry(entryIds.at(i)); !e)
            return std::unexpected(e.error());
    }
    qint64 bundleId = 0;
    {
        Transaction tx(*d->db);
        if (auto st = tx.begin(); !st)
            return std::unexpected(st.error());
        auto q = d->db->exec(QStringLiteral("INSERT INTO bundles(name, product, version, source, metadata, created_at) "
                                            "VALUES (?, ?, ?, 'files', '{}', ?)"),
                             {name.trimmed(), product, version, rows::timestamp(QDateTime::currentDateTimeUtc())});
        if (!q)
            return std::unexpected(q.error());
        bundleId = q->lastInsertId().toLongLong();
        for (qsizetype i = 0; i < entryIds.size(); ++i) {
            if (auto r = d->db->exec(QStringLiteral("INSERT INTO bundle_items(bundle_id, entry_id, component, position) "
                                                    "VALUES (?, ?, ?, ?)"),
                                     {bundleId, entryIds.at(i), components.at(i).trimmed(), qint64(i)});
                !r)
                return std::unexpected(r.error());
        }
        if (auto st = tx.commit(); !st)
            return std::unexpected(st.error());
    }
    return bundle(bundleId);
}

Result<QList<BundleEntry>> FirmwareLibrary::bundles() const
{
    auto q = d->db->exec(QStringLiteral("SELECT b.id FROM bundles b ORDER BY b.created_at DESC, b.id DESC"));
    if (!q)
        return std::unexpected(q.error());
    QList<qint64> ids;
    while (q->next())
        ids.append(q->value(0).toLongLong());
    QList<BundleEntry> out;
    for (qint64 id : ids) {
        auto b = bundle(id);
        if (!b)
            return std::unexpected(b.error());
        out.append(*b);
    }
    return out;
}

Result<BundleEntry> FirmwareLibrary::bundle(qint64 id) const
{
    auto q = d->db->exec(QStringLiteral("SELECT ") + rows::bundleColumns() + QStringLiteral(" FROM bundles b WHERE b.id = ?"),
                         {id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound,
                    tr("There is no bundle with id %1. List the bundles with \"otactl bundle list\".").arg(id));
    BundleEntry b = rows::bundleFromQuery(*q);
    auto items = d->db->exec(QStringLiteral("SELECT entry_id, component FROM bundle_items WHERE bundle_id = ? "
                                            "ORDER BY position, entry_id"),
                             {id});
    if (!items)
        return std::unexpected(items.error());
    QList<std::pair<qint64, QString>> members;
    while (items->next())
        members.append({items->value(0).toLongLong(), items->value(1).toString()});
    for (const auto &[entryId, component] : members) {
        auto e = entry(entryId);
        if (!e)
            return std::unexpected(e.error());
        e->component = component; // the name inside this bundle
        e->bundleId = id;
        b.items.append(*e);
    }
    return b;
}

} // namespace otadesk::library
