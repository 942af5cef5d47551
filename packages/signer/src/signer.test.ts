import { webcrypto } from "node:crypto";
import { PresignExpirationError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  createSigner,
  defaultCrypto,
  environmentCredentials,
  nodeCrypto,
  type SignableRequest,
  type SignerCrypto,
  SignerV1,
  SignerV4,
} from "./index";

const credentials = { accessKeyId: "ak", accessKeySecret: "sk" };
const time = new Date("2024-03-01T12:00:00Z");
const request: SignableRequest = { method: "GET", bucket: "examplebucket", key: "a/b.txt" };
const v4 = { credentials, time, region: "cn-hangzhou" };

/** Wraps a backend and counts calls, to prove what was (not) computed. */
function counting(inner: SignerCrypto) {
  const calls = { hmacSha256: 0, sha256Hex: 0, hmacSha1Base64: 0 };
  const crypto: SignerCrypto = {
    name: `counting ${inner.name}`,
    hmacKey: (secret) => inner.hmacKey(secret),
    hmacSha256: (key, data) => {
      calls.hmacSha256++;
      return inner.hmacSha256(key, data);
    },
    hmacSha256Hex: (key, data) => {
      calls.hmacSha256++;
      return inner.hmacSha256Hex(key, data);
    },
    sha256Hex: (data) => {
      calls.sha256Hex++;
      return inner.sha256Hex(data);
    },
    hmacSha1Base64: (secret, data) => {
      calls.hmacSha1Base64++;
      return inner.hmacSha1Base64(secret, data);
    },
  };
  return { crypto, calls };
}

describe("backend selection", () => {
  it("uses node:crypto in Node", () => {
    expect(defaultCrypto().name).toBe("node:crypto");
  });
  it("both backends agree on a V4 and a V1 signature", async () => {
    const node = nodeCrypto(await import("node:crypto"));
    const { webCrypto } = await import("./crypto");
    const web = webCrypto(webcrypto.subtle as SubtleCrypto);
    for (const Signer of [SignerV4, SignerV1] as const) {
      const a = await new Signer({ crypto: node }).sign(request, v4);
      const b = await new Signer({ crypto: web }).sign(request, v4);
      expect(a.authorization).toBe(b.authorization);
    }
  });
});

describe("V4 header signing", () => {
  it("derives the signing key once per (secret, date, region, product)", async () => {
    const { crypto, calls } = counting(defaultCrypto());
    const signer = new SignerV4({ crypto });
    await signer.sign(request, v4);
    expect(calls.hmacSha256).toBe(5); // 4 to derive the key, 1 to sign
    await signer.sign(
      { ...request, key: "other" },
      { ...v4, time: new Date("2024-03-01T23:00:00Z") },
    );
    expect(calls.hmacSha256).toBe(6); // same day: cached key
    await signer.sign(request, { ...v4, region: "cn-beijing" });
    expect(calls.hmacSha256).toBe(11); // new region: derived again
    await signer.sign(request, {
      ...v4,
      credentials: { accessKeyId: "ak", accessKeySecret: "sk2" },
    });
    expect(calls.hmacSha256).toBe(16); // new secret: derived again
  });

  it("replaces signing headers in any letter case and never mutates the input", async () => {
    const headers = {
      DATE: "old",
      "X-OSS-DATE": "old",
      authorization: "old",
      "X-Oss-Content-Sha256": "abc",
    };
    const input = { ...request, headers };
    const { headers: out } = await new SignerV4().sign(input, v4);
    expect(Object.keys(out).sort()).toEqual(
      ["Authorization", "Date", "x-oss-content-sha256", "x-oss-date"].sort(),
    );
    expect(out["x-oss-content-sha256"]).toBe("UNSIGNED-PAYLOAD");
    expect(input.headers).toEqual({
      DATE: "old",
      "X-OSS-DATE": "old",
      authorization: "old",
      "X-Oss-Content-Sha256": "abc",
    });
  });

  it("signs with an STS token as x-oss-security-token", async () => {
    const { headers, canonicalRequest } = await new SignerV4().sign(request, {
      ...v4,
      credentials: { ...credentials, securityToken: "STS.token" },
    });
    expect(headers["x-oss-security-token"]).toBe("STS.token");
    expect(canonicalRequest).toContain("x-oss-security-token:STS.token\n");
  });

  it("accepts a credentials provider, asking it once per call", async () => {
    const provider = environmentCredentials({
      env: { OSS_ACCESS_KEY_ID: "ak", OSS_ACCESS_KEY_SECRET: "sk", OSS_SESSION_TOKEN: "tok" },
    });
    const viaProvider = await new SignerV4().sign(request, { ...v4, credentials: provider });
    const direct = await new SignerV4().sign(request, {
      ...v4,
      credentials: { ...credentials, securityToken: "tok" },
    });
    expect(viaProvider.authorization).toBe(direct.authorization);
    expect(viaProvider.headers["x-oss-security-token"]).toBe("tok");
  });

  it("signs service-level requests with the path /", async () => {
    const { canonicalRequest } = await new SignerV4().sign({ method: "GET" }, v4);
    expect(canonicalRequest?.split("\n")[1]).toBe("/");
  });
});

