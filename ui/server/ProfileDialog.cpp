#include "ui/server/ProfileDialog.h"

#include "ui/server/TokenVault.h"
#include "ui/shell/DialogRunner.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace otadesk::ui {

namespace {
const QString kWarningStyle = QStringLiteral("QLabel { background: #fdf0d5; color: #5c3c00; border: 1px solid #e0b050; "
                                             "border-radius: 3px; padding: 6px; }");
} // namespace

ProfileDialog::ProfileDialog(ConnectionProfiles *profiles, const std::optional<ConnectionProfile> &existing,
                             QWidget *parent)
    : QDialog(parent), m_profiles(profiles), m_name(new QLineEdit), m_url(new QLineEdit), m_ca(new QLineEdit),
      m_insecure(new QCheckBox(tr("Do not verify the server's TLS certificate (insecure)"))),
      m_insecureWarning(new QLabel), m_token(new QLineEdit), m_keychainNote(new QLabel), m_problem(new QLabel)
{
    setObjectName(QStringLiteral("profileDialog"));
    setWindowTitle(existing ? tr("Edit Server Profile") : tr("New Server Profile"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_url->setObjectName(QStringLiteral("profileUrl"));
    m_url->setPlaceholderText(tr("https://updates.example.com:8443"));
    m_ca->setObjectName(QStringLiteral("profileCaCertificate"));
    m_ca->setPlaceholderText(tr("Optional: PEM file of a certificate to trust, e.g. server.crt"));
    m_insecure->setObjectName(QStringLiteral("profileInsecure"));
    m_insecureWarning->setObjectName(QStringLiteral("profileInsecureWarning"));
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setStyleSheet(kWarningStyle);
    m_insecureWarning->setText(tr("<b>Certificate checks are off.</b> Anybody on the network path can read the "
                                  "token and change what the server sends. Use this only for a self-signed local "
                                  "test server; trusting its certificate (CA certificate file) is safer."));
    m_token->setObjectName(QStringLiteral("profileToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(existing ? tr("Leave empty to keep the stored token") : tr("otd_…"));
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setText(tr("Checking the OS keychain…"));
    m_problem->setObjectName(QStringLiteral("profileProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c01c28; }"));
    m_problem->hide();

    auto *browse = new QToolButton;
    browse->setText(tr("Browse…"));
    browse->setObjectName(QStringLiteral("profileCaBrowse"));
    connect(browse, &QToolButton::clicked, this, &ProfileDialog::chooseCaFile);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_ca, 1);
    caRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Server &URL:"), m_url);
    auto *caLabel = new QLabel(tr("&CA certificate:"));
    caLabel->setBuddy(m_ca);
    form->addRow(caLabel, caRow);
    form->addRow(QString(), m_insecure);
    form->addRow(QString(), m_insecureWarning);
    form->addRow(tr("API &token:"), m_token);
    form->addRow(QString(), m_keychainNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("profileSave"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfileDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);

    if (existing) {
        m_previousName = existing->name;
        m_hadSettingsToken = existing->tokenInSettings;
        m_name->setText(existing->name);
        m_url->setText(existing->url);
        m_ca->setText(existing->caCertificateFile);
        m_insecure->setChecked(existing->insecure);
    }
    connect(m_insecure, &QCheckBox::toggled, this, &ProfileDialog::updateInsecureWarning);
    updateInsecureWarning();

    m_profiles->vault()->probe([self = QPointer<ProfileDialog>(this)](Status st) {
        if (self)
            self->showKeychainState(st ? QString() : st.error().message());
    });
}

void ProfileDialog::showKeychainState(const QString &fallbackReason)
{
    m_probeDone = true;
    if (fallbackReason.isEmpty()) {
        m_keychainNote->setStyleSheet({});
        m_keychainNote->setText(m_hadSettingsToken
                                    ? tr("The token of this profile is in the settings file; saving moves it to "
                                         "the OS keychain.")
                                    : tr("The token is kept in the OS keychain."));
        return;
    }
    m_keychainNote->setStyleSheet(kWarningStyle);
    m_keychainNote->setText(tr("<b>The token will be stored unencrypted</b> in %1, because %2.")
                                .arg(QDir::toNativeSeparators(m_profiles->settingsFile()).toHtmlEscaped(),
                                     fallbackReason.toHtmlEscaped()));
}

void ProfileDialog::updateInsecureWarning() { m_insecureWarning->setVisible(m_insecure->isChecked()); }

void ProfileDialog::chooseCaFile()
{
    const QStringList files = DialogRunner::openFiles(this, tr("CA Certificate"), QFileInfo(m_ca->text()).absolutePath(),
                                                      tr("PEM certificates (*.crt *.pem *.cer);;All files (*)"));
    if (!files.isEmpty())
        m_ca->setText(files.first());
}

ConnectionProfile ProfileDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.url = m_url->text().trimmed();
    p.caCertificateFile = m_ca->text().trimmed();
    p.insecure = m_insecure->isChecked();
    return p;
}

QString ProfileDialog::token() const { return m_token->text().trimmed(); }

void ProfileDialog::accept()
{
    const ConnectionProfile p = profile();
    QString problem;
    if (p.name.isEmpty())
        problem = tr("Give the profile a name.");
    else if (p.name != m_previousName && m_profiles->contains(p.name))
        problem = tr("A profile named \"%1\" exists already.").arg(p.name);
    else if (auto url = client::ServerEndpoint::parseUrl(p.url); !url)
        problem = url.error().message();
    else if (m_previousName.isEmpty() && token().isEmpty())
        problem = tr("Enter the API token (otd_…) the server's administrator gave you, or create one with "
                     "\"otactl server token\".");
    else if (!token().isEmpty() && !token().startsWith(QLatin1String("otd_")))
        problem = tr("API tokens start with \"otd_\".");
    else if (Status valid = [&] {
                 client::ServerEndpoint e = p.endpoint();
                 return e.validate();
             }();
             !valid)
        problem = valid.error().message();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        QDialog::accept();
}

} // namespace otadesk::ui
