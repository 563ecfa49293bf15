#pragma once
// Provisioning files: devices to register, one per CSV row (or JSON object), validated row by row so that a
// preview can show every problem at once and nothing is written for a row that is wrong.
// CSV columns (header row, any order, case-insensitive): serial (required), model, hw_rev, batch, year,
// vendor_id, class_id, tags (separated by spaces or '|'), cert_fingerprint, meta.<name>.
#include "core/common/Error.h"
#include "core/fleet/Device.h"

#include <QCoreApplication>
#include <QList>

namespace otadesk::fleet {

struct ProvisionRow
{
    qint64 line = 0; // 1-based line (CSV) or 1-based index (JSON) in the file
    Device device;
    QString certFingerprint; // lower-case hex without separators, empty when the device uses a token
};

struct RowProblem
{
    qint64 line = 0;
    QString column;
    QString message;
};

struct ProvisionFile
{
    QStringList columns;
    QList<ProvisionRow> rows;      // the valid rows
    QList<RowProblem> problems;    // one entry per problem; rows with a problem are not in `rows`
};

class DeviceImport
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::fleet::DeviceImport)
public:
    // firstLine: the line number of the header in the whole file (for files sent in chunks).
    static Result<ProvisionFile> readCsv(QByteArrayView data, qint64 firstLine = 1);
    static Result<ProvisionFile> readJson(QByteArrayView data);
    // Checks one device's fields (and normalises them: trimmed, fingerprint lower-case hex); problems carry
    // line 0 — the caller sets it.
    static QList<RowProblem> validate(Device &device, QString &certFingerprint);

    static QStringList knownColumns();
    static QByteArray csvHeader(const QStringList &metadataNames = {});
    static QByteArray csvRow(const Device &device, const QStringList &metadataNames = {});

    static constexpr int kMaxFieldLength = 128;
};

} // namespace otadesk::fleet
