// otactl key generate | import | export | list | show | passphrase | default | remove: the signing keys of the
// workspace (core/crypto/KeyStore). Passphrases come from Passphrase.h, never from the command line.
#include "app/otactl/CommandLine.h"
#include "app/otactl/Passphrase.h"
#include "core/crypto/KeyStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace otadesk::cli {

namespace {
using crypto::KeyInfo;
using crypto::KeyStore;

QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

QCommandLineOption opt(const QString &name, const char *description, const char *valueName = nullptr)
{
    return valueName ? QCommandLineOption(name, tr(description), tr(valueName))
                     : QCommandLineOption(name, tr(description));
}

const QString kPassFile = QStringLiteral("passphrase-file");
const QString kNewPassFile = QStringLiteral("new-passphrase-file");
const QString kSourcePassFile = QStringLiteral("source-passphrase-file");

QCommandLineOption passFileOption()
{
    return opt(kPassFile, "Read the key passphrase from the first line of FILE (default: $OTADESK_PASSPHRASE, "
                          "then the terminal).", "FILE");
}

KeyStore storeOf(Context &ctx)
{
    return KeyStore(Workspace(ctx.workspacePath()));
}

// A wrong passphrase (or a key file that does not decrypt) is bad input: exit code 2, not a usage error.
int failUnlock(Context &ctx, const Error &error)
{
    const int code = ctx.fail(error);
    return error.code() == ErrorCode::InvalidArgument ? int(ExitInput) : code;
}

QJsonObject keyToJson(const KeyInfo &k)
{
    return QJsonObject{{QStringLiteral("name"), k.name},
                       {QStringLiteral("type"), crypto::keyTypeName(k.type)},
                       {QStringLiteral("id"), k.keyIdHex()},
                       {QStringLiteral("defaultFor"), QJsonArray::fromStringList(k.defaultFor)},
                       {QStringLiteral("createdAt"), k.createdAt.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("hasPrivateKey"), k.hasPrivateKey}};
}

QString grouped(const QString &hex)
{
    QString out;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        out += (i ? QStringLiteral(" ") : QString()) + hex.mid(i, 4);
    return out;
}

void printKey(Context &ctx, const KeyInfo &k, const QString &folder)
{
    QTextStream &out = ctx.out();
    out << tr("Name") << ": " << k.name << '\n'
        << tr("Type") << ": " << crypto::keyTypeName(k.type) << '\n'
        << tr("Key id") << ": " << k.keyIdHex() << '\n'
        << tr("Fingerprint") << ": " << grouped(k.keyIdHex()) << '\n'
        << tr("Private key") << ": " << (k.hasPrivateKey ? tr("yes (encrypted)") : tr("no (public key only)")) << '\n'
        << tr("Default for") << ": "
        << (k.defaultFor.isEmpty() ? tr("(no product)") : k.defaultFor.join(QStringLiteral(", "))) << '\n'
        << tr("Created") << ": " << k.createdAt.toUTC().toString(Qt::ISODate) << '\n'
        << tr("Folder") << ": " << folder << '\n';
    out.flush();
}

// Result of generate / import: the entry, made the default of --default-for if given.
int finishNewKey(Context &ctx, KeyStore &store, const QCommandLineParser &p, KeyInfo info, const QString &verb)
{
    const QString product = p.value(QStringLiteral("default-for"));
    if (!product.isEmpty()) {
        if (auto st = store.setDefaultFor(info.keyIdHex(), product); !st)
            return ctx.fail(st.error());
        info = *store.find(info.keyIdHex());
    }
    if (ctx.json()) {
        ctx.printJson(keyToJson(info));
    } else {
        ctx.out() << verb.arg(crypto::keyTypeName(info.type), info.name) << '\n';
        printKey(ctx, info, store.folder());
    }
    return ExitOk;
}

int runGenerate(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("key generate needs exactly one NAME."));
    const QString typeName = p.value(QStringLiteral("type"));
    const auto type = typeName.isEmpty() ? crypto::KeyType::EcdsaP256 : crypto::keyTypeFromName(typeName);
    if (!type)
        return ctx.usage(tr("Unknown key type \"%1\"; use ecdsa-p256 or ed25519.").arg(typeName));
    KeyStore store = storeOf(ctx);
    auto pass = readPassphrase(p, {kPassFile, "OTADESK_PASSPHRASE", tr("Passphrase for the new key"), true});
    if (!pass)
        return ctx.fail(pass.error());
    auto info = store.generate(p.positionalArguments().first(), *type, *pass);
    crypto::wipe(*pass);
    if (!info)
        return ctx.fail(info.error());
    return finishNewKey(ctx, store, p, *info, tr("Generated %1 key \"%2\"."));
}

