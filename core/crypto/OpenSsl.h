#pragma once
// Internal helpers around OpenSSL for core/crypto: owning pointers, memory BIOs and the error queue. Not part of
// the library's interface; include only from core/crypto/*.cpp.
#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

namespace otadesk::crypto::ossl {

struct PkeyFree { void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); } };
struct PkeyCtxFree { void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); } };
struct MdCtxFree { void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); } };
struct BioFree { void operator()(BIO *p) const { BIO_free(p); } };
struct EcdsaSigFree { void operator()(ECDSA_SIG *p) const { ECDSA_SIG_free(p); } };

using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, EcdsaSigFree>;

// A read-only memory BIO over data (which must outlive it).
Bio readBio(QByteArrayView data);
Bio writeBio();
// Everything written into a memory BIO so far.
QByteArray bioContents(BIO *bio);

// Empties OpenSSL's per-thread error queue; returns its entries joined by "; " (empty if there were none).
QString takeErrors();
// Discards the error queue (after an expected failure, e.g. a wrong passphrase).
void clearErrors();

} // namespace otadesk::crypto::ossl
