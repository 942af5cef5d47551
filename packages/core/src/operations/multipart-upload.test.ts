import { createHash } from "node:crypto";
import { ChecksumMismatchError, ServiceError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  bodyText,
  mockClient as client,
  mockServer,
  ok,
  rawQueryNames,
  record,
  xml,
} from "../../test/multipart-mock";
import { errorXml, HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  initiateMultipartUpload,
  uploadPart,
  uploadPartCopy,
} from "../multipart";
import { parseXml } from "../xml";

const server = mockServer();

const UPLOAD_ID = "0004B9894A22E5B1888A1E29F823ABCD";
const target = { bucket: "examplebucket", key: "object", uploadId: UPLOAD_ID };
const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("base64");

/** An OSS error response with the `x-oss-ec` header matching `<EC>`. */
const errorResponse = (status: number, code: string, message: string, ec: string, extra = "") =>
  xml(
    errorXml(code, message, "534B371674E88A4D8906FFFF", ec).replace("</Error>", `${extra}</Error>`),
    { "x-oss-ec": ec },
    status,
  );

async function rejects(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (e) => e,
  );
}

describe("InitiateMultipartUpload", () => {
  it("POSTs ?uploads&encoding-type=url with every object header, signed, and returns the upload ID", async () => {
    const requests = record(server, () =>
      xml(`<?xml version="1.0" encoding="UTF-8"?>
<InitiateMultipartUploadResult>
    <Bucket>oss-example</Bucket>
    <Key>multipart.data</Key>
    <UploadId>0004B9894A22E5B1888A1E29F823****</UploadId>
</InitiateMultipartUploadResult>`),
    );
    const out = await initiateMultipartUpload(client(), {
      bucket: "examplebucket",
      key: "object.txt",
      contentType: "text/plain",
      cacheControl: "no-cache",
      contentDisposition: "attachment",
      contentEncoding: "utf-8",
      expires: "2022-10-12T00:00:00.000Z",
      metadata: { name: "walker", email: "demo@aliyun.com" },
      serverSideEncryption: "KMS",
      serverSideDataEncryption: "SM4",
      serverSideEncryptionKeyId: "9468da86-3509-4f8d-a61e-6eab1eac****",
      storageClass: "Standard",
      forbidOverwrite: false,
      tags: { TagA: "B", TagC: "D" },
      acl: "private",
    });
    expect(out).toEqual({
      statusCode: 200,
      requestId: "534B371674E88A4D8906FFFF",
      headers: expect.any(Object),
      bucket: "oss-example",
      key: "multipart.data",
      uploadId: "0004B9894A22E5B1888A1E29F823****",
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("POST");
    expect(req.url.host).toBe(`examplebucket.${HOST}`);
    expect(req.url.pathname).toBe("/object.txt");
    expect(req.query).toEqual({ uploads: "", "encoding-type": "url" });
    expect(rawQueryNames(req).sort()).toEqual(["encoding-type", "uploads"]);
    expect(req.url.search).toBe("?encoding-type=url&uploads"); // valueless, sorted
    expect(req.headers).toMatchObject({
      "content-type": "text/plain",
      "cache-control": "no-cache",
      "content-disposition": "attachment",
      "content-encoding": "utf-8",
      expires: "2022-10-12T00:00:00.000Z",
      "x-oss-meta-name": "walker",
      "x-oss-meta-email": "demo@aliyun.com",
      "x-oss-server-side-encryption": "KMS",
      "x-oss-server-side-data-encryption": "SM4",
      "x-oss-server-side-encryption-key-id": "9468da86-3509-4f8d-a61e-6eab1eac****",
      "x-oss-storage-class": "Standard",
      "x-oss-forbid-overwrite": "false",
      "x-oss-tagging": "TagA=B&TagC=D",
      "x-oss-object-acl": "private",
    });
    expect(req.body).toHaveLength(0);
    expect(await signatureMatches(req)).toBe(true);
  });

  it("decodes a url-encoded key (slashes, spaces, unicode, control characters)", async () => {
    const key = "dir/a b+c/文件 ü\f.txt";
    const requests = record(server, () =>
      xml(`<?xml version="1.0" encoding="UTF-8"?>
<InitiateMultipartUploadResult>
  <EncodingType>url</EncodingType>
  <Bucket>examplebucket</Bucket>
  <Key>${encodeURIComponent(key)}</Key>
  <UploadId>${UPLOAD_ID}</UploadId>
</InitiateMultipartUploadResult>`),
    );
    const out = await initiateMultipartUpload(client(), { bucket: "examplebucket", key });
    expect(out.key).toBe(key);
    expect(out.uploadId).toBe(UPLOAD_ID);
    const [req] = requests as [SeenRequest];
    expect(req.key).toBe(key);
    expect(req.url.pathname).toBe("/dir/a%20b%2Bc/%E6%96%87%E4%BB%B6%20%C3%BC%0C.txt");
    expect(req.headers["content-type"]).toBeUndefined();
    expect(await signatureMatches(req)).toBe(true);
  });

  it("rejects bad input before any request, naming the field", async () => {
    const requests = record(server, () => ok());
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ bucket: "Bad_Bucket", key: "k" }, "bucket"],
      [{ bucket: "examplebucket", key: "" }, "key"],
      [{ bucket: "examplebucket", key: "k", storageClass: "Cold" }, "storageClass"],
      [{ bucket: "examplebucket", key: "k", metadata: { a_b: "v" } }, "metadata.a_b"],
      [{ bucket: "examplebucket", key: "k", forbidOverwrite: "yes" }, "forbidOverwrite"],
      [{ bucket: "examplebucket", key: "k", serverSideEncryption: "RSA" }, "serverSideEncryption"],
      [
        { bucket: "examplebucket", key: "k", serverSideEncryptionKeyId: "id" },
        "serverSideEncryptionKeyId",
      ],
      [
        {
          bucket: "examplebucket",
          key: "k",
          serverSideEncryption: "AES256",
          serverSideDataEncryption: "SM4",
        },
        "serverSideDataEncryption",
      ],
    ];
    for (const [input, field] of bad) {
      const error = await rejects(initiateMultipartUpload(client(), input as never));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field, field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });

  it("404 NoSuchBucket is a ServiceError", async () => {
    record(server, () =>
      errorResponse(
        404,
        "NoSuchBucket",
        "The specified bucket does not exist.",
        "0015-00000101",
        "<BucketName>examplebucket</BucketName>",
      ),
    );
    await expect(
      initiateMultipartUpload(client(), { bucket: "examplebucket", key: "k" }),
    ).rejects.toMatchObject({
      name: "ServiceError",
      code: "NoSuchBucket",
      statusCode: 404,
      ec: "0015-00000101",
      operation: "InitiateMultipartUpload",
    });
  });
});

