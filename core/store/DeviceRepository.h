#pragma once
// The tenant's devices: lookup, lists and counts over a filter (the WHERE fragment comes from the filter
// language, compiled for this database's dialect, and always refers to the devices table as `d`), operator
// edits (tags, metadata, acceptance) and removal. Bulk registration is DeviceImporter, credentials
// DeviceCredentials, check-ins DeviceCheckins.
#include "core/common/Error.h"
#include "core/fleet/Device.h"
#include "core/fleet/filter/Filter.h"
#include "core/store/ConnectionSpec.h"
#include "core/store/StoreTypes.h"

#include <QCoreApplication>
#include <QVariantList>

namespace otadesk::store {

class Database;

// A compiled filter: "" matches every device.
struct DeviceWhere
{
    DeviceWhere() = default;
    DeviceWhere(QString condition, QVariantList conditionValues)
        : sql(std::move(condition)), values(std::move(conditionValues))
    {
    }

    QString sql;
    QVariantList values;
    // The filter `sql` was compiled from, when there is one: count() then plans its own statement from it
    // (fleet::filter::compileCount: straight from covering indexes on SQLite) instead of counting `sql`.
    std::shared_ptr<const fleet::filter::Node> filter;
    fleet::FilterContext context;

    // `filter` compiled for `dialect` (group names already expanded by the caller).
    static DeviceWhere fromFilter(const fleet::Filter &filter, Dialect dialect, const fleet::FilterContext &context);
};

struct DeviceEvent
{
    qint64 id = 0;
    qint64 at = 0;
    QString kind; // "registered", "checkin" (the report changed), "accepted", "token", ...
    QString details; // JSON
};

class DeviceRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::DeviceRepository)
public:
    explicit DeviceRepository(const Database &db) : m_db(db) {}

    // Everything about one device, with components, attributes, tags and metadata.
    Result<fleet::Device> find(qint64 tenantId, const QString &serial) const;
    Result<fleet::Device> findById(qint64 tenantId, qint64 id) const;
    // A page of devices matching `where`, with components and tags (not attributes/metadata). The page's ids are
    // picked first (from a covering index when the sort column and the condition allow it, however deep the
    // page), then only those rows are read.
    Result<ListPage<fleet::Device>> list(qint64 tenantId, const DeviceWhere &where, const ListQuery &query,
                                         bool withTotal = true) const;
    Result<qint64> count(qint64 tenantId, const DeviceWhere &where) const;
    // All matching devices in serial order, `batch` at a time, for exports; stops early when `sink` says false.
    Status forEach(qint64 tenantId, const DeviceWhere &where, int batch,
                   const std::function<bool(const QList<fleet::Device> &)> &sink, bool withMetadata) const;

    Status setTags(qint64 tenantId, qint64 deviceId, const QStringList &add, const QStringList &remove) const;
    Status setMetadata(qint64 tenantId, qint64 deviceId, const QMap<QString, QString> &set,
                       const QStringList &remove) const;
    Status setStatus(qint64 tenantId, qint64 deviceId, const QString &status) const; // accepted / rejected
    Status remove(qint64 tenantId, qint64 deviceId) const;

    Status addEvent(qint64 tenantId, qint64 deviceId, const QString &kind, const QString &detailsJson) const;
    Result<QList<DeviceEvent>> events(qint64 tenantId, qint64 deviceId, int limit) const;

    // Distinct values for the filter builder's pickers: models, batches, years, tags, component names,
    // attribute names and metadata names (each at most `limit`).
    Result<QMap<QString, QStringList>> facets(qint64 tenantId, int limit) const;

    static QStringList sortNames();

private:
    Result<fleet::Device> findWhere(qint64 tenantId, const QString &condition, const QVariant &value,
                                    const QString &notFound) const;
    Status checkOwner(qint64 tenantId, qint64 deviceId) const;
    Status loadDetails(fleet::Device &device) const;
    Status loadComponentsAndTags(QList<fleet::Device> &devices, bool withAttributes) const;

    const Database &m_db;
};

} // namespace otadesk::store
