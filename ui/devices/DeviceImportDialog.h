#pragma once
// The device import wizard: pick a CSV (or JSON) file → preview with the server's dry run (how many devices
// would be created / updated / left unchanged, and every problem row with its line, column and message) →
// import, optionally only the valid rows → the result, with the issued device tokens saved to a CSV file when
// the user asked for tokens. Nothing is written before "Import" is pressed.
#include "core/client/FleetClient.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace otadesk::ui {

class DeviceImportDialog : public QDialog
{
    Q_OBJECT
public:
    enum Step { ChooseFile, Preview, Result };
    DeviceImportDialog(client::ApiClient *client, bool mayImport, QWidget *parent = nullptr);

    Step step() const;
    bool isBusy() const { return bool(m_call); }
    const client::ImportReport &report() const { return m_report; }

    QLineEdit *fileField() const { return m_file; }
    QCheckBox *updateBox() const { return m_update; }
    QCheckBox *tokensBox() const { return m_tokens; }
    QLineEdit *tokenFileField() const { return m_tokenFile; }
    QCheckBox *validOnlyBox() const { return m_validOnly; }
    QTableWidget *problemsTable() const { return m_problems; }
    QLabel *summary() const { return m_summary; }
    QLabel *resultLabel() const { return m_result; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *previewButton() const { return m_previewButton; }
    QPushButton *importButton() const { return m_importButton; }

public Q_SLOTS:
    void preview();
    void runImport();

Q_SIGNALS:
    void imported(); // devices were written (the table should refresh)

private:
    void send(bool dryRun);
    void showReport(const client::ImportReport &report);
    void updateButtons();
    bool readFile();
    QString writeTokens(const client::ImportReport &report);

    client::ApiClient *m_client;
    bool m_mayImport;
    QByteArray m_body;
    bool m_json = false;
    client::ImportReport m_report;
    QPointer<client::ApiCall> m_call;
    QStackedWidget *m_pages;
    QLineEdit *m_file;
    QCheckBox *m_update;
    QCheckBox *m_tokens;
    QLineEdit *m_tokenFile;
    QLabel *m_summary;
    QTableWidget *m_problems;
    QCheckBox *m_validOnly;
    QLabel *m_result;
    QLabel *m_error;
    QPushButton *m_backButton;
    QPushButton *m_previewButton;
    QPushButton *m_importButton;
    QPushButton *m_closeButton;
};

} // namespace otadesk::ui
