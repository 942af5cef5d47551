#!/usr/bin/env python3
"""Independent reference for oss-kit's own signing corner cases.

Writes src/fixtures/corner-cases.json. The expectations are computed here, in Python, the way the
official Python SDK v2 encodes (urllib.parse.quote with safe='/' for the path, safe='' for query
parts) and signs (hmac/hashlib), NOT with oss-kit's TypeScript signer, so the test that loads the
fixture can fail. Run: python3 packages/signer/scripts/corner-vectors.py
"""
import base64, hashlib, hmac, json, os
from urllib.parse import quote

AK, SK = "ak", "sk"
REGION, PRODUCT = "cn-hangzhou", "oss"
TIME = "2024-03-01T23:59:59Z"  # late in the UTC day: a local-time formatter would get the date wrong
DT, D = "20240301T235959Z", "20240301"
HTTP_DATE = "Fri, 01 Mar 2024 23:59:59 GMT"


def v4(method, bucket, key, query, headers, token=None):
    path = "/" + (bucket + "/" if bucket else "") + (quote(key, safe="/") if key else "")
    pairs = sorted((quote(k, safe=""), quote(v, safe="")) for k, v in query.items())
    cq = "&".join(k if v == "" else f"{k}={v}" for k, v in pairs)
    h = {k.lower(): v.strip() for k, v in headers.items()}
    h["x-oss-date"] = DT
    h["x-oss-content-sha256"] = "UNSIGNED-PAYLOAD"
    if token:
        h["x-oss-security-token"] = token
    signed = sorted((k, v) for k, v in h.items() if k in ("content-type", "content-md5") or k.startswith("x-oss-"))
    ch = "".join(f"{k}:{v}\n" for k, v in signed)
    creq = f"{method}\n{path}\n{cq}\n{ch}\n\nUNSIGNED-PAYLOAD"
    scope = f"{D}/{REGION}/{PRODUCT}/aliyun_v4_request"
    sts = f"OSS4-HMAC-SHA256\n{DT}\n{scope}\n{hashlib.sha256(creq.encode()).hexdigest()}"
    k = hmac.new(("aliyun_v4" + SK).encode(), D.encode(), hashlib.sha256).digest()
    for part in (REGION, PRODUCT, "aliyun_v4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    return {
        "canonicalRequest": creq,
        "stringToSign": sts,
        "authorization": f"OSS4-HMAC-SHA256 Credential={AK}/{scope},Signature={sig}",
    }


V1_SUB = {"acl", "uploadId", "partNumber", "versionId", "response-content-disposition", "continuation-token"}


def v1(method, bucket, key, query, headers):
    h = {k.lower(): v.strip() for k, v in headers.items()}
    oss = "".join(f"{k}:{v}\n" for k, v in sorted(h.items()) if k.startswith("x-oss-"))
    res = "/" + (bucket + "/" if bucket else "") + (key or "")
    sub = sorted(k for k in query if k in V1_SUB or k.startswith("x-oss-"))
    if sub:
        res += "?" + "&".join(k if query[k] == "" else f"{k}={query[k]}" for k in sub)
    sts = f"{method}\n{h.get('content-md5', '')}\n{h.get('content-type', '')}\n{HTTP_DATE}\n{oss}{res}"
    sig = base64.b64encode(hmac.new(SK.encode(), sts.encode(), hashlib.sha1).digest()).decode()
    return {"stringToSign": sts, "authorization": f"OSS {AK}:{sig}"}


CASES = [
    ("space", "dir with space/file name.txt", {}),
    ("unicode", "中文/日本語/파일 😀.txt", {}),
    ("plus-percent-tilde", "a+b%20c~d.txt", {}),
    ("reserved-punctuation", "!*'()[]@$&,;=.txt", {}),
    ("double-slash", "/a//b///c/", {}),
    ("question-hash", "what?#is=this&that", {}),
    ("query-reserved-values", "k.txt", {"prefix": "a/b+c=d&e", "continuation-token": "abc+/=", "x-oss-process": "image/resize,w_100|sys/saveas,o_b2JqLnBuZw"}),
    ("query-unicode-and-empty", "k.txt", {"acl": "", "response-content-disposition": "attachment; filename=\"报告 1.pdf\"", "~tilde": "~"}),
]

out = []
for name, key, query in CASES:
    headers = {"Content-Type": "text/plain", "x-oss-meta-Note": "  padded  "}
    base = {
        "signatureVersion": "v4", "kind": "header", "assertion": "full", "method": "PUT",
        "requestUrl": "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/",
        "bucket": "examplebucket", "key": key, "region": REGION, "product": PRODUCT,
        "headers": headers, "query": query, "time": TIME,
        "accessKeyId": AK, "accessKeySecret": SK, "securityToken": None,
        "source": "oss-kit:packages/signer/scripts/corner-vectors.py (independent Python reference)",
    }
    out.append({**base, "id": f"oss-kit-v4-{name}", "expected": v4("PUT", "examplebucket", key, query, headers)})
    out.append({**base, "id": f"oss-kit-v1-{name}", "signatureVersion": "v1",
                "expected": v1("PUT", "examplebucket", key, query, headers)})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "src", "fixtures", "corner-cases.json"), "w") as f:
    json.dump(out, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(f"wrote {len(out)} cases")
