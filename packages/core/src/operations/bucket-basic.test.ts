import { ServiceError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { client, errorReply, mockOss, REQUEST_ID, reply, xmlBodyOf } from "../../test/bucket-mock";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import {
  bucketExists,
  deleteBucket,
  getBucketInfo,
  getBucketLocation,
  getBucketStat,
  PutBucket,
  putBucket,
} from "../bucket";
import { parseXml } from "../xml";

const { record } = mockOss();

// §E.2 NoSuchBucket ([go-mock] testMockDeleteBucketErrorCases).
const NO_SUCH_BUCKET = `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchBucket</Code>
  <Message>The specified bucket does not exist.</Message>
  <RequestId>5C3D9175B6FC201293AD****</RequestId>
  <HostId>test.oss-cn-hangzhou.aliyuncs.com</HostId>
  <BucketName>test</BucketName>
  <EC>0015-00000101</EC>
</Error>`;

function expectBucketRoot(req: SeenRequest, method: string, query: Record<string, string>) {
  expect(req.method).toBe(method);
  expect(req.url.host).toBe(`examplebucket.${HOST}`);
  expect(req.url.pathname).toBe("/");
  expect(req.key).toBeUndefined();
  expect(req.query).toEqual(query);
}

describe("PutBucket", () => {
  it("sends the ACL and resource group headers and a CreateBucketConfiguration body", async () => {
    const requests = record(() => reply(200));
    const out = await putBucket(client(), {
      bucket: "examplebucket",
      acl: "private",
      storageClass: "Archive",
      dataRedundancyType: "LRS",
      resourceGroupId: "rg-aek27tc********",
    });
    expect(out).toEqual({ statusCode: 200, requestId: REQUEST_ID, headers: expect.any(Object) });
    const [req] = requests as [SeenRequest];
    expectBucketRoot(req, "PUT", {});
    expect(req.headers["x-oss-acl"]).toBe("private");
    expect(req.headers["x-oss-resource-group-id"]).toBe("rg-aek27tc********");
    const body = await xmlBodyOf(req);
    // The documented body (§2.2), parsed the same way.
    expect(body).toEqual(
      parseXml(
        "<CreateBucketConfiguration><StorageClass>Archive</StorageClass><DataRedundancyType>LRS</DataRedundancyType></CreateBucketConfiguration>",
      ),
    );
  });

  it("sends no body (and no Content-MD5) with only an ACL", async () => {
    const requests = record(() => reply(200));
    await putBucket(client(), { bucket: "examplebucket", acl: "public-read" });
    const [req] = requests as [SeenRequest];
    expectBucketRoot(req, "PUT", {});
    expect(req.body).toHaveLength(0);
    expect(req.headers["content-md5"]).toBeUndefined();
    expect(req.headers["x-oss-acl"]).toBe("public-read");
    expect(await signatureMatches(req)).toBe(true);
  });

  it("BucketAlreadyExists (409) is a ServiceError, not retried", async () => {
    const requests = record(() =>
      errorReply(
        409,
        `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>BucketAlreadyExists</Code>
  <Message>The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.</Message>
  <RequestId>6548A043CA31D****</RequestId>
  <EC>0015-00000104</EC>
</Error>`,
      ),
    );
    const error = await putBucket(client(), { bucket: "examplebucket" }).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "BucketAlreadyExists",
      statusCode: 409,
      requestId: "6548A043CA31D****",
      ec: "0015-00000104",
      operation: "PutBucket",
    });
    expect(requests).toHaveLength(1);
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => reply(200));
    const bad: Array<[unknown, string]> = [
      [undefined, "input"],
      [{}, "bucket"],
      [{ bucket: "Bad_Bucket" }, "bucket"],
      [{ bucket: "ab" }, "bucket"],
      [{ bucket: "-abc" }, "bucket"],
      [{ bucket: "examplebucket", acl: "default" }, "acl"],
      [{ bucket: "examplebucket", acl: "authenticated-read" }, "acl"],
      [{ bucket: "examplebucket", storageClass: "Cold" }, "storageClass"],
      [{ bucket: "examplebucket", dataRedundancyType: "GRS" }, "dataRedundancyType"],
      [{ bucket: "examplebucket", resourceGroupId: 5 }, "resourceGroupId"],
    ];
    for (const [input, field] of bad) {
      const error = await putBucket(client(), input as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    expect(() => PutBucket.serialize({ bucket: "UPPER" })).toThrow(ValidationError);
    expect(requests).toHaveLength(0);
  });
});

