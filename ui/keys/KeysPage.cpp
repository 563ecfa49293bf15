#include "ui/keys/KeysPage.h"

#include "ui/keys/ChangePassphraseDialog.h"
#include "ui/keys/GenerateKeyDialog.h"
#include "ui/keys/ImportKeyDialog.h"
#include "ui/keys/KeyCommandLines.h"
#include "ui/keys/KeyDetails.h"
#include "ui/keys/KeyTableModel.h"
#include "ui/shell/DialogRunner.h"
#include "ui/widgets/Icons.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace otadesk::ui {

using crypto::KeyInfo;

namespace {
const QString kSource = QStringLiteral("keys");
}

KeysPage::KeysPage(ActivityLog *log, QWidget *parent)
    : QWidget(parent), m_log(log), m_model(new KeyTableModel(this)), m_tableStack(new QStackedWidget),
      m_table(new QTableView), m_emptyHint(new QLabel), m_details(new KeyDetails)
{
    setObjectName(QStringLiteral("keysPage"));
    createActions();

    auto *toolbar = new QToolBar;
    toolbar->setObjectName(QStringLiteral("keysToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(18, 18));
    toolbar->addActions({m_generate, m_import, m_export});
    toolbar->addSeparator();
    toolbar->addActions({m_passphrase, m_default, m_rename});
    toolbar->addSeparator();
    toolbar->addAction(m_remove);

    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_model);
    sorted->setSortRole(KeyTableModel::SortRole);
    m_table->setObjectName(QStringLiteral("keysTable"));
    m_table->setModel(sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(KeyTableModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setMinimumSectionSize(m_table->fontMetrics().averageCharWidth() * 8);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_export, m_passphrase, m_default, m_rename, m_remove});
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &KeysPage::onSelectionChanged);
    connect(m_table, &QTableView::doubleClicked, this, [this] { m_details->setFocus(); });

    m_emptyHint->setObjectName(QStringLiteral("keysEmptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setEnabled(false);
    m_tableStack->addWidget(m_emptyHint);
    m_tableStack->addWidget(m_table);

    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("keysSplitter"));
    split->addWidget(m_tableStack);
    split->addWidget(m_details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({260, 340});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(toolbar);
    layout->addWidget(split, 1);
    updateActions();
}

KeysPage::~KeysPage() = default;

QList<QAction *> KeysPage::keyActions() const
{
    return {m_generate, m_import, m_export, m_passphrase, m_default, m_rename, m_remove, m_refresh};
}

void KeysPage::createActions()
{
    auto make = [this](const QString &name, const QIcon &icon, const QString &text, void (KeysPage::*slot)()) {
        auto *a = new QAction(icon, text, this);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_generate = make(QStringLiteral("actionKeyGenerate"), themeIcon(QStringLiteral("keys")), tr("&Generate Key…"),
                      &KeysPage::generateKey);
    m_import = make(QStringLiteral("actionKeyImport"), style()->standardIcon(QStyle::SP_DialogOpenButton),
                    tr("&Import Key…"), &KeysPage::importKey);
    m_export = make(QStringLiteral("actionKeyExport"), style()->standardIcon(QStyle::SP_DialogSaveButton),
                    tr("&Export Public Key…"), &KeysPage::exportPublicKey);
    m_passphrase = make(QStringLiteral("actionKeyPassphrase"), {}, tr("Change &Passphrase…"),
                        &KeysPage::changePassphrase);
    m_default = make(QStringLiteral("actionKeyDefault"), {}, tr("Set as &Default for Product…"),
                     &KeysPage::setDefaultForProduct);
    m_rename = make(QStringLiteral("actionKeyRename"), {}, tr("Re&name…"), &KeysPage::renameKey);
    m_rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove = make(QStringLiteral("actionKeyRemove"), style()->standardIcon(QStyle::SP_TrashIcon), tr("De&lete Key…"),
                    &KeysPage::removeKey);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh = make(QStringLiteral("actionKeyRefresh"), {}, tr("Re&load Keys"), &KeysPage::refresh);
    addActions({m_rename, m_remove});
}

void KeysPage::updateActions()
{
    const std::optional<KeyInfo> key = selectedKey();
    const bool idle = m_store && !m_busy;
    const bool canSign = key && key->hasPrivateKey;
    m_generate->setEnabled(idle);
    m_import->setEnabled(idle);
    m_export->setEnabled(idle && key);
    m_passphrase->setEnabled(idle && canSign);
    m_default->setEnabled(idle && canSign);
    m_rename->setEnabled(idle && key);
    m_remove->setEnabled(idle && key);
    m_refresh->setEnabled(m_store != nullptr);

    const QString ref = key ? key->name : QString();
    auto tip = [](QAction *a, const QString &what, const QString &cli, const QString &note = {}) {
        if (cli.isEmpty()) {
            a->setStatusTip(what);
            a->setToolTip(what + u'\n' + tr("No otactl equivalent yet."));
            return;
        }
        a->setStatusTip(tr("%1 — otactl: %2").arg(what, cli));
        a->setToolTip(tr("%1\nCommand line: %2").arg(what, cli) + (note.isEmpty() ? QString() : u'\n' + note));
    };
    tip(m_generate, tr("Create a new signing key, stored encrypted with a passphrase"),
        keycommands::generate({}, crypto::KeyType::EcdsaP256), keycommands::passphraseNote());
    tip(m_import, tr("Add a private or public key from a PEM file"), keycommands::importFile({}, {}),
        keycommands::importPassphraseNote());
    tip(m_export, tr("Save the public key as a PEM file for devices, bootloaders and servers"),
        keycommands::exportPublic(ref, {}));
    tip(m_passphrase, tr("Encrypt the private key with a new passphrase"), keycommands::changePassphrase(ref),
        keycommands::changePassphraseNote());
    tip(m_default, tr("Sign the manifests of a product with this key unless another is chosen"),
        keycommands::setDefault(ref, {}));
    tip(m_rename, tr("Give the key another name; its key id stays the same"), keycommands::rename(ref, {}));
    tip(m_remove, tr("Delete the key from the workspace"), keycommands::remove(ref));
    tip(m_refresh, tr("Read the keys of the workspace again"), keycommands::list());

    if (!m_store)
        m_emptyHint->setText(tr("<h3>No workspace</h3><p>Choose a workspace in File › Settings….</p>"));
    else
        m_emptyHint->setText(tr("<h3>No signing keys yet</h3>"
                                "<p>Use <b>Generate Key…</b> to create one (ECDSA P-256 or Ed25519), or "
                                "<b>Import Key…</b> for a PEM file you already have.</p>"
                                "<p>Private keys never leave this computer; they are stored encrypted with "
                                "your passphrase in the workspace's keys folder.</p>"));
    m_tableStack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_emptyHint) : m_table);
}

bool KeysPage::isShowingEmptyHint() const { return m_tableStack->currentWidget() == m_emptyHint; }

void KeysPage::setWorkspace(const QString &path)
{
    if (path == m_workspacePath && m_store)
        return refresh();
    m_workspacePath = path;
    m_store = path.isEmpty() ? nullptr : std::make_unique<crypto::KeyStore>(Workspace(path));
    m_model->setKeys({});
    refresh();
}

void KeysPage::refresh()
{
    if (!m_store) {
        updateActions();
        return;
    }
    const auto keys = m_store->list();
    if (!keys) {
        m_log->error(kSource, tr("Cannot list the keys in %1: %2")
                                  .arg(QDir::toNativeSeparators(m_store->folder()), keys.error().toString()));
        m_model->setKeys({});
    } else {
        m_model->setKeys(*keys);
    }
    if (m_model->rowCount() > 0 && !m_table->selectionModel()->hasSelection())
        m_table->selectRow(0);
    fitColumns();
    onSelectionChanged();
    Q_EMIT keyCountChanged(m_model->rowCount());
}

void KeysPage::fitColumns()
{
    // Every column but the last (which stretches) as wide as its content, names within reason.
    const int cw = m_table->fontMetrics().averageCharWidth();
    for (int c = 0; c < KeyTableModel::ColumnCount - 1; ++c) {
        m_table->resizeColumnToContents(c);
        const int width = m_table->columnWidth(c) + 2 * cw;
        m_table->setColumnWidth(c, c == KeyTableModel::NameColumn ? qBound(22 * cw, width, 48 * cw) : qMax(width, 12 * cw));
    }
}

int KeysPage::keyCount() const { return m_model->rowCount(); }

std::optional<KeyInfo> KeysPage::selectedKey() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    auto *proxy = static_cast<QSortFilterProxyModel *>(m_table->model());
    if (const KeyInfo *k = m_model->keyAt(proxy->mapToSource(rows.first()).row()))
        return *k;
    return std::nullopt;
}

