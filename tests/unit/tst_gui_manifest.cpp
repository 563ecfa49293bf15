// The Manifests page driven like a release engineer would: a real firmware file imported into a temporary
// library and a key generated in the temporary KeyStore; the form filled by setting its widgets (firmware
// picked through the picker dialog), the live preview (problems, CBOR diagnostic notation, sizes) followed,
// edits undone and redone from the keyboard, the manifest signed (a wrong passphrase first: the dialog stays
// and nothing is lost; then a rollback refused and the next number offered), saved as .suit, reopened and
// verified; the official draft examples and corrupt files opened in the viewer; drafts saved and reopened.
#include "core/crypto/Digest.h"
#include "core/crypto/KeyStore.h"
#include "core/library/FirmwareLibrary.h"
#include "core/manifest/ManifestBuilder.h"
#include "core/manifest/SequenceRegistry.h"
#include "core/manifest/SuitDecoder.h"
#include "TestData.h"
#include "tst_gui_util.h"
#include "ui/firmware/FirmwarePage.h"
#include "ui/keys/KeysPage.h"
#include "ui/MainWindow.h"
#include "ui/manifest/CharacteristicsEditor.h"
#include "ui/manifest/ComponentsEditor.h"
#include "ui/manifest/DependenciesEditor.h"
#include "ui/manifest/EnvelopeTree.h"
#include "ui/manifest/EnvelopeView.h"
#include "ui/manifest/FirmwarePickerDialog.h"
#include "ui/manifest/IdentityForm.h"
#include "ui/manifest/ManifestDocument.h"
#include "ui/manifest/ManifestPage.h"
#include "ui/manifest/ManifestPreview.h"
#include "ui/manifest/SignDialog.h"
#include "ui/shell/Navigation.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>
#include <QUndoStack>

using otadesk::test::readFile;
using otadesk::test::writeFile;

using namespace otadesk;
using namespace otadesk::ui;
using manifest::ManifestTemplate;

namespace {
const QByteArray kPassphrase = "correct horse battery staple";
const QString kProduct = QStringLiteral("GW-200");
const QString kUri = QStringLiteral("https://updates.example.com/gw200/firmware-base.bin");

QString firmwareFile()
{
    return test::testData(QStringLiteral("firmware/pybricks/7.27.0/cityhub/firmware-base.bin"));
}


// Answers a QFileDialog with a path.
int choosePath(QDialog *d, const QString &path)
{
    auto *fd = qobject_cast<QFileDialog *>(d);
    if (!fd)
        return int(QDialog::Rejected);
    fd->setDirectory(QFileInfo(path).absolutePath());
    fd->selectFile(QFileInfo(path).fileName());
    return int(QDialog::Accepted);
}

// Types a passphrase into the sign dialog, presses Sign and waits for the worker thread.
int submitSign(SignDialog *d, const QByteArray &passphrase)
{
    d->passphrase()->setText(QString::fromUtf8(passphrase));
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("keyDialogOk")), Qt::LeftButton);
    if (!QTest::qWaitFor([d] { return !d->isBusy(); }, 30000))
        return -1;
    return d->result();
}
} // namespace