int runImport(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 2)
        return ctx.usage(tr("key import needs a NAME and a FILE."));
    const QString path = p.positionalArguments().at(1);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return ctx.fail(Error(ErrorCode::NotFound, tr("Cannot read %1: %2").arg(path, f.errorString())));
    QByteArray pem = f.read(1 << 20);
    KeyStore store = storeOf(ctx);
    QByteArray sourcePass;
    QByteArray pass;
    if (pem.contains("PRIVATE KEY")) {
        if (pem.contains("ENCRYPTED")) {
            auto source = readPassphrase(p, {kSourcePassFile, "OTADESK_SOURCE_PASSPHRASE",
                                             tr("Passphrase of %1").arg(path), false});
            if (!source)
                return ctx.fail(source.error());
            sourcePass = *source;
        }
        auto newPass = readPassphrase(p, {kPassFile, "OTADESK_PASSPHRASE", tr("Passphrase for the stored key"), true});
        if (!newPass)
            return ctx.fail(newPass.error());
        pass = *newPass;
    }
    auto info = store.importPem(p.positionalArguments().first(), pem, sourcePass, pass);
    crypto::wipe(pem);
    crypto::wipe(sourcePass);
    crypto::wipe(pass);
    if (!info)
        return failUnlock(ctx, info.error().withFile(info.error().code() == ErrorCode::InvalidArgument ? QString()
                                                                                                        : path));
    return finishNewKey(ctx, store, p, *info, tr("Imported %1 key \"%2\"."));
}

int runExport(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("key export needs exactly one REF."));
    const bool wantPrivate = p.isSet(QStringLiteral("private"));
    const bool clear = p.isSet(QStringLiteral("clear"));
    if (wantPrivate && p.isSet(QStringLiteral("public")))
        return ctx.usage(tr("Choose --public or --private, not both."));
    if (clear && !wantPrivate)
        return ctx.usage(tr("--clear applies to --private only."));
    KeyStore store = storeOf(ctx);
    auto info = store.find(p.positionalArguments().first());
    if (!info)
        return ctx.fail(info.error());
    QByteArray data;
    if (!wantPrivate) {
        auto pub = store.publicKey(info->keyIdHex());
        if (!pub)
            return ctx.fail(pub.error());
        data = pub->toPem();
    } else if (!info->hasPrivateKey) {
        return ctx.usage(tr("The key \"%1\" is a public key only; export it with --public.").arg(info->name));
    } else if (!clear) {
        auto pem = store.encryptedPrivatePem(info->keyIdHex());
        if (!pem)
            return ctx.fail(pem.error());
        data = *pem;
    } else {
        auto pass = readPassphrase(p, {kPassFile, "OTADESK_PASSPHRASE", tr("Passphrase of key \"%1\"").arg(info->name),
                                       false});
        if (!pass)
            return ctx.fail(pass.error());
        auto key = store.unlock(info->keyIdHex(), *pass);
        crypto::wipe(*pass);
        if (!key)
            return failUnlock(ctx, key.error());
        data = key->toClearPem();
    }
    const QString outPath = p.value(QStringLiteral("out"));
    int result = ExitOk;
    if (outPath.isEmpty() || outPath == QLatin1String("-")) {
        ctx.out().flush();
        std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
        std::fflush(stdout);
    } else {
        QFile out(outPath);
        const auto perms = wantPrivate ? QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                       : QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                             | QFileDevice::ReadOther;
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || !out.setPermissions(perms)
            || out.write(data) != data.size() || !out.flush()) {
            result = ctx.fail(Error(ErrorCode::Io, tr("Cannot write %1: %2").arg(outPath, out.errorString())));
        } else if (!ctx.json()) {
            ctx.err() << tr("Wrote %1").arg(outPath) << Qt::endl;
        }
    }
    crypto::wipe(data);
    return result;
}

