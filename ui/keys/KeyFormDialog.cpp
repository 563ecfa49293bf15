#include "ui/keys/KeyFormDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace otadesk::ui {

KeyFormDialog::KeyFormDialog(QString workspacePath, QWidget *parent)
    : QDialog(parent), m_workspacePath(std::move(workspacePath)), m_form(new QFormLayout), m_error(new QLabel),
      m_cli(new QLabel), m_busy(new QProgressBar),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_error->setObjectName(QStringLiteral("keyDialogError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e; font-weight: bold;"));
    m_error->hide();
    m_cli->setObjectName(QStringLiteral("keyDialogCommandLine"));
    m_cli->setWordWrap(true);
    m_cli->setTextFormat(Qt::PlainText);
    m_cli->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cli->setEnabled(false);
    m_busy->setObjectName(QStringLiteral("keyDialogBusy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(10);
    m_busy->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("keyDialogOk"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("keyDialogCancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &KeyFormDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &KeyFormDialog::reject);
}

KeyFormDialog::~KeyFormDialog() = default; // m_task (a child) waits for its thread

void KeyFormDialog::finishLayout(const QString &okText)
{
    m_buttons->button(QDialogButtonBox::Ok)->setText(okText);
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addSpacing(4);
    layout->addWidget(m_error);
    layout->addWidget(m_busy);
    layout->addWidget(m_cli);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    updateOk();
}

QString KeyFormDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

bool KeyFormDialog::canAccept() const { return m_buttons->button(QDialogButtonBox::Ok)->isEnabled(); }

void KeyFormDialog::setCommandLine(const QString &line)
{
    m_cli->setText(tr("Command line: %1").arg(line));
}

void KeyFormDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void KeyFormDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_task && validate().isEmpty());
}

void KeyFormDialog::accept()
{
    if (m_task)
        return;
    const QString problem = validate();
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    showError({});
    m_task = new KeyTask(m_workspacePath, work(), this);
    connect(m_task, &KeyTask::finished, this, &KeyFormDialog::onFinished);
    setInputsEnabled(false);
    m_buttons->setEnabled(false);
    m_busy->show();
    Q_EMIT taskStarted(busyText());
    m_task->start();
}

void KeyFormDialog::onFinished()
{
    const Result<crypto::KeyInfo> result = *m_task->result();
    delete m_task;
    m_task = nullptr;
    m_busy->hide();
    m_buttons->setEnabled(true);
    setInputsEnabled(true);
    Q_EMIT taskFinished();
    if (result) {
        m_key = *result;
        clearSecrets();
        QDialog::accept();
        return;
    }
    showError(result.error().message());
    failed(result.error());
    updateOk();
}

void KeyFormDialog::reject()
{
    if (m_task)
        return; // the operation cannot be interrupted; it ends within a second or so
    clearSecrets();
    QDialog::reject();
}

} // namespace otadesk::ui
