import { crc64, formatCrc64 } from "@oss-kit/crc64";
import {
  AbortError,
  ChecksumMismatchError,
  RequestError,
  ServiceError,
  ValidationError,
} from "@oss-kit/errors";
import { fetchTransport } from "@oss-kit/transport";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  credentials,
  errorXml,
  HOST,
  REGION,
  type SeenRequest,
  seen,
  signatureMatches,
} from "../test/oss-mock";
import {
  deleteObject,
  getObject,
  headObject,
  listObjectsV2,
  OssClient,
  objectExists,
  paginateListObjectsV2,
  putObject,
  standardRetryPolicy,
} from "./index";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const noWait = standardRetryPolicy({ baseDelayMs: 1, maxDelayMs: 5 });
const client = (extra: Record<string, unknown> = {}) =>
  new OssClient({
    region: REGION,
    credentials,
    transport: fetchTransport(),
    retry: noWait,
    ...extra,
  });
const ok = (headers: Record<string, string> = {}, body: BodyInit | null = null, status = 200) =>
  new HttpResponse(body, {
    status,
    headers: { "x-oss-request-id": "65C0FFEE0000000000000001", ...headers },
  });

/** Records every request; answers with `respond`. */
function record(respond: (req: SeenRequest, n: number) => Response | Promise<Response>) {
  const requests: SeenRequest[] = [];
  server.use(
    http.all(/.*/, async ({ request }) => {
      const req = await seen(request);
      requests.push(req);
      return respond(req, requests.length);
    }),
  );
  return requests;
}

