#pragma once
// Streams a byte range of a file into a socket with bounded memory: it refills the socket's buffer from the
// file in kChunkBytes pieces whenever less than kHighWaterBytes are waiting to be sent. Owned by the socket: a
// client that disconnects ends the pump; its HttpConnection reads the next request when the pump is gone.
#include <QFile>
#include <QObject>

class QTcpSocket;

namespace otadesk::server {

class FilePump : public QObject
{
    Q_OBJECT
public:
    // Takes over an open file positioned anywhere; sends [offset, offset+length).
    static bool start(QTcpSocket *socket, const QString &path, qint64 offset, qint64 length);

    static constexpr qint64 kChunkBytes = 256 * 1024;
    static constexpr qint64 kHighWaterBytes = 1024 * 1024;

private:
    FilePump(QTcpSocket *socket, qint64 length);
    void pump();

    QTcpSocket *m_socket;
    QFile m_file;
    qint64 m_left;
};

} // namespace otadesk::server
