import { ServiceError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  AWKWARD_KEYS,
  client,
  expectInvalid,
  failure,
  ok,
  REQUEST_ID,
  useOssServer,
} from "../../test/object-harness";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { copyObject, copySourceHeader } from "./object-copy";

const { record } = useOssServer();

const VERSION = "CAEQHxiBgICDvseg3hgiIGZmOGNjNWJiZDUzNjQxNDM4MWM2NDc1YjhkYTk3****";

const RESULT = `<?xml version="1.0" encoding="UTF-8"?>
	<CopyObjectResult>
	 <ETag>"F2064A169EE92E9775EE5324D0B1****"</ETag>
	 <LastModified>2023-02-24T09:41:56.000Z</LastModified>
	</CopyObjectResult>`;

const copied = (headers: Record<string, string> = {}) =>
  ok(
    {
      "content-type": "application/xml",
      etag: '"F2064A169EE92E9775EE5324D0B1****"',
      "x-oss-hash-crc64ecma": "8707180448768400016",
      ...headers,
    },
    RESULT,
  );

/** How a server reads `x-oss-copy-source`: bucket, percent-decoded key, versionId suffix. */
function readCopySource(value: string) {
  const [path, query] = value.split("?versionId=") as [string, string | undefined];
  const slash = path.indexOf("/", 1);
  return {
    bucket: path.slice(1, slash),
    key: decodeURIComponent(path.slice(slash + 1)),
    versionId: query,
  };
}