void KeysPage::selectKeyId(const QByteArray &keyId)
{
    const int row = m_model->rowOfKeyId(keyId);
    if (row < 0)
        return;
    auto *proxy = static_cast<QSortFilterProxyModel *>(m_table->model());
    const QModelIndex index = proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectRow(index.row());
    m_table->scrollTo(index);
}

void KeysPage::onSelectionChanged()
{
    const std::optional<KeyInfo> key = selectedKey();
    if (!key || !m_store) {
        m_details->setKey(nullptr);
    } else {
        const auto pub = m_store->publicKey(key->keyIdHex());
        m_details->setKey(&*key, pub ? pub->toPem() : QByteArray(), pub ? QString() : pub.error().message());
    }
    updateActions();
}

QStringList KeysPage::takenNames() const
{
    QStringList names;
    for (const KeyInfo &k : m_model->keys())
        names << k.name;
    return names;
}

QStringList KeysPage::products() const
{
    QStringList out = m_products ? m_products() : QStringList();
    for (const KeyInfo &k : m_model->keys())
        out << k.defaultFor;
    out.removeAll(QString());
    out.removeDuplicates();
    out.sort(Qt::CaseInsensitive);
    return out;
}

bool KeysPage::runKeyDialog(KeyFormDialog *dialog)
{
    connect(dialog, &KeyFormDialog::taskStarted, this, [this](const QString &text) {
        m_busy = true;
        updateActions();
        Q_EMIT taskStarted(text);
    });
    connect(dialog, &KeyFormDialog::taskFinished, this, [this] {
        m_busy = false;
        updateActions();
        Q_EMIT taskFinished();
    });
    const bool ok = DialogRunner::exec(dialog) == QDialog::Accepted && !dialog->key().keyId.isEmpty();
    refresh();
    if (ok)
        selectKeyId(dialog->key().keyId);
    return ok;
}

