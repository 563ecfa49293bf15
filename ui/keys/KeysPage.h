#pragma once
// The Keys page: the signing keys of the workspace (table + details with the public key PEM) and the actions
// on them — generate, import, export the public key, change the passphrase, set as a product's default,
// rename, delete. Work that runs scrypt (generate, import, change passphrase) runs on a worker thread while
// its dialog stays open; every action carries its `otactl key …` equivalent in its tooltip and status tip.
#include "core/common/ActivityLog.h"
#include "core/crypto/KeyStore.h"

#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;

namespace otadesk::ui {

class KeyDetails;
class KeyFormDialog;
class KeyTableModel;

class KeysPage : public QWidget
{
    Q_OBJECT
public:
    explicit KeysPage(ActivityLog *log, QWidget *parent = nullptr);
    ~KeysPage() override;

    void setWorkspace(const QString &path);
    QString workspacePath() const { return m_workspacePath; }
    // Products offered in "default for" choices (e.g. those of the firmware library).
    void setProductProvider(std::function<QStringList()> provider) { m_products = std::move(provider); }

    KeyTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    KeyDetails *details() const { return m_details; }
    QLabel *emptyHint() const { return m_emptyHint; }
    bool isShowingEmptyHint() const;
    std::optional<crypto::KeyInfo> selectedKey() const;
    void selectKeyId(const QByteArray &keyId);
    int keyCount() const;
    bool isBusy() const { return m_busy; }

    QAction *generateAction() const { return m_generate; }
    QAction *importAction() const { return m_import; }
    QAction *exportAction() const { return m_export; }
    QAction *passphraseAction() const { return m_passphrase; }
    QAction *defaultAction() const { return m_default; }
    QAction *renameAction() const { return m_rename; }
    QAction *removeAction() const { return m_remove; }
    QAction *refreshAction() const { return m_refresh; }
    QList<QAction *> keyActions() const;

public Q_SLOTS:
    void refresh();
    void generateKey();
    void importKey();
    void exportPublicKey();
    void changePassphrase();
    void setDefaultForProduct();
    void renameKey();
    void removeKey();
    void copy(); // the selected key's name, type and key id, tab-separated

Q_SIGNALS:
    void taskStarted(const QString &text);
    void taskFinished();
    void keyCountChanged(int count);
    void showRequested(); // an action started from a menu wants the page on screen

private:
    void createActions();
    void updateActions();
    void onSelectionChanged();
    void fitColumns();
    // Runs a dialog that changes the store; true if it succeeded (the store's result in dialog->key()).
    bool runKeyDialog(KeyFormDialog *dialog);
    QStringList takenNames() const;
    QStringList products() const;

    ActivityLog *m_log;
    QString m_workspacePath;
    std::unique_ptr<crypto::KeyStore> m_store;
    std::function<QStringList()> m_products;
    bool m_busy = false;

    KeyTableModel *m_model;
    QStackedWidget *m_tableStack;
    QTableView *m_table;
    QLabel *m_emptyHint;
    KeyDetails *m_details;

    QAction *m_generate = nullptr;
    QAction *m_import = nullptr;
    QAction *m_export = nullptr;
    QAction *m_passphrase = nullptr;
    QAction *m_default = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_refresh = nullptr;
};

} // namespace otadesk::ui
