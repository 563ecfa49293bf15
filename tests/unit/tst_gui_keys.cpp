// The Keys view driven like a release engineer would: generate a key through the dialog (passphrase typed
// twice), see it in the table with the key store's key id, change its passphrase (a wrong current passphrase
// keeps the key usable with the old one), export the public key, delete with confirmation — every dialog
// answered through DialogRunner. The table model runs under QAbstractItemModelTester.
#include "core/crypto/KeyStore.h"
#include "tst_gui_util.h"
#include "ui/MainWindow.h"
#include "ui/keys/ChangePassphraseDialog.h"
#include "ui/keys/GenerateKeyDialog.h"
#include "ui/keys/ImportKeyDialog.h"
#include "ui/keys/KeyDetails.h"
#include "ui/keys/KeyTableModel.h"
#include "ui/keys/KeysPage.h"
#include "ui/keys/PassphraseFields.h"
#include "ui/shell/Navigation.h"
#include "ui/shell/TaskProgress.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace otadesk;
using namespace otadesk::ui;
using crypto::KeyInfo;
using crypto::KeyType;

namespace {
const QByteArray kPassphrase = "correct horse battery staple";

void clickOk(QDialog *d) { QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("keyDialogOk")), Qt::LeftButton); }

// Clicks OK and waits until the operation the dialog started on its worker thread is done.
int submit(KeyFormDialog *d, bool *sawBusyIndicator = nullptr, TaskProgress *progress = nullptr)
{
    clickOk(d);
    if (sawBusyIndicator)
        *sawBusyIndicator = d->isBusy() && progress && progress->isRunning();
    if (!QTest::qWaitFor([d] { return !d->isBusy(); }, 30000))
        return -1;
    return d->result();
}
} // namespace

