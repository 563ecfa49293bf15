#pragma once
// Streaming message digests (SHA-256/384/512) through OpenSSL EVP, which uses the CPU's SHA instructions
// where present — several times faster than QCryptographicHash on large firmware files.
#include <QByteArray>
#include <QByteArrayView>
#include <memory>

class QIODevice;

namespace otadesk::crypto {

enum class DigestAlgorithm { Sha256, Sha384, Sha512 };

class Digest
{
public:
    explicit Digest(DigestAlgorithm algorithm = DigestAlgorithm::Sha256);
    ~Digest();
    Digest(const Digest &) = delete;
    Digest &operator=(const Digest &) = delete;

    void addData(QByteArrayView data);
    // Reads the device to its end in 1 MiB chunks; false if a read fails.
    bool addData(QIODevice *device);
    // The digest of everything added so far; the object can not take more data afterwards.
    QByteArray result();

    static QByteArray hash(QByteArrayView data, DigestAlgorithm algorithm = DigestAlgorithm::Sha256);
    static int size(DigestAlgorithm algorithm);

private:
    struct Context;
    std::unique_ptr<Context> d;
};

inline QByteArray sha256(QByteArrayView data) { return Digest::hash(data, DigestAlgorithm::Sha256); }

} // namespace otadesk::crypto
