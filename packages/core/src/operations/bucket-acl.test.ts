import { ServiceError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { client, errorReply, mockOss, REQUEST_ID, reply } from "../../test/bucket-mock";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { getBucketAcl, putBucketAcl } from "../bucket";

const { record } = mockOss();

describe("PutBucketAcl", () => {
  it("sends PUT /?acl with x-oss-acl and no body", async () => {
    const requests = record(() => reply(200));
    const out = await putBucketAcl(client(), { bucket: "examplebucket", acl: "public-read" });
    expect(out).toEqual({ statusCode: 200, requestId: REQUEST_ID, headers: expect.any(Object) });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.host).toBe(`examplebucket.${HOST}`);
    expect(req.url.pathname).toBe("/");
    expect(req.url.search).toBe("?acl");
    expect(req.query).toEqual({ acl: "" });
    expect(req.headers["x-oss-acl"]).toBe("public-read");
    expect(req.body).toHaveLength(0);
    expect(await signatureMatches(req)).toBe(true);
  });

  it("requires an ACL from the bucket set, before any request", async () => {
    const requests = record(() => reply(200));
    const bad: Array<[unknown, string]> = [
      [{ bucket: "examplebucket" }, "acl"],
      [{ bucket: "examplebucket", acl: "error-acl" }, "acl"],
      [{ bucket: "examplebucket", acl: "default" }, "acl"],
      [{ bucket: "examplebucket", acl: "PRIVATE" }, "acl"],
      [{ bucket: "Example", acl: "private" }, "bucket"],
    ];
    for (const [input, field] of bad) {
      const error = await putBucketAcl(client(), input as never).catch((e) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });

  it("a server-side InvalidArgument (no EC in the fixture) is still a typed ServiceError", async () => {
    record(() =>
      errorReply(
        400,
        `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>InvalidArgument</Code>
  <Message>no such bucket access control exists</Message>
  <RequestId>5C3D9175B6FC201293AD****</RequestId>
  <HostId>***-test.example.com</HostId>
  <ArgumentName>x-oss-acl</ArgumentName>
  <ArgumentValue>error-acl</ArgumentValue>
</Error>`,
      ),
    );
    const error = await putBucketAcl(client(), { bucket: "examplebucket", acl: "private" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "InvalidArgument",
      statusCode: 400,
      ec: undefined,
      operation: "PutBucketAcl",
    });
  });
});

describe("GetBucketAcl", () => {
  it("sends GET /?acl and reads the grant and owner", async () => {
    const requests = record(() =>
      reply(
        200,
        `<?xml version="1.0" ?>
<AccessControlPolicy>
    <Owner>
        <ID>0022012****</ID>
        <DisplayName>user_example</DisplayName>
    </Owner>
    <AccessControlList>
        <Grant>public-read</Grant>
    </AccessControlList>
</AccessControlPolicy>`,
      ),
    );
    const out = await getBucketAcl(client(), { bucket: "examplebucket" });
    expect(out).toEqual({
      statusCode: 200,
      requestId: REQUEST_ID,
      headers: expect.any(Object),
      acl: "public-read",
      owner: { id: "0022012****", displayName: "user_example" },
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.query).toEqual({ acl: "" });
    expect(await signatureMatches(req)).toBe(true);
  });

  it("NoSuchBucket (404) is a ServiceError with the EC", async () => {
    record(() =>
      errorReply(
        404,
        `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchBucket</Code>
  <Message>The specified bucket does not exist.</Message>
  <RequestId>5C3D9175B6FC201293AD****</RequestId>
  <HostId>test.oss-cn-hangzhou.aliyuncs.com</HostId>
  <BucketName>test</BucketName>
  <EC>0015-00000101</EC>
</Error>`,
      ),
    );
    await expect(getBucketAcl(client(), { bucket: "test" })).rejects.toMatchObject({
      code: "NoSuchBucket",
      statusCode: 404,
      ec: "0015-00000101",
      requestId: "5C3D9175B6FC201293AD****",
      operation: "GetBucketAcl",
    });
  });
});
