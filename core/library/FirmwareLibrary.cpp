// Opening the library, queries (list / count / find / entry) and export. Import lives in LibraryImporter,
// bundles in LibraryBundles.cpp, removal and blob garbage collection in LibraryRemoval.cpp.
#include "core/library/FirmwareLibrary.h"

#include "core/common/Logging.h"
#include "core/firmware/FormatRegistry.h"
#include "core/library/EntryRows.h"
#include "core/library/LibraryImporter.h"
#include "core/library/LibraryPrivate.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace otadesk::library {

FirmwareLibrary::FirmwareLibrary(std::unique_ptr<Private> p) : d(std::move(p)) {}
FirmwareLibrary::~FirmwareLibrary() = default;

Result<std::unique_ptr<FirmwareLibrary>> FirmwareLibrary::open(const Workspace &workspace)
{
    if (auto st = workspace.ensureExists(); !st)
        return std::unexpected(st.error());
    auto db = LibraryDatabase::open(workspace.libraryDatabasePath());
    if (!db)
        return std::unexpected(db.error());
    return std::unique_ptr<FirmwareLibrary>(
        new FirmwareLibrary(std::make_unique<Private>(workspace, std::move(*db))));
}

const Workspace &FirmwareLibrary::workspace() const { return d->workspace; }

Result<ImportOutcome> FirmwareLibrary::importFile(const ImportRequest &request)
{
    auto outcome = LibraryImporter(*d->db, d->blobs).importFile(request);
    if (!outcome)
        return outcome;
    // Return what the library now holds (ids, timestamps, bundle membership).
    if (outcome->bundle) {
        auto b = bundle(outcome->bundle->id);
        if (!b)
            return std::unexpected(b.error());
        outcome->bundle = *b;
        outcome->entries = b->items;
        return outcome;
    }
    for (FirmwareEntry &e : outcome->entries) {
        auto fresh = entry(e.id);
        if (!fresh)
            return std::unexpected(fresh.error());
        e = *fresh;
    }
    return outcome;
}

Result<FirmwareEntry> FirmwareLibrary::importAuxiliary(const QString &path, const QString &component,
                                                       const QString &product, const QString &version)
{
    auto e = LibraryImporter(*d->db, d->blobs).importAuxiliary(path, component, product, version);
    if (!e)
        return e;
    return entry(e->id);
}

