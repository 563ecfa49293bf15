// The bulk device import (DeviceImporter with multi-row statements, BulkInsert) on SQLite and PostgreSQL: more
// rows than one statement holds, tags/metadata of new devices across statement boundaries, a device with a
// certificate fingerprint between batches, ids in file order, one token per device (only its hash stored),
// re-import (updated / unchanged / refused), dry run, a fingerprint clash rolling everything back; and the fast
// CSV reader against the straightforward character-by-character reader it replaced, on random input.
#include "tst_store_util.h"

#include "core/fleet/CsvReader.h"
#include "core/fleet/DeviceImport.h"
#include "core/fleet/NaturalKey.h"
#include "core/store/DeviceImporter.h"
#include "core/store/TenantRepository.h"
#include "core/store/TokenSecrets.h"

#include <QSet>

using namespace otadesk;

namespace {
constexpr int kRows = 1003; // five full statements of 200 rows and a short one
constexpr int kCertRow = 450;

QString serial(int i)
{
    return QStringLiteral("SN-%1").arg(i, 5, 10, QLatin1Char('0'));
}

QByteArray csv(int rows, const QByteArray &extraTag = {})
{
    QByteArray out = "serial,model,hw_rev,batch,year,tags,cert_fingerprint,meta.owner\n";
    for (int i = 1; i <= rows; ++i) {
        QByteArray tags = i % 7 == 0 ? "beta lab" : "";
        if (!extraTag.isEmpty())
            tags += ' ' + extraTag;
        const QByteArray cert = i == kCertRow ? QByteArray(64, 'a') : QByteArray();
        const QByteArray owner = i % 11 == 0 ? "team-" + QByteArray::number(i) : QByteArray();
        out += serial(i).toLatin1() + ",GW-" + QByteArray::number(i % 3) + ",B,B01," + QByteArray::number(2020 + i % 5) +
               ',' + tags + ',' + cert + ',' + owner + '\n';
    }
    return out;
}

// The CSV reader as it was before it was made fast: one character at a time.
bool referenceNext(QByteArrayView data, qsizetype &pos, qint64 &line, char separator, QStringList &fields,
                   qint64 &recordLine, bool &unterminated)
{
    fields.clear();
    while (pos < data.size() && (data[pos] == '\n' || data[pos] == '\r')) {
        if (data[pos] == '\n')
            ++line;
        ++pos;
    }
    if (pos >= data.size())
        return false;
    recordLine = line;
    QByteArray field;
    bool quoted = false, wasQuoted = false;
    while (pos < data.size()) {
        const char c = data[pos++];
        if (quoted) {
            if (c == '"') {
                if (pos < data.size() && data[pos] == '"') {
                    field += '"';
                    ++pos;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == separator) {
            fields.append(QString::fromUtf8(wasQuoted ? field : field.trimmed()));
            field.clear();
            wasQuoted = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && pos < data.size() && data[pos] == '\n')
                ++pos;
            ++line;
            break;
        } else {
            field += c;
        }
    }
    unterminated = quoted;
    fields.append(QString::fromUtf8(wasQuoted ? field : field.trimmed()));
    return true;
}
} // namespace

class TestStoreDeviceImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvReaderMatchesReference()
    {
        QRandomGenerator rng(5);
        const char alphabet[] = {'a', 'b', ' ', '"', ',', ';', '\n', '\r', '\t', 'x'};
        for (int round = 0; round < 3000; ++round) {
            QByteArray data;
            for (int i = 0, n = int(rng.bounded(60)); i < n; ++i)
                data += alphabet[rng.bounded(int(sizeof alphabet))];
            fleet::CsvReader reader(data);
            qsizetype pos = data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
            qint64 line = 1, recordLine = 0;
            bool unterminated = false;
            QStringList expected, actual;
            while (true) {
                const bool more = referenceNext(data, pos, line, reader.separator(), expected, recordLine, unterminated);
                QCOMPARE(reader.next(actual), more);
                if (!more)
                    break;
                QCOMPARE(actual, expected);
                QCOMPARE(reader.line(), recordLine);
                QCOMPARE(reader.unterminatedQuote(), unterminated);
                QCOMPARE(reader.position(), pos);
            }
        }
    }

