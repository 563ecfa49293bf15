#pragma once
// Registers devices in bulk from validated provisioning rows (fleet::DeviceImport): new serials are created,
// known ones updated (production data; tags and metadata from the file are added), unchanged ones left alone.
// One transaction per call; a dry run classifies every row exactly like a real run and writes nothing.
// New devices, tags and metadata are written with multi-row INSERTs (BulkInsert, kRowsPerStatement rows each);
// ids follow the order of `rows`.
// New devices can get their own device token at once (returned once, stored hashed).
#include "core/common/Error.h"
#include "core/fleet/DeviceImport.h"

#include <QCoreApplication>

namespace otadesk::store {

class Database;

struct ImportOptions
{
    bool dryRun = false;
    bool updateExisting = true; // false: a known serial is a problem row
    bool issueTokens = false;
    bool allOrNothing = false; // a row the database refuses rolls everything back
};

struct ImportOutcome
{
    qint64 created = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    QList<fleet::RowProblem> problems;             // rows refused by the database check (duplicates, ...)
    QList<std::pair<QString, QString>> tokens;     // serial, device token (only with issueTokens, not dry run)
    bool written = false;
};

class DeviceImporter
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::DeviceImporter)
public:
    explicit DeviceImporter(const Database &db) : m_db(db) {}
    Result<ImportOutcome> import(qint64 tenantId, const QList<fleet::ProvisionRow> &rows,
                                 const ImportOptions &options) const;

    static constexpr qint64 kAnalyzeAfterRows = 10000;
    static constexpr int kRowsPerStatement = 200; // new devices, tags, metadata per INSERT statement

private:
    const Database &m_db;
};

} // namespace otadesk::store