describe("presign", () => {
  const signer = new SignerV4();

  it("defaults to 15 minutes and builds a URL with the key encoded", async () => {
    const result = await signer.presign(
      { method: "GET", bucket: "examplebucket", key: "dir/a b+c%.txt" },
      { ...v4, origin: "https://examplebucket.oss-cn-hangzhou.aliyuncs.com" },
    );
    expect(result.query["x-oss-expires"]).toBe("900");
    expect(result.expiration.toISOString()).toBe("2024-03-01T12:15:00.000Z");
    const url = new URL(result.url as string);
    expect(url.pathname).toBe("/dir/a%20b%2Bc%25.txt");
    expect(decodeURIComponent(url.pathname)).toBe("/dir/a b+c%.txt");
    expect(url.searchParams.get("x-oss-signature")).toBe(result.query["x-oss-signature"]);
  });

  it("path style puts the bucket in the path", async () => {
    const result = await signer.presign(request, {
      ...v4,
      pathStyle: true,
      origin: "http://127.0.0.1:9000",
    });
    expect(result.url?.startsWith("http://127.0.0.1:9000/examplebucket/a/b.txt?")).toBe(true);
  });

  it("presigns a PUT for one hour, reporting the headers to send", async () => {
    const result = await signer.presign(
      { ...request, method: "PUT", headers: { "Content-Type": "image/png", "x-oss-meta-a": "1" } },
      { ...v4, expiresIn: 3600 },
    );
    expect(result.query["x-oss-expires"]).toBe("3600");
    expect(result.signedHeaders).toEqual({ "Content-Type": "image/png", "x-oss-meta-a": "1" });
  });

  it("accepts exactly 7 days and rejects one second more with a typed error", async () => {
    await expect(signer.presign(request, { ...v4, expiresIn: 604800 })).resolves.toBeDefined();
    const error = await signer.presign(request, { ...v4, expiresIn: 604801 }).catch((e) => e);
    expect(error).toBeInstanceOf(PresignExpirationError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe("expiresIn");
    const late = new Date(time.getTime() + 8 * 86400_000);
    await expect(signer.presign(request, { ...v4, expiration: late })).rejects.toMatchObject({
      name: "PresignExpirationError",
      field: "expiration",
    });
  });

  it("V1 has no 7-day limit", async () => {
    const result = await new SignerV1().presign(request, {
      credentials,
      time,
      expiresIn: 8 * 86400,
    });
    expect(result.query.Expires).toBe(String(time.getTime() / 1000 + 8 * 86400));
  });

  it("carries the security token in both versions", async () => {
    const sts = { ...credentials, securityToken: "STS.tok/en+=" };
    const a = await signer.presign(request, {
      ...v4,
      credentials: sts,
      origin: "https://h.example",
    });
    expect(new URL(a.url as string).searchParams.get("x-oss-security-token")).toBe("STS.tok/en+=");
    const b = await new SignerV1().presign(request, {
      credentials: sts,
      time,
      origin: "https://h.example",
    });
    expect(new URL(b.url as string).searchParams.get("security-token")).toBe("STS.tok/en+=");
    expect(b.stringToSign).toContain("?security-token=STS.tok/en+=");
  });

  for (const [expiresIn, why] of [
    [0, "zero"],
    [-5, "negative"],
    [1.5, "fractional"],
    [Number.NaN, "NaN"],
    [1e12, "huge"],
    ["60", "a string"],
  ] as const) {
    it(`rejects an expiry that is ${why}`, async () => {
      for (const s of [signer, new SignerV1()]) {
        await expect(
          s.presign(request, { ...v4, expiresIn: expiresIn as number }),
        ).rejects.toMatchObject({ name: "ValidationError", field: "expiresIn" });
      }
    });
  }

  it("rejects an origin with a path", async () => {
    await expect(
      signer.presign(request, { ...v4, origin: "https://h.example/base" }),
    ).rejects.toMatchObject({ field: "origin" });
  });
});

describe("bad input never signs: typed errors naming the field, no crypto call", () => {
  const cases: Array<[string, SignableRequest, Record<string, unknown>, string]> = [
    ["empty region", request, { region: "" }, "region"],
    ["endpoint-style region", request, { region: "oss-cn-hangzhou" }, "region"],
    ["uppercase region", request, { region: "CN-Hangzhou" }, "region"],
    ["region with a slash", request, { region: "cn/hangzhou" }, "region"],
    ["non-string region", request, { region: 42 }, "region"],
    ["bad product", request, { product: "OSS!" }, "product"],
    ["short bucket", { ...request, bucket: "ab" }, {}, "bucket"],
    ["uppercase bucket", { ...request, bucket: "MyBucket" }, {}, "bucket"],
    ["underscore bucket", { ...request, bucket: "my_bucket" }, {}, "bucket"],
    ["bucket starting with -", { ...request, bucket: "-bucket" }, {}, "bucket"],
    ["64-char bucket", { ...request, bucket: "a".repeat(64) }, {}, "bucket"],
    ["bucket with a slash", { ...request, bucket: "a/b/c" }, {}, "bucket"],
    ["empty key", { ...request, key: "" }, {}, "key"],
    ["1024-byte key", { ...request, key: "k".repeat(1024) }, {}, "key"],
    ["key of 342 three-byte characters", { ...request, key: "中".repeat(342) }, {}, "key"],
    ["lone high surrogate in key", { ...request, key: "a\uD800b" }, {}, "key"],
    ["lone low surrogate in key", { ...request, key: "\uDC00" }, {}, "key"],
    ["key without bucket", { method: "GET", key: "k" }, {}, "key"],
    ["non-string key", { ...request, key: 5 as unknown as string }, {}, "key"],
    ["bad method", { ...request, method: "GE T" }, {}, "method"],
    [
      "header value with CRLF",
      { ...request, headers: { "x-oss-meta-a": "v\r\nx-oss-acl: public-read" } },
      {},
      'headers["x-oss-meta-a"]',
    ],
    [
      "non-string header value",
      { ...request, headers: { "x-oss-meta-a": 1 as unknown as string } },
      {},
      'headers["x-oss-meta-a"]',
    ],
    ["bad header name", { ...request, headers: { "bad name": "v" } }, {}, 'headers["bad name"]'],
    [
      "non-string query value",
      { ...request, query: { acl: 1 as unknown as string } },
      {},
      'query["acl"]',
    ],
    [
      "lone surrogate in query value",
      { ...request, query: { prefix: "\uD800" } },
      {},
      'query["prefix"]',
    ],
    ["missing credentials", request, { credentials: undefined }, "credentials"],
    [
      "empty secret",
      request,
      { credentials: { accessKeyId: "ak", accessKeySecret: "" } },
      "credentials.accessKeySecret",
    ],
    [
      "empty key id",
      request,
      { credentials: { accessKeyId: "", accessKeySecret: "sk" } },
      "credentials.accessKeyId",
    ],
    ["invalid time", request, { time: new Date("nope") }, "time"],
    [
      "additional headers not an array",
      request,
      { additionalHeaders: "host" },
      "additionalHeaders",
    ],
  ];

  for (const [what, req, override, field] of cases) {
    it(what, async () => {
      const { crypto, calls } = counting(defaultCrypto());
      const options = { ...v4, ...override } as typeof v4;
      const signers =
        field === "region" || field === "product" || field === "additionalHeaders"
          ? [new SignerV4({ crypto })]
          : [new SignerV4({ crypto }), new SignerV1({ crypto })];
      for (const signer of signers) {
        for (const call of [() => signer.sign(req, options), () => signer.presign(req, options)]) {
          const error = await call().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error, `${signer.version}`).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).field).toBe(field);
          expect((error as Error).message).not.toContain("sk");
        }
      }
      expect(calls).toEqual({ hmacSha256: 0, sha256Hex: 0, hmacSha1Base64: 0 });
    });
  }

  it("accepts a key of exactly 1023 bytes and 341 three-byte characters", async () => {
    const signer = new SignerV4();
    await expect(signer.sign({ ...request, key: "k".repeat(1023) }, v4)).resolves.toBeDefined();
    await expect(signer.sign({ ...request, key: "中".repeat(341) }, v4)).resolves.toBeDefined();
  });

  it("createSigner picks the version and rejects unknown ones", () => {
    expect(createSigner().version).toBe("v4");
    expect(createSigner("v1").version).toBe("v1");
    expect(() => createSigner("v2" as "v1")).toThrow(ValidationError);
    expect(() => new SignerV4({ bucketNames: "loose" as "lenient" })).toThrow(ValidationError);
  });
});