void KeysPage::generateKey()
{
    Q_EMIT showRequested();
    if (!m_store || m_busy)
        return;
    GenerateKeyDialog dialog(m_workspacePath, takenNames(), products(), this);
    if (!runKeyDialog(&dialog))
        return;
    const KeyInfo &k = dialog.key();
    m_log->info(kSource, tr("Generated %1 key %2, key id %3 (%4)")
                             .arg(KeyTableModel::typeText(k.type), k.name, KeyTableModel::shortFingerprint(k.keyId),
                                  keycommands::generate(k.name, k.type, k.defaultFor.value(0))));
}

void KeysPage::importKey()
{
    Q_EMIT showRequested();
    if (!m_store || m_busy)
        return;
    ImportKeyDialog dialog(m_workspacePath, takenNames(), this);
    if (!runKeyDialog(&dialog))
        return;
    const KeyInfo &k = dialog.key();
    m_log->info(kSource, tr("Imported %1 key %2, key id %3%4")
                             .arg(KeyTableModel::typeText(k.type), k.name, KeyTableModel::shortFingerprint(k.keyId),
                                  k.hasPrivateKey ? QString() : tr(" (public key only)")));
}

void KeysPage::changePassphrase()
{
    Q_EMIT showRequested();
    const std::optional<KeyInfo> key = selectedKey();
    if (!key || !key->hasPrivateKey || m_busy)
        return;
    ChangePassphraseDialog dialog(m_workspacePath, *key, this);
    if (runKeyDialog(&dialog))
        m_log->info(kSource, tr("Changed the passphrase of %1").arg(key->name));
}

void KeysPage::exportPublicKey()
{
    Q_EMIT showRequested();
    const std::optional<KeyInfo> key = selectedKey();
    if (!key || !m_store)
        return;
    const QString suggested = QDir::home().filePath(key->name + QStringLiteral(".pub.pem"));
    const QString path = DialogRunner::saveFile(this, tr("Export public key of %1").arg(key->name), suggested,
                                                tr("PEM public keys (*.pem);;All files (*)"));
    if (path.isEmpty())
        return;
    const auto pub = m_store->publicKey(key->keyIdHex());
    QString error;
    if (!pub) {
        error = pub.error().toString();
    } else {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(pub->toPem()) < 0 || !file.commit())
            error = file.errorString();
    }
    if (!error.isEmpty()) {
        m_log->error(kSource, tr("Cannot export the public key of %1: %2").arg(key->name, error));
        DialogRunner::warn(this, tr("Export public key"),
                           tr("The public key of %1 was not written to %2:\n%3")
                               .arg(key->name, QDir::toNativeSeparators(path), error));
        return;
    }
    m_log->info(kSource, tr("Exported the public key of %1 to %2 (%3)")
                             .arg(key->name, QDir::toNativeSeparators(path), keycommands::exportPublic(key->name, path)));
}