namespace {
struct Where
{
    QString sql;
    QVariantList values;
};

Where whereClause(const ListQuery &query)
{
    Where w;
    QStringList parts;
    if (!query.product.isEmpty()) {
        parts.append(QStringLiteral("e.product = ?"));
        w.values.append(query.product);
    }
    if (!query.text.isEmpty()) {
        QString pattern = query.text;
        pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
        QStringList any;
        for (const char *col : {"e.name", "e.product", "e.version", "e.component", "e.file_sha256"}) {
            any.append(QString::fromLatin1(col) + QStringLiteral(" LIKE ? ESCAPE '\\'"));
            w.values.append(pattern);
        }
        parts.append(QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    if (!parts.isEmpty())
        w.sql = QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
    return w;
}

QString orderBy(ListQuery::Sort sort)
{
    switch (sort) {
    case ListQuery::Sort::ImportedDesc: return QStringLiteral(" ORDER BY e.imported_at DESC, e.id DESC");
    case ListQuery::Sort::Name: return QStringLiteral(" ORDER BY e.name COLLATE NOCASE, e.id");
    case ListQuery::Sort::Product:
        return QStringLiteral(" ORDER BY e.product COLLATE NOCASE, e.version COLLATE NOCASE, e.id");
    case ListQuery::Sort::Version: return QStringLiteral(" ORDER BY e.version COLLATE NOCASE, e.id");
    case ListQuery::Sort::Size: return QStringLiteral(" ORDER BY e.file_size, e.id");
    }
    return {};
}
} // namespace

Result<QList<FirmwareEntry>> FirmwareLibrary::list(const ListQuery &query) const
{
    Where w = whereClause(query);
    QString sql = QStringLiteral("SELECT ") + rows::entryColumns() + QStringLiteral(" FROM entries e") + w.sql +
                  orderBy(query.sort) + QStringLiteral(" LIMIT ? OFFSET ?");
    w.values << qint64(query.limit) << qint64(qMax(0, query.offset));
    auto q = d->db->exec(sql, w.values);
    if (!q)
        return std::unexpected(q.error());
    QList<FirmwareEntry> out;
    while (q->next())
        out.append(rows::entryFromQuery(*q));
    for (FirmwareEntry &e : out) {
        if (auto st = rows::loadRanges(*d->db, e); !st)
            return std::unexpected(st.error());
    }
    return out;
}

Result<qint64> FirmwareLibrary::count(const ListQuery &query) const
{
    const Where w = whereClause(query);
    auto v = d->db->scalar(QStringLiteral("SELECT COUNT(*) FROM entries e") + w.sql, w.values);
    if (!v)
        return std::unexpected(v.error());
    return v->toLongLong();
}

Result<FirmwareEntry> FirmwareLibrary::entry(qint64 id) const
{
    auto q = d->db->exec(QStringLiteral("SELECT ") + rows::entryColumns() + QStringLiteral(" FROM entries e WHERE e.id = ?"),
                         {id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("There is no library entry with id %1. List the entries with "
                                            "\"otactl firmware list\".")
                                             .arg(id));
    FirmwareEntry e = rows::entryFromQuery(*q);
    if (auto st = rows::loadRanges(*d->db, e); !st)
        return std::unexpected(st.error());
    return e;
}

Result<FirmwareEntry> FirmwareLibrary::find(const QString &reference) const
{
    const QString ref = reference.trimmed().toLower();
    bool isNumber = false;
    const qint64 id = ref.toLongLong(&isNumber);
    if (isNumber && ref.size() < 6)
        return entry(id);
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{6,64}$"));
    if (!hex.match(ref).hasMatch()) {
        if (isNumber)
            return entry(id);
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1\" is neither an entry id nor a SHA-256 prefix of at least 6 hex digits.").arg(reference));
    }
    if (isNumber) {
        if (auto byId = entry(id); byId)
            return byId;
    }
    auto q = d->db->exec(QStringLiteral("SELECT e.id FROM entries e WHERE substr(e.file_sha256, 1, ?) = ? "
                                        "ORDER BY e.id LIMIT 10"),
                         {qint64(ref.size()), ref});
    if (!q)
        return std::unexpected(q.error());
    QList<qint64> ids;
    while (q->next())
        ids.append(q->value(0).toLongLong());
    if (ids.isEmpty())
        return fail(ErrorCode::NotFound, tr("No library entry has an id or SHA-256 starting with \"%1\".").arg(ref));
    if (ids.size() > 1) {
        QStringList names;
        for (qint64 i : ids)
            names.append(QString::number(i));
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1\" matches several entries (ids %2); give more digits or the id.")
                        .arg(ref, names.join(QStringLiteral(", "))));
    }
    return entry(ids.first());
}

Result<QByteArray> FirmwareLibrary::fileContent(const FirmwareEntry &e) const { return d->blobs.read(e.fileSha256); }

QString FirmwareLibrary::blobPath(const QByteArray &sha256) const { return d->blobs.pathFor(sha256); }

Result<firmware::LoadedImage> FirmwareLibrary::loadImage(const FirmwareEntry &e) const
{
    if (e.kind != EntryKind::Image)
        return fail(ErrorCode::InvalidArgument,
                    tr("Entry %1 (%2) is auxiliary content, not a firmware image.").arg(e.id).arg(e.name));
    auto content = fileContent(e);
    if (!content)
        return std::unexpected(content.error());
    firmware::ReadOptions options;
    options.fileName = e.name;
    if (e.format == QLatin1String("bin"))
        options.baseAddress = e.extent().start;
    return firmware::loadImageData(*content, options, e.format);
}

Status FirmwareLibrary::exportEntry(const FirmwareEntry &e, const QString &path, const QString &formatId,
                                    const firmware::WriteOptions &options) const
{
    if (e.kind == EntryKind::Auxiliary || formatId.isEmpty() || formatId == QLatin1String("original")) {
        if (e.kind == EntryKind::Auxiliary && !formatId.isEmpty() && formatId != QLatin1String("original"))
            return fail(ErrorCode::InvalidArgument,
                        tr("Entry %1 (%2) is auxiliary content; it can only be exported as it was imported.")
                            .arg(e.id)
                            .arg(e.name));
        return d->blobs.copyTo(e.fileSha256, path);
    }
    auto loaded = loadImage(e);
    if (!loaded)
        return std::unexpected(loaded.error());
    return firmware::saveImageFile(loaded->result.image, path, formatId, options);
}

} // namespace otadesk::library