int runList(Context &ctx, const QCommandLineParser &)
{
    auto keys = storeOf(ctx).list();
    if (!keys)
        return ctx.fail(keys.error());
    if (ctx.json()) {
        QJsonArray array;
        for (const KeyInfo &k : *keys)
            array.append(keyToJson(k));
        ctx.printJson(array);
        return ExitOk;
    }
    QTextStream &out = ctx.out();
    if (keys->isEmpty()) {
        out << tr("No keys yet. Create one with \"otactl key generate NAME\".") << Qt::endl;
        return ExitOk;
    }
    out << QStringLiteral("%1  %2  %3  %4  %5\n")
               .arg(tr("ID"), -16)
               .arg(tr("TYPE"), -10)
               .arg(tr("PRIVATE"), -7)
               .arg(tr("NAME"), -20)
               .arg(tr("DEFAULT FOR"));
    for (const KeyInfo &k : *keys)
        out << QStringLiteral("%1  %2  %3  %4  %5\n")
                   .arg(k.keyIdHex().left(16), -16)
                   .arg(crypto::keyTypeName(k.type), -10)
                   .arg(k.hasPrivateKey ? tr("yes") : tr("no"), -7)
                   .arg(k.name, -20)
                   .arg(k.defaultFor.join(QStringLiteral(", ")));
    out.flush();
    return ExitOk;
}

int runShow(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("key show needs exactly one REF."));
    KeyStore store = storeOf(ctx);
    auto info = store.find(p.positionalArguments().first());
    if (!info)
        return ctx.fail(info.error());
    if (ctx.json()) {
        QJsonObject o = keyToJson(*info);
        o.insert(QStringLiteral("fingerprint"), grouped(info->keyIdHex()));
        if (auto pub = store.publicKey(info->keyIdHex()))
            o.insert(QStringLiteral("publicKeyPem"), QString::fromLatin1(pub->toPem()));
        ctx.printJson(o);
    } else {
        printKey(ctx, *info, store.folder());
    }
    return ExitOk;
}

int runPassphrase(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("key passphrase needs exactly one REF."));
    KeyStore store = storeOf(ctx);
    auto info = store.find(p.positionalArguments().first());
    if (!info)
        return ctx.fail(info.error());
    if (!info->hasPrivateKey)
        return ctx.usage(tr("The key \"%1\" is a public key only; it has no passphrase.").arg(info->name));
    auto oldPass = readPassphrase(p, {kPassFile, "OTADESK_PASSPHRASE",
                                      tr("Current passphrase of key \"%1\"").arg(info->name), false});
    if (!oldPass)
        return ctx.fail(oldPass.error());
    // Check the current passphrase before asking for a new one.
    if (auto key = store.unlock(info->keyIdHex(), *oldPass); !key) {
        crypto::wipe(*oldPass);
        return failUnlock(ctx, key.error());
    }
    auto newPass = readPassphrase(p, {kNewPassFile, "OTADESK_NEW_PASSPHRASE", tr("New passphrase"), true});
    if (!newPass) {
        crypto::wipe(*oldPass);
        return ctx.fail(newPass.error());
    }
    auto st = store.changePassphrase(info->keyIdHex(), *oldPass, *newPass);
    crypto::wipe(*oldPass);
    crypto::wipe(*newPass);
    if (!st)
        return failUnlock(ctx, st.error());
    if (ctx.json())
        ctx.printJson(keyToJson(*info));
    else
        ctx.out() << tr("Changed the passphrase of key \"%1\".").arg(info->name) << Qt::endl;
    return ExitOk;
}

int runDefault(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 2)
        return ctx.usage(tr("key default needs a REF and a PRODUCT."));
    KeyStore store = storeOf(ctx);
    const QString product = p.positionalArguments().at(1);
    if (auto st = store.setDefaultFor(p.positionalArguments().first(), product); !st)
        return ctx.fail(st.error());
    auto info = store.defaultFor(product);
    if (!info)
        return ctx.fail(info.error());
    if (ctx.json())
        ctx.printJson(keyToJson(*info));
    else
        ctx.out() << tr("Key \"%1\" now signs %2 by default.").arg(info->name, product) << Qt::endl;
    return ExitOk;
}

