#pragma once
// The status bar's server part: "server · tenant · role" while connected, "Not connected" otherwise, and a
// red "TLS not verified" mark while the insecure opt-out is in use. Clicking it shows the Server page.
#include <QWidget>

class QLabel;

namespace otadesk::ui {

class ServerConnection;

class ServerStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ServerStatusWidget(ServerConnection *connection, QWidget *parent = nullptr);
    QString text() const;
    bool isShowingInsecureMark() const;

Q_SIGNALS:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void update();

    ServerConnection *m_connection;
    QLabel *m_label;
    QLabel *m_insecure;
};

} // namespace otadesk::ui
