// The numbered schema migrations of library.sqlite. Append new versions at the end; never edit a released one.
#include "core/library/LibraryMigrations.h"

namespace otadesk::library {

const QList<Migration> &migrations()
{
    static const QList<Migration> list = {
        {1,
         {
             QStringLiteral("CREATE TABLE bundles ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " name TEXT NOT NULL, product TEXT NOT NULL DEFAULT '', version TEXT NOT NULL DEFAULT '',"
                            " source TEXT NOT NULL DEFAULT 'files', metadata TEXT NOT NULL DEFAULT '{}',"
                            " file_sha256 TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE entries ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " name TEXT NOT NULL, product TEXT NOT NULL DEFAULT '', version TEXT NOT NULL DEFAULT '',"
                            " component TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL, format TEXT NOT NULL DEFAULT '',"
                            " file_sha256 TEXT NOT NULL, file_size INTEGER NOT NULL,"
                            " image_sha256 TEXT NOT NULL DEFAULT '', image_crc32 INTEGER NOT NULL DEFAULT 0,"
                            " data_size INTEGER NOT NULL DEFAULT 0, entry_point INTEGER,"
                            " warnings TEXT NOT NULL DEFAULT '[]', metadata TEXT NOT NULL DEFAULT '{}',"
                            " imported_at TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX entries_file_sha256 ON entries(file_sha256)"),
             QStringLiteral("CREATE INDEX entries_product ON entries(product)"),
             // kind 0 = segment, 1 = overlap; addresses are unsigned 64-bit stored bit for bit.
             QStringLiteral("CREATE TABLE entry_ranges ("
                            " entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
                            " kind INTEGER NOT NULL, position INTEGER NOT NULL,"
                            " start_address INTEGER NOT NULL, end_address INTEGER NOT NULL,"
                            " PRIMARY KEY (entry_id, kind, position))"),
             QStringLiteral("CREATE TABLE bundle_items ("
                            " bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,"
                            " entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
                            " component TEXT NOT NULL, position INTEGER NOT NULL,"
                            " PRIMARY KEY (bundle_id, entry_id))"),
             QStringLiteral("CREATE INDEX bundle_items_entry ON bundle_items(entry_id)"),
         }},
    };
    return list;
}

} // namespace otadesk::library
