#include "ui/devices/DeviceImportDialog.h"

#include "ui/shell/DialogRunner.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace otadesk::ui {

namespace {
constexpr qint64 kMaxFileBytes = qint64(512) << 20; // what the server accepts in one request, roughly

QString csvField(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n'))
        return s;
    QString q = s;
    q.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + q + u'"';
}
} // namespace

DeviceImportDialog::DeviceImportDialog(client::ApiClient *client, bool mayImport, QWidget *parent)
    : QDialog(parent), m_client(client), m_mayImport(mayImport), m_pages(new QStackedWidget),
      m_file(new QLineEdit), m_update(new QCheckBox(tr("&Update devices that exist already"))),
      m_tokens(new QCheckBox(tr("Issue a device &token for each new device"))), m_tokenFile(new QLineEdit),
      m_summary(new QLabel), m_problems(new QTableWidget(0, 3)),
      m_validOnly(new QCheckBox(tr("Import only the &valid rows (skip the rows with problems)"))),
      m_result(new QLabel), m_error(new QLabel), m_backButton(new QPushButton(tr("< &Back"))),
      m_previewButton(new QPushButton(tr("&Preview"))), m_importButton(new QPushButton(tr("&Import"))),
      m_closeButton(new QPushButton(tr("Cancel")))
{
    setObjectName(QStringLiteral("deviceImportDialog"));
    setWindowTitle(tr("Import Devices"));
    resize(760, 520);

    // 1. the file and the options
    auto *filePage = new QWidget;
    auto *form = new QFormLayout(filePage);
    auto *fileRow = new QHBoxLayout;
    m_file->setObjectName(QStringLiteral("importFile"));
    m_file->setPlaceholderText(tr("CSV with a header row: serial, model, hw_rev, batch, year, tags, meta.<name>…"));
    auto *browse = new QPushButton(tr("&Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QStringList files = DialogRunner::openFiles(this, tr("Devices to Import"), QDir::homePath(),
                                                          tr("Device lists (*.csv *.json);;All files (*)"));
        if (!files.isEmpty())
            m_file->setText(files.front());
    });
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("&File:"), fileRow);
    m_update->setObjectName(QStringLiteral("importUpdate"));
    m_update->setChecked(true);
    form->addRow(m_update);
    m_tokens->setObjectName(QStringLiteral("importTokens"));
    form->addRow(m_tokens);
    auto *tokenRow = new QHBoxLayout;
    m_tokenFile->setObjectName(QStringLiteral("importTokenFile"));
    m_tokenFile->setPlaceholderText(tr("CSV file for the tokens (serial,device_token)"));
    auto *browseTokens = new QPushButton(tr("B&rowse…"));
    connect(browseTokens, &QPushButton::clicked, this, [this] {
        const QString f = DialogRunner::saveFile(this, tr("Save Device Tokens"),
                                                 QDir::home().filePath(QStringLiteral("device-tokens.csv")),
                                                 tr("CSV files (*.csv)"));
        if (!f.isEmpty())
            m_tokenFile->setText(f);
    });
    tokenRow->addWidget(m_tokenFile, 1);
    tokenRow->addWidget(browseTokens);
    form->addRow(tr("Tokens &to:"), tokenRow);
    auto *note = new QLabel(tr("Device tokens are shown only once: they are written to this file and nowhere "
                               "else. Keep it safe."));
    note->setWordWrap(true);
    form->addRow(note);
    for (QWidget *w : {static_cast<QWidget *>(m_tokenFile), static_cast<QWidget *>(browseTokens),
                       static_cast<QWidget *>(note)}) {
        w->setEnabled(false);
        connect(m_tokens, &QCheckBox::toggled, w, &QWidget::setEnabled);
    }
    connect(m_file, &QLineEdit::textChanged, this, &DeviceImportDialog::updateButtons);
    connect(m_tokens, &QCheckBox::toggled, this, &DeviceImportDialog::updateButtons);
    connect(m_tokenFile, &QLineEdit::textChanged, this, &DeviceImportDialog::updateButtons);
    m_pages->addWidget(filePage);

    // 2. the dry run
    auto *previewPage = new QWidget;
    auto *pv = new QVBoxLayout(previewPage);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    pv->addWidget(m_summary);
    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Column"), tr("Problem")});
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->verticalHeader()->hide();
    m_problems->horizontalHeader()->setStretchLastSection(true);
    pv->addWidget(m_problems, 1);
    m_validOnly->setObjectName(QStringLiteral("importValidOnly"));
    connect(m_validOnly, &QCheckBox::toggled, this, &DeviceImportDialog::updateButtons);
    pv->addWidget(m_validOnly);
    m_pages->addWidget(previewPage);

    // 3. the result
    auto *resultPage = new QWidget;
    auto *rv = new QVBoxLayout(resultPage);
    m_result->setObjectName(QStringLiteral("importResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rv->addWidget(m_result);
    rv->addStretch();
    m_pages->addWidget(resultPage);

    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox;
    m_previewButton->setObjectName(QStringLiteral("importPreview"));
    m_importButton->setObjectName(QStringLiteral("importRun"));
    m_backButton->setObjectName(QStringLiteral("importBack"));
    buttons->addButton(m_backButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_previewButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_importButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_closeButton, QDialogButtonBox::RejectRole);
    m_previewButton->setDefault(true);
    connect(m_previewButton, &QPushButton::clicked, this, &DeviceImportDialog::preview);
    connect(m_importButton, &QPushButton::clicked, this, &DeviceImportDialog::runImport);
    connect(m_backButton, &QPushButton::clicked, this, [this] {
        m_pages->setCurrentIndex(ChooseFile);
        updateButtons();
    });
    connect(m_closeButton, &QPushButton::clicked, this, [this] {
        if (m_call)
            m_call->abort();
        step() == Result ? accept() : reject();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    if (!m_mayImport) {
        m_error->setText(tr("Your role may not import devices (devices.import): ask an administrator or a "
                            "release manager."));
        m_error->show();
    }
    updateButtons();
}

DeviceImportDialog::Step DeviceImportDialog::step() const { return Step(m_pages->currentIndex()); }

void DeviceImportDialog::updateButtons()
{
    const Step s = step();
    const bool busy = isBusy();
    const bool tokensOk = !m_tokens->isChecked() || !m_tokenFile->text().trimmed().isEmpty();
    m_backButton->setVisible(s == Preview);
    m_previewButton->setVisible(s == ChooseFile);
    m_previewButton->setEnabled(!busy && m_mayImport && !m_file->text().trimmed().isEmpty() && tokensOk);
    m_importButton->setVisible(s == Preview);
    const qint64 good = m_report.created + m_report.updated + m_report.unchanged;
    const bool hasProblems = m_report.problemsTotal > 0;
    m_importButton->setEnabled(!busy && s == Preview && good > 0 && (!hasProblems || m_validOnly->isChecked()));
    m_importButton->setToolTip(hasProblems && !m_validOnly->isChecked()
                                   ? tr("Fix the problem rows, or choose to import only the valid rows")
                                   : QString());
    m_validOnly->setVisible(hasProblems);
    m_closeButton->setText(s == Result ? tr("Close") : tr("Cancel"));
    m_backButton->setEnabled(!busy);
}

bool DeviceImportDialog::readFile()
{
    const QString path = m_file->text().trimmed();
    QFile f(path);
    if (QFileInfo(path).size() > kMaxFileBytes) {
        m_error->setText(tr("%1 is larger than %2: split it into several files.")
                             .arg(QDir::toNativeSeparators(path), QLocale().formattedDataSize(kMaxFileBytes)));
        m_error->show();
        return false;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        m_error->setText(tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
        m_error->show();
        return false;
    }
    m_body = f.readAll();
    const QByteArray head = m_body.left(64).trimmed();
    m_json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) || head.startsWith('[') ||
             head.startsWith('{');
    return true;
}

void DeviceImportDialog::preview()
{
    m_error->hide();
    if (!readFile())
        return;
    send(true);
}

void DeviceImportDialog::runImport()
{
    m_error->hide();
    send(false);
}

void DeviceImportDialog::send(bool dryRun)
{
    client::ImportOptions options;
    options.dryRun = dryRun;
    options.update = m_update->isChecked();
    options.issueTokens = m_tokens->isChecked() && !dryRun;
    options.allOrNothing = !dryRun && !m_validOnly->isChecked();
    m_summary->setText(dryRun ? tr("Checking the file on the server (nothing is written)…") : tr("Importing…"));
    m_call = client::FleetClient(m_client).importDevices(m_body, m_json, options);
    updateButtons();
    m_call->then(this, [this, dryRun](const client::ApiCall &call) {
        m_call = nullptr;
        if (call.failed() && call.status() != 422) {
            m_error->setText(call.error().toString());
            m_error->show();
            updateButtons();
            return;
        }
        const client::ImportReport report = client::FleetClient::importReportFromJson(
            call.failed() ? call.error().details() : call.object());
        if (dryRun) {
            m_pages->setCurrentIndex(Preview);
            showReport(report);
            return;
        }
        m_report = report;
        QString text;
        if (call.failed()) {
            text = call.error().serverMessage();
        } else {
            text = tr("Imported: %1 created, %2 updated, %3 unchanged.")
                       .arg(report.created)
                       .arg(report.updated)
                       .arg(report.unchanged);
            if (report.problemsTotal > 0)
                text += u' ' + tr("%n row(s) with problems were skipped.", nullptr, int(report.problemsTotal));
            if (m_tokens->isChecked())
                text += u'\n' + writeTokens(report);
            Q_EMIT imported();
        }
        m_result->setText(text);
        m_pages->setCurrentIndex(Result);
        updateButtons();
    });
}

void DeviceImportDialog::showReport(const client::ImportReport &report)
{
    m_report = report;
    QString text = tr("%n row(s) read. ", nullptr, int(report.rows)) +
                   tr("Importing would create %1, update %2 and leave %3 unchanged.")
                       .arg(report.created)
                       .arg(report.updated)
                       .arg(report.unchanged);
    if (report.problemsTotal > 0) {
        text += u' ' + tr("%n row(s) have problems:", nullptr, int(report.problemsTotal));
        if (report.problemsTotal > report.problems.size())
            text += u' ' + tr("(the first %1 are listed)").arg(report.problems.size());
    } else {
        text += u' ' + tr("No problems found.");
    }
    m_summary->setText(text);
    m_problems->setRowCount(int(report.problems.size()));
    for (int i = 0; i < report.problems.size(); ++i) {
        const client::ImportProblem &p = report.problems[i];
        m_problems->setItem(i, 0, new QTableWidgetItem(QString::number(p.line)));
        m_problems->setItem(i, 1, new QTableWidgetItem(p.column));
        m_problems->setItem(i, 2, new QTableWidgetItem(p.message));
    }
    m_problems->setVisible(report.problemsTotal > 0);
    m_problems->resizeColumnsToContents();
    updateButtons();
}

QString DeviceImportDialog::writeTokens(const client::ImportReport &report)
{
    const QString path = m_tokenFile->text().trimmed();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error->setText(tr("Cannot write the device tokens to %1: %2. They cannot be shown again; issue new ones "
                            "with \"otactl devices token SERIAL\".")
                             .arg(QDir::toNativeSeparators(path), file.errorString()));
        m_error->show();
        return {};
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QByteArray out = "serial,device_token\n";
    for (const auto &[serial, token] : report.tokens)
        out += csvField(serial).toUtf8() + ',' + token.toUtf8() + '\n';
    file.write(out);
    if (!file.commit()) {
        m_error->setText(tr("Cannot write the device tokens to %1: %2").arg(QDir::toNativeSeparators(path),
                                                                           file.errorString()));
        m_error->show();
        return {};
    }
    return tr("%n device token(s) saved to %1.", nullptr, int(report.tokens.size()))
        .arg(QDir::toNativeSeparators(path));
}

} // namespace otadesk::ui
