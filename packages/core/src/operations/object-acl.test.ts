import { ServiceError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  AWKWARD_KEYS,
  client,
  expectInvalid,
  failure,
  ok,
  useOssServer,
} from "../../test/object-harness";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { getObjectAcl, putObjectAcl } from "./object-acl";

const { record } = useOssServer();

const VERSION = "CAEQMhiBgIC3rpSD0BYiIDBjYTk5MmIzN2JlNjQxZTFiNGIzM2E3OTliODA0****";

describe("PutObjectAcl", () => {
  it("sends PUT /<key>?acl&versionId with x-oss-object-acl (§3.12)", async () => {
    const requests = record(() =>
      ok({ "content-type": "application/xml", "X-Oss-Version-Id": VERSION }),
    );
    const out = await putObjectAcl(client(), {
      bucket: "bucket",
      key: "object",
      acl: "public-read-write",
      versionId: VERSION,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.host).toBe(`bucket.${HOST}`);
    expect(req.url.pathname).toBe("/object");
    expect(req.url.search).toBe(
      "?acl&versionId=CAEQMhiBgIC3rpSD0BYiIDBjYTk5MmIzN2JlNjQxZTFiNGIzM2E3OTliODA0%2A%2A%2A%2A",
    );
    expect(req.query).toEqual({ acl: "", versionId: VERSION });
    expect(req.headers["x-oss-object-acl"]).toBe("public-read-write");
    expect(req.body).toHaveLength(0);
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({ statusCode: 200, versionId: VERSION });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    const call = (input: Record<string, unknown>) =>
      putObjectAcl(client(), { bucket: "bucket", key: "k", acl: "private", ...input });
    await expectInvalid(call({ acl: undefined }), "acl");
    await expectInvalid(call({ acl: "public" }), "acl");
    await expectInvalid(call({ versionId: "" }), "versionId");
    await expectInvalid(call({ key: "" }), "key");
    expect(requests).toHaveLength(0);
  });
});

describe("GetObjectAcl", () => {
  it("sends GET /<key>?acl and reads the AccessControlPolicy (§3.12)", async () => {
    const requests = record(() =>
      ok(
        { "content-type": "application/xml", "X-Oss-Version-Id": VERSION },
        `<?xml version="1.0" ?>
<AccessControlPolicy>
    <Owner>
        <ID>0022012</ID>
        <DisplayName>0022012</DisplayName>
    </Owner>
    <AccessControlList>
        <Grant>private</Grant>
    </AccessControlList>
</AccessControlPolicy>`,
      ),
    );
    const out = await getObjectAcl(client(), { bucket: "bucket", key: AWKWARD_KEYS[1] as string });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.key).toBe(AWKWARD_KEYS[1]);
    expect(req.url.search).toBe("?acl");
    expect(req.query).toEqual({ acl: "" });
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({
      statusCode: 200,
      acl: "private",
      owner: { id: "0022012", displayName: "0022012" },
      versionId: VERSION,
    });
  });

  it("passes versionId and surfaces NoSuchKey", async () => {
    const requests = record(() =>
      failure(404, "NoSuchKey", "The specified key does not exist.", "0026-00000001"),
    );
    const error = await getObjectAcl(client(), {
      bucket: "bucket",
      key: "missing",
      versionId: "v1",
    }).catch((e) => e);
    expect(requests[0]?.query).toEqual({ acl: "", versionId: "v1" });
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "NoSuchKey",
      statusCode: 404,
      ec: "0026-00000001",
      operation: "GetObjectAcl",
    });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    await expectInvalid(getObjectAcl(client(), { bucket: "b", key: "k" }), "bucket");
    await expectInvalid(
      getObjectAcl(client(), { bucket: "bucket", key: "k", versionId: "ü" }),
      "versionId",
    );
    expect(requests).toHaveLength(0);
  });
});