    void tagsSplitLikeThePattern()
    {
        auto file = fleet::DeviceImport::readCsv("serial,tags\nSN-1,\" a|b  |c\tb \"\nSN-2,|||\n");
        QVERIFY(file);
        QCOMPARE(file->rows.size(), 2);
        QCOMPARE(file->rows[0].device.tags, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QVERIFY(file->rows[1].device.tags.isEmpty());
    }

    void bulk_data() { test::addBackendRows(); }
    void bulk()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        auto tenant = store::TenantRepository(*db).create(QStringLiteral("t"));
        QVERIFY(tenant);
        auto file = fleet::DeviceImport::readCsv(csv(kRows));
        QVERIFY(file);
        QVERIFY(file->problems.isEmpty());
        QCOMPARE(file->rows.size(), kRows);

        // Dry run: classified, nothing written.
        store::ImportOptions dry;
        dry.dryRun = true;
        dry.issueTokens = true;
        auto preview = store::DeviceImporter(*db).import(tenant->id, file->rows, dry);
        QVERIFY2(preview, qPrintable(test::why(preview)));
        QCOMPARE(preview->created, kRows);
        QVERIFY(!preview->written);
        QVERIFY(preview->tokens.isEmpty());
        QCOMPARE(db->scalar(QStringLiteral("SELECT COUNT(*) FROM devices"))->toInt(), 0);

        store::ImportOptions options;
        options.issueTokens = true;
        auto outcome = store::DeviceImporter(*db).import(tenant->id, file->rows, options);
        QVERIFY2(outcome, qPrintable(test::why(outcome)));
        QCOMPARE(outcome->created, kRows);
        QVERIFY(outcome->written);
        QCOMPARE(outcome->tokens.size(), kRows);

        // Ids follow the file's order (the certified device in the middle included); serial keys and tokens.
        auto q = db->exec(QStringLiteral("SELECT id, serial, serial_key, token_prefix, token_sha256, cert_fingerprint,"
                                         " year FROM devices ORDER BY id"));
        QVERIFY(q);
        QHash<QString, QString> hashes;
        QHash<QString, qint64> ids;
        int n = 0;
        while (q->next()) {
            ++n;
            const QString s = q->value(1).toString();
            QCOMPARE(s, serial(n));
            QCOMPARE(q->value(2).toString(), fleet::naturalKey(s));
            QCOMPARE(q->value(6).toInt(), 2020 + n % 5);
            QCOMPARE(q->value(5).toString(), n == kCertRow ? QString(64, u'a') : QString());
            hashes.insert(s, q->value(4).toString());
            ids.insert(s, q->value(0).toLongLong());
        }
        QCOMPARE(n, kRows);
        QSet<QString> tokens;
        for (const auto &[s, token] : std::as_const(outcome->tokens)) {
            QVERIFY(!token.isEmpty());
            tokens.insert(token);
            QCOMPARE(hashes.value(s), store::secretSha256(token)); // only the hash is stored
            QCOMPARE(store::secretPrefix(token, "otdd").size(), 12);
        }
        QCOMPARE(tokens.size(), kRows); // each device its own token

        // Tags and metadata reached the right devices, across statement boundaries.
        auto tags = db->exec(QStringLiteral("SELECT device_id, tag FROM device_tags ORDER BY device_id, tag"));
        QVERIFY(tags);
        int tagRows = 0;
        while (tags->next()) {
            const int i = int(ids.key(tags->value(0).toLongLong()).mid(3).toInt());
            QCOMPARE(i % 7, 0);
            QVERIFY(tags->value(1).toString() == QLatin1String("beta") || tags->value(1).toString() == QLatin1String("lab"));
            ++tagRows;
        }
        QCOMPARE(tagRows, 2 * (kRows / 7));
        auto meta = db->exec(QStringLiteral("SELECT device_id, value FROM device_attributes WHERE kind = 'm' AND"
                                            " name = 'owner'"));
        QVERIFY(meta);
        int metaRows = 0;
        while (meta->next()) {
            const int i = int(ids.key(meta->value(0).toLongLong()).mid(3).toInt());
            QCOMPARE(meta->value(1).toString(), QStringLiteral("team-%1").arg(i));
            ++metaRows;
        }
        QCOMPARE(metaRows, kRows / 11);
        // Written with their tenant (not left to the trigger that fills it in).
        for (const char *table : {"device_tags", "device_attributes"}) {
            const QString sql = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE tenant_id <> ?").arg(QLatin1String(table));
            QCOMPARE(db->scalar(sql, {tenant->id})->toInt(), 0);
        }

        // The same file again: nothing to change, except devices with tags/metadata (those are re-applied).
        auto again = store::DeviceImporter(*db).import(tenant->id, file->rows, {});
        QVERIFY2(again, qPrintable(test::why(again)));
        QCOMPARE(again->created, 0);
        const int withExtras = kRows / 7 + kRows / 11 - kRows / 77;
        QCOMPARE(again->updated, withExtras);
        QCOMPARE(again->unchanged, kRows - withExtras);

        // A new tag on every device: all updated, tags added to the existing ones.
        auto tagged = fleet::DeviceImport::readCsv(csv(kRows, "new"));
        QVERIFY(tagged);
        auto updated = store::DeviceImporter(*db).import(tenant->id, tagged->rows, {});
        QVERIFY2(updated, qPrintable(test::why(updated)));
        QCOMPARE(updated->updated, kRows);
        QCOMPARE(db->scalar(QStringLiteral("SELECT COUNT(*) FROM device_tags WHERE tag = 'new'"))->toInt(), kRows);
        QCOMPARE(db->scalar(QStringLiteral("SELECT COUNT(*) FROM device_tags"))->toInt(), kRows + 2 * (kRows / 7));

        // updateExisting off: every known serial is a problem row naming its line.
        store::ImportOptions strict;
        strict.updateExisting = false;
        auto refused = store::DeviceImporter(*db).import(tenant->id, file->rows, strict);
        QVERIFY2(refused, qPrintable(test::why(refused)));
        QCOMPARE(refused->problems.size(), kRows);
        QCOMPARE(refused->problems.first().line, 2);
        QCOMPARE(refused->problems.first().column, QStringLiteral("serial"));
    }