describe("DeleteBucket", () => {
  it("sends DELETE / and accepts 204", async () => {
    const requests = record(() => reply(204));
    const out = await deleteBucket(client(), { bucket: "examplebucket" });
    expect(out.statusCode).toBe(204);
    expect(out.requestId).toBe(REQUEST_ID);
    const [req] = requests as [SeenRequest];
    expectBucketRoot(req, "DELETE", {});
    expect(await signatureMatches(req)).toBe(true);
  });

  it("BucketNotEmpty (409) and NoSuchBucket (404) are ServiceErrors with their EC", async () => {
    const requests = record((_, n) =>
      n === 1
        ? errorReply(
            409,
            `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>BucketNotEmpty</Code>
  <Message>The bucket has objects. Please delete them first.</Message>
  <RequestId>5C3D8D2A0ACA54D87B43****</RequestId>
  <HostId>test.oss-cn-hangzhou.aliyuncs.com</HostId>
  <BucketName>test</BucketName>
  <EC>0015-00000301</EC>
</Error>`,
          )
        : errorReply(404, NO_SUCH_BUCKET),
    );
    await expect(deleteBucket(client(), { bucket: "test" })).rejects.toMatchObject({
      name: "ServiceError",
      code: "BucketNotEmpty",
      statusCode: 409,
      ec: "0015-00000301",
      hostId: "test.oss-cn-hangzhou.aliyuncs.com",
      operation: "DeleteBucket",
    });
    await expect(deleteBucket(client(), { bucket: "test" })).rejects.toMatchObject({
      code: "NoSuchBucket",
      statusCode: 404,
      requestId: "5C3D9175B6FC201293AD****",
      ec: "0015-00000101",
      message: expect.stringContaining("The specified bucket does not exist."),
    });
    expect(requests).toHaveLength(2);
  });

  it("rejects a bad bucket name before any request", async () => {
    const requests = record(() => reply(204));
    const error = await deleteBucket(client(), { bucket: "a_b" }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe("bucket");
    expect(requests).toHaveLength(0);
  });
});

// §2.4, first fixture.
const BUCKET_INFO = `<?xml version="1.0" encoding="UTF-8"?>
<BucketInfo>
  <Bucket>
    <AccessMonitor>Enabled</AccessMonitor>
    <CreationDate>2013-07-31T10:56:21.000Z</CreationDate>
    <ExtranetEndpoint>oss-cn-hangzhou.aliyuncs.com</ExtranetEndpoint>
    <IntranetEndpoint>oss-cn-hangzhou-internal.aliyuncs.com</IntranetEndpoint>
    <Location>oss-cn-hangzhou</Location>
    <StorageClass>Standard</StorageClass>
    <DataRedundancyType>LRS</DataRedundancyType>
    <TransferAcceleration>Disabled</TransferAcceleration>
    <CrossRegionReplication>Disabled</CrossRegionReplication>
    <Name>oss-example</Name>
    <ResourceGroupId>rg-aek27tc********</ResourceGroupId>
    <Owner>
      <DisplayName>username</DisplayName>
      <ID>27183473914****</ID>
    </Owner>
    <AccessControlList>
      <Grant>private</Grant>
    </AccessControlList>
    <ServerSideEncryptionRule>
      <SSEAlgorithm>KMS</SSEAlgorithm>
      <KMSMasterKeyID></KMSMasterKeyID>
      <KMSDataEncryption>SM4</KMSDataEncryption>
    </ServerSideEncryptionRule>
    <BucketPolicy>
      <LogBucket>examplebucket</LogBucket>
      <LogPrefix>log/</LogPrefix>
    </BucketPolicy>
  </Bucket>
</BucketInfo>`;

describe("GetBucketInfo and bucketExists", () => {
  it("sends GET /?bucketInfo and reads every documented field", async () => {
    const requests = record(() => reply(200, BUCKET_INFO));
    const out = await getBucketInfo(client(), { bucket: "examplebucket" });
    const [req] = requests as [SeenRequest];
    expectBucketRoot(req, "GET", { bucketInfo: "" });
    expect(req.url.search).toBe("?bucketInfo");
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toEqual({
      statusCode: 200,
      requestId: REQUEST_ID,
      headers: expect.any(Object),
      name: "oss-example",
      creationDate: new Date("2013-07-31T10:56:21.000Z"),
      location: "oss-cn-hangzhou",
      extranetEndpoint: "oss-cn-hangzhou.aliyuncs.com",
      intranetEndpoint: "oss-cn-hangzhou-internal.aliyuncs.com",
      storageClass: "Standard",
      dataRedundancyType: "LRS",
      acl: "private",
      owner: { id: "27183473914****", displayName: "username" },
      resourceGroupId: "rg-aek27tc********",
      accessMonitor: "Enabled",
      transferAcceleration: "Disabled",
      crossRegionReplication: "Disabled",
      versioning: undefined,
      blockPublicAccess: undefined,
      comment: undefined,
      serverSideEncryption: {
        algorithm: "KMS",
        kmsMasterKeyId: undefined,
        kmsDataEncryption: "SM4",
      },
      logging: { targetBucket: "examplebucket", targetPrefix: "log/" },
    });
  });

  it("treats every child as optional (second fixture: BlockPublicAccess, Comment, no SSE)", async () => {
    const second = BUCKET_INFO.replace(
      "<AccessMonitor>Enabled</AccessMonitor>",
      "<AccessMonitor>Enabled</AccessMonitor><BlockPublicAccess>true</BlockPublicAccess><Comment>test</Comment>",
    )
      .replace(/<ServerSideEncryptionRule>[\s\S]*<\/ServerSideEncryptionRule>/, "")
      .replace("<DataRedundancyType>LRS</DataRedundancyType>", "");
    record(() => reply(200, second));
    const out = await getBucketInfo(client(), { bucket: "examplebucket" });
    expect(out).toMatchObject({
      blockPublicAccess: true,
      comment: "test",
      serverSideEncryption: undefined,
      dataRedundancyType: undefined,
      name: "oss-example",
    });
  });

  it("bucketExists: true on 200, false on NoSuchBucket, other errors thrown", async () => {
    const requests = record((_, n) => {
      if (n === 1) return reply(200, BUCKET_INFO);
      if (n === 2) return errorReply(404, NO_SUCH_BUCKET);
      return errorReply(
        403,
        `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>AccessDenied</Code>
  <Message>Access denied for requester pay bucket</Message>
  <RequestId>5C3D8D2A0ACA54D87B43****</RequestId>
  <HostId>test.oss-cn-hangzhou.aliyuncs.com</HostId>
  <BucketName>test</BucketName>
  <EC>0003-00000703</EC>
</Error>`,
      );
    });
    expect(await bucketExists(client(), { bucket: "examplebucket" })).toBe(true);
    expect(await bucketExists(client(), { bucket: "test" })).toBe(false);
    await expect(bucketExists(client(), { bucket: "test" })).rejects.toMatchObject({
      code: "AccessDenied",
      statusCode: 403,
      ec: "0003-00000703",
    });
    expect(requests.map((r) => r.query)).toEqual([
      { bucketInfo: "" },
      { bucketInfo: "" },
      { bucketInfo: "" },
    ]);
    await expect(bucketExists(client(), { bucket: "Nope!" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(requests).toHaveLength(3);
  });
});

describe("GetBucketLocation", () => {
  it("sends GET /?location and reads the single element", async () => {
    const requests = record(() =>
      reply(
        200,
        `<?xml version="1.0" encoding="UTF-8"?>
<LocationConstraint>oss-cn-hangzhou</LocationConstraint>`,
      ),
    );
    const out = await getBucketLocation(client(), { bucket: "examplebucket" });
    const [req] = requests as [SeenRequest];
    expectBucketRoot(req, "GET", { location: "" });
    expect(await signatureMatches(req)).toBe(true);
    expect(out.location).toBe("oss-cn-hangzhou");
    expect(out.requestId).toBe(REQUEST_ID);
  });

  it("NoSuchBucket is a ServiceError", async () => {
    record(() => errorReply(404, NO_SUCH_BUCKET));
    await expect(getBucketLocation(client(), { bucket: "test" })).rejects.toMatchObject({
      code: "NoSuchBucket",
      operation: "GetBucketLocation",
    });
  });
});

describe("GetBucketStat", () => {
  it("sends GET /?stat and reads every count, LastModifiedTime as Unix seconds", async () => {
    const requests = record(() =>
      reply(
        200,
        `<?xml version="1.0" encoding="UTF-8"?>
<BucketStat>
  <Storage>1600</Storage>
  <ObjectCount>230</ObjectCount>
  <MultipartUploadCount>40</MultipartUploadCount>
  <LiveChannelCount>4</LiveChannelCount>
  <LastModifiedTime>1643341269</LastModifiedTime>
  <StandardStorage>430</StandardStorage>
  <StandardObjectCount>66</StandardObjectCount>
  <InfrequentAccessStorage>2359296</InfrequentAccessStorage>
  <InfrequentAccessRealStorage>360</InfrequentAccessRealStorage>
  <InfrequentAccessObjectCount>54</InfrequentAccessObjectCount>
  <ArchiveStorage>2949120</ArchiveStorage>
  <ArchiveRealStorage>450</ArchiveRealStorage>
  <ArchiveObjectCount>74</ArchiveObjectCount>
  <ColdArchiveStorage>2359296</ColdArchiveStorage>
  <ColdArchiveRealStorage>360</ColdArchiveRealStorage>
  <ColdArchiveObjectCount>36</ColdArchiveObjectCount>
  <DeepColdArchiveStorage>2340340840</DeepColdArchiveStorage>
  <DeepColdArchiveRealStorage>2340340840</DeepColdArchiveRealStorage>
  <DeepColdArchiveObjectCount>2</DeepColdArchiveObjectCount>
  <MultipartPartCount>1</MultipartPartCount>
  <DeleteMarkerCount>6276</DeleteMarkerCount>
</BucketStat>`,
      ),
    );
    const out = await getBucketStat(client(), { bucket: "examplebucket" });
    const [req] = requests as [SeenRequest];
    expectBucketRoot(req, "GET", { stat: "" });
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toEqual({
      statusCode: 200,
      requestId: REQUEST_ID,
      headers: expect.any(Object),
      storage: 1600,
      objectCount: 230,
      multipartUploadCount: 40,
      multipartPartCount: 1,
      liveChannelCount: 4,
      deleteMarkerCount: 6276,
      lastModifiedTime: new Date("2022-01-28T03:41:09.000Z"),
      standardStorage: 430,
      standardObjectCount: 66,
      infrequentAccessStorage: 2359296,
      infrequentAccessRealStorage: 360,
      infrequentAccessObjectCount: 54,
      archiveStorage: 2949120,
      archiveRealStorage: 450,
      archiveObjectCount: 74,
      coldArchiveStorage: 2359296,
      coldArchiveRealStorage: 360,
      coldArchiveObjectCount: 36,
      deepColdArchiveStorage: 2340340840,
      deepColdArchiveRealStorage: 2340340840,
      deepColdArchiveObjectCount: 2,
    });
  });
});