int runRemove(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("key remove needs exactly one REF."));
    KeyStore store = storeOf(ctx);
    auto info = store.find(p.positionalArguments().first());
    if (!info)
        return ctx.fail(info.error());
    if (!p.isSet(QStringLiteral("yes"))) {
        if (!stdinIsTerminal())
            return ctx.usage(tr("Removing a key cannot be undone; add --yes to confirm."));
        const QString question = info->hasPrivateKey
                                     ? tr("Remove key \"%1\" (%2)? Firmware signed with it can then only be "
                                          "verified, never signed again.")
                                     : tr("Remove public key \"%1\" (%2)?");
        if (!confirmOnTerminal(question.arg(info->name, info->keyIdHex().left(16)))) {
            ctx.err() << tr("Nothing removed.") << Qt::endl;
            return ExitCancelled;
        }
    }
    if (auto st = store.remove(info->keyIdHex()); !st)
        return ctx.fail(st.error());
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("removed"), info->keyIdHex()}, {QStringLiteral("name"), info->name}});
    else
        ctx.out() << tr("Removed key \"%1\" (%2).").arg(info->name, info->keyIdHex().left(16)) << Qt::endl;
    return ExitOk;
}

const char *kRefHelp = "Key name, key id or a key id prefix (6+ hex digits).";
} // namespace

void registerKeyCommands(CommandLine &cli)
{
    const QString key = QStringLiteral("key");
    cli.add({key, QStringLiteral("generate"), tr("Create a signing key (encrypted with a passphrase)."),
             QStringLiteral("NAME"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("NAME"), tr("A name for the key, unique in the workspace."));
                 p.addOptions({opt(QStringLiteral("type"), "ecdsa-p256 (default) or ed25519.", "TYPE"),
                               opt(QStringLiteral("default-for"), "Make it the default signing key of PRODUCT.",
                                   "PRODUCT"),
                               passFileOption()});
             },
             runGenerate});
    cli.add({key, QStringLiteral("import"), tr("Import a private or public key PEM."), QStringLiteral("NAME FILE"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("NAME"), tr("A name for the key."));
                 p.addPositionalArgument(QStringLiteral("FILE"), tr("PEM file: PKCS#8 (encrypted or not), EC PRIVATE "
                                                                    "KEY, or PUBLIC KEY."));
                 p.addOptions({opt(QStringLiteral("default-for"), "Make it the default signing key of PRODUCT.",
                                   "PRODUCT"),
                               passFileOption(),
                               opt(kSourcePassFile, "Passphrase of an encrypted FILE (default: "
                                                    "$OTADESK_SOURCE_PASSPHRASE, then the terminal).", "FILE")});
             },
             runImport});
    cli.add({key, QStringLiteral("export"), tr("Write a key as PEM: the public key, or the private key (encrypted "
                                               "unless --clear)."),
             QStringLiteral("REF"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("REF"), tr(kRefHelp));
                 p.addOptions({opt(QStringLiteral("public"), "The public key (default)."),
                               opt(QStringLiteral("private"), "The private key, encrypted as stored."),
                               opt(QStringLiteral("clear"), "With --private: decrypt it (asks for the passphrase)."),
                               opt(QStringLiteral("out"), "Write to FILE instead of stdout.", "FILE"),
                               passFileOption()});
             },
             runExport});
    cli.add({key, QStringLiteral("list"), tr("List the keys of the workspace."), QString(),
             [](QCommandLineParser &) {}, runList});
    cli.add({key, QStringLiteral("show"), tr("Show a key: type, id, fingerprint, product defaults."),
             QStringLiteral("REF"),
             [](QCommandLineParser &p) { p.addPositionalArgument(QStringLiteral("REF"), tr(kRefHelp)); }, runShow});
    cli.add({key, QStringLiteral("passphrase"), tr("Change the passphrase of a key."), QStringLiteral("REF"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("REF"), tr(kRefHelp));
                 p.addOptions({passFileOption(),
                               opt(kNewPassFile, "Read the new passphrase from FILE (default: "
                                                 "$OTADESK_NEW_PASSPHRASE, then the terminal).", "FILE")});
             },
             runPassphrase});
    cli.add({key, QStringLiteral("default"), tr("Make a key the default signing key of a product."),
             QStringLiteral("REF PRODUCT"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("REF"), tr(kRefHelp));
                 p.addPositionalArgument(QStringLiteral("PRODUCT"), tr("Product name."));
             },
             runDefault});
    cli.add({key, QStringLiteral("remove"), tr("Delete a key from the workspace."), QStringLiteral("REF"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("REF"), tr(kRefHelp));
                 p.addOption(opt(QStringLiteral("yes"), "Do not ask for confirmation."));
             },
             runRemove});
}

} // namespace otadesk::cli