class TestGuiKeys : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<MainWindow> m_window;

    KeysPage *page() const { return m_window->keysPage(); }
    QString workspace() const { return m_dir->filePath(QStringLiteral("ws")); }
    crypto::KeyStore store() const { return crypto::KeyStore(Workspace(workspace())); }

    // A key made directly in the store (fast set-up for the tests that are not about generating).
    KeyInfo addKey(const QString &name, KeyType type = KeyType::EcdsaP256)
    {
        crypto::KeyStore s = store();
        auto made = s.generate(name, type, kPassphrase);
        if (!made)
            qWarning("%s", qPrintable(made.error().toString()));
        page()->refresh();
        page()->selectKeyId(made ? made->keyId : QByteArray());
        return made.value_or(KeyInfo{});
    }

    int rowOf(const QString &name) const
    {
        for (int r = 0; r < page()->model()->rowCount(); ++r)
            if (page()->model()->keyAt(r)->name == name)
                return r;
        return -1;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
        m_log = std::make_unique<ActivityLog>();
        m_window = std::make_unique<MainWindow>(*m_settings, workspace(), m_log.get());
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_log.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void modelUnderTester()
    {
        KeyTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        KeyInfo a;
        a.keyId = QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        a.name = QStringLiteral("release");
        a.defaultFor = {QStringLiteral("cityhub"), QStringLiteral("technichub")};
        a.createdAt = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
        KeyInfo b = a;
        b.keyId[0] = char(0xff);
        b.name = QStringLiteral("anchor");
        b.type = KeyType::Ed25519;
        b.defaultFor.clear();
        b.hasPrivateKey = false;
        model.setKeys({a, b});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(KeyTableModel::ColumnCount));
        QCOMPARE(model.index(0, KeyTableModel::FingerprintColumn).data().toString(), QStringLiteral("0011 2233 4455 6677"));
        QVERIFY(model.index(0, KeyTableModel::FingerprintColumn).data(Qt::ToolTipRole).toString().contains(
            QStringLiteral("0011 2233 4455 6677 8899 aabb ccdd eeff 0011 2233 4455 6677 8899 aabb ccdd eeff")));
        QCOMPARE(model.index(0, 0).data(KeyTableModel::KeyIdRole).toString(), a.keyIdHex());
        QCOMPARE(model.index(0, KeyTableModel::DefaultColumn).data().toString(), QStringLiteral("cityhub, technichub"));
        QCOMPARE(model.index(1, KeyTableModel::TypeColumn).data().toString(), QStringLiteral("Ed25519"));
        QCOMPARE(model.index(1, KeyTableModel::PrivateColumn).data().toString(), QStringLiteral("Public only"));
        QCOMPARE(model.index(0, KeyTableModel::CreatedColumn).data(KeyTableModel::SortRole).toDateTime(), a.createdAt);

        // Same keys again (a refresh after a rename): updated in place, no reset, so the selection stays.
        a.name = QStringLiteral("release-2025");
        model.setKeys({a, b});
        QCOMPARE(reset.count(), 1);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("release-2025"));
        QCOMPARE(model.rowOfKeyId(b.keyId), 1);
        model.setKeys({b});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOfKeyId(a.keyId), -1);
        model.setKeys({});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.index(0, 0).isValid());
    }

    void strengthHint()
    {
        QCOMPARE(estimateStrength({}).level, PassphraseStrength::Empty);
        QCOMPARE(estimateStrength(QStringLiteral("abc123")).level, PassphraseStrength::Weak);
        QVERIFY(estimateStrength(QString::fromLatin1(kPassphrase)).level >= PassphraseStrength::Strong);
        QVERIFY(estimateStrength(QStringLiteral("Tr0ub4dor&3")).bits > estimateStrength(QStringLiteral("troubador")).bits);
    }

    void pageInSidebarWithCommandLines()
    {
        auto *keysAction = m_window->findChild<QAction *>(QStringLiteral("actionPage_keys"));
        QVERIFY(keysAction);
        QCOMPARE(keysAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));
        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(m_window->navigation()->currentId(), QStringLiteral("keys"));
        QCOMPARE(page()->workspacePath(), workspace());
        QVERIFY(page()->isShowingEmptyHint());
        QVERIFY(page()->emptyHint()->text().contains(QStringLiteral("No signing keys yet")));
        QVERIFY(page()->generateAction()->isEnabled());
        QVERIFY(!page()->removeAction()->isEnabled()); // nothing selected
        QVERIFY(page()->generateAction()->statusTip().contains(QStringLiteral("otactl key generate")));
        QVERIFY(page()->generateAction()->toolTip().contains(QStringLiteral("OTADESK_PASSPHRASE")));
        QVERIFY(page()->importAction()->toolTip().contains(QStringLiteral("otactl key import")));

        const KeyInfo k = addKey(QStringLiteral("ci"));
        QVERIFY(!page()->isShowingEmptyHint());
        QCOMPARE(page()->removeAction()->statusTip(), QStringLiteral("Delete the key from the workspace — otactl: otactl key remove ci"));
        QVERIFY(page()->exportAction()->toolTip().contains(QStringLiteral("otactl key export ci --public --out OUT.pem")));
        QVERIFY(page()->passphraseAction()->toolTip().contains(QStringLiteral("OTADESK_NEW_PASSPHRASE")));
        QVERIFY(page()->passphraseAction()->toolTip().contains(QStringLiteral("otactl key passphrase ci")));
        QVERIFY(page()->defaultAction()->toolTip().contains(QStringLiteral("otactl key default ci PRODUCT")));

        // Another workspace: the page follows it.
        const QString other = m_dir->filePath(QStringLiteral("other"));
        m_window->openWorkspace(other);
        QCOMPARE(page()->workspacePath(), other);
        QCOMPARE(page()->keyCount(), 0);
        m_window->openWorkspace(workspace());
        QCOMPARE(page()->keyCount(), 1);
        QCOMPARE(page()->selectedKey()->keyId, k.keyId);
    }

    void generateThroughDialog()
    {
        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        QStringList seen;
        bool hidden = false, mismatchBlocked = false, hintSaidMismatch = false, busyShown = false, wipedAfter = false;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            seen << d->objectName();
            auto *g = qobject_cast<GenerateKeyDialog *>(d);
            if (!g)
                return int(QDialog::Rejected);
            QTest::keyClicks(g->nameEdit(), QStringLiteral("release 2025"));
            g->typeBox()->setCurrentIndex(g->typeBox()->findData(int(KeyType::EcdsaP256)));
            g->productBox()->setEditText(QStringLiteral("cityhub"));
            QTest::keyClicks(g->passphrase()->passphrase(), QString::fromLatin1(kPassphrase));
            QTest::keyClicks(g->passphrase()->confirm(), QStringLiteral("correct horse battery stapel"));
            hidden = g->passphrase()->passphrase()->echoMode() == QLineEdit::Password &&
                     g->passphrase()->confirm()->echoMode() == QLineEdit::Password;
            mismatchBlocked = !g->canAccept();
            hintSaidMismatch = g->passphrase()->hint()->text().contains(QStringLiteral("do not match"));
            // For looking at the dialog: OTADESK_SCREENSHOT_DIR=/tmp tst_gui_keys generateThroughDialog
            if (const QString dir = qEnvironmentVariable("OTADESK_SCREENSHOT_DIR"); !dir.isEmpty()) {
                g->adjustSize();
                g->grab().save(QDir(dir).filePath(QStringLiteral("h-generate-dialog.png")));
            }
            clickOk(g); // disabled: nothing happens
            if (g->isBusy() || g->result() == QDialog::Accepted)
                return -2;
            g->passphrase()->confirm()->clear();
            QTest::keyClicks(g->passphrase()->confirm(), QString::fromLatin1(kPassphrase));
            const int result = submit(g, &busyShown, m_window->taskProgress());
            wipedAfter = g->passphrase()->passphrase()->text().isEmpty() && g->passphrase()->confirm()->text().isEmpty();
            return result;
        });
        page()->generateAction()->trigger();
        QCOMPARE(seen, QStringList{QStringLiteral("generateKeyDialog")});
        QVERIFY(hidden);
        QVERIFY(mismatchBlocked);
        QVERIFY(hintSaidMismatch);
        QVERIFY2(busyShown, "the status bar shows a busy indicator while the key is generated");
        QVERIFY(!m_window->taskProgress()->isRunning());
        QVERIFY(wipedAfter);

        // In the table with the key store's key id; the private key opens with the passphrase.
        crypto::KeyStore s = store();
        const auto stored = s.find(QStringLiteral("release 2025"));
        QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().toString()));
        QCOMPARE(stored->type, KeyType::EcdsaP256);
        QCOMPARE(stored->defaultFor, QStringList{QStringLiteral("cityhub")});
        QCOMPARE(page()->keyCount(), 1);
        const QModelIndex row = page()->model()->index(0, 0);
        QCOMPARE(row.data().toString(), QStringLiteral("release 2025"));
        QCOMPARE(row.data(KeyTableModel::KeyIdRole).toString(), stored->keyIdHex());
        QCOMPARE(row.siblingAtColumn(KeyTableModel::FingerprintColumn).data().toString(),
                 KeyTableModel::shortFingerprint(stored->keyId));
        QVERIFY(stored->keyIdHex().startsWith(
            row.siblingAtColumn(KeyTableModel::FingerprintColumn).data().toString().remove(u' ')));
        QCOMPARE(row.siblingAtColumn(KeyTableModel::DefaultColumn).data().toString(), QStringLiteral("cityhub"));
        QCOMPARE(s.publicKey(stored->keyIdHex())->keyId(), stored->keyId);
        QVERIFY(s.unlock(stored->keyIdHex(), kPassphrase));

        // Selected, with its details and public key.
        QCOMPARE(page()->selectedKey()->keyId, stored->keyId);
        QCOMPARE(page()->details()->value(QStringLiteral("keyId")), stored->keyIdHex());
        QCOMPARE(page()->details()->value(QStringLiteral("defaultFor")), QStringLiteral("cityhub"));
        const QString pem = page()->details()->pemView()->toPlainText();
        QVERIFY(pem.startsWith(QStringLiteral("-----BEGIN PUBLIC KEY-----")));
        QCOMPARE(crypto::PublicKey::fromPem(pem.toLatin1())->keyId(), stored->keyId);
        QVERIFY(page()->details()->pemView()->isReadOnly());
        QVERIFY(page()->details()->copyButton()->isEnabled());
    }

    void generateErrorsKeepInput()
    {
        addKey(QStringLiteral("taken"));
        QString takenError, storeError, nameAfter, passphraseAfter;
        bool takenBlocked = false;
        int rounds = 0;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            auto *g = qobject_cast<GenerateKeyDialog *>(d);
            if (!g)
                return int(QDialog::Rejected);
            ++rounds;
            QTest::keyClicks(g->nameEdit(), QStringLiteral("taken"));
            takenBlocked = !g->canAccept();
            takenError = g->errorText();
            g->typeBox()->setCurrentIndex(g->typeBox()->findData(int(KeyType::Ed25519)));
            g->nameEdit()->setText(QStringLiteral("bad/name")); // the store refuses it, on the worker thread
            g->passphrase()->passphrase()->setText(QStringLiteral("pw-0123456789"));
            g->passphrase()->confirm()->setText(QStringLiteral("pw-0123456789"));
            if (submit(g) == QDialog::Accepted)
                return int(QDialog::Accepted);
            storeError = g->errorText();
            nameAfter = g->nameEdit()->text();
            passphraseAfter = g->passphrase()->passphrase()->text();
            g->nameEdit()->setText(QStringLiteral("ed"));
            return submit(g);
        });
        page()->generateAction()->trigger();
        QCOMPARE(rounds, 1);
        QVERIFY(takenBlocked);
        QVERIFY2(takenError.contains(QStringLiteral("exists already")), qPrintable(takenError));
        QVERIFY2(storeError.contains(QStringLiteral("slash")), qPrintable(storeError));
        QCOMPARE(nameAfter, QStringLiteral("bad/name"));
        QCOMPARE(passphraseAfter, QStringLiteral("pw-0123456789"));
        const auto ed = store().find(QStringLiteral("ed"));
        QVERIFY(ed);
        QCOMPARE(ed->type, KeyType::Ed25519);
        QVERIFY(store().unlock(QStringLiteral("ed"), "pw-0123456789"));
        QCOMPARE(page()->keyCount(), 2);
        QCOMPARE(page()->selectedKey()->name, QStringLiteral("ed"));
    }

    void wrongPassphraseOnChangeKeepsKey()
    {
        const KeyInfo k = addKey(QStringLiteral("field"));
        QVERIFY(!k.keyId.isEmpty());
        QString error, oldAfter, selected;
        int firstResult = 0;
        bool oldHidden = false;
        test::ScriptedDialogs wrong([&](QDialog *d) {
            auto *c = qobject_cast<ChangePassphraseDialog *>(d);
            if (!c)
                return int(QDialog::Rejected);
            c->oldPassphrase()->setText(QStringLiteral("not the passphrase"));
            oldHidden = c->oldPassphrase()->echoMode() == QLineEdit::Password;
            c->newPassphrase()->passphrase()->setText(QStringLiteral("new passphrase 42"));
            c->newPassphrase()->confirm()->setText(QStringLiteral("new passphrase 42"));
            firstResult = submit(c);
            error = c->errorText();
            oldAfter = c->oldPassphrase()->text();
            selected = c->oldPassphrase()->selectedText();
            c->reject();
            return c->result();
        });
        page()->passphraseAction()->trigger();
        QVERIFY(oldHidden);
        QVERIFY(firstResult != QDialog::Accepted);
        QVERIFY2(!error.isEmpty(), "the dialog says what went wrong");
        QCOMPARE(oldAfter, QStringLiteral("not the passphrase")); // kept, selected to type again
        QCOMPARE(selected, oldAfter);
        QVERIFY(store().unlock(QStringLiteral("field"), kPassphrase));
        QVERIFY(!store().unlock(QStringLiteral("field"), "new passphrase 42"));

        test::ScriptedDialogs right([&](QDialog *d) {
            auto *c = qobject_cast<ChangePassphraseDialog *>(d);
            if (!c)
                return int(QDialog::Rejected);
            c->oldPassphrase()->setText(QString::fromLatin1(kPassphrase));
            c->newPassphrase()->passphrase()->setText(QStringLiteral("new passphrase 42"));
            c->newPassphrase()->confirm()->setText(QStringLiteral("new passphrase 42"));
            return submit(c);
        });
        page()->passphraseAction()->trigger();
        QVERIFY(store().unlock(QStringLiteral("field"), "new passphrase 42"));
        QVERIFY(!store().unlock(QStringLiteral("field"), kPassphrase));
        QCOMPARE(page()->selectedKey()->keyId, k.keyId);
    }

    void exportPublicKeyWritesPem()
    {
        const KeyInfo k = addKey(QStringLiteral("anchor"), KeyType::Ed25519);
        const QString out = m_dir->filePath(QStringLiteral("anchor.pub.pem"));
        QStringList seen;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            seen << d->objectName();
            auto *fd = qobject_cast<QFileDialog *>(d);
            if (!fd)
                return int(QDialog::Rejected);
            fd->setDirectory(QFileInfo(out).absolutePath());
            fd->selectFile(QFileInfo(out).fileName());
            return int(QDialog::Accepted);
        });
        QVERIFY(page()->exportAction()->isEnabled());
        page()->exportAction()->trigger();
        QCOMPARE(seen, QStringList{QStringLiteral("saveFileDialog")});
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto pub = crypto::PublicKey::fromPem(file.readAll());
        QVERIFY2(pub, qPrintable(pub ? QString() : pub.error().toString()));
        QCOMPARE(pub->keyId(), k.keyId);
        QCOMPARE(pub->type(), KeyType::Ed25519);

        // And back in as a public-only key (a trust anchor).
        QVERIFY(store().remove(QStringLiteral("anchor")));
        page()->refresh();
        test::ScriptedDialogs import([&](QDialog *d) {
            auto *i = qobject_cast<ImportKeyDialog *>(d);
            if (!i)
                return int(QDialog::Rejected);
            i->setFile(out);
            if (i->kind() != ImportKeyDialog::PemKind::PublicKey || i->nameEdit()->text() != QStringLiteral("anchor"))
                return -2;
            return submit(i);
        });
        page()->importAction()->trigger();
        const auto back = store().find(QStringLiteral("anchor"));
        QVERIFY(back);
        QCOMPARE(back->keyId, k.keyId);
        QVERIFY(!back->hasPrivateKey);
        QVERIFY(!page()->passphraseAction()->isEnabled()); // nothing to re-encrypt
        QCOMPARE(page()->model()->index(rowOf(QStringLiteral("anchor")), KeyTableModel::PrivateColumn).data().toString(),
                 QStringLiteral("Public only"));
    }

    void deleteAsksAndCancelKeeps()
    {
        const KeyInfo k = addKey(QStringLiteral("old release"));
        QString text;
        test::ScriptedDialogs cancel([&](QDialog *d) {
            if (auto *box = qobject_cast<QMessageBox *>(d))
                text = box->text();
            return int(QDialog::Rejected);
        });
        page()->removeAction()->trigger();
        QVERIFY2(text.contains(QStringLiteral("old release")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("can no longer be produced")), qPrintable(text));
        QVERIFY(store().find(k.keyIdHex()));
        QCOMPARE(page()->keyCount(), 1);

        test::ScriptedDialogs confirm([&](QDialog *) { return int(QDialog::Accepted); });
        page()->table()->setFocus();
        QTest::keyClick(page()->table(), Qt::Key_Delete);
        QVERIFY(!store().find(k.keyIdHex()));
        QCOMPARE(page()->keyCount(), 0);
        QVERIFY(page()->isShowingEmptyHint());
        QVERIFY(!page()->selectedKey());
    }

    void importEncryptedPrivateKey()
    {
        // An encrypted PKCS#8 file from elsewhere: the file's passphrase is asked for; a wrong one is reported in
        // the dialog and the key is stored under the new passphrase once it is right.
        auto key = crypto::PrivateKey::generate(KeyType::EcdsaP256);
        QVERIFY(key);
        const QString path = m_dir->filePath(QStringLiteral("vendor.pem"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(key->toEncryptedPem("vendor secret").value());
        }
        QString error;
        bool sourceShown = false;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            auto *i = qobject_cast<ImportKeyDialog *>(d);
            if (!i)
                return int(QDialog::Rejected);
            i->setFile(path);
            sourceShown = i->kind() == ImportKeyDialog::PemKind::EncryptedPrivateKey && !i->sourcePassphrase()->isHidden();
            i->sourcePassphrase()->setText(QStringLiteral("wrong"));
            i->newPassphrase()->passphrase()->setText(QString::fromLatin1(kPassphrase));
            i->newPassphrase()->confirm()->setText(QString::fromLatin1(kPassphrase));
            if (submit(i) == QDialog::Accepted)
                return int(QDialog::Accepted);
            error = i->errorText();
            i->sourcePassphrase()->setText(QStringLiteral("vendor secret"));
            return submit(i);
        });
        page()->importAction()->trigger();
        QVERIFY(sourceShown);
        QVERIFY2(!error.isEmpty(), "a wrong file passphrase is reported");
        const auto stored = store().find(QStringLiteral("vendor"));
        QVERIFY(stored);
        QCOMPARE(stored->keyId, key->publicKey().keyId());
        QVERIFY(store().unlock(QStringLiteral("vendor"), kPassphrase));
    }
};

QTEST_MAIN(TestGuiKeys)
#include "tst_gui_keys.moc"