describe("UploadPart", () => {
  it("PUTs ?partNumber&uploadId with the bytes, signed, checks the CRC-64 and returns the unquoted ETag", async () => {
    const requests = record(server, () =>
      ok({
        etag: '"7265F4D211B56873A381D321F586ABCD"',
        "content-md5": "1B2M2Y8AsgTpgAmY7Ph****",
        "x-oss-hash-crc64ecma": "6571598172666981661",
      }),
    );
    const out = await uploadPart(client(), {
      ...target,
      partNumber: 1,
      body: "upload part 1",
      trafficLimit: 819200,
    });
    expect(out).toEqual({
      statusCode: 200,
      requestId: "534B371674E88A4D8906FFFF",
      headers: expect.any(Object),
      partNumber: 1,
      etag: "7265F4D211B56873A381D321F586ABCD",
      crc64: "6571598172666981661",
      contentMd5: "1B2M2Y8AsgTpgAmY7Ph****",
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.pathname).toBe("/object");
    expect(req.query).toEqual({ partNumber: "1", uploadId: UPLOAD_ID });
    expect(req.headers).toMatchObject({
      "content-length": "13",
      "x-oss-traffic-limit": "819200",
    });
    expect(bodyText(req)).toBe("upload part 1");
    expect(await signatureMatches(req)).toBe(true);
  });

  it("sends a given Content-MD5 and accepts bytes", async () => {
    const bytes = new TextEncoder().encode("upload part 2");
    const requests = record(server, () =>
      ok({ etag: '"E2"', "x-oss-hash-crc64ecma": "2060813895736234537" }),
    );
    const out = await uploadPart(client(), {
      ...target,
      partNumber: 10000,
      body: bytes,
      contentMd5: md5(bytes),
    });
    expect(out).toMatchObject({ partNumber: 10000, etag: "E2", crc64: "2060813895736234537" });
    const [req] = requests as [SeenRequest];
    expect(req.query.partNumber).toBe("10000");
    expect(req.headers["content-md5"]).toBe(md5(bytes));
    expect(await signatureMatches(req)).toBe(true);
  });

  it("retries a CRC-64 mismatch, then fails with ChecksumMismatchError", async () => {
    const requests = record(server, () => ok({ etag: '"E"', "x-oss-hash-crc64ecma": "1" }));
    const error = await rejects(
      uploadPart(client(), { ...target, partNumber: 1, body: "upload part 1" }),
    );
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({
      operation: "UploadPart",
      client: "6571598172666981661",
      server: "1",
    });
    expect(requests).toHaveLength(3);
    for (const req of requests) expect(bodyText(req)).toBe("upload part 1");
  });

  it("skips the CRC check when it is turned off", async () => {
    record(server, () => ok({ etag: '"E"', "x-oss-hash-crc64ecma": "1" }));
    await expect(
      uploadPart(client(), { ...target, partNumber: 1, body: "x" }, { crc64: false }),
    ).resolves.toMatchObject({ etag: "E", crc64: "1" });
  });

  it("404 NoSuchUpload is a ServiceError with EC 0042-00000104, not retried", async () => {
    const requests = record(server, () =>
      errorResponse(
        404,
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
        "0042-00000104",
        `<UploadId>${UPLOAD_ID}</UploadId>`,
      ),
    );
    const error = await rejects(uploadPart(client(), { ...target, partNumber: 1, body: "x" }));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "NoSuchUpload",
      statusCode: 404,
      ec: "0042-00000104",
      operation: "UploadPart",
      requestId: "534B371674E88A4D8906FFFF",
    });
    expect(requests).toHaveLength(1);
  });

  it("fails clearly when the response has no ETag (a browser without CORS ExposeHeaders)", async () => {
    record(server, () => ok({ "x-oss-hash-crc64ecma": "6571598172666981661" }));
    const error = await rejects(
      uploadPart(client(), { ...target, partNumber: 1, body: "upload part 1" }),
    );
    expect(String(error.message)).toMatch(/UploadPart: the response has no ETag header/);
  });

  it("rejects bad part numbers, upload IDs and bodies before any request", async () => {
    const requests = record(server, () => ok());
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...target, partNumber: 0, body: "x" }, "partNumber"],
      [{ ...target, partNumber: 10001, body: "x" }, "partNumber"],
      [{ ...target, partNumber: 1.5, body: "x" }, "partNumber"],
      [{ ...target, partNumber: "1", body: "x" }, "partNumber"],
      [{ ...target, body: "x" }, "partNumber"],
      [{ ...target, uploadId: "", partNumber: 1, body: "x" }, "uploadId"],
      [{ bucket: "examplebucket", key: "k", partNumber: 1, body: "x" }, "uploadId"],
      [{ ...target, partNumber: 1 }, "body"],
      [{ ...target, partNumber: 1, body: 42 }, "body"],
      [{ ...target, partNumber: 1, body: "x", trafficLimit: 1 }, "trafficLimit"],
      [{ ...target, key: "", partNumber: 1, body: "x" }, "key"],
    ];
    for (const [input, field] of bad) {
      const error = await rejects(uploadPart(client(), input as never));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field, field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("UploadPartCopy", () => {
  const copyPartResult = `<?xml version="1.0" encoding="UTF-8"?>
<CopyPartResult>
    <LastModified>2014-07-17T06:27:54.000Z</LastModified>
    <ETag>"5B3C1A2E053D763E1B002CC607C5ABCD"</ETag>
</CopyPartResult>`;

  it("sends the copy source with its version, the range and the copy conditions; parses CopyPartResult", async () => {
    const versionId = "CAEQNhiBgM0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFhZjhjYmY";
    const requests = record(server, () =>
      xml(copyPartResult, { "x-oss-copy-source-version-id": versionId }),
    );
    const out = await uploadPartCopy(client(), {
      ...target,
      partNumber: 2,
      sourceBucket: "oss-src-bucket",
      sourceKey: "oss-src-object",
      sourceVersionId: versionId,
      sourceRange: { start: 0, end: 102399 },
      sourceConditions: {
        ifMatch: '"D41D8CD98F00B204E9800998ECF8****"',
        ifNoneMatch: '"D41D8CD98F00B204E9800998ECF9****"',
        ifModifiedSince: new Date("2023-11-13T14:47:53Z"),
        ifUnmodifiedSince: new Date("2015-11-13T14:47:53Z"),
      },
    });
    expect(out).toMatchObject({
      statusCode: 200,
      partNumber: 2,
      etag: "5B3C1A2E053D763E1B002CC607C5ABCD",
      lastModified: new Date("2014-07-17T06:27:54.000Z"),
      sourceVersionId: versionId,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.pathname).toBe("/object");
    expect(req.query).toEqual({ partNumber: "2", uploadId: UPLOAD_ID });
    expect(req.headers).toMatchObject({
      "x-oss-copy-source": `/oss-src-bucket/oss-src-object?versionId=${versionId}`,
      "x-oss-copy-source-range": "bytes=0-102399",
      "x-oss-copy-source-if-match": '"D41D8CD98F00B204E9800998ECF8****"',
      "x-oss-copy-source-if-none-match": '"D41D8CD98F00B204E9800998ECF9****"',
      "x-oss-copy-source-if-modified-since": "Mon, 13 Nov 2023 14:47:53 GMT",
      "x-oss-copy-source-if-unmodified-since": "Fri, 13 Nov 2015 14:47:53 GMT",
    });
    expect(req.headers["if-match"]).toBeUndefined();
    expect(req.body).toHaveLength(0);
    expect(await signatureMatches(req)).toBe(true);
  });

  it("percent-encodes the source key, keeping '/'", async () => {
    const requests = record(server, () => xml(copyPartResult));
    await uploadPartCopy(client(), {
      ...target,
      partNumber: 1,
      sourceBucket: "src-bucket",
      sourceKey: "dir/a b+c%?#ü文(1).txt",
    });
    const [req] = requests as [SeenRequest];
    expect(req.headers["x-oss-copy-source"]).toBe(
      "/src-bucket/dir/a%20b%2Bc%25%3F%23%C3%BC%E6%96%87%281%29.txt",
    );
    expect(req.headers["x-oss-copy-source-range"]).toBeUndefined();
    const encoded = req.headers["x-oss-copy-source"] ?? "";
    expect(decodeURIComponent(encoded.slice("/src-bucket/".length))).toBe("dir/a b+c%?#ü文(1).txt");
    expect(await signatureMatches(req)).toBe(true);
  });

  it("copies from the destination bucket when no source bucket is given", async () => {
    const requests = record(server, () => xml(copyPartResult));
    await uploadPartCopy(client(), { ...target, partNumber: 1, sourceKey: "big.iso" });
    expect(requests[0]?.headers["x-oss-copy-source"]).toBe("/examplebucket/big.iso");
  });

  it("404 NoSuchUpload (EC 0042-00000311) and 412 PreconditionFailed are ServiceErrors", async () => {
    record(server, (_, n) =>
      n === 1
        ? errorResponse(
            404,
            "NoSuchUpload",
            "The specified upload does not exist.",
            "0042-00000311",
          )
        : errorResponse(
            412,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold.",
            "0026-00000008",
          ),
    );
    const input = { ...target, partNumber: 1, sourceBucket: "src-bucket", sourceKey: "s" };
    await expect(uploadPartCopy(client(), input)).rejects.toMatchObject({
      code: "NoSuchUpload",
      statusCode: 404,
      ec: "0042-00000311",
    });
    await expect(
      uploadPartCopy(client(), { ...input, sourceConditions: { ifMatch: "x" } }),
    ).rejects.toMatchObject({
      code: "PreconditionFailed",
      statusCode: 412,
    });
  });

  it("rejects bad sources and ranges before any request", async () => {
    const requests = record(server, () => ok());
    const base = { ...target, partNumber: 1, sourceBucket: "src-bucket", sourceKey: "s" };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...base, sourceBucket: "Src_Bucket" }, "sourceBucket"],
      [{ ...base, sourceBucket: 42 }, "sourceBucket"],
      [{ ...base, sourceKey: "" }, "sourceKey"],
      [{ ...base, sourceVersionId: "" }, "sourceVersionId"],
      [{ ...base, sourceRange: { start: -1, end: 5 } }, "sourceRange.start"],
      [{ ...base, sourceRange: { start: 5, end: 4 } }, "sourceRange.end"],
      [{ ...base, sourceRange: { start: 5 } }, "sourceRange.end"],
      [{ ...base, sourceRange: { start: 0, end: 5 * 1024 ** 3 } }, "sourceRange"],
      [{ ...base, partNumber: 10001 }, "partNumber"],
      [
        { ...base, sourceConditions: { ifModifiedSince: "yesterday" } },
        "sourceConditions.ifModifiedSince",
      ],
      [{ ...base, sourceConditions: "x" }, "sourceConditions"],
    ];
    for (const [input, field] of bad) {
      const error = await rejects(uploadPartCopy(client(), input as never));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field, field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("CompleteMultipartUpload", () => {
  const completeResult = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<CompleteMultipartUploadResult>
  <EncodingType>url</EncodingType>
  <Location>http://oss-example.oss-cn-hangzhou.aliyuncs.com/multipart.data</Location>
  <Bucket>oss-example</Bucket>
  <Key>${key}</Key>
  <ETag>"097DE458AD02B5F89F9D0530231876AB-3"</ETag>
</CompleteMultipartUploadResult>`;

  it("POSTs the part list as XML with Content-MD5, signed; decodes the key", async () => {
    const requests = record(server, () =>
      xml(completeResult("demo%2Fmultipart.data"), {
        "x-oss-version-id": "CAEQMxiBgMC0vs6D0BYiIGJiZWRjOTRjNTg0NzQ1MTRiN2Y1OTYxMTdkYjQ0ABCD",
        "x-oss-hash-crc64ecma": "12066172435287683848",
      }),
    );
    const out = await completeMultipartUpload(client(), {
      ...target,
      parts: [
        { partNumber: 1, etag: '"8EFDA8BE206636A695359836FE0AABCD"' },
        { partNumber: 2, etag: "8C315065167132444177411FDA14ABCD" },
        { partNumber: 5, etag: "3349DC700140D7F86A0784842780ABCD" },
      ],
      forbidOverwrite: true,
      acl: "public-read",
    });
    expect(out).toEqual({
      statusCode: 200,
      requestId: "534B371674E88A4D8906FFFF",
      headers: expect.any(Object),
      location: "http://oss-example.oss-cn-hangzhou.aliyuncs.com/multipart.data",
      bucket: "oss-example",
      key: "demo/multipart.data",
      etag: "097DE458AD02B5F89F9D0530231876AB-3",
      versionId: "CAEQMxiBgMC0vs6D0BYiIGJiZWRjOTRjNTg0NzQ1MTRiN2Y1OTYxMTdkYjQ0ABCD",
      crc64: "12066172435287683848",
      callbackResult: undefined,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("POST");
    expect(req.url.pathname).toBe("/object");
    expect(req.query).toEqual({ uploadId: UPLOAD_ID, "encoding-type": "url" });
    expect(req.headers).toMatchObject({
      "content-type": "application/xml",
      "content-md5": md5(req.body),
      "content-length": String(req.body.length),
      "x-oss-forbid-overwrite": "true",
      "x-oss-object-acl": "public-read",
    });
    expect(req.headers["x-oss-complete-all"]).toBeUndefined();
    const { root, node } = parseXml(bodyText(req), ["CompleteMultipartUpload.Part"]);
    expect(root).toBe("CompleteMultipartUpload");
    expect(node).toEqual({
      Part: [
        { PartNumber: "1", ETag: '"8EFDA8BE206636A695359836FE0AABCD"' },
        { PartNumber: "2", ETag: '"8C315065167132444177411FDA14ABCD"' },
        { PartNumber: "5", ETag: '"3349DC700140D7F86A0784842780ABCD"' },
      ],
    });
    expect(bodyText(req)).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(await signatureMatches(req)).toBe(true);
  });

  it("round-trips keys with '/', spaces, '+' and unicode", async () => {
    const key = "视频/2024 年/a+b ü.mp4";
    const requests = record(server, () => xml(completeResult(encodeURIComponent(key))));
    const out = await completeMultipartUpload(client(), {
      ...target,
      key,
      parts: [{ partNumber: 1, etag: "E1" }],
    });
    expect(out.key).toBe(key);
    const [req] = requests as [SeenRequest];
    expect(req.key).toBe(key);
    expect(await signatureMatches(req)).toBe(true);
  });

  it("a single part is still a <Part> list of one", async () => {
    const requests = record(server, () => xml(completeResult("k")));
    await completeMultipartUpload(client(), { ...target, parts: [{ partNumber: 7, etag: "E" }] });
    const body = bodyText(requests[0] as SeenRequest);
    expect(body).toContain(
      "<CompleteMultipartUpload><Part><PartNumber>7</PartNumber><ETag>&quot;E&quot;</ETag></Part></CompleteMultipartUpload>",
    );
  });

  it("complete-all: x-oss-complete-all: yes and no body", async () => {
    const requests = record(server, () => xml(completeResult("object")));
    const out = await completeMultipartUpload(client(), { ...target, completeAll: true });
    expect(out.etag).toBe("097DE458AD02B5F89F9D0530231876AB-3");
    const [req] = requests as [SeenRequest];
    expect(req.headers["x-oss-complete-all"]).toBe("yes");
    expect(req.body).toHaveLength(0);
    expect(req.headers["content-md5"]).toBeUndefined();
    expect(req.query).toEqual({ uploadId: UPLOAD_ID, "encoding-type": "url" });
    expect(await signatureMatches(req)).toBe(true);
  });

  it("with a callback, the body is the callback result", async () => {
    const callbackJson = '{"filename":"oss-obj.txt","size":"100","mimeType":"","x":"a","b":"b"}';
    const requests = record(server, () =>
      ok(
        {
          "content-type": "application/json",
          etag: '"097DE458AD02B5F89F9D0530231876AB-2"',
          "x-oss-version-id": "V1",
          "x-oss-hash-crc64ecma": "12066172435287683848",
        },
        callbackJson,
      ),
    );
    const callback = {
      url: "www.aliyuncs.com",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: OSS callback variables
      body: "filename=${object}&size=${size}&mimeType=${mimeType}&x=${x:a}&b=${x:b}",
      variables: { "x:a": "a", "x:b": "b" },
    };
    const out = await completeMultipartUpload(client(), {
      ...target,
      completeAll: true,
      forbidOverwrite: false,
      callback,
    });
    expect(out).toMatchObject({
      callbackResult: callbackJson,
      etag: "097DE458AD02B5F89F9D0530231876AB-2",
      versionId: "V1",
      crc64: "12066172435287683848",
      location: undefined,
      key: undefined,
    });
    const [req] = requests as [SeenRequest];
    expect(req.headers["x-oss-complete-all"]).toBe("yes");
    expect(req.headers["x-oss-forbid-overwrite"]).toBe("false");
    expect(JSON.parse(atob(req.headers["x-oss-callback"] ?? ""))).toEqual({
      callbackUrl: "www.aliyuncs.com",
      callbackBody: callback.body,
    });
    expect(JSON.parse(atob(req.headers["x-oss-callback-var"] ?? ""))).toEqual({
      "x:a": "a",
      "x:b": "b",
    });
    expect(await signatureMatches(req)).toBe(true);
  });

  it("203 CallbackFailed is thrown as a ServiceError (EC 0007-00000203)", async () => {
    record(server, () =>
      errorResponse(203, "CallbackFailed", "Error status : 301.", "0007-00000203"),
    );
    await expect(
      completeMultipartUpload(client(), {
        ...target,
        parts: [{ partNumber: 1, etag: "E" }],
        callback: { url: "http://www.aliyun.com", body: "x" },
      }),
    ).rejects.toMatchObject({
      name: "ServiceError",
      code: "CallbackFailed",
      statusCode: 203,
      ec: "0007-00000203",
    });
  });

  it("rejects parts out of order or repeated, before sending", async () => {
    const requests = record(server, () => ok());
    const cases: Array<[Array<{ partNumber: number; etag: string }>, string, RegExp]> = [
      [
        [
          { partNumber: 2, etag: "B" },
          { partNumber: 1, etag: "A" },
        ],
        "parts[1].partNumber",
        /ascending/,
      ],
      [
        [
          { partNumber: 1, etag: "A" },
          { partNumber: 3, etag: "C" },
          { partNumber: 3, etag: "C2" },
        ],
        "parts[2].partNumber",
        /duplicates part 3/,
      ],
    ];
    for (const [parts, field, rule] of cases) {
      const error = await rejects(completeMultipartUpload(client(), { ...target, parts }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
      expect(String(error.rule)).toMatch(rule);
    }
    expect(requests).toHaveLength(0);
  });

  it("rejects other bad input before any request, naming the field", async () => {
    const requests = record(server, () => ok());
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...target }, "parts"],
      [{ ...target, parts: [] }, "parts"],
      [{ ...target, parts: "1,2" }, "parts"],
      [{ ...target, parts: [{ partNumber: 1, etag: "A" }], completeAll: true }, "completeAll"],
      [{ ...target, completeAll: "yes" }, "completeAll"],
      [{ ...target, parts: [{ partNumber: 0, etag: "A" }] }, "parts[0].partNumber"],
      [{ ...target, parts: [{ partNumber: 1 }] }, "parts[0].etag"],
      [{ ...target, parts: [{ partNumber: 1, etag: '""' }] }, "parts[0].etag"],
      [{ ...target, parts: [null] }, "parts[0]"],
      [{ ...target, uploadId: undefined, completeAll: true }, "uploadId"],
      [{ ...target, completeAll: true, acl: "everyone" }, "acl"],
      [{ ...target, completeAll: true, callback: { url: "", body: "x" } }, "callback.url"],
    ];
    for (const [input, field] of bad) {
      const error = await rejects(completeMultipartUpload(client(), input as never));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field, field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });

  it("400 InvalidPart, InvalidPartOrder and EntityTooSmall, 404 NoSuchUpload are ServiceErrors with their EC", async () => {
    const errors = [
      errorResponse(
        400,
        "InvalidPart",
        "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
        "0042-00000204",
        `<ETag>undefined</ETag><PartNumber>1</PartNumber><UploadId>${UPLOAD_ID}</UploadId>`,
      ),
      errorResponse(
        400,
        "InvalidPartOrder",
        "The list of parts was not in ascending order. Parts list must specified in order by part number",
        "0042-00000209",
      ),
      errorResponse(
        400,
        "EntityTooSmall",
        "Your proposed upload is smaller than the minimum allowed size.",
        "0042-00000213",
      ),
      errorResponse(404, "NoSuchUpload", "The specified upload does not exist.", "0042-00000002"),
    ];
    const requests = record(server, (_, n) => errors[n - 1] ?? ok());
    const expected = [
      ["InvalidPart", 400, "0042-00000204"],
      ["InvalidPartOrder", 400, "0042-00000209"],
      ["EntityTooSmall", 400, "0042-00000213"],
      ["NoSuchUpload", 404, "0042-00000002"],
    ] as const;
    for (const [code, statusCode, ec] of expected) {
      const error = await rejects(
        completeMultipartUpload(client(), { ...target, parts: [{ partNumber: 1, etag: "E" }] }),
      );
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({ code, statusCode, ec, operation: "CompleteMultipartUpload" });
    }
    expect(requests).toHaveLength(4);
  });
});

describe("AbortMultipartUpload", () => {
  it("DELETEs ?uploadId, signed; accepts 204", async () => {
    const requests = record(server, () => ok({}, null, 204));
    const key = "dir/a b/ü.bin";
    const out = await abortMultipartUpload(client(), { ...target, key });
    expect(out).toEqual({
      statusCode: 204,
      requestId: "534B371674E88A4D8906FFFF",
      headers: expect.any(Object),
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("DELETE");
    expect(req.key).toBe(key);
    expect(req.query).toEqual({ uploadId: UPLOAD_ID });
    expect(await signatureMatches(req)).toBe(true);
  });

  it("404 NoSuchUpload is a ServiceError with EC 0042-00000002", async () => {
    record(server, () =>
      errorResponse(
        404,
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
        "0042-00000002",
      ),
    );
    await expect(abortMultipartUpload(client(), target)).rejects.toMatchObject({
      name: "ServiceError",
      code: "NoSuchUpload",
      statusCode: 404,
      ec: "0042-00000002",
      operation: "AbortMultipartUpload",
    });
  });

  it("rejects a missing upload ID before any request", async () => {
    const requests = record(server, () => ok());
    const error = await rejects(
      abortMultipartUpload(client(), { bucket: "examplebucket", key: "k" } as never),
    );
    expect(error).toMatchObject({ name: "ValidationError", field: "uploadId" });
    expect(requests).toHaveLength(0);
  });
});
