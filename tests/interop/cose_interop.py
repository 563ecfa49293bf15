#!/usr/bin/env python3
"""Independent COSE_Sign1 check for OTA Desk's CBOR/COSE code (cbor2 + cryptography, no shared code).

  cose_interop.py verify PUBLIC.pem SIGN1.cbor PAYLOAD.bin   exit 0 if the signature is valid, 1 if not
  cose_interop.py sign ec|ed OUTDIR PAYLOAD.bin              writes OUTDIR/public.pem and OUTDIR/sign1.cbor
                                                              (tagged, detached payload)
  cose_interop.py envelope ENVELOPE.suit [PUBLIC.pem]         SUIT envelope: canonical CBOR (key 2 before 3),
                                                              manifest digest over the bstr with its header,
                                                              severed members' digests, and with a key every
                                                              COSE_Sign1 block; exit 0 if all hold, 1 if not
Exit code 2 on usage errors, 3 if cbor2/cryptography are missing.
"""
import sys

try:
    import cbor2
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
except ImportError as e:  # pragma: no cover
    print(f"missing module: {e}", file=sys.stderr)
    sys.exit(3)


def sig_structure(protected: bytes, payload: bytes, aad: bytes = b"") -> bytes:
    return cbor2.dumps(["Signature1", protected, aad, payload])


def verify(pem_path, cose_path, payload_path):
    key = serialization.load_pem_public_key(open(pem_path, "rb").read())
    obj = cbor2.loads(open(cose_path, "rb").read())
    if isinstance(obj, cbor2.CBORTag):
        if obj.tag != 18:
            print(f"unexpected tag {obj.tag}", file=sys.stderr)
            return 1
        obj = obj.value
    protected, unprotected, payload, signature = obj
    if payload is None:
        payload = open(payload_path, "rb").read()
    alg = cbor2.loads(protected).get(1) if protected else None
    tbs = sig_structure(protected, payload)
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            if alg not in (-7, -9) or len(signature) != 64:
                print(f"alg {alg} / signature length {len(signature)} unexpected for P-256", file=sys.stderr)
                return 1
            r = int.from_bytes(signature[:32], "big")
            s = int.from_bytes(signature[32:], "big")
            key.verify(encode_dss_signature(r, s), tbs, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, ed25519.Ed25519PublicKey):
            if alg not in (-8, -19):
                print(f"alg {alg} unexpected for Ed25519", file=sys.stderr)
                return 1
            key.verify(signature, tbs)
        else:
            print("unsupported key type", file=sys.stderr)
            return 2
    except InvalidSignature:
        print("signature invalid", file=sys.stderr)
        return 1
    print(f"valid alg {alg}")
    return 0


def sign(kind, outdir, payload_path):
    payload = open(payload_path, "rb").read()
    if kind == "ec":
        key = ec.generate_private_key(ec.SECP256R1())
        alg = -9
    else:
        key = ed25519.Ed25519PrivateKey.generate()
        alg = -19
    protected = cbor2.dumps({1: alg})
    tbs = sig_structure(protected, payload)
    if kind == "ec":
        r, s = decode_dss_signature(key.sign(tbs, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        signature = key.sign(tbs)
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    open(f"{outdir}/public.pem", "wb").write(pem)
    open(f"{outdir}/sign1.cbor", "wb").write(cbor2.dumps(cbor2.CBORTag(18, [protected, {}, None, signature])))
    return 0


def canonical(value) -> bytes:
    return cbor2.dumps(value, canonical=True)


def suit_digest_ok(digest_cbor, data: bytes) -> bool:
    alg, expected = cbor2.loads(digest_cbor) if isinstance(digest_cbor, bytes) else digest_cbor
    if alg != -16:
        print(f"digest algorithm {alg} not SHA-256", file=sys.stderr)
        return False
    h = hashes.Hash(hashes.SHA256())
    h.update(data)
    return h.finalize() == expected


def envelope(path, pem_path=None):
    raw = open(path, "rb").read()
    obj = cbor2.loads(raw)
    env = obj.value if isinstance(obj, cbor2.CBORTag) and obj.tag == 107 else obj
    if not isinstance(env, dict) or 2 not in env or 3 not in env:
        print("not a SUIT envelope", file=sys.stderr)
        return 1
    keys = list(env.keys())
    if keys.index(2) > keys.index(3):
        print("key 3 before key 2", file=sys.stderr)
        return 1
    # Canonical apart from the SUIT exception: re-encode with 2 and 3 first, the rest in canonical order.
    rest = {k: v for k, v in env.items() if k not in (2, 3)}
    head = cbor2.dumps(2) + cbor2.dumps(env[2]) + cbor2.dumps(3) + cbor2.dumps(env[3])
    body = canonical(rest)[1:] if rest else b""
    expected = bytes([0xa0 + len(env)]) + head + body
    if isinstance(obj, cbor2.CBORTag):
        expected = bytes([0xd8, 0x6b]) + expected
    if len(env) < 24 and expected != raw:
        print("envelope is not deterministically encoded", file=sys.stderr)
        return 1
    manifest = cbor2.loads(env[3])
    if canonical(manifest) != env[3]:
        print("manifest is not deterministically encoded", file=sys.stderr)
        return 1
    auth = cbor2.loads(env[2])
    if not suit_digest_ok(auth[0], cbor2.dumps(env[3])):
        print("manifest digest mismatch", file=sys.stderr)
        return 1
    for key in (16, 20, 23):
        if key in manifest and not isinstance(manifest[key], bytes):
            if key not in env or not suit_digest_ok(manifest[key], cbor2.dumps(env[key])):
                print(f"severed member {key} digest mismatch", file=sys.stderr)
                return 1
    signatures = 0
    if pem_path:
        key = serialization.load_pem_public_key(open(pem_path, "rb").read())
        for block in auth[1:]:
            sign1 = cbor2.loads(block)
            if not isinstance(sign1, cbor2.CBORTag) or sign1.tag != 18:
                continue
            protected, _, payload, signature = sign1.value
            if payload is not None:
                print("payload not detached", file=sys.stderr)
                return 1
            alg = cbor2.loads(protected).get(1)
            tbs = sig_structure(protected, auth[0])  # the SUIT_Digest encoding; Sig_structure wraps it in a bstr
            try:
                if isinstance(key, ec.EllipticCurvePublicKey) and alg in (-7, -9) and len(signature) == 64:
                    r = int.from_bytes(signature[:32], "big")
                    s = int.from_bytes(signature[32:], "big")
                    key.verify(encode_dss_signature(r, s), tbs, ec.ECDSA(hashes.SHA256()))
                elif isinstance(key, ed25519.Ed25519PublicKey) and alg in (-8, -19):
                    key.verify(signature, tbs)
                else:
                    continue
            except InvalidSignature:
                print("signature invalid", file=sys.stderr)
                return 1
            signatures += 1
        if signatures == 0:
            print("no signature by that key", file=sys.stderr)
            return 1
    print(f"envelope ok, {signatures} signature(s)")
    return 0


def main(argv):
    if len(argv) in (3, 4) and argv[1] == "envelope":
        return envelope(argv[2], argv[3] if len(argv) == 4 else None)
    if len(argv) == 5 and argv[1] == "verify":
        return verify(argv[2], argv[3], argv[4])
    if len(argv) == 5 and argv[1] == "sign" and argv[2] in ("ec", "ed"):
        return sign(argv[2], argv[3], argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
