import { ServiceError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  AWKWARD_KEYS,
  client,
  expectInvalid,
  headFailure,
  ok,
  REQUEST_ID,
  useOssServer,
} from "../../test/object-harness";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { getObjectMeta } from "./object-meta";

const { record } = useOssServer();

describe("GetObjectMeta", () => {
  it("sends HEAD /<key>?objectMeta, signed, and reads the §3.4 headers", async () => {
    const requests = record(() =>
      ok({
        "last-modified": "Fri, 24 Feb 2023 09:41:59 GMT",
        "content-length": "481827",
        etag: '"A082B659EF78733A5A042FA253B1****"',
        "x-oss-last-access-time": "Thu, 14 Oct 2021 11:49:05 GMT",
        "x-oss-hash-crc64ecma": "8707180448768400016",
      }),
    );
    const out = await getObjectMeta(client(), { bucket: "bucket", key: "object" });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("HEAD");
    expect(req.url.host).toBe(`bucket.${HOST}`);
    expect(req.url.pathname).toBe("/object");
    expect(req.url.search).toBe("?objectMeta");
    expect(req.query).toEqual({ objectMeta: "" });
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toEqual({
      statusCode: 200,
      requestId: REQUEST_ID,
      headers: expect.any(Object),
      contentLength: 481827,
      etag: "A082B659EF78733A5A042FA253B1****",
      lastModified: new Date("2023-02-24T09:41:59Z"),
      lastAccessTime: new Date("2021-10-14T11:49:05Z"),
      transitionTime: undefined,
      versionId: undefined,
      crc64: "8707180448768400016",
    });
  });

  it("sends versionId and encodes any UTF-8 key", async () => {
    const requests = record(() =>
      ok({ "content-length": "0", "x-oss-version-id": "CAEQNRiBgMClj7qD0BYi.IDQ5" }),
    );
    for (const key of AWKWARD_KEYS) {
      const out = await getObjectMeta(client(), {
        bucket: "bucket",
        key,
        versionId: "CAEQNRiBgMClj7qD0BYi.IDQ5",
      });
      expect(out.versionId).toBe("CAEQNRiBgMClj7qD0BYi.IDQ5");
      expect(out.contentLength).toBe(0);
    }
    expect(requests.map((r) => r.key)).toEqual(AWKWARD_KEYS);
    for (const req of requests) {
      expect(req.query).toEqual({ objectMeta: "", versionId: "CAEQNRiBgMClj7qD0BYi.IDQ5" });
      expect(await signatureMatches(req)).toBe(true);
    }
  });

  it("turns a 404 with x-oss-err into NoSuchKey", async () => {
    record(() =>
      headFailure(404, "NoSuchKey", "The specified key does not exist.", "0026-00000001"),
    );
    const error = await getObjectMeta(client(), { bucket: "bucket", key: "missing" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "NoSuchKey",
      statusCode: 404,
      ec: "0026-00000001",
      operation: "GetObjectMeta",
    });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    await expectInvalid(getObjectMeta(client(), { bucket: "Bad_Bucket", key: "k" }), "bucket");
    await expectInvalid(getObjectMeta(client(), { bucket: "bucket", key: "" }), "key");
    await expectInvalid(
      getObjectMeta(client(), { bucket: "bucket", key: "k", versionId: "" }),
      "versionId",
    );
    await expectInvalid(
      getObjectMeta(client(), { bucket: "bucket", key: "k", versionId: 5 as unknown as string }),
      "versionId",
    );
    await expectInvalid(getObjectMeta(client(), null as never), "input");
    expect(requests).toHaveLength(0);
  });
});
