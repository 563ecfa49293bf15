#pragma once
// The filter text box of the Devices view with its instant checks: every edit is parsed locally with
// fleet::Filter (a mistake turns the box red and names the column below it, and nothing is sent), a valid
// filter is counted on the server after a short pause ("12,345 of 1,000,000 devices"), Enter applies it.
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;

namespace otadesk::client {
class ApiClient;
class ApiCall;
} // namespace otadesk::client

namespace otadesk::ui {

class DeviceFilterBar : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kCountDelayMs = 250;

    explicit DeviceFilterBar(QWidget *parent = nullptr);

    void setClient(client::ApiClient *client); // nullptr: not connected
    QString text() const;
    // Sets the text (as if typed, without applying it).
    void setText(const QString &text);
    bool isValid() const { return m_valid; }
    QString errorText() const;
    int errorColumn() const { return m_errorColumn; } // 1-based, 0 when valid
    qint64 matchCount() const { return m_count; }    // -1 while unknown
    qint64 fleetTotal() const { return m_total; }    // -1 while unknown
    int countRequests() const { return m_countRequests; }
    bool isCounting() const { return bool(m_countCall) || bool(m_totalCall); }

    QLineEdit *field() const { return m_field; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *countLabel() const { return m_countLabel; }

public Q_SLOTS:
    // Counts again (the fleet total too), e.g. after an import.
    void recount();
    // Applies the text when it is valid (what Enter does).
    void apply();

Q_SIGNALS:
    void applied(const QString &filter);
    void edited(const QString &filter); // every change of the text, valid or not
    void validityChanged(bool valid);

private:
    void validate();
    void countNow();
    void showError(const QString &message, int column);
    void updateCountLabel();

    QPointer<client::ApiClient> m_client;
    QLineEdit *m_field;
    QLabel *m_error;
    QLabel *m_countLabel;
    QTimer *m_countTimer;
    QPointer<client::ApiCall> m_countCall;
    QPointer<client::ApiCall> m_totalCall;
    bool m_valid = true;
    int m_errorColumn = 0;
    qint64 m_count = -1;
    qint64 m_total = -1;
    int m_countRequests = 0;
    quint64 m_generation = 0;
};

} // namespace otadesk::ui
