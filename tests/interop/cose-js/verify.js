#!/usr/bin/env node
// Independent check of a SUIT envelope's COSE_Sign1 signature(s) with cose-js (npm, erdtman/COSE-JS 0.9.0) and
// the `cbor` package: no code shared with OTA Desk.
//
//   node verify.js ENVELOPE PUBLIC.pem
//   node verify.js ENVELOPE --x HEX --y HEX        (P-256 public key as raw x / y coordinates)
//
// ENVELOPE is the binary CBOR (tag 107 optional) or a text file of hex digits (the official *.signed.hex).
// node_modules come from `npm ci` in the build directory (scripts/test); point NODE_PATH at it.
//
// Checks, all of which must pass (STANDARDS.md §1.2):
//   1. SUIT_Digest in the authentication wrapper = SHA-256/384/512 over the CBOR-encoded bstr at envelope key 3
//      (bstr header included) — computed with node's crypto, not cose-js;
//   2. every COSE_Sign1 authentication block verifies with cose-js against the key.
// The SUIT signature is detached (payload nil) and its payload is the bstr-wrapped SUIT_Digest, i.e. the first
// element of SUIT_Authentication. cose-js 0.9.0 has no detached-payload support (verifySync builds the
// Sig_structure from the payload field of the message itself, so nil would be signed as `f6`), so this script
// reconstructs an ATTACHED COSE_Sign1 — same protected header, unprotected header and signature, payload
// field = that digest bstr — and hands it to cose.sign.verifySync. cose-js re-encodes the decoded protected
// header map; the envelope's protected header is checked to be byte-identical to that re-encoding first.
//
// cose-js 0.9.0 knows ES256 (-7), ES384, ES512, PS*, RS* only — not ESP256 (-9), EdDSA (-8) or Ed25519 (-19).
//
// Exit codes: 0 valid; 1 signature or digest invalid; 2 usage / unreadable or malformed input;
// 3 algorithm not supported by cose-js; 4 cose-js / cbor not installed.
'use strict';

const fs = require('fs');
const crypto = require('crypto');

let cbor;
let cose;
try {
  cbor = require('cbor');
  cose = require('cose-js');
} catch (e) {
  console.error(`verify.js: cose-js is not installed (${e.message}); run "npm ci" in the build directory's ` +
                'tests/interop/cose-js (scripts/test does) and set NODE_PATH to its node_modules');
  process.exit(4);
}

const EXIT_INVALID = 1;
const EXIT_USAGE = 2;
const EXIT_UNSUPPORTED = 3;
const COSE_ALGS_KNOWN_TO_COSE_JS = new Set([-7, -35, -36, -37, -38, -39, -257, -258, -259]);
const DIGEST_ALGS = { '-16': 'sha256', '-43': 'sha384', '-44': 'sha512' };

function fail (code, message) {
  console.error(`verify.js: ${message}`);
  process.exit(code);
}

function parseArgs (argv) {
  const args = { envelope: null, pem: null, x: null, y: null };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--x' || argv[i] === '--y') {
      if (i + 1 >= argv.length) fail(EXIT_USAGE, `${argv[i]} needs a hex value`);
      args[argv[i].slice(2)] = argv[++i];
    } else if (argv[i] === '-h' || argv[i] === '--help') {
      console.log('usage: node verify.js ENVELOPE (PUBLIC.pem | --x HEX --y HEX)');
      process.exit(0);
    } else {
      rest.push(argv[i]);
    }
  }
  if (rest.length < 1 || rest.length > 2) fail(EXIT_USAGE, 'usage: node verify.js ENVELOPE (PUBLIC.pem | --x HEX --y HEX)');
  args.envelope = rest[0];
  args.pem = rest[1] || null;
  if (!args.pem && !(args.x && args.y)) fail(EXIT_USAGE, 'give a public key: PUBLIC.pem or --x HEX --y HEX');
  return args;
}

function readEnvelope (path) {
  let data;
  try {
    data = fs.readFileSync(path);
  } catch (e) {
    fail(EXIT_USAGE, `cannot read ${path}: ${e.message}`);
  }
  const text = data.toString('latin1');
  if (/^[\s0-9a-fA-F]+$/.test(text)) { // a hex dump such as exampleN.signed.hex
    return Buffer.from(text.replace(/\s+/g, ''), 'hex');
  }
  return data;
}

// The verifier object cose-js wants: { key: { x, y } } (P-256 coordinates, big-endian bytes).
function readKey (args) {
  if (args.pem) {
    let jwk;
    try {
      jwk = crypto.createPublicKey(fs.readFileSync(args.pem)).export({ format: 'jwk' });
    } catch (e) {
      fail(EXIT_USAGE, `cannot read the public key ${args.pem}: ${e.message}`);
    }
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
      fail(EXIT_UNSUPPORTED, `${args.pem} is a ${jwk.kty} ${jwk.crv || ''} key; cose-js 0.9.0 verifies ECDSA here only`);
    }
    return { key: { x: Buffer.from(jwk.x, 'base64url'), y: Buffer.from(jwk.y, 'base64url') } };
  }
  const x = Buffer.from(args.x, 'hex');
  const y = Buffer.from(args.y, 'hex');
  if (x.length !== 32 || y.length !== 32) fail(EXIT_USAGE, '--x and --y must be 32 bytes (64 hex digits) each');
  return { key: { x, y } };
}

