// FirmwareLibrary on a real SQLite file in a temporary workspace: import, dedupe, queries, export, removal and
// blob garbage collection, cancellation and parse errors leaving nothing behind, zip packages, two instances.
#include "ElfTestTools.h"
#include "TestData.h"
#include "core/firmware/FormatRegistry.h"
#include "core/library/FirmwareLibrary.h"
#include "core/library/ZipArchive.h"
#include "core/library/ZipWriter.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace otadesk;
using namespace otadesk::library;
using otadesk::test::testData;

namespace {
QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
QByteArray sha(const QByteArray &b) { return QCryptographicHash::hash(b, QCryptographicHash::Sha256); }

int blobCount(const Workspace &ws)
{
    int n = 0;
    QDirIterator it(ws.blobsPath(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

std::unique_ptr<FirmwareLibrary> openLibrary(const QString &path)
{
    auto lib = FirmwareLibrary::open(Workspace(path));
    if (!lib)
        qFatal("cannot open library: %s", qPrintable(lib.error().toString()));
    return std::move(*lib);
}

const QString kHelloHex = QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.hex");
const QString kHelloBin = QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.bin");
} // namespace

class TestLibrary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void schemaIsMigrated();
    void importSharedFiles_data();
    void importSharedFiles();
    void hexImageDigestEqualsBin();
    void reimportIsDeduplicated();
    void listSortFilter();
    void findByIdAndShaPrefix();
    void exportEveryFormat_data();
    void exportEveryFormat();
    void removeCollectsBlobs();
    void cancelMidImportLeavesNothing();
    void corruptFileLeavesNothing();
    void mcubootVersionAndMetadata();
    void auxiliaryAndBundles();
    void pybricksZip();
    void nordicDfuZip();
    void nordicSizeMismatchLeavesNothing();
    void genericZip();
    void twoInstancesFromTwoThreads();
    void elfSymbolsAreCappedInStorage();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FirmwareLibrary> m_lib;
    ImportOutcome importOk(const QString &path, const QString &product = {}, const QString &version = {});
};

void TestLibrary::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_lib = openLibrary(m_dir->filePath(QStringLiteral("ws")));
}

void TestLibrary::cleanup()
{
    m_lib.reset();
    m_dir.reset();
}

ImportOutcome TestLibrary::importOk(const QString &path, const QString &product, const QString &version)
{
    ImportRequest r;
    r.path = path;
    r.product = product;
    r.version = version;
    auto o = m_lib->importFile(r);
    if (!o)
        qWarning() << "import failed:" << o.error().toString();
    return o ? *o : ImportOutcome{};
}

void TestLibrary::schemaIsMigrated()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
    db.setDatabaseName(m_lib->workspace().libraryDatabasePath());
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    // Re-opening an up-to-date workspace works and keeps the data.
    m_lib.reset();
    m_lib = openLibrary(m_dir->filePath(QStringLiteral("ws")));
    QCOMPARE(m_lib->count().value(), 0);
}

void TestLibrary::importSharedFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::newRow("zephyr hex") << kHelloHex << QStringLiteral("ihex");
    QTest::newRow("zephyr bin") << kHelloBin << QStringLiteral("bin");
    QTest::newRow("bincopy hex") << QStringLiteral("formats/bincopy/in.hex") << QStringLiteral("ihex");
    QTest::newRow("bincopy s19") << QStringLiteral("formats/bincopy/in.s19") << QStringLiteral("srec");
    QTest::newRow("bincopy empty_main s19") << QStringLiteral("formats/bincopy/empty_main.s19") << QStringLiteral("srec");
    QTest::newRow("s28") << QStringLiteral("formats/generated/srec_s2_s6_s8.s28") << QStringLiteral("srec");
    QTest::newRow("crlf hex") << QStringLiteral("formats/generated/ihex_linear_crlf_lowercase.hex") << QStringLiteral("ihex");
    QTest::newRow("mcuboot hex") << QStringLiteral("mcuboot/payload.signed-ecdsa-p256.hex") << QStringLiteral("ihex");
    QTest::newRow("mcuboot bin") << QStringLiteral("mcuboot/payload.signed-ed25519.bin") << QStringLiteral("bin");
    QTest::newRow("pybricks") << QStringLiteral("firmware/pybricks/7.28.0/primehub/firmware-base.bin") << QStringLiteral("bin");
}

