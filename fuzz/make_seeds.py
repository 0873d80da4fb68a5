#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the repository's RFC vectors
(tests/vectors) and the PEM test keys (jwt-core/src/jwk/testdata), in each target's
input format (fuzz/README.md): a mode byte, then parts separated by 0xFF.

Run by `fuzz.sh seeds`. The committed corpora are these seeds merged (minimised) with
what fuzzing found (`fuzz.sh merge TARGET`); rerunning this only adds files (named by
content hash), never removes any."""

import base64
import hashlib
import json
import pathlib
import re
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"
TESTDATA = ROOT / "jwt-core" / "src" / "jwk" / "testdata"
CORPUS = ROOT / "fuzz" / "corpus"
SEP = b"\xff"

B64 = r"[A-Za-z0-9_-]*"
COMPACT = re.compile(rf"^{B64}(\.{B64}){{2}}$|^{B64}(\.{B64}){{4}}$")

tokens, json_tokens, keys, key_sets, payloads, headers = [], [], [], [], [], []


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def walk(value):
    if isinstance(value, dict):
        if "kty" in value:
            keys.append(value)
        if isinstance(value.get("keys"), list):
            key_sets.append(value)
        if ("signature" in value or "signatures" in value) and "payload" in value:
            json_tokens.append(value)
        if "ciphertext" in value and "iv" in value and ("protected" in value or "unprotected" in value):
            json_tokens.append(value)
        for v in value.values():
            walk(v)
    elif isinstance(value, list):
        for v in value:
            walk(v)
    elif isinstance(value, str) and COMPACT.match(value) and len(value) > 20:
        tokens.append(value)
        parts = value.split(".")
        try:
            headers.append(b64d(parts[0]))
            if len(parts) == 3:
                payloads.append(b64d(parts[1]))
        except Exception:
            pass


for path in sorted(VECTORS.rglob("*.json")):
    walk(json.loads(path.read_text(encoding="utf-8")))


def unique(items):
    seen, out = set(), []
    for item in items:
        key = item if isinstance(item, (bytes, str)) else json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


tokens = unique(tokens)
json_tokens = [json.dumps(t, separators=(",", ":")) for t in unique(json_tokens)]
keys = [json.dumps(k) for k in unique(keys)]
key_sets = [json.dumps(s) for s in unique(key_sets)] + ['{"keys":[%s]}' % ",".join(keys[:3])]
headers = unique(h for h in headers if h.startswith(b"{"))
claims_payloads = unique(p for p in payloads if p.lstrip().startswith(b"{"))

pems = {p.name: p.read_text() for p in sorted(TESTDATA.glob("*.pem"))}
ders = []
for text in pems.values():
    for block in re.findall(r"-----BEGIN [^-]+-----(.*?)-----END", text, re.S):
        try:
            ders.append(base64.b64decode("".join(block.split())))
        except Exception:
            pass

ACCESS = {
    "iss": "https://id.example.com", "sub": "alice", "aud": "orders-api",
    "exp": 1700000900, "iat": 1699999990, "nbf": 1699999990, "jti": "j-1",
    "role": "admin", "scopes": ["orders:read", "orders:write"], "tenant_id": 42,
    "tenant": {"id": 7, "name": "acme", "tags": ["eu"]}, "admin": True,
    "score": -5, "ratio": 0.25, "extra": {"a": [1, 2.5, {"b": None}], "c": "\u00e9\\n"},
}
CLAIMS = [
    json.dumps(ACCESS).encode(),
    json.dumps(ACCESS, separators=(",", ":")).encode(),
    json.dumps(dict(ACCESS, aud=["orders-api", "x"], role="clerk")).encode(),
    b'{"iss":"a\\u0062","exp":1.5e9,"aud":[],"nested":{"x":{"y":[[[]]]}}}',
    b'{"sub":"s","sub2":"s","o":{"k":1,"k2":{"k":2}}}',
    b'{"exp":-1,"nbf":123456789012345678901234,"iat":0.0}',
] + claims_payloads

HS256 = b'{"alg":"HS256","typ":"at+jwt"}'
DIR = b'{"alg":"dir","enc":"A256GCM","typ":"at+jwt"}'
DIR_ZIP = b'{"alg":"dir","enc":"A256GCM","zip":"DEF"}'
NESTED = b'{"alg":"dir","enc":"A256GCM","cty":"JWT"}'
B64_FALSE = b'{"alg":"HS256","b64":false,"crit":["b64"]}'


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


seeds = {name: [] for name in
         ["jws", "jwe", "jwk", "pem_der", "claims", "verifier", "inspect", "cli_input"]}
jws_tokens = [t for t in tokens if t.count(".") == 2]
jwe_tokens = [t for t in tokens if t.count(".") == 4]
jws_json = [t for t in json_tokens if '"payload"' in t]
jwe_json = [t for t in json_tokens if '"ciphertext"' in t]

for t in jws_tokens + jws_json:
    seeds["jws"].append(b"\x00" + t.encode())
seeds["jws"].append(b"\x00" + jws_tokens[0].split(".")[0].encode() + b".." +
                    jws_tokens[0].split(".")[2].encode() + SEP + payloads[0])
for h in headers[:12] + [HS256, B64_FALSE]:
    seeds["jws"].append(b"\x01" + h + SEP + CLAIMS[0])
seeds["jws"].append(b"\x02" + B64_FALSE + SEP + b"$.02")
seeds["jws"].append(b"\x02" + B64_FALSE + SEP + b"$02 {}")
seeds["jws"].append(b"\x03" + HS256 + SEP + b"payload" + SEP + b'{"kid":"k1"}')
seeds["jws"].append(b"\x04" + HS256 + SEP + b'{"alg":"HS384"}' + SEP + b"payload" + SEP + b'{"kid":"k1"}')
seeds["jws"].append(b"\x84" + HS256 + SEP + HS256 + SEP + b"payload" + SEP + b"{}")

for t in jwe_tokens + jwe_json:
    seeds["jwe"].append(b"\x00" + t.encode())
plaintext = b"You can trust us to stick with you through thick and thin" * 3
seeds["jwe"].append(b"\x01" + b'{"alg":"dir","enc":"A256GCM"}' + SEP + plaintext)
seeds["jwe"].append(b"\x01" + DIR_ZIP + SEP + deflate(plaintext))
seeds["jwe"].append(b"\x01" + DIR_ZIP + SEP + deflate(b"\x00" * 100000))
seeds["jwe"].append(b"\x01" + b'{"alg":"dir","enc":"A256GCM","crit":["exp"],"exp":1}' + SEP + plaintext)
seeds["jwe"].append(b"\x02" + b'{"enc":"A256GCM"}' + SEP + plaintext + SEP + b'{"zip":"DEF"}' + SEP + b'{"alg":"dir"}' + SEP + b"aad")
seeds["jwe"].append(b"\x82" + b'{"enc":"A256GCM","zip":"DEF"}' + SEP + deflate(plaintext) + SEP + b'{"typ":"x"}' + SEP + b'{"alg":"dir","kid":"1"}' + SEP)

for k in keys:
    seeds["jwk"].append(k.encode())
for s in key_sets:
    seeds["jwk"].append(s.encode())

for text in pems.values():
    seeds["pem_der"].append(b"\x00" + text.encode())
for der in ders:
    seeds["pem_der"].append(b"\x01" + der)

for c in CLAIMS:
    for mode in (0x00, 0x01, 0x02, 0x03, 0x21, 0x30):
        seeds["claims"].append(bytes([mode]) + c)
for h in headers[:8]:
    seeds["claims"].append(b"\x03" + h)

for c in CLAIMS[:3]:
    seeds["verifier"].append(b"\x01" + HS256 + SEP + c)
    seeds["verifier"].append(b"\x02" + DIR + SEP + c)
    seeds["verifier"].append(b"\x03" + HS256 + SEP + c + SEP + NESTED)
    seeds["verifier"].append(b"\x81" + b'{"alg":"HS256"}' + SEP + c)
    seeds["verifier"].append(b"\x82" + b'{"alg":"dir","enc":"A256GCM"}' + SEP + c)
for t in (jws_tokens + jwe_tokens)[:6]:
    seeds["verifier"].append(b"\x00" + t.encode())

for t in tokens + json_tokens:
    seeds["inspect"].append(t.encode())
seeds["inspect"].append(b"eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UifQ.")

for t in tokens[:4]:
    seeds["cli_input"].append(b"\x00" + t.encode())
    seeds["cli_input"].append(b"\x01" + t.encode() + b" \n")
for c in CLAIMS[:3]:
    seeds["cli_input"].append(b"\x02" + c)
for h in headers[:4]:
    seeds["cli_input"].append(b"\x03" + h)
for k in keys[:6] + key_sets[:2]:
    seeds["cli_input"].append(b"\x04" + k.encode())
for text in list(pems.values())[:6]:
    seeds["cli_input"].append(b"\x04" + text.encode())
for der in ders[:4]:
    seeds["cli_input"].append(b"\x04" + der)

total = 0
for target, items in seeds.items():
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for item in unique(items):
        (folder / hashlib.sha1(item).hexdigest()).write_bytes(item)
        total += len(item)
    print(f"{target}: {len(unique(items))} seeds")
print(f"{total} bytes")