void KeysPage::setDefaultForProduct()
{
    Q_EMIT showRequested();
    const std::optional<KeyInfo> key = selectedKey();
    if (!key || !key->hasPrivateKey || !m_store)
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("keyDefaultDialog"));
    dialog.setWindowTitle(tr("Default signing key"));
    dialog.setLabelText(tr("Sign the manifests of this product with %1 by default\n(the product's previous default "
                           "key is unset):")
                            .arg(key->name));
    dialog.setComboBoxItems(products());
    dialog.setComboBoxEditable(true);
    dialog.setTextValue(QString());
    if (DialogRunner::exec(&dialog) != QDialog::Accepted)
        return;
    const QString product = dialog.textValue().trimmed();
    if (product.isEmpty())
        return;
    const Status s = m_store->setDefaultFor(key->keyIdHex(), product);
    if (!s) {
        DialogRunner::warn(this, tr("Default signing key"), s.error().toString());
        return;
    }
    m_log->info(kSource, tr("%1 is now the default signing key of %2 (%3)")
                             .arg(key->name, product, keycommands::setDefault(key->name, product)));
    refresh();
}

void KeysPage::renameKey()
{
    Q_EMIT showRequested();
    const std::optional<KeyInfo> key = selectedKey();
    if (!key || !m_store)
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("keyRenameDialog"));
    dialog.setWindowTitle(tr("Rename key"));
    const QString label = tr("New name for %1 (the key id stays %2):").arg(key->name, KeyTableModel::shortFingerprint(key->keyId));
    dialog.setLabelText(label);
    dialog.setTextValue(key->name);
    // On an error (name taken) the dialog comes back with the error and what was typed.
    while (DialogRunner::exec(&dialog) == QDialog::Accepted) {
        const QString name = dialog.textValue().trimmed();
        if (name == key->name)
            return;
        const Status s = name.isEmpty() ? Status(fail(ErrorCode::InvalidArgument, tr("The name cannot be empty.")))
                                        : m_store->rename(key->keyIdHex(), name);
        if (s) {
            m_log->info(kSource, tr("Renamed key %1 to %2").arg(key->name, name));
            refresh();
            return;
        }
        dialog.setLabelText(s.error().message() + QStringLiteral("\n\n") + label);
    }
}

void KeysPage::removeKey()
{
    Q_EMIT showRequested();
    const std::optional<KeyInfo> key = selectedKey();
    if (!key || !m_store || m_busy)
        return;
    const QString what = tr("%1 (%2, key id %3)")
                             .arg(key->name, KeyTableModel::typeText(key->type), KeyTableModel::shortFingerprint(key->keyId));
    const QString text =
        key->hasPrivateKey
            ? tr("Delete the signing key %1?\n\nSignatures made with it can no longer be produced: its private key "
                 "file is deleted from this workspace and cannot be restored. Devices and servers that trust "
                 "its public key keep accepting what it signed before.")
                  .arg(what)
            : tr("Delete the public key %1?\n\nManifests signed with it can no longer be verified in this "
                 "workspace.")
                  .arg(what);
    if (!DialogRunner::confirm(this, tr("Delete key"), text, tr("Delete Key")))
        return;
    const Status s = m_store->remove(key->keyIdHex());
    if (!s) {
        m_log->error(kSource, tr("Cannot delete key %1: %2").arg(key->name, s.error().toString()));
        DialogRunner::warn(this, tr("Delete key"), s.error().toString());
    } else {
        m_log->info(kSource, tr("Deleted key %1 (%2)").arg(what, keycommands::remove(key->name)));
    }
    m_table->clearSelection();
    refresh();
}

void KeysPage::copy()
{
    const std::optional<KeyInfo> key = selectedKey();
    if (key)
        QApplication::clipboard()->setText(
            QStringList{key->name, crypto::keyTypeName(key->type), key->keyIdHex()}.join(u'\t'));
}

} // namespace otadesk::ui
