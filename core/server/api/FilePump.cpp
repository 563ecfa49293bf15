#include "core/server/api/FilePump.h"

#include "core/common/Logging.h"

#include <QTcpSocket>

namespace otadesk::server {

FilePump::FilePump(QTcpSocket *socket, qint64 length) : QObject(socket), m_socket(socket), m_left(length) {}

bool FilePump::start(QTcpSocket *socket, const QString &path, qint64 offset, qint64 length)
{
    auto *pump = new FilePump(socket, length);
    pump->m_file.setFileName(path);
    if (!pump->m_file.open(QIODevice::ReadOnly) || !pump->m_file.seek(offset)) {
        delete pump;
        return false;
    }
    connect(socket, &QTcpSocket::bytesWritten, pump, &FilePump::pump);
    pump->pump();
    return true;
}

void FilePump::pump()
{
    while (m_left > 0 && m_socket->bytesToWrite() < kHighWaterBytes) {
        const QByteArray chunk = m_file.read(std::min(m_left, kChunkBytes));
        if (chunk.isEmpty()) {
            qCWarning(lcServer).noquote() << "cannot read" << m_file.fileName() << m_file.errorString()
                                          << "- closing the connection";
            m_socket->abort(); // the client sees a short body instead of wrong bytes
            deleteLater();
            return;
        }
        m_left -= chunk.size();
        m_socket->write(chunk);
    }
    if (m_left == 0) {
        disconnect(m_socket, nullptr, this, nullptr);
        deleteLater();
    }
}

} // namespace otadesk::server
