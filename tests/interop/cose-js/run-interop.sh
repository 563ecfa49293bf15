#!/usr/bin/env bash
# CTest interop_cose_js: envelopes made by `otactl manifest create/sign` must verify with cose-js (an independent
# COSE implementation, verify.js), and a flipped signature byte must not.
#   run-interop.sh OTACTL NODE_MODULES_DIR TESTDATA_DIR
# node_modules come from `npm ci` in the build directory (scripts/test). Without them (or without node) the test
# reports SKIP (exit 77) — unless OTADESK_REQUIRE_INTEROP=1 (set by scripts/test), then it fails.
set -euo pipefail

otactl="$1"
modules="$2"
testdata="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export NODE_PATH="$modules"

missing() {
    echo "interop_cose_js: $1" >&2
    echo "  install with: cd $(dirname "$modules") && npm ci   (scripts/test does this)" >&2
    if [ "${OTADESK_REQUIRE_INTEROP:-0}" = 1 ]; then
        echo "interop_cose_js: FAILED (OTADESK_REQUIRE_INTEROP=1: the interop test must run)" >&2
        exit 1
    fi
    exit 77
}
command -v node >/dev/null || missing "node is not installed"
[ -f "$modules/cose-js/package.json" ] || missing "cose-js is not installed in $modules"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export OTADESK_WORKSPACE="$work/ws" XDG_CONFIG_HOME="$work/config" OTADESK_PASSPHRASE="interop-pass"
failures=0
check() { # check NAME EXPECTED_EXIT COMMAND...
    local name="$1" expected="$2"
    shift 2
    set +e
    "$@" >"$work/out" 2>&1
    local rc=$?
    set -e
    if [ "$rc" -eq "$expected" ]; then
        echo "PASS $name (exit $rc)"
    else
        echo "FAIL $name: exit $rc, expected $expected"
        sed 's/^/    /' "$work/out"
        failures=$((failures + 1))
    fi
}
# Flips the lowest bit of byte OFFSET_FROM of FILE into OUT (offset of the first match of HEX + DELTA).
flip() { # flip IN OUT HEX DELTA
    node -e '
        const fs = require("fs");
        const [inPath, outPath, hex, delta] = process.argv.slice(1);
        const data = fs.readFileSync(inPath);
        const at = data.indexOf(Buffer.from(hex, "hex"));
        if (at < 0) { console.error("pattern not found"); process.exit(2); }
        data[at + Number(delta)] ^= 1;
        fs.writeFileSync(outPath, data);' "$1" "$2" "$3" "$4"
}
json_field() { # json_field FILE EXPRESSION (on the parsed JSON "j")
    node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(eval(process.argv[2]));' "$1" "$2"
}

# 1. The official draft examples (ES256), independent of otactl: verify.js itself works.
for n in 0 1 2 3 4 5; do
    check "draft example$n" 0 node "$here/verify.js" "$testdata/suit/manifest-spec/example$n.signed.cbor" \
        "$testdata/suit/manifest-spec/examples_public_key.pem"
done

# 2. otactl: key, create, sign with ES256 (the algorithm cose-js knows).
firmware="$testdata/firmware/pybricks/7.27.0/cityhub/firmware-base.bin"
"$otactl" key generate interop --type ecdsa-p256 >/dev/null
"$otactl" key export interop --public --out "$work/interop.pub.pem" 2>/dev/null
"$otactl" manifest create -o "$work/unsigned.suit" --product HUB-1 --vendor-domain example.com --model cityhub \
    --sequence 1 --version 7.27.0 --component "main=file:$firmware" \
    --uri main=https://updates.example.com/cityhub/7.27.0.bin >/dev/null
"$otactl" manifest sign "$work/unsigned.suit" -o "$work/es256.suit" --product HUB-1 --key interop --alg es256 >/dev/null
check "otactl create + sign --alg es256 verifies with cose-js" 0 node "$here/verify.js" "$work/es256.suit" "$work/interop.pub.pem"
# The same key given as raw x / y coordinates.
xy="$(node -e 'const k = require("crypto").createPublicKey(require("fs").readFileSync(process.argv[1])).export({format: "jwk"});
    console.log(Buffer.from(k.x, "base64url").toString("hex") + " " + Buffer.from(k.y, "base64url").toString("hex"));' "$work/interop.pub.pem")"
check "x/y key form" 0 node "$here/verify.js" "$work/es256.suit" --x "${xy% *}" --y "${xy#* }"

# create --sign in one step (sequence auto = 2).
"$otactl" manifest create -o "$work/es256-b.suit" --product HUB-1 --vendor-domain example.com --model cityhub \
    --component "main=file:$firmware" --uri main=https://updates.example.com/cityhub/b.bin \
    --sign --key interop --alg es256 >/dev/null
check "otactl create --sign --alg es256 verifies with cose-js" 0 node "$here/verify.js" "$work/es256-b.suit" "$work/interop.pub.pem"

# 3. One flipped byte in the signature (located through otactl manifest show --json) must fail.
"$otactl" --json manifest show "$work/es256.suit" >"$work/show.json"
signature="$(json_field "$work/show.json" 'j.signatures[0].signature')"
flip "$work/es256.suit" "$work/bad-signature.suit" "$signature" 10
check "flipped signature byte fails in cose-js" 1 node "$here/verify.js" "$work/bad-signature.suit" "$work/interop.pub.pem"
check "flipped signature byte fails in otactl" 6 "$otactl" manifest verify "$work/bad-signature.suit" --key interop
# ... and one in the manifest (its digest no longer matches).
digest="$(json_field "$work/show.json" 'j.manifestDigest.hex')"
flip "$work/es256.suit" "$work/bad-digest.suit" "$digest" 0
check "flipped manifest digest byte fails in cose-js" 1 node "$here/verify.js" "$work/bad-digest.suit" "$work/interop.pub.pem"

# 4. EdDSA: cose-js 0.9.0 has no EdDSA (-8) / Ed25519 (-19); verify.js must say so (exit 3), not accept it.
"$otactl" key generate interop-ed --type ed25519 >/dev/null
"$otactl" manifest sign "$work/unsigned.suit" -o "$work/eddsa.suit" --product HUB-1 --key interop-ed --alg eddsa >/dev/null
"$otactl" key export interop-ed --public --out "$work/interop-ed.pub.pem" 2>/dev/null
check "EdDSA is reported as unsupported by cose-js 0.9.0" 3 node "$here/verify.js" "$work/eddsa.suit" "$work/interop-ed.pub.pem"

if [ "$failures" -ne 0 ]; then
    echo "interop_cose_js: $failures check(s) failed"
    exit 1
fi
echo "interop_cose_js: all checks passed"