function decode (bytes, what) {
  try {
    return cbor.decodeFirstSync(bytes);
  } catch (e) {
    fail(EXIT_USAGE, `${what} is not valid CBOR: ${e.message}`);
  }
}

function main () {
  const args = parseArgs(process.argv.slice(2));
  const verifier = readKey(args);
  let envelope = decode(readEnvelope(args.envelope), 'the envelope');
  if (envelope instanceof cbor.Tagged) {
    if (envelope.tag !== 107) fail(EXIT_USAGE, `unexpected tag ${envelope.tag} (SUIT_Envelope is 107)`);
    envelope = envelope.value;
  }
  if (!(envelope instanceof Map) || !Buffer.isBuffer(envelope.get(2)) || !Buffer.isBuffer(envelope.get(3))) {
    fail(EXIT_USAGE, 'not a SUIT_Envelope: needs bstr members 2 (authentication) and 3 (manifest)');
  }
  const auth = decode(envelope.get(2), 'the authentication wrapper');
  if (!Array.isArray(auth) || auth.length < 2 || !Buffer.isBuffer(auth[0])) {
    fail(EXIT_INVALID, 'the authentication wrapper holds no authentication block');
  }

  // 1. Manifest digest over the encoded bstr at key 3 (header included).
  const digestBstrContent = auth[0];
  const suitDigest = decode(digestBstrContent, 'the SUIT_Digest');
  if (!Array.isArray(suitDigest) || suitDigest.length < 2 || !Buffer.isBuffer(suitDigest[1])) {
    fail(EXIT_USAGE, 'malformed SUIT_Digest');
  }
  const hashName = DIGEST_ALGS[String(suitDigest[0])];
  if (!hashName) fail(EXIT_UNSUPPORTED, `digest algorithm ${suitDigest[0]} not supported here`);
  const manifestBstr = cbor.encode(envelope.get(3));
  const actual = crypto.createHash(hashName).update(manifestBstr).digest();
  if (!actual.equals(suitDigest[1])) {
    fail(EXIT_INVALID, `manifest digest mismatch: wrapper has ${suitDigest[1].toString('hex')}, ` +
                       `the manifest hashes to ${actual.toString('hex')}`);
  }
  console.log(`PASS manifest-digest ${hashName} ${actual.toString('hex')}`);

  // 2. Each COSE_Sign1 block, re-assembled with the digest bstr as attached payload, through cose-js.
  let signatures = 0;
  for (let i = 1; i < auth.length; i++) {
    if (!Buffer.isBuffer(auth[i])) fail(EXIT_USAGE, `authentication block ${i} is not a bstr`);
    const block = decode(auth[i], `authentication block ${i}`);
    if (!(block instanceof cbor.Tagged) || block.tag !== 18) {
      console.log(`SKIP block ${i}: not a COSE_Sign1 (tag ${block instanceof cbor.Tagged ? block.tag : 'none'})`);
      continue;
    }
    const [protectedBytes, unprotected, payload, signature] = block.value;
    if (payload !== null && payload !== undefined) {
      fail(EXIT_INVALID, `block ${i}: payload is not detached (SUIT signs the digest bstr, payload must be nil)`);
    }
    const protectedMap = protectedBytes.length ? decode(protectedBytes, 'the protected header') : new Map();
    const alg = protectedMap instanceof Map ? protectedMap.get(1) : undefined;
    if (!COSE_ALGS_KNOWN_TO_COSE_JS.has(alg)) {
      fail(EXIT_UNSUPPORTED, `block ${i}: COSE algorithm ${alg} is not supported by cose-js 0.9.0 ` +
                             '(it knows ES256 -7, ES384, ES512, PS*, RS*)');
    }
    if (protectedBytes.length && !cbor.encode(protectedMap).equals(protectedBytes)) {
      fail(EXIT_USAGE, `block ${i}: protected header is not in the encoding cose-js re-creates; cannot check it`);
    }
    const attached = cbor.encode(new cbor.Tagged(18, [protectedBytes, unprotected, digestBstrContent, signature]));
    try {
      cose.sign.verifySync(attached, verifier);
    } catch (e) {
      fail(EXIT_INVALID, `block ${i}: COSE_Sign1 (alg ${alg}) does not verify with cose-js: ${e.message}`);
    }
    signatures++;
    const kid = unprotected instanceof Map && unprotected.get(4) ? ` kid ${Buffer.from(unprotected.get(4)).toString('hex')}` : '';
    console.log(`PASS signature block ${i} alg ${alg}${kid}`);
  }
  if (signatures === 0) fail(EXIT_INVALID, 'no COSE_Sign1 block to verify');
  console.log('VALID');
}

main();