describe("PutObject", () => {
  it("sends the exact request, signed, and checks the CRC-64", async () => {
    const requests = record((req) =>
      ok({
        etag: '"B22E0DC370A7F7067FACF5F75D7FA385"',
        "x-oss-hash-crc64ecma": formatCrc64(crc64(req.body)),
      }),
    );
    const out = await putObject(client(), {
      bucket: "examplebucket",
      key: "dir/a b+c%#?.txt",
      body: "hi oss",
      contentType: "text/plain",
      metadata: { Author: "alice" },
      tags: { team: "a b" },
      acl: "private",
    });
    expect(out).toMatchObject({
      statusCode: 200,
      requestId: "65C0FFEE0000000000000001",
      etag: "B22E0DC370A7F7067FACF5F75D7FA385",
      crc64: "8707180448768400016",
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.host).toBe(`examplebucket.${HOST}`);
    expect(req.url.pathname).toBe("/dir/a%20b%2Bc%25%23%3F.txt");
    expect(req.key).toBe("dir/a b+c%#?.txt");
    expect(new TextDecoder().decode(req.body)).toBe("hi oss");
    expect(req.headers).toMatchObject({
      "content-type": "text/plain",
      "content-length": "6",
      "x-oss-meta-author": "alice",
      "x-oss-tagging": "team=a%20b",
      "x-oss-object-acl": "private",
      "x-oss-content-sha256": "UNSIGNED-PAYLOAD",
    });
    expect(req.headers["user-agent"]).toMatch(/^oss-kit\/\S+ \(node\/[\d.]+\) transport\/fetch/);
    expect(await signatureMatches(req)).toBe(true);
  });

  it("retries a CRC-64 mismatch, then fails with ChecksumMismatchError naming both values", async () => {
    const requests = record(() => ok({ "x-oss-hash-crc64ecma": "1" }));
    const error = await putObject(client(), {
      bucket: "examplebucket",
      key: "k",
      body: "hi oss",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({
      client: "8707180448768400016",
      server: "1",
      operation: "PutObject",
    });
    expect(requests).toHaveLength(3);
  });

  it("skips the CRC check when turned off per call or per client", async () => {
    record(() => ok({ "x-oss-hash-crc64ecma": "1" }));
    await expect(
      putObject(client(), { bucket: "examplebucket", key: "k", body: "x" }, { crc64: false }),
    ).resolves.toBeDefined();
    await expect(
      putObject(client({ crc64: false }), { bucket: "examplebucket", key: "k", body: "x" }),
    ).resolves.toBeDefined();
  });

  it("rejects bad input before any request, naming the field", async () => {
    const requests = record(() => ok());
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ bucket: "Bad_Bucket", key: "k", body: "x" }, "bucket"],
      [{ bucket: "examplebucket", key: "", body: "x" }, "key"],
      [{ bucket: "examplebucket", key: "/absolute", body: "x" }, "key"],
      [{ bucket: "examplebucket", key: "\\windows", body: "x" }, "key"],
      [{ bucket: "examplebucket", key: "k".repeat(1024), body: "x" }, "key"],
      [{ bucket: "examplebucket", key: "k" }, "body"],
      [{ bucket: "examplebucket", key: "k", body: 42 }, "body"],
      [{ bucket: "examplebucket", key: "k", body: "x", metadata: { a: 1 } }, "metadata.a"],
      [{ bucket: "examplebucket", key: "k", body: "x", metadata: { a_b: "v" } }, "metadata.a_b"],
      [
        { bucket: "examplebucket", key: "k", body: "x", metadata: { a: "line\nbreak" } },
        "metadata.a",
      ],
      [{ bucket: "examplebucket", key: "k", body: "x", acl: "everyone" }, "acl"],
      [{ bucket: "examplebucket", key: "k", body: "x", storageClass: "Cold" }, "storageClass"],
      [{ bucket: "examplebucket", key: "k", body: "x", trafficLimit: 5 }, "trafficLimit"],
    ];
    for (const [input, field] of bad) {
      const error = await putObject(client(), input as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("GetObject", () => {
  it("reads a whole object and verifies its CRC-64 as it streams", async () => {
    record(() =>
      ok(
        {
          "content-type": "text/plain",
          "x-oss-hash-crc64ecma": "8707180448768400016",
          etag: '"E"',
        },
        "hi oss",
      ),
    );
    const out = await getObject(client(), { bucket: "examplebucket", key: "a.txt" });
    expect(out.etag).toBe("E");
    expect(await out.body.text()).toBe("hi oss");
  });

  it("errors the body stream with ChecksumMismatchError when the bytes are corrupt", async () => {
    record(() => ok({ "x-oss-hash-crc64ecma": "8707180448768400016" }, "hi osz"));
    const out = await getObject(client(), { bucket: "examplebucket", key: "a.txt" });
    await expect(out.body.text()).rejects.toBeInstanceOf(ChecksumMismatchError);
  });

  it("sends ranges, conditions, overrides and a process instruction; does not verify partial reads", async () => {
    const requests = record(() =>
      ok({ "content-range": "bytes 0-1/6", "x-oss-hash-crc64ecma": "1" }, "hi", 206),
    );
    const since = new Date("2024-01-02T03:04:05Z");
    const out = await getObject(client(), {
      bucket: "examplebucket",
      key: "a.jpg",
      range: { start: 0, end: 1 },
      ifNoneMatch: '"abc"',
      ifModifiedSince: since,
      responseContentType: "image/png",
      process: "image/resize,w_100",
    });
    expect(await out.body.text()).toBe("hi");
    const [req] = requests as [SeenRequest];
    expect(req.headers.range).toBe("bytes=0-1");
    expect(req.headers["if-none-match"]).toBe('"abc"');
    expect(req.headers["if-modified-since"]).toBe("Tue, 02 Jan 2024 03:04:05 GMT");
    expect(req.query).toEqual({
      "response-content-type": "image/png",
      "x-oss-process": "image/resize,w_100",
    });
    expect(await signatureMatches(req)).toBe(true);
  });

  it("rejects negative and inverted ranges before sending", async () => {
    record(() => ok());
    for (const range of [{ start: -1 }, { start: 5, end: 4 }, { last: 0 }]) {
      await expect(
        getObject(client(), { bucket: "examplebucket", key: "k", range }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it("rejects an empty versionId instead of sending a bare ?versionId", async () => {
    const requests = record(() => ok());
    await expect(
      getObject(client(), { bucket: "examplebucket", key: "k", versionId: "" }),
    ).rejects.toMatchObject({
      name: "ValidationError",
      field: "versionId",
    });
    expect(requests).toHaveLength(0);
  });

  it("304 Not Modified is a ServiceError with code NotModified", async () => {
    record(() => ok({}, null, 304));
    await expect(
      getObject(client(), { bucket: "examplebucket", key: "k", ifNoneMatch: "x" }),
    ).rejects.toMatchObject({
      name: "ServiceError",
      code: "NotModified",
      statusCode: 304,
    });
  });
});

describe("errors", () => {
  it("parses the OSS error document into a ServiceError with every field", async () => {
    record(() =>
      ok(
        { "content-type": "application/xml", "x-oss-ec": "0026-00000001" },
        errorXml("NoSuchKey", "The specified key does not exist.", "REQ1", "0026-00000001"),
        404,
      ),
    );
    const error = await getObject(client(), { bucket: "examplebucket", key: "gone" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "NoSuchKey",
      statusCode: 404,
      requestId: "REQ1",
      hostId: `bucket.${HOST}`,
      ec: "0026-00000001",
      operation: "GetObject",
    });
    expect(error.message).toContain("GetObject failed: NoSuchKey (404)");
  });

  it("HEAD errors come from the base64 x-oss-err header", async () => {
    const xml = errorXml("NoSuchKey", "The specified key does not exist.", "REQ2", "0026-00000001");
    record(() => ok({ "x-oss-err": btoa(xml) }, null, 404));
    await expect(
      headObject(client(), { bucket: "examplebucket", key: "gone" }),
    ).rejects.toMatchObject({
      code: "NoSuchKey",
      requestId: "REQ2",
    });
    expect(await objectExists(client(), { bucket: "examplebucket", key: "gone" })).toBe(false);
  });

  it("a malformed or truncated error body still gives a typed error with the raw body", async () => {
    record(() => ok({}, "<Error><Code>NoSuch", 500));
    const error = await deleteObject(client({ retry: { maxAttempts: 1 } }), {
      bucket: "examplebucket",
      key: "k",
    }).catch((e) => e);
    expect(error).toMatchObject({
      name: "ServiceError",
      code: "BadErrorResponse",
      statusCode: 500,
    });
    expect(error.body).toBe("<Error><Code>NoSuch");
  });

  it("reports the string to sign on SignatureDoesNotMatch", async () => {
    const xml = errorXml(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided.",
    ).replace("</EC>", "</EC><StringToSign>OSS4-HMAC-SHA256\n20240101T000000Z</StringToSign>");
    record(() => ok({}, xml, 403));
    await expect(
      headObject(client(), { bucket: "examplebucket", key: "k" }).catch(() => undefined),
    ).resolves.toBeUndefined();
    const error = await deleteObject(client(), { bucket: "examplebucket", key: "k" }).catch(
      (e) => e,
    );
    expect(error.stringToSign).toBe("OSS4-HMAC-SHA256\n20240101T000000Z");
  });
});

describe("retry and clock skew", () => {
  it("retries 503 with Retry-After and succeeds", async () => {
    const requests = record((_, n) =>
      n < 3 ? ok({ "retry-after": "0" }, errorXml("ServiceUnavailable", "busy"), 503) : ok(),
    );
    const out = await deleteObject(client(), { bucket: "examplebucket", key: "k" });
    expect(out.statusCode).toBe(200);
    expect(requests).toHaveLength(3);
  });

  it("retries connection resets, up to the attempt budget", async () => {
    const requests = record(() => HttpResponse.error());
    const error = await deleteObject(client(), { bucket: "examplebucket", key: "k" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(RequestError);
    expect(error.operation).toBe("DeleteObject");
    expect(requests).toHaveLength(3);
  });

  it("never retries 4xx client errors", async () => {
    const requests = record(() => ok({}, errorXml("AccessDenied", "no"), 403));
    await expect(
      deleteObject(client(), { bucket: "examplebucket", key: "k" }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    expect(requests).toHaveLength(1);
  });

  it("learns the clock offset from RequestTimeTooSkewed and signs every later request with it", async () => {
    const serverNow = Date.now() + 3_600_000; // the server is an hour ahead
    const requests = record((req, n) => {
      if (n === 1) {
        return ok(
          { date: new Date(serverNow).toUTCString() },
          errorXml(
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
          ),
          403,
        );
      }
      return ok(
        { date: new Date(serverNow).toUTCString() },
        null,
        req.method === "DELETE" ? 204 : 200,
      );
    });
    const c = client();
    await deleteObject(c, { bucket: "examplebucket", key: "k" });
    expect(Math.abs(c.clock.offsetMs - 3_600_000)).toBeLessThan(5_000);
    await Promise.all(
      [1, 2, 3].map((i) => deleteObject(c, { bucket: "examplebucket", key: `k${i}` })),
    );
    const hourOf = (r: SeenRequest) => r.headers["x-oss-date"]?.slice(0, 11);
    const expectedHour = new Date(serverNow).toISOString().replace(/[-:]/g, "").slice(0, 11);
    for (const r of requests.slice(1)) expect(hourOf(r)).toBe(expectedHour);
    expect(requests).toHaveLength(5);
  });

  it("an aborted call stops at once and is never retried", async () => {
    const requests = record(() => ok({}, errorXml("InternalError", "x"), 500));
    const controller = new AbortController();
    controller.abort(new Error("user cancelled"));
    await expect(
      deleteObject(client(), { bucket: "examplebucket", key: "k" }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(requests.length).toBeLessThanOrEqual(1);
  });
});

describe("ListObjectsV2", () => {
  const page = (keys: string[], next?: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>examplebucket</Name><Prefix>a%2F</Prefix><MaxKeys>2</MaxKeys><Delimiter>%2F</Delimiter>
  <EncodingType>url</EncodingType><IsTruncated>${next ? "true" : "false"}</IsTruncated>
  ${next ? `<NextContinuationToken>${next}</NextContinuationToken>` : ""}
  ${keys.map((k) => `<Contents><Key>${k}</Key><LastModified>2020-05-18T05:45:47.000Z</LastModified><ETag>"35A2"</ETag><Type>Normal</Type><Size>25</Size><StorageClass>Standard</StorageClass></Contents>`).join("")}
  <CommonPrefixes><Prefix>a%2Fsub%2F</Prefix></CommonPrefixes>
  <KeyCount>${keys.length + 1}</KeyCount>
</ListBucketResult>`;

  it("lists one page, decoding url-encoded keys (control characters included)", async () => {
    const requests = record(() =>
      ok({ "content-type": "application/xml" }, page(["a%2Fb%20c", "a%2Fgp-%0C%0A%0B"])),
    );
    const out = await listObjectsV2(client(), {
      bucket: "examplebucket",
      prefix: "a/",
      delimiter: "/",
      maxKeys: 2,
    });
    expect(out.contents.map((c) => c.key)).toEqual(["a/b c", "a/gp-\f\n\v"]);
    expect(out.contents[0]).toMatchObject({
      size: 25,
      etag: "35A2",
      storageClass: "Standard",
      type: "Normal",
    });
    expect(out.commonPrefixes).toEqual(["a/sub/"]);
    expect(out).toMatchObject({ prefix: "a/", delimiter: "/", keyCount: 3, isTruncated: false });
    expect(requests[0]?.query).toEqual({
      "list-type": "2",
      "encoding-type": "url",
      prefix: "a/",
      delimiter: "/",
      "max-keys": "2",
    });
  });

  it("an empty <CommonPrefixes/> is not a prefix", async () => {
    record(() =>
      ok(
        {},
        page(["a"]).replace(
          "<CommonPrefixes><Prefix>a%2Fsub%2F</Prefix></CommonPrefixes>",
          "<CommonPrefixes/>",
        ),
      ),
    );
    expect((await listObjectsV2(client(), { bucket: "examplebucket" })).commonPrefixes).toEqual([]);
  });

  it("a single <Contents> is still a list of one", async () => {
    record(() => ok({}, page(["only"])));
    expect((await listObjectsV2(client(), { bucket: "examplebucket" })).contents).toHaveLength(1);
  });

  it("pages with the continuation token until the last page", async () => {
    const requests = record((req) =>
      ok({}, req.query["continuation-token"] === "t1" ? page(["c"]) : page(["a", "b"], "t1")),
    );
    const keys: string[] = [];
    for await (const p of paginateListObjectsV2(client(), { bucket: "examplebucket" }))
      keys.push(...p.contents.map((c) => c.key));
    expect(keys).toEqual(["a", "b", "c"]);
    expect(requests.map((r) => r.query["continuation-token"])).toEqual([undefined, "t1"]);
  });

  it("stops with an error when the server repeats a token", async () => {
    record(() => ok({}, page(["a"], "same")));
    const pages = paginateListObjectsV2(client(), { bucket: "examplebucket" });
    await expect(
      (async () => {
        for await (const _ of pages) {
          /* drain */
        }
      })(),
    ).rejects.toBeInstanceOf(RequestError);
  });
});

describe("addressing and the pipeline", () => {
  it("uses path style for IP endpoints and http when told", async () => {
    const requests: string[] = [];
    server.use(
      http.all(/.*/, ({ request }) => {
        requests.push(request.url);
        return ok();
      }),
    );
    await deleteObject(client({ endpoint: "http://127.0.0.1:9000" }), {
      bucket: "examplebucket",
      key: "a/b",
    });
    expect(requests).toEqual(["http://127.0.0.1:9000/examplebucket/a/b"]);
  });

  it("runs user steps by name, in order, on every attempt", async () => {
    record((_, n) => (n === 1 ? ok({}, errorXml("InternalError", "x"), 500) : ok()));
    const c = client();
    const seenSteps: string[] = [];
    c.pipeline.add("audit", async (ctx, next) => {
      seenSteps.push(
        `${ctx.operation}#${ctx.attempt}:${ctx.request.headers.Authorization ? "signed" : "unsigned"}`,
      );
      return next();
    });
    expect(c.pipeline.names).toEqual(["retry", "sign", "check", "audit"]);
    await deleteObject(c, { bucket: "examplebucket", key: "k" });
    expect(seenSteps).toEqual(["DeleteObject#1:signed", "DeleteObject#2:signed"]);
  });

  it("logs with signatures and tokens redacted", async () => {
    record((_, n) => (n === 1 ? ok({}, errorXml("InternalError", "x"), 500) : ok()));
    const lines: string[] = [];
    const logger = {
      debug: (m: string, d?: unknown) => lines.push(m + JSON.stringify(d)),
      warn: (m: string, d?: unknown) => lines.push(m + JSON.stringify(d)),
    };
    const c = client({
      logger,
      credentials: { ...credentials, securityToken: "STS.secret-token" },
    });
    await deleteObject(c, { bucket: "examplebucket", key: "k" });
    const all = lines.join("\n");
    expect(all).toContain("DeleteObject");
    expect(all).not.toContain("test-secret");
    expect(all).not.toContain("STS.secret-token");
    const presigned = await c.presign({ method: "GET", bucket: "examplebucket", key: "k" });
    expect(presigned.url).toContain("x-oss-security-token=STS.secret-token");
  });

  it("a presigned URL is accepted by the server's signature check", async () => {
    const url = (
      await client().presign(
        { method: "GET", bucket: "examplebucket", key: "dir/a b.txt" },
        { expiresIn: 60 },
      )
    ).url;
    expect(new URL(url).host).toBe(`examplebucket.${HOST}`);
    expect(new URL(url).searchParams.get("x-oss-expires")).toBe("60");
  });
});
