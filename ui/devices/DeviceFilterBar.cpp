#include "ui/devices/DeviceFilterBar.h"

#include "core/client/FleetClient.h"
#include "core/fleet/filter/Filter.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>

namespace otadesk::ui {

DeviceFilterBar::DeviceFilterBar(QWidget *parent)
    : QWidget(parent), m_field(new QLineEdit), m_error(new QLabel), m_countLabel(new QLabel),
      m_countTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("devicesFilterBar"));
    m_field->setObjectName(QStringLiteral("devicesFilter"));
    m_field->setClearButtonEnabled(true);
    m_field->setPlaceholderText(tr("Filter, e.g. model==GW-200;year=ge=2024;fw.main=lt=2.3.0;tag==beta  (Ctrl+F)"));
    m_field->setToolTip(tr("The device filter language: field==value, =in=(a,b), =lt= =le= =gt= =ge=, ';' or "
                           "\"and\", ',' or \"or\", parentheses, * wildcards. Enter applies it."));
    m_error->setObjectName(QStringLiteral("devicesFilterError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_countLabel->setObjectName(QStringLiteral("devicesCount"));
    m_countLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_field, 0, 0);
    layout->addWidget(m_countLabel, 0, 1);
    layout->addWidget(m_error, 1, 0, 1, 2);
    layout->setColumnStretch(0, 1);

    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(kCountDelayMs);
    connect(m_countTimer, &QTimer::timeout, this, &DeviceFilterBar::countNow);
    connect(m_field, &QLineEdit::textChanged, this, &DeviceFilterBar::validate);
    connect(m_field, &QLineEdit::returnPressed, this, &DeviceFilterBar::apply);
    updateCountLabel();
}

void DeviceFilterBar::setClient(client::ApiClient *client)
{
    m_client = client;
    m_total = -1;
    m_count = -1;
    recount();
}

QString DeviceFilterBar::text() const { return m_field->text().trimmed(); }

void DeviceFilterBar::setText(const QString &text)
{
    if (m_field->text() != text)
        m_field->setText(text);
}

QString DeviceFilterBar::errorText() const { return m_valid ? QString() : m_error->text(); }

void DeviceFilterBar::validate()
{
    auto parsed = fleet::Filter::parse(text());
    const bool wasValid = m_valid;
    if (!parsed) {
        const qint64 offset = parsed.error().where().offset;
        showError(parsed.error().message(), offset >= 0 ? int(offset) + 1 : 1);
        m_countTimer->stop();
        if (m_countCall)
            m_countCall->abort();
        ++m_generation;
        m_count = -1;
    } else {
        showError({}, 0);
        if (m_client)
            m_countTimer->start();
    }
    updateCountLabel();
    Q_EMIT edited(text());
    if (wasValid != m_valid)
        Q_EMIT validityChanged(m_valid);
}

void DeviceFilterBar::showError(const QString &message, int column)
{
    m_valid = message.isEmpty();
    m_errorColumn = column;
    m_error->setText(message);
    m_error->setVisible(!m_valid);
    m_field->setStyleSheet(m_valid ? QString() : QStringLiteral("QLineEdit { background: #fde7e9; color: #b00020; }"));
    m_field->setToolTip(m_valid ? QString() : message);
}

void DeviceFilterBar::apply()
{
    validate();
    if (m_valid)
        Q_EMIT applied(text());
}

void DeviceFilterBar::recount()
{
    m_total = -1;
    if (m_totalCall)
        m_totalCall->abort();
    if (m_client) {
        ++m_countRequests;
        m_totalCall = client::FleetClient(m_client).countDevices(QString());
        m_totalCall->then(this, [this](const client::ApiCall &call) {
            if (call.ok())
                m_total = qint64(call.object().value(QStringLiteral("count")).toDouble());
            updateCountLabel();
        });
    }
    if (m_valid && m_client)
        countNow();
    updateCountLabel();
}

void DeviceFilterBar::countNow()
{
    if (!m_client || !m_valid)
        return;
    if (m_countCall)
        m_countCall->abort();
    const quint64 generation = ++m_generation;
    const QString filter = text();
    ++m_countRequests;
    m_countCall = client::FleetClient(m_client).countDevices(filter);
    m_countCall->then(this, [this, generation](const client::ApiCall &call) {
        if (generation != m_generation)
            return; // the text changed meanwhile
        if (call.failed()) {
            if (call.error().kind() == client::ApiError::Kind::Cancelled)
                return;
            m_count = -1;
            // The server knows more than the parser: unknown groups, for instance.
            if (call.error().code() == QLatin1String("invalid_filter"))
                showError(call.error().serverMessage(), call.error().details().value(QStringLiteral("column")).toInt());
            else
                m_countLabel->setToolTip(call.error().toString());
        } else {
            m_count = qint64(call.object().value(QStringLiteral("count")).toDouble());
            m_countLabel->setToolTip(tr("Counted in %1 ms on the server")
                                         .arg(call.object().value(QStringLiteral("elapsed_ms")).toDouble(), 0, 'f', 1));
        }
        updateCountLabel();
    });
}

void DeviceFilterBar::updateCountLabel()
{
    const QLocale locale;
    if (!m_client) {
        m_countLabel->clear();
        return;
    }
    const QString total = m_total >= 0 ? locale.toString(m_total) : QStringLiteral("…");
    if (!m_valid)
        m_countLabel->setText(tr("— of %1 devices").arg(total));
    else if (text().isEmpty() && m_total >= 0)
        m_countLabel->setText(tr("%1 devices").arg(total));
    else
        m_countLabel->setText(tr("%1 of %2 devices").arg(m_count >= 0 ? locale.toString(m_count) : QStringLiteral("…"), total));
}

} // namespace otadesk::ui