void TestLibrary::importSharedFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    const QString path = testData(file);
    const QByteArray bytes = fileBytes(path);
    QVERIFY(!bytes.isEmpty());
    ImportRequest r;
    r.path = path;
    r.product = QStringLiteral("p");
    auto o = m_lib->importFile(r);
    QVERIFY2(o, qPrintable(o ? QString() : o.error().toString()));
    QCOMPARE(o->entries.size(), 1);
    const FirmwareEntry e = o->entries.first();
    QVERIFY(e.id > 0);
    QVERIFY(!o->alreadyPresent);
    QCOMPARE(e.format, format);
    QCOMPARE(e.fileSha256, sha(bytes));
    QCOMPARE(e.fileSize, bytes.size());
    QCOMPARE(e.name, QFileInfo(path).fileName());
    QCOMPARE(e.component, QFileInfo(path).completeBaseName());
    QVERIFY(e.importedAt.isValid());
    // What the library recorded equals what an independent read of the file gives.
    auto loaded = firmware::loadImageFile(path);
    QVERIFY(loaded);
    QCOMPARE(e.imageSha256, loaded->result.image.sha256());
    QCOMPARE(e.imageCrc32, loaded->result.image.crc32());
    QCOMPARE(e.dataSize, loaded->result.image.dataSize());
    QCOMPARE(e.segments.size(), loaded->result.image.segmentCount());
    QCOMPARE(e.entryPoint, loaded->result.image.entryPoint());
    QCOMPARE(e.overlaps, loaded->result.overlaps);
    // The blob is the file, byte for byte, at its content address.
    QCOMPARE(fileBytes(m_lib->blobPath(e.fileSha256)), bytes);
    QVERIFY(m_lib->blobPath(e.fileSha256).endsWith(QStringLiteral("/blobs/sha256/") +
                                                   QString::fromLatin1(e.fileSha256.toHex().left(2)) + QLatin1Char('/') +
                                                   QString::fromLatin1(e.fileSha256.toHex())));
    QCOMPARE(m_lib->fileContent(e).value(), bytes);
    // Read back from the database, field for field.
    auto again = m_lib->entry(e.id);
    QVERIFY(again);
    QCOMPARE(again->segments, e.segments);
    QCOMPARE(again->imageSha256, e.imageSha256);
    QCOMPARE(again->warnings, e.warnings);
    auto image = m_lib->loadImage(*again);
    QVERIFY(image);
    QCOMPARE(image->result.image, loaded->result.image);
}

void TestLibrary::hexImageDigestEqualsBin()
{
    const FirmwareEntry hex = importOk(testData(kHelloHex)).entries.value(0);
    QCOMPARE(hex.imageSha256, sha(fileBytes(testData(kHelloBin))));
    QCOMPARE(hex.extent().start, quint64(0xC000));
}

void TestLibrary::reimportIsDeduplicated()
{
    const FirmwareEntry first = importOk(testData(kHelloHex), QStringLiteral("board"), QStringLiteral("1.0")).entries.value(0);
    const ImportOutcome again = importOk(testData(kHelloHex), QStringLiteral("board"), QStringLiteral("1.0"));
    QVERIFY(again.alreadyPresent);
    QCOMPARE(again.entries.value(0).id, first.id);
    QCOMPARE(m_lib->count().value(), 1);
    // Another version of the same file is another entry, but the same blob.
    const ImportOutcome v2 = importOk(testData(kHelloHex), QStringLiteral("board"), QStringLiteral("2.0"));
    QVERIFY(!v2.alreadyPresent);
    QVERIFY(v2.entries.value(0).id != first.id);
    QCOMPARE(m_lib->count().value(), 2);
    QCOMPARE(blobCount(m_lib->workspace()), 1);
}