    void clashRollsBack_data() { test::addBackendRows(); }
    void clashRollsBack()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        auto tenant = store::TenantRepository(*db).create(QStringLiteral("t"));
        QVERIFY(tenant);
        auto first = fleet::DeviceImport::readCsv(QByteArray("serial,cert_fingerprint\nA-1," + QByteArray(40, 'b') + '\n'));
        QVERIFY(first);
        QVERIFY(store::DeviceImporter(*db).import(tenant->id, first->rows, {}));
        // 500 new devices, the 300th with the fingerprint of A-1: an error naming its line, nothing written.
        QByteArray data = "serial,tags,cert_fingerprint\n";
        for (int i = 1; i <= 500; ++i)
            data += "B-" + QByteArray::number(i) + ",x," + (i == 300 ? QByteArray(40, 'b') : QByteArray()) + '\n';
        auto second = fleet::DeviceImport::readCsv(data);
        QVERIFY(second);
        store::ImportOptions options;
        options.issueTokens = true;
        auto outcome = store::DeviceImporter(*db).import(tenant->id, second->rows, options);
        QVERIFY(!outcome);
        QVERIFY2(outcome.error().message().contains(QLatin1String("Line 301")), qPrintable(outcome.error().message()));
        QCOMPARE(db->scalar(QStringLiteral("SELECT COUNT(*) FROM devices"))->toInt(), 1);
        QCOMPARE(db->scalar(QStringLiteral("SELECT COUNT(*) FROM device_tags"))->toInt(), 0);
        // The connection is usable again: the import without the clash goes through.
        second->rows.removeAt(299);
        auto retry = store::DeviceImporter(*db).import(tenant->id, second->rows, options);
        QVERIFY2(retry, qPrintable(test::why(retry)));
        QCOMPARE(retry->created, 499);
        QCOMPARE(db->scalar(QStringLiteral("SELECT COUNT(*) FROM device_tags"))->toInt(), 499);
    }

    void duplicateSerialsInOneCall_data() { test::addBackendRows(); }
    void duplicateSerialsInOneCall()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        auto tenant = store::TenantRepository(*db).create(QStringLiteral("t"));
        QVERIFY(tenant);
        QList<fleet::ProvisionRow> rows(3);
        for (int i = 0; i < 3; ++i) {
            rows[i].line = i + 2;
            rows[i].device.serial = i == 2 ? QStringLiteral("D-1") : QStringLiteral("D-%1").arg(i + 1);
        }
        auto outcome = store::DeviceImporter(*db).import(tenant->id, rows, {});
        QVERIFY2(outcome, qPrintable(test::why(outcome)));
        QCOMPARE(outcome->created, 2);
        QCOMPARE(outcome->problems.size(), 1);
        QCOMPARE(outcome->problems.first().line, 4);
    }
};

QTEST_GUILESS_MAIN(TestStoreDeviceImport)
#include "tst_store_device_import.moc"
