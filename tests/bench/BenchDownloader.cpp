#include "BenchDownloader.h"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <cstring>
#include <netinet/in.h>
#include <QString>
#include <string>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace otadesk::bench {

namespace {
using Clock = std::chrono::steady_clock;

struct ConnectionStats
{
    qint64 bytes = 0;
    qint64 requests = 0;
    qint64 failures = 0;
    std::vector<double> latenciesMs;
    QString error;
};

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{120, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool sendAll(int fd, const QByteArray &data)
{
    for (qsizetype sent = 0; sent < data.size();) {
        const ssize_t n = ::send(fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

// "content-length: 123" anywhere in the lower-cased head; -1 if absent.
qint64 contentLength(const std::string &lowerHead)
{
    const size_t at = lowerHead.find("\r\ncontent-length:");
    return at == std::string::npos ? -1 : std::atoll(lowerHead.c_str() + at + 17);
}

// One response on the connection; false when the connection is unusable (error in stats.error).
bool fetchOne(int fd, const QByteArray &request, Clock::time_point deadline, std::vector<char> &buf,
              ConnectionStats &stats, bool *keepAlive)
{
    const auto started = Clock::now();
    if (!sendAll(fd, request)) {
        stats.error = QStringLiteral("send failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    std::string head;
    size_t headEnd = std::string::npos;
    while (headEnd == std::string::npos) {
        const ssize_t n = ::recv(fd, buf.data(), 64 * 1024, 0);
        if (n <= 0) {
            stats.error =
                n == 0 ? QStringLiteral("connection closed before a response")
                       : QStringLiteral("recv failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        stats.bytes += n;
        head.append(buf.data(), size_t(n));
        headEnd = head.find("\r\n\r\n");
    }
    std::string lower = head.substr(0, headEnd + 2);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    const int status = std::atoi(lower.c_str() + lower.find(' ') + 1);
    const qint64 length = contentLength(lower);
    if (length < 0) {
        stats.error = QStringLiteral("HTTP %1 without Content-Length").arg(status);
        return false;
    }
    *keepAlive = lower.find("\r\nconnection: close") == std::string::npos;
    qint64 left = length - qint64(head.size() - headEnd - 4);
    while (left > 0) {
        if (Clock::now() >= deadline)
            return false; // cut off at the end of the run: its bytes count, the request does not
        const ssize_t n = ::recv(fd, buf.data(), size_t(std::min<qint64>(left, qint64(buf.size()))), 0);
        if (n <= 0) {
            stats.error = QStringLiteral("body ended %1 bytes early").arg(left);
            return false;
        }
        stats.bytes += n;
        left -= n;
    }
    if (status != 200) {
        ++stats.failures;
        stats.error = QStringLiteral("HTTP %1").arg(status);
        return false;
    }
    ++stats.requests;
    stats.latenciesMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    return true;
}

void worker(const DownloadRun &run, Clock::time_point deadline, ConnectionStats &stats)
{
    std::vector<char> buf(size_t(1) << 20);
    QByteArray request =
        "GET " + run.path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(run.port) + "\r\n";
    if (!run.token.isEmpty())
        request += "Authorization: Bearer " + run.token + "\r\n";
    request += "\r\n";
    int fd = -1;
    while (Clock::now() < deadline) {
        if (fd < 0 && (fd = connectTo(run.port)) < 0) {
            ++stats.failures;
            stats.error = QStringLiteral("cannot connect to port %1").arg(run.port);
            return;
        }
        bool keepAlive = true;
        if (!fetchOne(fd, request, deadline, buf, stats, &keepAlive)) {
            if (Clock::now() < deadline)
                ++stats.failures;
            break;
        }
        if (!keepAlive) {
            ::close(fd);
            fd = -1;
        }
    }
    if (fd >= 0)
        ::close(fd);
}

double selfCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double sumCpu(const QList<qint64> &pids)
{
    double total = 0;
    for (qint64 pid : pids)
        total += cpuSeconds(pid);
    return total;
}
} // namespace

WrkResult runDownloads(const DownloadRun &run)
{
    WrkResult result;
    std::vector<ConnectionStats> stats(size_t(run.connections));
    const double client0 = selfCpuSeconds(), server0 = sumCpu(run.serverPids), nginx0 = sumCpu(run.nginxPids);
    const auto started = Clock::now();
    const auto deadline = started + std::chrono::seconds(run.seconds);
    std::vector<std::thread> threads;
    for (ConnectionStats &s : stats)
        threads.emplace_back(worker, std::cref(run), deadline, std::ref(s));
    while (Clock::now() < deadline) {
        if (run.rssPid)
            result.peakRssKiB = std::max(result.peakRssKiB, statusKiB(run.rssPid, "VmRSS"));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (std::thread &t : threads)
        t.join();
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    result.clientCpu = selfCpuSeconds() - client0;
    result.serverCpu = sumCpu(run.serverPids) - server0;
    result.nginxCpu = sumCpu(run.nginxPids) - nginx0;
    std::vector<double> latencies;
    for (const ConnectionStats &s : stats) {
        result.bytes += s.bytes;
        result.requests += s.requests;
        result.failures += s.failures;
        latencies.insert(latencies.end(), s.latenciesMs.begin(), s.latenciesMs.end());
        if (s.failures > 0 && result.error.isEmpty())
            result.error = s.error;
    }
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.empty()) {
        result.p50Ms = latencies[latencies.size() / 2];
        result.p99Ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
        result.maxMs = latencies.back();
    }
    result.ok = true;
    return result;
}

} // namespace otadesk::bench