class TestGuiManifest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<MainWindow> m_window;
    library::FirmwareEntry m_entry;

    ManifestPage *page() const { return m_window->manifestsPage(); }
    const manifest::ManifestSpec &spec() const { return page()->document()->spec(); }
    QString workspace() const { return m_dir->filePath(QStringLiteral("ws")); }
    crypto::KeyStore store() const { return crypto::KeyStore(Workspace(workspace())); }

    bool waitPreview() const
    {
        return QTest::qWaitFor([this] { return !page()->preview()->isPending(); }, 20000);
    }

    crypto::KeyInfo addKey(const QString &name, const QString &defaultFor = {})
    {
        crypto::KeyStore s = store();
        auto made = s.generate(name, crypto::KeyType::EcdsaP256, kPassphrase);
        if (!made)
            qWarning("%s", qPrintable(made.error().toString()));
        if (made && !defaultFor.isEmpty())
            (void)s.setDefaultFor(made->keyIdHex(), defaultFor);
        m_window->keysPage()->refresh();
        return made.value_or(crypto::KeyInfo{});
    }

    // Picks the imported firmware for the current component through the picker dialog.
    void pickFirmware(int row)
    {
        page()->components()->table()->setCurrentCell(row, ComponentsEditor::NameColumn);
        QStringList seen;
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                seen << d->objectName();
                auto *picker = qobject_cast<FirmwarePickerDialog *>(d);
                if (!picker || !picker->selectId(m_entry.id))
                    return int(QDialog::Rejected);
                QTest::mouseClick(picker->findChild<QPushButton *>(QStringLiteral("firmwarePickerOk")),
                                  Qt::LeftButton);
                return picker->result();
            });
            QTest::mouseClick(page()->components()->pickButton(), Qt::LeftButton);
        }
        QCOMPARE(seen, QStringList{QStringLiteral("firmwarePickerDialog")});
        QVERIFY(QTest::qWaitFor([this] { return !page()->components()->isLoading(); }, 20000));
    }

    // A complete single-image manifest, typed into the form.
    void fillForm(quint64 sequence = 5)
    {
        page()->newFromTemplate(ManifestTemplate::SingleImage);
        IdentityForm *id = page()->identity();
        id->product()->setCurrentText(kProduct);
        id->vendorDomain()->setText(QStringLiteral("example.com"));
        id->modelName()->setText(QStringLiteral("gateway-200"));
        id->sequenceNumber()->setValue(int(sequence));
        id->version()->setText(QStringLiteral("7.27.0"));
        id->description()->setText(QStringLiteral("City hub base firmware"));
        QCOMPARE(spec().components.size(), 1);
        pickFirmware(0);
        page()->components()->table()->item(0, ComponentsEditor::UriColumn)->setText(kUri);
        QVERIFY(waitPreview());
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        {
            auto lib = library::FirmwareLibrary::open(Workspace(workspace()));
            QVERIFY(lib);
            library::ImportRequest request;
            request.path = firmwareFile();
            request.product = kProduct;
            request.version = QStringLiteral("7.27.0");
            request.component = QStringLiteral("main");
            auto imported = (*lib)->importFile(request);
            QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
            m_entry = imported->entries.first();
        }
        m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
        m_log = std::make_unique<ActivityLog>();
        m_window = std::make_unique<MainWindow>(*m_settings, workspace(), m_log.get());
        m_window->resize(1280, 800);
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE(m_window->firmwarePage()->entryCount(), 1);
        QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(m_window->navigation()->currentId(), QStringLiteral("manifests"));
    }
    void cleanup()
    {
        if (page())
            page()->document()->setSaved(); // no "discard changes?" question while closing
        m_window.reset();
        m_log.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void pageReplacesPlaceholder()
    {
        QCOMPARE(m_window->navigation()->page(QStringLiteral("manifests")), page());
        QCOMPARE(page()->objectName(), QStringLiteral("manifestsPage"));
        QCOMPARE(page()->workspacePath(), workspace());
        QCOMPARE(manifest::allTemplates().size(), page()->templateActions().size());
        QVERIFY(page()->commandLine()->text().contains(
            QStringLiteral("otactl manifest create --template single-image")));
        QVERIFY(page()->identity()->product()->findText(kProduct) >=
                0); // products of the library are offered
        QVERIFY(!page()->isModified());
        QCOMPARE(m_window->windowTitle(), QStringLiteral("OTA Desk"));
        // A fresh template has problems (no product, no firmware yet), shown in the preview.
        QVERIFY(waitPreview());
        QVERIFY(!page()->preview()->currentProblems().isEmpty());
        QVERIFY(page()->preview()->envelope().isEmpty());
    }

    void formBuildsLivePreview()
    {
        fillForm();
        const manifest::ComponentSpec c = spec().components.first();
        // The digest and size come from the library entry's image: for a raw binary, the file itself.
        const QByteArray file = readFile(firmwareFile());
        QCOMPARE(c.digest, crypto::sha256(file));
        QCOMPARE(c.digest, m_entry.imageSha256);
        QCOMPARE(c.size, quint64(file.size()));
        QCOMPARE(c.firmwareId, QString::number(m_entry.id));
        QCOMPARE(c.uri, kUri);
        QVERIFY(page()
                    ->components()
                    ->table()
                    ->item(0, ComponentsEditor::DigestColumn)
                    ->text()
                    .startsWith(QString::fromLatin1(c.digest.toHex().left(16))));

        // Vendor / class ids shown live, as the spec computes them.
        QCOMPARE(page()->identity()->vendorIdLabel()->text(),
                 spec().vendorId().toString(QUuid::WithoutBraces));
        QCOMPARE(page()->identity()->classIdLabel()->text(), spec().classId().toString(QUuid::WithoutBraces));

        ManifestPreview *preview = page()->preview();
        QVERIFY(preview->currentProblems().isEmpty());
        QCOMPARE(preview->problems()->count(), 1);
        QVERIFY(preview->problems()->item(0)->text().startsWith(QStringLiteral("No problems")));
        const auto built = manifest::ManifestBuilder::buildEnvelope(spec());
        QVERIFY(built);
        QCOMPARE(preview->envelope(), *built);
        QVERIFY(preview->sizeLabel()->text().contains(QLocale().toString(built->size())));
        const QString diag = preview->diagnostic()->toPlainText();
        QVERIFY(diag.startsWith(QStringLiteral("107(")));
        QVERIFY(diag.contains(kUri));
        QVERIFY(diag.contains(QString::fromLatin1(c.digest.toHex())));
        QVERIFY(diag.contains(QString::fromLatin1(spec().vendorId().toRfc4122().toHex())));

        // Another edit: the preview follows (debounced, built off the GUI thread).
        page()->identity()->sequenceNumber()->setValue(77);
        QVERIFY(preview->isPending());
        QVERIFY(waitPreview());
        const auto rebuilt = manifest::ManifestBuilder::buildEnvelope(spec());
        QCOMPARE(preview->envelope(), *rebuilt);
        QVERIFY(preview->envelope() != *built);

        // The command line follows the form.
        const QString cli = page()->commandLine()->text();
        QVERIFY(cli.contains(QStringLiteral("--product GW-200")));
        QVERIFY(cli.contains(QStringLiteral("--sequence 77")));
        QVERIFY(cli.contains(QStringLiteral("--component main=%1").arg(m_entry.id)));
        QVERIFY(cli.contains(QStringLiteral("--uri main=") + kUri));

        // A characteristic needs a resource-request URI: a problem until it is given.
        QVERIFY(page()->characteristics()->setChecked(QStringLiteral("component-version:main"), true));
        QCOMPARE(spec().characteristics, QStringList{QStringLiteral("component-version:main")});
        QVERIFY(waitPreview());
        QVERIFY(!preview->currentProblems().isEmpty());
        QVERIFY(preview->envelope().isEmpty());
        page()->characteristics()->resourceUri()->setText(
            QStringLiteral("https://updates.example.com/resource"));
        QVERIFY(waitPreview());
        QVERIFY(preview->currentProblems().isEmpty());
        QVERIFY(page()->commandLine()->text().contains(
            QStringLiteral("--characteristic component-version:main")));

        // The same image from a file: same digest, the command line names the file.
        page()->components()->useFile(0, firmwareFile());
        QVERIFY(QTest::qWaitFor([this] { return !page()->components()->isLoading(); }, 20000));
        QCOMPARE(spec().components.first().payloadFile, firmwareFile());
        QVERIFY(spec().components.first().firmwareId.isEmpty());
        QCOMPARE(spec().components.first().digest, c.digest);
        QVERIFY(page()->commandLine()->text().contains(QStringLiteral("--component main=file:") +
                                                       firmwareFile()));
    }

    void problemClickFocusesField()
    {
        fillForm();
        page()->identity()->vendorDomain()->clear();
        QVERIFY(waitPreview());
        QListWidget *problems = page()->preview()->problems();
        QVERIFY(problems->count() > 0);
        QListWidgetItem *item = nullptr;
        for (int i = 0; i < problems->count(); ++i)
            if (problems->item(i)->data(Qt::UserRole).toString().startsWith(QStringLiteral("vendor")))
                item = problems->item(i);
        QVERIFY2(item, qPrintable(problems->item(0)->text()));
        page()->identity()->version()->setFocus();
        QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, problems->visualItemRect(item).center());
        QTRY_COMPARE(QApplication::focusWidget(), page()->identity()->vendorDomain());
    }

    void undoRedoFromKeyboard()
    {
        fillForm();
        page()->document()->setSaved();
        QVERIFY(!page()->isModified());
        QLineEdit *domain = page()->identity()->vendorDomain();
        domain->selectAll();
        domain->setFocus();
        QTest::keyClicks(domain, QStringLiteral("acme.example"));
        QCOMPARE(spec().vendorDomain, QStringLiteral("acme.example"));
        QVERIFY(page()->isModified());
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Untitled manifest* — OTA Desk"));
        QVERIFY(page()->titleLabel()->text().contains(QStringLiteral("unsaved changes")));
        const QUuid acme = spec().vendorId();
        QTRY_COMPARE(page()->identity()->vendorIdLabel()->text(), acme.toString(QUuid::WithoutBraces));

        // Typing in one field is one undo step; Ctrl+Z in the field goes to the page's undo stack.
        QTest::keyClick(domain, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(spec().vendorDomain, QStringLiteral("example.com"));
        QCOMPARE(domain->text(), QStringLiteral("example.com"));
        QVERIFY(!page()->isModified());
        QCOMPARE(m_window->windowTitle(), QStringLiteral("OTA Desk"));
        QTest::keyClick(domain, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(domain->text(), QStringLiteral("acme.example"));
        QCOMPARE(spec().vendorId(), acme);

        // Component edits are undoable too: remove, undo brings it back with its firmware.
        const manifest::ComponentSpec before = spec().components.first();
        page()->components()->table()->setCurrentCell(0, 0);
        QTest::mouseClick(page()->components()->removeButton(), Qt::LeftButton);
        QCOMPARE(spec().components.size(), 0);
        QCOMPARE(page()->components()->table()->rowCount(), 0);
        page()->undoAction()->trigger();
        QCOMPARE(spec().components.size(), 1);
        QCOMPARE(spec().components.first(), before);
        QCOMPARE(page()->components()->table()->item(0, ComponentsEditor::UriColumn)->text(), kUri);
        page()
            ->components()
            ->table()
            ->item(0, ComponentsEditor::VersionColumn)
            ->setText(QStringLiteral("9.9"));
        QCOMPARE(spec().components.first().version, QStringLiteral("9.9"));
        page()->undoAction()->trigger();
        QCOMPARE(spec().components.first().version, before.version);
        page()->redoAction()->trigger();
        QCOMPARE(page()->components()->table()->item(0, ComponentsEditor::VersionColumn)->text(),
                 QStringLiteral("9.9"));
        QVERIFY(waitPreview());
        QVERIFY(page()->preview()->diagnostic()->toPlainText().contains(QStringLiteral("\"9.9\"")));

        // Leaving the unsaved manifest asks first; Cancel keeps everything.
        QStringList seen;
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                seen << d->objectName();
                return int(QDialog::Rejected);
            });
            page()->newFromTemplate(ManifestTemplate::MultiComponent);
        }
        QCOMPARE(seen, QStringList{QStringLiteral("confirmBox")});
        QCOMPARE(spec().vendorDomain, QStringLiteral("acme.example"));
        QCOMPARE(spec().templateKind, ManifestTemplate::SingleImage);
        // Closing the window asks too.
        seen.clear();
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                seen << d->objectName();
                return int(QDialog::Rejected);
            });
            QVERIFY(!m_window->close());
        }
        QCOMPARE(seen, QStringList{QStringLiteral("confirmBox")});
        QVERIFY(m_window->isVisible());
    }

    void signSaveReopenVerify()
    {
        addKey(QStringLiteral("other"));
        const crypto::KeyInfo key = addKey(QStringLiteral("release"), kProduct);
        fillForm(5);
        const manifest::ManifestSpec filled = spec();
        const QString out = m_dir->filePath(QStringLiteral("gw200-5.suit"));

        QStringList seen;
        QString wrongError, preselected, cliLine;
        bool stayedOpen = false, keptForm = false;
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                seen << d->objectName();
                if (auto *sign = qobject_cast<SignDialog *>(d)) {
                    preselected = sign->keyName();
                    cliLine = sign->findChild<QLabel *>(QStringLiteral("keyDialogCommandLine"))->text();
                    const int wrong = submitSign(sign, "not the passphrase");
                    wrongError = sign->errorText();
                    stayedOpen = wrong != QDialog::Accepted && sign->passphrase()->text().isEmpty() == false;
                    keptForm = spec() == filled;
                    return submitSign(sign, kPassphrase);
                }
                return choosePath(d, out);
            });
            QVERIFY(page()->saveAction()->isEnabled());
            page()->saveAction()->trigger(); // Ctrl+S: asks where, signs, saves
        }
        QCOMPARE(seen, (QStringList{QStringLiteral("saveFileDialog"), QStringLiteral("signManifestDialog")}));
        QCOMPARE(preselected, QStringLiteral("release")); // the product's default key
        QVERIFY2(cliLine.contains(QStringLiteral(
                     "otactl manifest sign IN.suit --product GW-200 --key release -o OUT.suit")),
                 qPrintable(cliLine));
        QVERIFY2(wrongError.contains(QStringLiteral("passphrase")), qPrintable(wrongError));
        QVERIFY(stayedOpen);
        QVERIFY(keptForm);
        QVERIFY(QFileInfo::exists(out));
        QVERIFY(!page()->isModified());
        QCOMPARE(page()->document()->suitPath(), out);

        // The signed envelope verifies with the workspace key, and the viewer shows it.
        EnvelopeView *view = page()->envelopeView();
        QCOMPARE(page()->tabs()->currentWidget(), view);
        QVERIFY2(view->report().ok(), qPrintable(view->report().toString()));
        QCOMPARE(view->report().signerKey, QStringLiteral("release"));

        // The sequence number was recorded for the product.
        const auto highest = manifest::SequenceRegistry(Workspace(workspace())).highest(kProduct);
        QVERIFY(highest && *highest == 5u);

        // Reopened from disk: decoded, verified, every check PASS.
        page()->tabs()->setCurrentIndex(0);
        QVERIFY(page()->openEnvelope(out));
        QCOMPARE(view->envelope(), readFile(out));
        QVERIFY(view->report().ok());
        QTreeWidget *report = view->reportView();
        QCOMPARE(report->topLevelItemCount(), view->report().checks.size());
        for (int i = 0; i < report->topLevelItemCount(); ++i)
            QCOMPARE(report->topLevelItem(i)->text(1), QStringLiteral("PASS"));
        QVERIFY(report->findItems(QStringLiteral("signature"), Qt::MatchExactly).size() == 1);
        const QString tree = view->tree()->toPlainText();
        QVERIFY2(tree.contains(QStringLiteral("Sequence number: 5")), qPrintable(tree));
        QVERIFY(tree.contains(QStringLiteral("URI: ") + kUri));
        QVERIFY(tree.contains(QString::fromLatin1(crypto::sha256(readFile(firmwareFile())).toHex())));
        QVERIFY(tree.contains(key.keyIdHex())); // kid of the COSE_Sign1
        QVERIFY(view->diagnostic()->toPlainText().startsWith(QStringLiteral("107(")));
        QVERIFY(view->summary()->text().contains(QStringLiteral("Verified")));

        // A changed manifest with the same number is a rollback: refused before unlocking, next number
        // offered.
        page()->identity()->description()->setText(QStringLiteral("City hub base firmware, rebuilt"));
        QVERIFY(page()->document()->signedEnvelope().isEmpty());
        QString rollbackError;
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                auto *sign = qobject_cast<SignDialog *>(d);
                if (!sign)
                    return int(QDialog::Rejected);
                sign->passphrase()->setText(QString::fromUtf8(kPassphrase));
                QTest::mouseClick(sign->findChild<QPushButton *>(QStringLiteral("keyDialogOk")),
                                  Qt::LeftButton);
                rollbackError = sign->errorText();
                if (sign->isBusy() || sign->useNextButton()->isHidden())
                    return -2;
                QTest::mouseClick(sign->useNextButton(), Qt::LeftButton);
                return submitSign(sign, kPassphrase);
            });
            QVERIFY(page()->sign());
        }
        QVERIFY2(rollbackError.contains(QStringLiteral("5")), qPrintable(rollbackError));
        QCOMPARE(spec().sequenceNumber, 6u);
        QVERIFY(!page()->document()->signedEnvelope().isEmpty());
        QVERIFY(page()->envelopeView()->report().ok());
        // Choosing the next number was an ordinary (undoable) edit.
        QCOMPARE(page()->document()->undoStack()->undoText(), QStringLiteral("Use next sequence number"));
    }

    void officialExamplesAndBadFiles()
    {
        EnvelopeView *view = page()->envelopeView();
        const QString example = test::testData(QStringLiteral("suit/manifest-spec/example1.signed.cbor"));
        // Without the draft's key in the workspace the signature cannot be checked.
        QVERIFY(page()->openEnvelope(example));
        QVERIFY(!view->report().ok());
        bool redFailure = false;
        for (int i = 0; i < view->reportView()->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = view->reportView()->topLevelItem(i);
            if (item->text(1) == QStringLiteral("FAIL"))
                redFailure = item->foreground(1).color() == QColor(0xb3, 0x26, 0x1e);
        }
        QVERIFY(redFailure);
        QVERIFY(view->summary()->text().contains(QStringLiteral("Not verified")));

        // With the draft's public key imported, every check passes.
        crypto::KeyStore s = store();
        const auto imported = s.importPem(
            QStringLiteral("suit-examples"),
            readFile(test::testData(QStringLiteral("suit/manifest-spec/examples_public_key.pem"))), {}, {});
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
        QVERIFY(page()->openEnvelope(example));
        QVERIFY2(view->report().ok(), qPrintable(view->report().toString()));
        QCOMPARE(view->report().signerKey, QStringLiteral("suit-examples"));
        const QString tree = view->tree()->toPlainText();
        QVERIFY2(tree.contains(QStringLiteral("Sequence number: 1")), qPrintable(tree));
        QVERIFY(tree.contains(QStringLiteral("http://example.com/file.bin")));
        QVERIFY(tree.contains(QStringLiteral("ES256")));

        // Example 3 (A/B slots) and example 5 (two images) decode with all their components.
        QVERIFY(
            page()->openEnvelope(test::testData(QStringLiteral("suit/manifest-spec/example5.signed.cbor"))));
        QVERIFY(view->report().ok());
        QVERIFY(view->tree()->toPlainText().contains(QStringLiteral("Components: 2")));

        // Corrupt files: a clear error, the envelope on screen stays.
        const QString garbage = m_dir->filePath(QStringLiteral("garbage.suit"));
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("this is not CBOR at all");
        g.close();
        const QString truncated = m_dir->filePath(QStringLiteral("truncated.suit"));
        QFile t(truncated);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(readFile(example).left(40));
        t.close();
        for (const QString &bad : {garbage, truncated, m_dir->filePath(QStringLiteral("missing.suit"))}) {
            QStringList seen;
            QString text;
            {
                test::ScriptedDialogs dialogs([&](QDialog *d) {
                    seen << d->objectName();
                    if (auto *box = qobject_cast<QMessageBox *>(d))
                        text = box->text();
                    return int(QMessageBox::Ok);
                });
                QVERIFY(!page()->openEnvelope(bad));
            }
            QCOMPARE(seen, QStringList{QStringLiteral("warningBox")});
            QVERIFY2(text.contains(QFileInfo(bad).fileName()), qPrintable(text));
            QCOMPARE(view->source(), QStringLiteral("example5.signed.cbor"));
            QVERIFY(view->report().ok());
        }
    }

    void draftRoundTrip()
    {
        fillForm(12);
        // The image travels in the envelope: the draft names the library entry, reopening reads it again.
        page()
            ->components()
            ->table()
            ->item(0, ComponentsEditor::IntegratedColumn)
            ->setCheckState(Qt::Checked);
        QVERIFY(spec().components.first().integrated);
        QVERIFY(waitPreview());
        QVERIFY(page()->preview()->currentProblems().isEmpty());
        QVERIFY(page()->preview()->diagnostic()->toPlainText().contains(QStringLiteral("\"#main\"")));
        const manifest::ManifestSpec filled = spec();
        const QString draft = m_dir->filePath(QStringLiteral("gw.suitspec.json"));
        QVERIFY(page()->isModified());
        QVERIFY(page()->saveDraft(draft));
        QVERIFY(!page()->isModified());
        page()->newFromTemplate(ManifestTemplate::ABSlots);
        QCOMPARE(spec().templateKind, ManifestTemplate::ABSlots);
        QVERIFY(page()->openDraft(draft));
        QCOMPARE(spec(), filled);
        QCOMPARE(spec().components.first().payload, readFile(firmwareFile()));
        QVERIFY(!page()->isModified());
        QCOMPARE(page()->identity()->sequenceNumber()->value(), 12);
        QCOMPARE(page()->identity()->vendorDomain()->text(), QStringLiteral("example.com"));
        QVERIFY(page()->titleLabel()->text().contains(QStringLiteral("gw.suitspec.json")));

        // A broken draft: error, nothing changes.
        const QString bad = m_dir->filePath(QStringLiteral("bad.suitspec.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": 3");
        f.close();
        QStringList seen;
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                seen << d->objectName();
                return int(QMessageBox::Ok);
            });
            QVERIFY(!page()->openDraft(bad));
        }
        QCOMPARE(seen, QStringList{QStringLiteral("warningBox")});
        QCOMPARE(page()->document()->draftPath(), draft);
    }

    void templatesFillComponents()
    {
        for (ManifestTemplate kind : manifest::allTemplates()) {
            page()->newFromTemplate(kind);
            QCOMPARE(spec().templateKind, kind);
            QCOMPARE(page()->components()->table()->rowCount(), spec().components.size());
            QVERIFY(!spec().components.isEmpty());
            QVERIFY(!page()->isModified());
            QVERIFY(page()->commandLine()->text().contains(manifest::templateName(kind)));
        }
        // Adding a component offers its component-version characteristic.
        QTest::mouseClick(page()->components()->addButton(), Qt::LeftButton);
        const QString added = spec().components.last().name;
        QVERIFY(!page()
                     ->characteristics()
                     ->list()
                     ->findItems(QStringLiteral("component-version:") + added, Qt::MatchExactly)
                     .isEmpty());
        page()->undoAction()->trigger();
        QVERIFY(page()
                    ->characteristics()
                    ->list()
                    ->findItems(QStringLiteral("component-version:") + added, Qt::MatchExactly)
                    .isEmpty());

        // A dependency: digest typed as hex, URI; both in the spec and the command line.
        const QByteArray digest = crypto::sha256("dependency manifest");
        QTest::mouseClick(page()->dependencies()->addButton(), Qt::LeftButton);
        QCOMPARE(spec().dependencies.size(), 1);
        page()->dependencies()->table()->item(0, 0)->setText(QString::fromLatin1(digest.toHex()));
        page()->dependencies()->table()->item(0, 1)->setText(QStringLiteral("https://example.com/dep.suit"));
        QCOMPARE(spec().dependencies.first().digest, digest);
        QCOMPARE(spec().dependencies.first().uri, QStringLiteral("https://example.com/dep.suit"));
        QVERIFY(page()->commandLine()->text().contains(
            QStringLiteral("--dependency %1=https://example.com/dep.suit")
                .arg(QString::fromLatin1(digest.toHex()))));
        page()->undoAction()->trigger();
        QVERIFY(spec().dependencies.first().uri.isEmpty());
    }

    void screenshot()
    {
        // Pictures of the page at 1280x800 (to $OTADESK_SCREENSHOT_DIR when set, for looking at them).
        const QDir dir(qEnvironmentVariable("OTADESK_SCREENSHOT_DIR", m_dir->path()));
        addKey(QStringLiteral("release"), kProduct);
        fillForm(5);
        page()->focusField(QStringLiteral("vendorDomain")); // the top of the form in view
        QVERIFY(m_window->grab().save(dir.filePath(QStringLiteral("manifest-editor.png"))));
        bool grabbed = false;
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                d->adjustSize();
                grabbed = d->grab().save(dir.filePath(QStringLiteral("manifest-sign.png")));
                return int(QDialog::Rejected);
            });
            QVERIFY(!page()->sign());
        }
        QVERIFY(grabbed);
        QVERIFY(
            page()->openEnvelope(test::testData(QStringLiteral("suit/manifest-spec/example3.signed.cbor"))));
        QVERIFY(m_window->grab().save(dir.filePath(QStringLiteral("manifest-viewer.png"))));
    }
};

QTEST_MAIN(TestGuiManifest)
#include "tst_gui_manifest.moc"
