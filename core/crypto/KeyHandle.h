#pragma once
// The shared inside of PublicKey and PrivateKey: one EVP_PKEY and its type. Internal to core/crypto.
#include "core/crypto/Key.h"
#include "core/crypto/OpenSsl.h"

namespace otadesk::crypto {

struct PublicKey::Handle
{
    ossl::Pkey pkey;
    KeyType type = KeyType::EcdsaP256;
};

// The type of a key OpenSSL loaded, or Unsupported naming what it is ("RSA", "EC secp384r1", ...).
Result<KeyType> keyTypeOf(EVP_PKEY *pkey);

} // namespace otadesk::crypto