void TestLibrary::listSortFilter()
{
    importOk(testData(kHelloHex), QStringLiteral("zephyr"), QStringLiteral("3.5"));
    importOk(testData(QStringLiteral("formats/bincopy/in.s19")), QStringLiteral("bincopy"), QStringLiteral("1.0"));
    importOk(testData(QStringLiteral("formats/bincopy/in.hex")), QStringLiteral("bincopy"), QStringLiteral("2.0"));
    QCOMPARE(m_lib->count().value(), 3);
    ListQuery q;
    q.product = QStringLiteral("bincopy");
    QCOMPARE(m_lib->count(q).value(), 2);
    q.sort = ListQuery::Sort::Version;
    auto l = m_lib->list(q);
    QVERIFY(l);
    QCOMPARE(l->size(), 2);
    QCOMPARE(l->at(0).version, QStringLiteral("1.0"));
    QCOMPARE(l->at(1).version, QStringLiteral("2.0"));
    q = {};
    q.text = QStringLiteral("hello");
    QCOMPARE(m_lib->list(q)->size(), 1);
    q.text = QStringLiteral("%"); // LIKE wildcards are literal text
    QCOMPARE(m_lib->list(q)->size(), 0);
    q = {};
    q.sort = ListQuery::Sort::Name;
    l = m_lib->list(q);
    QCOMPARE(l->at(0).name, QStringLiteral("hello_world.hex"));
    QCOMPARE(l->at(1).name, QStringLiteral("in.hex"));
    q.sort = ListQuery::Sort::Size;
    l = m_lib->list(q);
    QVERIFY(l->at(0).fileSize <= l->at(1).fileSize && l->at(1).fileSize <= l->at(2).fileSize);
    q.sort = ListQuery::Sort::ImportedDesc;
    q.limit = 1;
    q.offset = 1;
    l = m_lib->list(q);
    QCOMPARE(l->size(), 1);
    QCOMPARE(l->at(0).name, QStringLiteral("in.s19"));
}

void TestLibrary::findByIdAndShaPrefix()
{
    const FirmwareEntry e = importOk(testData(kHelloHex)).entries.value(0);
    QCOMPARE(m_lib->find(QString::number(e.id))->id, e.id);
    const QString hex = QString::fromLatin1(e.fileSha256.toHex());
    QCOMPARE(m_lib->find(hex.left(8))->id, e.id);
    QCOMPARE(m_lib->find(hex.toUpper())->id, e.id);
    QCOMPARE(m_lib->find(QStringLiteral("999")).error().code(), ErrorCode::NotFound);
    QCOMPARE(m_lib->find(QStringLiteral("ffffff00")).error().code(), hex.startsWith(QStringLiteral("ffffff00"))
                                                                     ? ErrorCode::InvalidArgument
                                                                     : ErrorCode::NotFound);
    QCOMPARE(m_lib->find(QStringLiteral("abc")).error().code(), ErrorCode::InvalidArgument); // too short
    QCOMPARE(m_lib->find(QStringLiteral("not-a-ref")).error().code(), ErrorCode::InvalidArgument);
}

void TestLibrary::exportEveryFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("file");
    for (const char *f : {"ihex", "srec", "bin", "elf"}) {
        QTest::newRow(f) << QString::fromLatin1(f) << kHelloHex;
        QTest::newRow(QByteArray(QByteArray(f) + " from s19").constData())
            << QString::fromLatin1(f) << QStringLiteral("formats/bincopy/out.s19");
    }
}

void TestLibrary::exportEveryFormat()
{
    QFETCH(QString, format);
    QFETCH(QString, file);
    const FirmwareEntry e = importOk(testData(file)).entries.value(0);
    QVERIFY(e.id);
    const QString out = m_dir->filePath(QStringLiteral("out.") + format);
    auto st = m_lib->exportEntry(e, out, format);
    QVERIFY2(st, qPrintable(st ? QString() : st.error().toString()));
    firmware::ReadOptions options;
    options.baseAddress = e.extent().start; // raw binary has no address of its own
    auto reread = firmware::loadImageFile(out, options, format);
    QVERIFY2(reread, qPrintable(reread ? QString() : reread.error().toString()));
    const firmware::MemoryImage original = m_lib->loadImage(e)->result.image;
    if (format == QLatin1String("bin")) {
        QCOMPARE(reread->result.image.sha256(), e.imageSha256); // gaps filled: the flattened image
        QCOMPARE(reread->fileSha256, e.imageSha256);
    } else {
        QCOMPARE(reread->result.image.segments(), original.segments());
        QCOMPARE(reread->result.image.sha256(), e.imageSha256);
    }
    // Exporting as the original file gives the imported bytes back.
    const QString copy = m_dir->filePath(QStringLiteral("copy"));
    QVERIFY(m_lib->exportEntry(e, copy, {}));
    QCOMPARE(fileBytes(copy), fileBytes(testData(file)));
}

