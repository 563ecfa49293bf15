#!/usr/bin/env python3
"""Independent COSE_Sign1 check for OTA Desk's CBOR/COSE code (cbor2 + cryptography, no shared code).

  cose_interop.py verify PUBLIC.pem SIGN1.cbor PAYLOAD.bin   exit 0 if the signature is valid, 1 if not
  cose_interop.py sign ec|ed OUTDIR PAYLOAD.bin              writes OUTDIR/public.pem and OUTDIR/sign1.cbor
                                                              (tagged, detached payload)
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


def main(argv):
    if len(argv) == 5 and argv[1] == "verify":
        return verify(argv[2], argv[3], argv[4])
    if len(argv) == 5 and argv[1] == "sign" and argv[2] in ("ec", "ed"):
        return sign(argv[2], argv[3], argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
