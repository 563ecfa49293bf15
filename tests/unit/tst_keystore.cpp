// The workspace key store: generate / import / list / find / product defaults / rename / remove / passphrase
// change, files encrypted and owner-only, and a wrong passphrase that never changes a byte.
#include "TestData.h"
#include "core/crypto/KeyStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using otadesk::test::readFile;
using otadesk::test::writeFile;

using namespace otadesk;
using namespace otadesk::crypto;

namespace {
// Every file of the folder with its content, to compare before / after.
QMap<QString, QByteArray> snapshot(const QString &folder)
{
    QMap<QString, QByteArray> files;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden))
        files.insert(name, readFile(dir.filePath(name)));
    return files;
}
} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void generateAndFiles();
    void listAndFind();
    void ambiguousPrefix();
    void names();
    void defaults();
    void renameAndRemove();
    void changePassphrase();
    void wrongPassphraseChangesNothing();
    void importPrivateAndPublic();
    void damagedIndex();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<KeyStore> m_store;
};

void TestKeyStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<KeyStore>(Workspace(m_dir->filePath(QStringLiteral("ws"))));
}

void TestKeyStore::generateAndFiles()
{
    QCOMPARE(m_store->list()->size(), 0);
    auto info = m_store->generate(QStringLiteral("release"), KeyType::EcdsaP256, "pw one");
    QVERIFY2(info, qPrintable(info ? QString() : info.error().message()));
    QCOMPARE(info->name, QStringLiteral("release"));
    QCOMPARE(info->type, KeyType::EcdsaP256);
    QCOMPARE(info->keyId.size(), 32);
    QVERIFY(info->hasPrivateKey);
    QVERIFY(info->createdAt.isValid());

    const QDir dir(m_store->folder());
    const QString keyFile = dir.filePath(info->keyIdHex() + QStringLiteral(".key.pem"));
    const QString pubFile = dir.filePath(info->keyIdHex() + QStringLiteral(".pub.pem"));
    QVERIFY(QFile::exists(keyFile));
    QVERIFY(QFile::exists(pubFile));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("keys.json"))));
    const QByteArray pem = readFile(keyFile);
    QVERIFY(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(!pem.contains("BEGIN PRIVATE KEY"));
    QCOMPARE(QFile::permissions(keyFile) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // No group / other bits.
    QVERIFY(!(QFile::permissions(keyFile)
              & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));

    auto key = m_store->unlock(QStringLiteral("release"), "pw one");
    QVERIFY(key);
    QCOMPARE(key->publicKey().keyId(), info->keyId);
    auto pub = m_store->publicKey(QStringLiteral("release"));
    QVERIFY(pub);
    QVERIFY(pub->verify("m", *key->sign("m")));
    QCOMPARE(*m_store->encryptedPrivatePem(QStringLiteral("release")), pem);

    // A second generate with an empty passphrase is refused and leaves no files.
    auto empty = m_store->generate(QStringLiteral("nopass"), KeyType::Ed25519, QByteArray());
    QVERIFY(!empty);
    QCOMPARE(empty.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(m_store->list()->size(), 1);
    QCOMPARE(QDir(m_store->folder()).entryList(QDir::Files).size(), 3);
}

void TestKeyStore::listAndFind()
{
    auto a = m_store->generate(QStringLiteral("alpha"), KeyType::EcdsaP256, "pw");
    auto b = m_store->generate(QStringLiteral("beta"), KeyType::Ed25519, "pw");
    QVERIFY(a && b);
    const auto keys = *m_store->list();
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys[0].name, QStringLiteral("alpha"));
    QCOMPARE(keys[1].type, KeyType::Ed25519);

    QCOMPARE(m_store->find(QStringLiteral("beta"))->keyId, b->keyId);
    QCOMPARE(m_store->find(b->keyIdHex())->keyId, b->keyId);
    QCOMPARE(m_store->find(b->keyIdHex().toUpper())->keyId, b->keyId);
    QCOMPARE(m_store->find(b->keyIdHex().left(8))->keyId, b->keyId);
    // Five characters is too short to be a prefix.
    auto tooShort = m_store->find(b->keyIdHex().left(5));
    if (a->keyIdHex().left(5) != b->keyIdHex().left(5))
        QCOMPARE(tooShort.error().code(), ErrorCode::NotFound);
    auto missing = m_store->find(QStringLiteral("gamma"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
    QVERIFY(missing.error().message().contains(QStringLiteral("gamma")));
}

void TestKeyStore::ambiguousPrefix()
{
    // Two real keys sharing 6 hex digits would take ~2^24 tries: forge a second index entry instead.
    auto a = m_store->generate(QStringLiteral("one"), KeyType::Ed25519, "pw");
    QVERIFY(a);
    const QString index = QDir(m_store->folder()).filePath(QStringLiteral("keys.json"));
    QJsonObject root = QJsonDocument::fromJson(readFile(index)).object();
    QJsonArray keys = root.value(QStringLiteral("keys")).toArray();
    QJsonObject twin = keys.at(0).toObject();
    QString forged = a->keyIdHex();
    forged[10] = forged[10] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    twin.insert(QStringLiteral("id"), forged);
    twin.insert(QStringLiteral("name"), QStringLiteral("two"));
    keys.append(twin);
    root.insert(QStringLiteral("keys"), keys);
    QFile f(index);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(root).toJson());
    f.close();

    auto ambiguous = m_store->find(a->keyIdHex().left(6));
    QVERIFY(!ambiguous);
    QCOMPARE(ambiguous.error().code(), ErrorCode::InvalidArgument);
    QVERIFY2(ambiguous.error().message().contains(QStringLiteral("one"))
                 && ambiguous.error().message().contains(QStringLiteral("two")),
             qPrintable(ambiguous.error().message()));
    QCOMPARE(m_store->find(a->keyIdHex().left(11))->name, QStringLiteral("one"));
}

void TestKeyStore::names()
{
    QVERIFY(m_store->generate(QStringLiteral("taken"), KeyType::Ed25519, "pw"));
    for (const QString &bad : {QString(), QStringLiteral("  "), QStringLiteral("a/b"), QStringLiteral("a\\b"),
                               QStringLiteral(" lead"), QStringLiteral("taken"), QStringLiteral("tab\there")}) {
        auto r = m_store->generate(bad, KeyType::Ed25519, "pw");
        QVERIFY2(!r, qPrintable(bad));
        QCOMPARE(r.error().code(), ErrorCode::InvalidArgument);
    }
    QCOMPARE(m_store->list()->size(), 1);
    QVERIFY(m_store->generate(QStringLiteral("Schlüssel für Geräte 2"), KeyType::Ed25519, "pw"));
}

void TestKeyStore::defaults()
{
    auto a = m_store->generate(QStringLiteral("a"), KeyType::EcdsaP256, "pw");
    auto b = m_store->generate(QStringLiteral("b"), KeyType::Ed25519, "pw");
    QCOMPARE(m_store->defaultFor(QStringLiteral("sensor")).error().code(), ErrorCode::NotFound);
    QVERIFY(m_store->setDefaultFor(QStringLiteral("a"), QStringLiteral("sensor")));
    QVERIFY(m_store->setDefaultFor(QStringLiteral("a"), QStringLiteral("gateway")));
    QCOMPARE(m_store->defaultFor(QStringLiteral("sensor"))->name, QStringLiteral("a"));
    QCOMPARE(m_store->find(QStringLiteral("a"))->defaultFor,
             QStringList({QStringLiteral("gateway"), QStringLiteral("sensor")}));
    // One default per product: b takes sensor over from a.
    QVERIFY(m_store->setDefaultFor(b->keyIdHex(), QStringLiteral("sensor")));
    QCOMPARE(m_store->defaultFor(QStringLiteral("sensor"))->name, QStringLiteral("b"));
    QCOMPARE(m_store->find(QStringLiteral("a"))->defaultFor, QStringList({QStringLiteral("gateway")}));
    QCOMPARE(m_store->setDefaultFor(QStringLiteral("a"), QString()).error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(m_store->setDefaultFor(QStringLiteral("zzz"), QStringLiteral("p")).error().code(), ErrorCode::NotFound);
    QVERIFY(m_store->clearDefaultFor(QStringLiteral("gateway")));
    QVERIFY(!m_store->defaultFor(QStringLiteral("gateway")));
    // Removing the default key of a product leaves no default behind.
    QVERIFY(m_store->remove(QStringLiteral("b")));
    QCOMPARE(m_store->defaultFor(QStringLiteral("sensor")).error().code(), ErrorCode::NotFound);
    QCOMPARE(a->name, QStringLiteral("a"));
}

void TestKeyStore::renameAndRemove()
{
    auto a = m_store->generate(QStringLiteral("old"), KeyType::EcdsaP256, "pw");
    QVERIFY(m_store->generate(QStringLiteral("other"), KeyType::EcdsaP256, "pw"));
    QVERIFY(m_store->rename(QStringLiteral("old"), QStringLiteral("new")));
    QCOMPARE(m_store->find(QStringLiteral("new"))->keyId, a->keyId);
    QCOMPARE(m_store->find(QStringLiteral("old")).error().code(), ErrorCode::NotFound);
    QCOMPARE(m_store->rename(QStringLiteral("new"), QStringLiteral("other")).error().code(),
             ErrorCode::InvalidArgument);
    QCOMPARE(m_store->rename(QStringLiteral("new"), QStringLiteral("a/b")).error().code(), ErrorCode::InvalidArgument);
    QVERIFY(m_store->rename(QStringLiteral("new"), QStringLiteral("new"))); // same name is fine
    QVERIFY(m_store->unlock(QStringLiteral("new"), "pw"));

    QVERIFY(m_store->remove(a->keyIdHex().left(10)));
    QCOMPARE(m_store->list()->size(), 1);
    QVERIFY(!QFile::exists(QDir(m_store->folder()).filePath(a->keyIdHex() + QStringLiteral(".key.pem"))));
    QVERIFY(!QFile::exists(QDir(m_store->folder()).filePath(a->keyIdHex() + QStringLiteral(".pub.pem"))));
    QCOMPARE(m_store->remove(QStringLiteral("new")).error().code(), ErrorCode::NotFound);
}

void TestKeyStore::changePassphrase()
{
    auto a = m_store->generate(QStringLiteral("k"), KeyType::Ed25519, "first");
    QVERIFY(m_store->changePassphrase(QStringLiteral("k"), "first", "second"));
    QCOMPARE(m_store->unlock(QStringLiteral("k"), "first").error().code(), ErrorCode::InvalidArgument);
    auto key = m_store->unlock(QStringLiteral("k"), "second");
    QVERIFY(key);
    QCOMPARE(key->publicKey().keyId(), a->keyId);
    const QString keyFile = QDir(m_store->folder()).filePath(a->keyIdHex() + QStringLiteral(".key.pem"));
    QVERIFY(!(QFile::permissions(keyFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    QCOMPARE(m_store->changePassphrase(QStringLiteral("k"), "second", QByteArray()).error().code(),
             ErrorCode::InvalidArgument);
    QVERIFY(m_store->unlock(QStringLiteral("k"), "second"));
}

void TestKeyStore::wrongPassphraseChangesNothing()
{
    auto a = m_store->generate(QStringLiteral("k"), KeyType::EcdsaP256, "right");
    QVERIFY(m_store->setDefaultFor(QStringLiteral("k"), QStringLiteral("p")));
    const auto before = snapshot(m_store->folder());
    QCOMPARE(before.size(), 3);

    auto unlocked = m_store->unlock(QStringLiteral("k"), "wrong");
    QVERIFY(!unlocked);
    QCOMPARE(unlocked.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(unlocked.error().message(), QStringLiteral("The passphrase is wrong (or the key file is damaged)."));
    auto changed = m_store->changePassphrase(QStringLiteral("k"), "wrong", "new");
    QVERIFY(!changed);
    QCOMPARE(changed.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(snapshot(m_store->folder()), before);
    QVERIFY(m_store->unlock(QStringLiteral("k"), "right"));
}

void TestKeyStore::importPrivateAndPublic()
{
    auto key = PrivateKey::generate(KeyType::EcdsaP256);
    const QByteArray sourcePem = *key->toEncryptedPem("source");
    auto wrong = m_store->importPem(QStringLiteral("imp"), sourcePem, "bad", "store");
    QCOMPARE(wrong.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(m_store->list()->size(), 0);

    auto imported = m_store->importPem(QStringLiteral("imp"), sourcePem, "source", "store");
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message()));
    QCOMPARE(imported->keyId, key->publicKey().keyId());
    QVERIFY(m_store->unlock(QStringLiteral("imp"), "store"));
    QVERIFY(!m_store->unlock(QStringLiteral("imp"), "source"));
    // The same key again is refused, naming the entry.
    auto dup = m_store->importPem(QStringLiteral("again"), key->toClearPem(), {}, "x");
    QCOMPARE(dup.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(dup.error().message().contains(QStringLiteral("imp")));
    // A clear key needs a store passphrase.
    auto other = PrivateKey::generate(KeyType::Ed25519);
    QCOMPARE(m_store->importPem(QStringLiteral("c"), other->toClearPem(), {}, {}).error().code(),
             ErrorCode::InvalidArgument);

    // Public-only trust anchor: MCUboot's root key.
    QFile f(otadesk::test::testData(QStringLiteral("mcuboot/root-ed25519.pub.pem")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto anchor = m_store->importPem(QStringLiteral("mcuboot root"), f.readAll(), {}, {});
    QVERIFY(anchor);
    QVERIFY(!anchor->hasPrivateKey);
    QCOMPARE(anchor->type, KeyType::Ed25519);
    QVERIFY(!m_store->find(QStringLiteral("mcuboot root"))->hasPrivateKey);
    QVERIFY(m_store->publicKey(QStringLiteral("mcuboot root")));
    QCOMPARE(m_store->unlock(QStringLiteral("mcuboot root"), "x").error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(m_store->setDefaultFor(QStringLiteral("mcuboot root"), QStringLiteral("p")).error().code(),
             ErrorCode::InvalidArgument);
    QVERIFY(!QFile::exists(QDir(m_store->folder()).filePath(anchor->keyIdHex() + QStringLiteral(".key.pem"))));

    QCOMPARE(m_store->importPem(QStringLiteral("junk"), "not a key", {}, "x").error().code(), ErrorCode::Format);
    for (const QString &name : QDir(m_store->folder()).entryList(QDir::Files))
        QVERIFY2(!readFile(QDir(m_store->folder()).filePath(name)).contains("BEGIN PRIVATE KEY"), qPrintable(name));
}

void TestKeyStore::damagedIndex()
{
    QVERIFY(m_store->generate(QStringLiteral("k"), KeyType::Ed25519, "pw"));
    const QString index = QDir(m_store->folder()).filePath(QStringLiteral("keys.json"));
    QFile f(index);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    auto keys = m_store->list();
    QVERIFY(!keys);
    QCOMPARE(keys.error().code(), ErrorCode::Format);
    QVERIFY(keys.error().message().contains(QStringLiteral("keys.json")));
    QCOMPARE(m_store->generate(QStringLiteral("k2"), KeyType::Ed25519, "pw").error().code(), ErrorCode::Format);
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