describe("CopyObject", () => {
  it("sends the §3.7 request, signed, and reads ETag and LastModified from the XML", async () => {
    const requests = record(() =>
      copied({
        "x-oss-copy-source-version-id": VERSION,
        "x-oss-version-id": "CAEQHxiBgMD4qOWz3hgiIDUyMWIzNTBjMWM4NjQ5MDJiNTM4YzEwZGQxM2Rk****",
      }),
    );
    const out = await copyObject(client(), {
      bucket: "bucket",
      key: "object",
      sourceKey: "copy-object",
      sourceVersionId: VERSION,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.host).toBe(`bucket.${HOST}`);
    expect(req.url.pathname).toBe("/object");
    expect(req.url.search).toBe("");
    expect(req.body).toHaveLength(0);
    expect(req.headers["x-oss-copy-source"]).toBe(`/bucket/copy-object?versionId=${VERSION}`);
    expect(req.headers["x-oss-metadata-directive"]).toBeUndefined();
    expect(req.headers["x-oss-tagging-directive"]).toBeUndefined();
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toEqual({
      statusCode: 200,
      requestId: REQUEST_ID,
      headers: expect.any(Object),
      etag: "F2064A169EE92E9775EE5324D0B1****",
      lastModified: new Date("2023-02-24T09:41:56.000Z"),
      versionId: "CAEQHxiBgMD4qOWz3hgiIDUyMWIzNTBjMWM4NjQ5MDJiNTM4YzEwZGQxM2Rk****",
      sourceVersionId: VERSION,
      crc64: "8707180448768400016",
    });
  });

  it("URL-encodes any UTF-8 source key (keeping /) and any destination key", async () => {
    const requests = record(() => copied());
    for (const key of AWKWARD_KEYS) {
      await copyObject(client(), {
        bucket: "dest-bucket",
        key: `copy of ${key}`,
        sourceBucket: "src-bucket",
        sourceKey: key,
      });
    }
    expect(requests).toHaveLength(AWKWARD_KEYS.length);
    for (const [i, req] of requests.entries()) {
      const key = AWKWARD_KEYS[i] as string;
      const header = req.headers["x-oss-copy-source"] as string;
      expect(header).toMatch(/^[\x21-\x7e]+$/);
      expect(readCopySource(header)).toEqual({ bucket: "src-bucket", key, versionId: undefined });
      expect(req.key).toBe(`copy of ${key}`);
      expect(await signatureMatches(req)).toBe(true);
    }
    expect(requests[0]?.headers["x-oss-copy-source"]).toBe(
      "/src-bucket/dir/sub%20dir/a%20b%2Bc%2520d%3Fe%23f%26g%3Dh.txt",
    );
    expect(copySourceHeader("b", "a+b/c d", "v1")).toBe("/b/a%2Bb/c%20d?versionId=v1");
  });

  it("replaces metadata and tags, and sends the copy-source conditions", async () => {
    const requests = record(() => copied());
    const since = new Date("2024-01-02T03:04:05Z");
    await copyObject(client(), {
      bucket: "bucket",
      key: "dest.txt",
      sourceKey: "src.txt",
      metadataDirective: "REPLACE",
      taggingDirective: "Replace",
      metadata: { Author: "alice" },
      tags: { team: "a b", env: "prod" },
      contentType: "text/plain",
      acl: "private",
      storageClass: "IA",
      forbidOverwrite: true,
      sourceConditions: {
        ifMatch: '"5B3C1A2E053D763E1B002CC607C5A0FE"',
        ifNoneMatch: '"0000"',
        ifModifiedSince: since,
        ifUnmodifiedSince: since,
      },
    });
    const [req] = requests as [SeenRequest];
    expect(req.headers).toMatchObject({
      "x-oss-copy-source": "/bucket/src.txt",
      "x-oss-metadata-directive": "REPLACE",
      "x-oss-tagging-directive": "Replace",
      "x-oss-meta-author": "alice",
      "x-oss-tagging": "team=a%20b&env=prod",
      "content-type": "text/plain",
      "x-oss-object-acl": "private",
      "x-oss-storage-class": "IA",
      "x-oss-forbid-overwrite": "true",
      "x-oss-copy-source-if-match": '"5B3C1A2E053D763E1B002CC607C5A0FE"',
      "x-oss-copy-source-if-none-match": '"0000"',
      "x-oss-copy-source-if-modified-since": "Tue, 02 Jan 2024 03:04:05 GMT",
      "x-oss-copy-source-if-unmodified-since": "Tue, 02 Jan 2024 03:04:05 GMT",
    });
    expect(req.headers["if-match"]).toBeUndefined();
    expect(await signatureMatches(req)).toBe(true);
  });

  it("surfaces a missing source as NoSuchKey and a failed condition as PreconditionFailed", async () => {
    record((_req, n) =>
      n === 1
        ? failure(404, "NoSuchKey", "The specified key does not exist.", "0026-00000001")
        : failure(
            412,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold",
            "0017-00001001",
          ),
    );
    const missing = await copyObject(client(), {
      bucket: "bucket",
      key: "d",
      sourceKey: "nope",
    }).catch((e) => e);
    expect(missing).toBeInstanceOf(ServiceError);
    expect(missing).toMatchObject({ code: "NoSuchKey", statusCode: 404, operation: "CopyObject" });
    const failed = await copyObject(client(), {
      bucket: "bucket",
      key: "d",
      sourceKey: "s",
      sourceConditions: { ifMatch: "x" },
    }).catch((e) => e);
    expect(failed).toMatchObject({ code: "PreconditionFailed", statusCode: 412 });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => copied());
    const call = (input: Record<string, unknown>) =>
      copyObject(client(), { bucket: "bucket", key: "d", sourceKey: "s", ...input });
    await expectInvalid(call({ sourceKey: undefined }), "sourceKey");
    await expectInvalid(call({ sourceKey: "" }), "sourceKey");
    await expectInvalid(call({ sourceBucket: "Bad_Bucket" }), "sourceBucket");
    await expectInvalid(call({ sourceVersionId: "" }), "sourceVersionId");
    await expectInvalid(call({ key: "" }), "key");
    await expectInvalid(call({ metadataDirective: "copy" }), "metadataDirective");
    await expectInvalid(call({ taggingDirective: "REPLACE" }), "taggingDirective");
    await expectInvalid(call({ metadata: { a: "b" } }), "metadataDirective");
    await expectInvalid(
      call({ metadata: { a: "b" }, metadataDirective: "COPY" }),
      "metadataDirective",
    );
    await expectInvalid(call({ tags: { a: "b" } }), "taggingDirective");
    await expectInvalid(
      call({ sourceConditions: { ifModifiedSince: "yesterday" } }),
      "sourceConditions.ifModifiedSince",
    );
    await expectInvalid(call({ sourceConditions: "x" }), "sourceConditions");
    await expectInvalid(
      call({ metadataDirective: "REPLACE", metadata: { bad_name: "x" } }),
      "metadata.bad_name",
    );
    expect(requests).toHaveLength(0);
  });
});