void TestLibrary::removeCollectsBlobs()
{
    const FirmwareEntry a = importOk(testData(kHelloHex), {}, QStringLiteral("1")).entries.value(0);
    const FirmwareEntry b = importOk(testData(kHelloHex), {}, QStringLiteral("2")).entries.value(0);
    const FirmwareEntry c = importOk(testData(kHelloBin)).entries.value(0);
    QCOMPARE(blobCount(m_lib->workspace()), 2);
    QVERIFY(m_lib->remove(a.id));
    QCOMPARE(m_lib->entry(a.id).error().code(), ErrorCode::NotFound);
    QVERIFY(QFile::exists(m_lib->blobPath(a.fileSha256))); // still used by b
    QVERIFY(m_lib->remove(b.id));
    QVERIFY(!QFile::exists(m_lib->blobPath(a.fileSha256)));
    QVERIFY(QFile::exists(m_lib->blobPath(c.fileSha256)));
    QCOMPARE(m_lib->remove(b.id).error().code(), ErrorCode::NotFound);
    QCOMPARE(m_lib->count().value(), 1);
    QCOMPARE(blobCount(m_lib->workspace()), 1);
}

void TestLibrary::cancelMidImportLeavesNothing()
{
    // A file larger than one streaming chunk, so the cancellation lands between chunks of the blob copy.
    QByteArray big(3 * 1024 * 1024 + 17, '\0');
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i * 7 + (i >> 12));
    const QString path = m_dir->filePath(QStringLiteral("big.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(big);
    f.close();
    for (int cancelAfter : {1, 2, 3}) {
        std::atomic<bool> cancelled{false};
        int reports = 0;
        ImportRequest r;
        r.path = path;
        r.progress.cancelled = &cancelled;
        r.progress.report = [&](qint64 done, qint64 total) {
            QVERIFY(done <= total);
            if (++reports >= cancelAfter)
                cancelled = true;
        };
        auto o = m_lib->importFile(r);
        QVERIFY(!o);
        QCOMPARE(o.error().code(), ErrorCode::Cancelled);
        QVERIFY(reports >= 1);
        QCOMPARE(m_lib->count().value(), 0);
        QCOMPARE(blobCount(m_lib->workspace()), 0);
    }
    // And it imports fine when not cancelled.
    QVERIFY(!importOk(path).entries.isEmpty());
    QCOMPARE(blobCount(m_lib->workspace()), 1);
}

void TestLibrary::corruptFileLeavesNothing()
{
    ImportRequest r;
    r.path = testData(QStringLiteral("formats/generated/ihex_bad_checksum_and_trailing_data.hex"));
    auto o = m_lib->importFile(r);
    QVERIFY(!o);
    QCOMPARE(o.error().code(), ErrorCode::Checksum);
    QCOMPARE(o.error().where().line, 1); // the reader's error, unchanged
    QCOMPARE(m_lib->count().value(), 0);
    QCOMPARE(blobCount(m_lib->workspace()), 0);
    r.path = m_dir->filePath(QStringLiteral("missing.hex"));
    QCOMPARE(m_lib->importFile(r).error().code(), ErrorCode::Io);
}

void TestLibrary::mcubootVersionAndMetadata()
{
    const FirmwareEntry e = importOk(testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin"))).entries.value(0);
    QCOMPARE(e.version, QStringLiteral("1.2.3+4"));
    const QVariantMap mcuboot = e.metadata.value(QStringLiteral("mcuboot")).toMap();
    QVERIFY(!mcuboot.isEmpty());
    QCOMPARE(mcuboot.value(QStringLiteral("version")).toString(), QStringLiteral("1.2.3+4"));
    // An explicit version wins over the header's.
    const FirmwareEntry v = importOk(testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin")), {},
                                     QStringLiteral("9.9"))
                                .entries.value(0);
    QCOMPARE(v.version, QStringLiteral("9.9"));
    // No MCUboot header, no "mcuboot" metadata.
    const FirmwareEntry plain = importOk(testData(kHelloBin)).entries.value(0);
    QVERIFY(!plain.metadata.contains(QStringLiteral("mcuboot")));
}

void TestLibrary::auxiliaryAndBundles()
{
    const FirmwareEntry fw = importOk(testData(kHelloHex)).entries.value(0);
    auto aux = m_lib->importAuxiliary(testData(QStringLiteral("firmware/pybricks/ReadMe_OSS.txt")), QStringLiteral("notices"));
    QVERIFY(aux);
    QCOMPARE(aux->kind, EntryKind::Auxiliary);
    QVERIFY(aux->format.isEmpty());
    QVERIFY(!m_lib->loadImage(*aux));
    auto b = m_lib->createBundle(QStringLiteral("release"), QStringLiteral("board"), QStringLiteral("1.0"),
                                 {fw.id, aux->id}, {QStringLiteral("app"), QStringLiteral("notices")});
    QVERIFY2(b, qPrintable(b ? QString() : b.error().toString()));
    QCOMPARE(b->items.size(), 2);
    QCOMPARE(b->items.at(0).component, QStringLiteral("app"));
    QCOMPARE(m_lib->entry(fw.id)->bundleId, b->id);
    QCOMPARE(m_lib->bundles()->size(), 1);
    QVERIFY(!m_lib->createBundle(QStringLiteral("x"), {}, {}, {fw.id, aux->id},
                                 {QStringLiteral("same"), QStringLiteral("same")}));
    QCOMPARE(m_lib->createBundle(QStringLiteral("x"), {}, {}, {999}, {QStringLiteral("c")}).error().code(),
             ErrorCode::NotFound);
    // Export as zip and read it back.
    const QString zipPath = m_dir->filePath(QStringLiteral("bundle.zip"));
    QVERIFY(m_lib->exportBundle(b->id, zipPath));
    auto zip = ZipArchive::fromFile(zipPath);
    QVERIFY(zip);
    QCOMPARE(zip->read(QStringLiteral("hello_world.hex")).value(), fileBytes(testData(kHelloHex)));
    const QJsonObject manifest = QJsonDocument::fromJson(zip->read(QStringLiteral("bundle.json")).value()).object();
    QCOMPARE(manifest.value(QStringLiteral("name")).toString(), QStringLiteral("release"));
    QCOMPARE(manifest.value(QStringLiteral("items")).toArray().size(), 2);
    // Removing the bundle with its items removes the entries and their blobs.
    QVERIFY(m_lib->removeBundle(b->id, true));
    QCOMPARE(m_lib->count().value(), 0);
    QCOMPARE(blobCount(m_lib->workspace()), 0);
    QCOMPARE(m_lib->bundle(b->id).error().code(), ErrorCode::NotFound);
}

void TestLibrary::pybricksZip()
{
    const QString hub = testData(QStringLiteral("firmware/pybricks/7.28.0/primehub/"));
    ZipWriter w;
    w.add(QStringLiteral("firmware-base.bin"), fileBytes(hub + QStringLiteral("firmware-base.bin")));
    w.add(QStringLiteral("firmware.metadata.json"), fileBytes(hub + QStringLiteral("firmware.metadata.json")));
    w.add(QStringLiteral("ReadMe_OSS.txt"), fileBytes(testData(QStringLiteral("firmware/pybricks/ReadMe_OSS.txt"))));
    w.add(QStringLiteral("main.py"), "print('hello')\n", ZipWriter::Method::Stored);
    const QString path = m_dir->filePath(QStringLiteral("pybricks-primehub.zip"));
    QVERIFY(w.writeTo(path));
    const ImportOutcome o = importOk(path);
    QVERIFY(o.bundle);
    QCOMPARE(o.bundle->source, QStringLiteral("pybricks-zip"));
    QCOMPARE(o.bundle->product, QStringLiteral("primehub"));
    QCOMPARE(o.bundle->version, QStringLiteral("ci-release-90-v4.0.0b5"));
    QCOMPARE(o.bundle->metadata.value(QStringLiteral("device-id")).toInt(), 129);
    QCOMPARE(o.entries.size(), 4);
    const FirmwareEntry fw = o.entries.at(0);
    QCOMPARE(fw.component, QStringLiteral("firmware"));
    QCOMPARE(fw.kind, EntryKind::Image);
    QCOMPARE(fw.fileSha256, sha(fileBytes(hub + QStringLiteral("firmware-base.bin"))));
    QCOMPARE(fw.product, QStringLiteral("primehub"));
    int aux = 0;
    for (const auto &e : o.entries)
        aux += e.kind == EntryKind::Auxiliary;
    QCOMPARE(aux, 3);
    const ImportOutcome again = importOk(path);
    QVERIFY(again.alreadyPresent);
    QCOMPARE(again.bundle->id, o.bundle->id);
    QCOMPARE(m_lib->bundles()->size(), 1);
    QCOMPARE(m_lib->count().value(), 4);
}

namespace {
QByteArray nordicManifest(qint64 size0, qint64 size1)
{
    return QStringLiteral(R"({"format-version": 0, "name": "blinky", "files": [
      {"type": "application", "board": "nrf52840dk_nrf52840", "soc": "nRF52840_xxAA", "load_address": 49152,
       "image_index": "0", "slot_index_primary": "1", "slot_index_secondary": "2",
       "version_MCUBOOT": "1.2.3+4", "size": %1, "file": "app_update.bin"},
      {"type": "application", "board": "nrf52840dk_nrf52840", "load_address": 0, "image_index": "1",
       "version": "2.0.0", "size": %2, "file": "net_core_app_update.bin"}]})")
        .arg(size0)
        .arg(size1)
        .toUtf8();
}
} // namespace

void TestLibrary::nordicDfuZip()
{
    const QByteArray app = fileBytes(testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin")));
    const QByteArray net = fileBytes(testData(QStringLiteral("mcuboot/payload.signed-ed25519.bin")));
    ZipWriter w;
    w.add(QStringLiteral("manifest.json"), nordicManifest(app.size(), net.size()));
    w.add(QStringLiteral("app_update.bin"), app);
    w.add(QStringLiteral("net_core_app_update.bin"), net);
    const QString path = m_dir->filePath(QStringLiteral("dfu_application.zip"));
    QVERIFY(w.writeTo(path));
    const ImportOutcome o = importOk(path);
    QVERIFY(o.bundle);
    QCOMPARE(o.bundle->source, QStringLiteral("nrf-dfu-zip"));
    QCOMPARE(o.bundle->name, QStringLiteral("blinky"));
    QCOMPARE(o.bundle->product, QStringLiteral("nrf52840dk_nrf52840"));
    QCOMPARE(o.entries.size(), 3); // two images + the manifest as auxiliary content
    QCOMPARE(o.entries.at(0).component, QStringLiteral("application"));
    QCOMPARE(o.entries.at(0).version, QStringLiteral("1.2.3+4"));
    QCOMPARE(o.entries.at(0).extent().start, quint64(49152));
    QVERIFY(o.entries.at(0).metadata.contains(QStringLiteral("mcuboot")));
    QCOMPARE(o.entries.at(1).component, QStringLiteral("application-1"));
    QCOMPARE(o.entries.at(1).version, QStringLiteral("2.0.0"));
    QCOMPARE(o.entries.at(2).kind, EntryKind::Auxiliary);
}

void TestLibrary::nordicSizeMismatchLeavesNothing()
{
    const QByteArray app = fileBytes(testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin")));
    ZipWriter w;
    w.add(QStringLiteral("manifest.json"), nordicManifest(app.size() + 1, app.size()));
    w.add(QStringLiteral("app_update.bin"), app);
    w.add(QStringLiteral("net_core_app_update.bin"), app);
    const QString path = m_dir->filePath(QStringLiteral("dfu_application.zip"));
    QVERIFY(w.writeTo(path));
    ImportRequest r;
    r.path = path;
    auto o = m_lib->importFile(r);
    QVERIFY(!o);
    QCOMPARE(o.error().code(), ErrorCode::Format);
    QVERIFY2(o.error().message().contains(QStringLiteral("app_update.bin")), qPrintable(o.error().toString()));
    QCOMPARE(m_lib->count().value(), 0);
    QCOMPARE(blobCount(m_lib->workspace()), 0);
}

void TestLibrary::genericZip()
{
    ZipWriter w;
    w.add(QStringLiteral("images/hello_world.hex"), fileBytes(testData(kHelloHex)));
    w.add(QStringLiteral("sounds/beep.wav"), QByteArray("RIFF....WAVEfmt ").repeated(10));
    const QString path = m_dir->filePath(QStringLiteral("release.zip"));
    QVERIFY(w.writeTo(path));
    const ImportOutcome o = importOk(path, QStringLiteral("board"), QStringLiteral("5"));
    QVERIFY(o.bundle);
    QCOMPARE(o.bundle->source, QStringLiteral("zip"));
    QCOMPARE(o.bundle->name, QStringLiteral("release"));
    QCOMPARE(o.entries.size(), 2);
    QCOMPARE(o.entries.at(0).kind, EntryKind::Image);
    QCOMPARE(o.entries.at(0).format, QStringLiteral("ihex"));
    QCOMPARE(o.entries.at(0).component, QStringLiteral("hello_world"));
    QCOMPARE(o.entries.at(0).imageSha256, sha(fileBytes(testData(kHelloBin))));
    QCOMPARE(o.entries.at(1).kind, EntryKind::Auxiliary);
    QCOMPARE(o.entries.at(1).version, QStringLiteral("5"));

    // A zip whose firmware member is broken leaves nothing behind and names the member.
    ZipWriter bad;
    bad.add(QStringLiteral("ok.txt"), "fine");
    bad.add(QStringLiteral("broken.hex"), fileBytes(testData(QStringLiteral("formats/generated/ihex_bad_checksum_and_trailing_data.hex"))));
    const QString badPath = m_dir->filePath(QStringLiteral("bad.zip"));
    QVERIFY(bad.writeTo(badPath));
    const qint64 before = m_lib->count().value();
    const int blobsBefore = blobCount(m_lib->workspace());
    ImportRequest r;
    r.path = badPath;
    auto o2 = m_lib->importFile(r);
    QVERIFY(!o2);
    QCOMPARE(o2.error().code(), ErrorCode::Checksum);
    QVERIFY2(o2.error().toString().contains(QStringLiteral("broken.hex")), qPrintable(o2.error().toString()));
    QCOMPARE(m_lib->count().value(), before);
    QCOMPARE(blobCount(m_lib->workspace()), blobsBefore);
}

void TestLibrary::twoInstancesFromTwoThreads()
{
    const QString ws = m_dir->filePath(QStringLiteral("ws"));
    constexpr int kPerThread = 15;
    QList<QString> failures[2];
    auto worker = [&](int t) {
        auto lib = FirmwareLibrary::open(Workspace(ws));
        if (!lib) {
            failures[t].append(lib.error().toString());
            return;
        }
        for (int i = 0; i < kPerThread; ++i) {
            const QString path = m_dir->filePath(QStringLiteral("t%1-%2.bin").arg(t).arg(i));
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly))
                return;
            f.write(QByteArray(1000 + i, char('a' + t)) + QByteArray::number(i));
            f.close();
            ImportRequest r;
            r.path = path;
            r.product = QStringLiteral("thread%1").arg(t);
            if (auto o = (*lib)->importFile(r); !o)
                failures[t].append(o.error().toString());
            if (auto l = (*lib)->list(); !l)
                failures[t].append(l.error().toString());
        }
    };
    std::thread a(worker, 0);
    std::thread b(worker, 1);
    a.join();
    b.join();
    QVERIFY2(failures[0].isEmpty(), qPrintable(failures[0].join(QLatin1Char('\n'))));
    QVERIFY2(failures[1].isEmpty(), qPrintable(failures[1].join(QLatin1Char('\n'))));
    QCOMPARE(m_lib->count().value(), 2 * kPerThread);
    ListQuery q;
    q.product = QStringLiteral("thread1");
    QCOMPARE(m_lib->count(q).value(), kPerThread);
}

void TestLibrary::elfSymbolsAreCappedInStorage()
{
    // A linked program with 2,500 functions: the library stores the first 2,000 symbols and the total count.
    if (!otadesk::test::haveTools({QStringLiteral("cc")}))
        QSKIP("no C compiler to build an ELF file");
    QString source;
    for (int i = 0; i < 2500; ++i)
        source += QStringLiteral("int f%1(void) { return %1; }\n").arg(i);
    source += QStringLiteral("void _start(void) { for (;;) {} }\n");
    const QString c = m_dir->filePath(QStringLiteral("many.c"));
    const QString elf = m_dir->filePath(QStringLiteral("many.elf"));
    QVERIFY(otadesk::test::writeAll(c, source.toUtf8()));
    const auto cc = otadesk::test::runTool(QStringLiteral("cc"), {QStringLiteral("-nostdlib"), QStringLiteral("-static"),
                                                                  QStringLiteral("-O0"), c, QStringLiteral("-o"), elf});
    QVERIFY2(cc.ok(), cc.err.constData());
    const ImportOutcome out = importOk(elf);
    const FirmwareEntry e = *m_lib->entry(out.entries.first().id);
    const QVariantMap map = e.metadata.value(QStringLiteral("elf")).toMap();
    QCOMPARE(map.value(QStringLiteral("symbols")).toList().size(), 2000);
    QVERIFY(map.value(QStringLiteral("symbolsTruncated")).toBool());
    QVERIFY(map.value(QStringLiteral("symbolCount")).toInt() >= 2501);
}

QTEST_GUILESS_MAIN(TestLibrary)
#include "tst_library.moc"
