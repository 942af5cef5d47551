import { createHash } from "node:crypto";
import { PresignExpirationError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  bodyText,
  mockClient as client,
  mockServer,
  ok,
  presignedSignatureMatches,
  record,
  xml,
} from "../../test/multipart-mock";
import { credentials, HOST, type SeenRequest } from "../../test/oss-mock";
import {
  presignAbortMultipartUpload,
  presignCompleteMultipartUpload,
  presignInitiateMultipartUpload,
  presignUploadPart,
} from "../multipart";

const server = mockServer();

const UPLOAD_ID = "0004B9895DBBB6EC9ABCD";
const target = { bucket: "examplebucket", key: "dir/a b/ü.bin", uploadId: UPLOAD_ID };
const SIGNATURE_PARAMS = [
  "x-oss-signature-version",
  "x-oss-credential",
  "x-oss-date",
  "x-oss-expires",
  "x-oss-signature",
];

describe("presignUploadPart", () => {
  it("gives a URL carrying partNumber, uploadId and the V4 signature params, accepted as sent", async () => {
    const presigned = await presignUploadPart(
      client(),
      { ...target, partNumber: 3 },
      { expiresIn: 3600 },
    );
    expect(Object.keys(presigned).sort()).toEqual(["expiration", "method", "signedHeaders", "url"]);
    expect(presigned.method).toBe("PUT");
    expect(presigned.signedHeaders).toEqual({});
    const url = new URL(presigned.url);
    expect(url.host).toBe(`examplebucket.${HOST}`);
    expect(url.pathname).toBe("/dir/a%20b/%C3%BC.bin");
    expect(url.searchParams.get("partNumber")).toBe("3");
    expect(url.searchParams.get("uploadId")).toBe(UPLOAD_ID);
    for (const name of SIGNATURE_PARAMS) expect(url.searchParams.has(name), name).toBe(true);
    expect(url.searchParams.get("x-oss-expires")).toBe("3600");
    expect(url.searchParams.get("x-oss-credential")).toMatch(
      new RegExp(`^${credentials.accessKeyId}/\\d{8}/cn-hangzhou/oss/aliyun_v4_request$`),
    );
    const age = presigned.expiration.getTime() - Date.now();
    expect(age).toBeGreaterThan(3590_000);
    expect(age).toBeLessThanOrEqual(3600_000);

    // Whoever holds the URL uploads with plain fetch, no credentials.
    const requests = record(server, () =>
      ok({ etag: '"7265F4D211B56873A381D321F586ABCD"', "x-oss-hash-crc64ecma": "1" }),
    );
    const res = await fetch(presigned.url, {
      method: presigned.method,
      headers: presigned.signedHeaders,
      body: new TextEncoder().encode("upload part 1"),
    });
    expect(res.status).toBe(200);
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.key).toBe(target.key);
    expect(req.headers.authorization).toBeUndefined();
    expect(bodyText(req)).toBe("upload part 1");
    expect(await presignedSignatureMatches(req)).toBe(true);
    expect(
      await presignedSignatureMatches({ ...req, query: { ...req.query, partNumber: "4" } }),
    ).toBe(false);
  });

  it("signs Content-MD5 and the traffic limit, which the uploader must then send", async () => {
    const md5 = createHash("md5").update("upload part 1").digest("base64");
    const presigned = await presignUploadPart(client(), {
      ...target,
      partNumber: 1,
      contentMd5: md5,
      trafficLimit: 819200,
    });
    expect(presigned.signedHeaders).toEqual({
      "Content-MD5": md5,
      "x-oss-traffic-limit": "819200",
    });
    expect(new URL(presigned.url).searchParams.get("x-oss-expires")).toBe("900");
    const requests = record(server, () => ok({ etag: '"E"' }));
    const send = (body: BodyInit) =>
      fetch(presigned.url, { method: "PUT", headers: presigned.signedHeaders, body });
    await send(new TextEncoder().encode("upload part 1"));
    expect(await presignedSignatureMatches(requests[0] as SeenRequest)).toBe(true);
    // fetch labels a string body text/plain, and Content-Type is always signed: refused.
    await send("upload part 1");
    expect(requests[1]?.headers["content-type"]).toMatch(/^text\/plain/);
    expect(await presignedSignatureMatches(requests[1] as SeenRequest)).toBe(false);
  });

  it("carries the STS token", async () => {
    const presigned = await presignUploadPart(
      client({ credentials: { ...credentials, securityToken: "STS.token" } }),
      { ...target, partNumber: 1 },
    );
    expect(new URL(presigned.url).searchParams.get("x-oss-security-token")).toBe("STS.token");
  });

  it("V1 URLs carry partNumber and uploadId with OSSAccessKeyId, Expires and Signature", async () => {
    const presigned = await presignUploadPart(
      client({ signatureVersion: "v1" }),
      { ...target, partNumber: 2 },
      { expiresIn: 60 },
    );
    const url = new URL(presigned.url);
    expect(url.searchParams.get("partNumber")).toBe("2");
    expect(url.searchParams.get("uploadId")).toBe(UPLOAD_ID);
    expect(url.searchParams.get("OSSAccessKeyId")).toBe(credentials.accessKeyId);
    expect(url.searchParams.get("Expires")).toMatch(/^\d+$/);
    expect(url.searchParams.get("Signature")).toBeTruthy();
  });

  it("rejects bad input and lifetimes without signing", async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...target, partNumber: 0 }, "partNumber"],
      [{ ...target, uploadId: "" }, "uploadId"],
      [{ ...target, partNumber: 1, key: "" }, "key"],
    ];
    for (const [input, field] of bad) {
      const error = await presignUploadPart(client(), input as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    await expect(
      presignUploadPart(client(), { ...target, partNumber: 1 }, { expiresIn: 604801 }),
    ).rejects.toBeInstanceOf(PresignExpirationError);
    await expect(
      presignUploadPart(client({ anonymous: true }), { ...target, partNumber: 1 }),
    ).rejects.toMatchObject({ name: "ValidationError", field: "credentials" });
  });
});

describe("presignInitiateMultipartUpload", () => {
  it("presigns POST ?uploads&encoding-type=url with the object headers signed", async () => {
    const presigned = await presignInitiateMultipartUpload(
      client(),
      {
        bucket: "examplebucket",
        key: "video.mp4",
        contentType: "video/mp4",
        metadata: { owner: "alice" },
        storageClass: "IA",
      },
      { expiresIn: 600 },
    );
    expect(presigned.method).toBe("POST");
    expect(presigned.signedHeaders).toEqual({
      "Content-Type": "video/mp4",
      "x-oss-meta-owner": "alice",
      "x-oss-storage-class": "IA",
    });
    const url = new URL(presigned.url);
    expect(url.searchParams.has("uploads")).toBe(true);
    expect(url.searchParams.get("encoding-type")).toBe("url");
    for (const name of SIGNATURE_PARAMS) expect(url.searchParams.has(name), name).toBe(true);

    const requests = record(server, () =>
      xml(
        `<InitiateMultipartUploadResult><Bucket>examplebucket</Bucket><Key>video.mp4</Key><UploadId>U</UploadId></InitiateMultipartUploadResult>`,
      ),
    );
    await fetch(presigned.url, { method: "POST", headers: presigned.signedHeaders });
    const [req] = requests as [SeenRequest];
    expect(req.query.uploads).toBe("");
    expect(await presignedSignatureMatches(req)).toBe(true);
    // A different storage class than the one signed is refused.
    expect(
      await presignedSignatureMatches({
        ...req,
        headers: { ...req.headers, "x-oss-storage-class": "Standard" },
      }),
    ).toBe(false);
  });
});

describe("presignCompleteMultipartUpload", () => {
  it("builds the checked part list, signs its MD5 and returns it as the body to send", async () => {
    const presigned = await presignCompleteMultipartUpload(client(), {
      ...target,
      parts: [
        { partNumber: 1, etag: "A" },
        { partNumber: 2, etag: '"B"' },
      ],
    });
    expect(presigned.method).toBe("POST");
    expect(presigned.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;A&quot;</ETag></Part><Part><PartNumber>2</PartNumber><ETag>&quot;B&quot;</ETag></Part></CompleteMultipartUpload>',
    );
    expect(presigned.signedHeaders).toEqual({
      "Content-Type": "application/xml",
      "Content-MD5": createHash("md5")
        .update(presigned.body ?? "")
        .digest("base64"),
    });
    const url = new URL(presigned.url);
    expect(url.searchParams.get("uploadId")).toBe(UPLOAD_ID);
    expect(url.searchParams.get("encoding-type")).toBe("url");

    const requests = record(server, () =>
      xml(`<CompleteMultipartUploadResult><Key>k</Key></CompleteMultipartUploadResult>`),
    );
    await fetch(presigned.url, {
      method: "POST",
      headers: presigned.signedHeaders,
      body: presigned.body ?? null,
    });
    const [req] = requests as [SeenRequest];
    expect(bodyText(req)).toBe(presigned.body);
    expect(await presignedSignatureMatches(req)).toBe(true);
  });

  it("complete-all with a callback: no body, the callback headers signed", async () => {
    const presigned = await presignCompleteMultipartUpload(client(), {
      ...target,
      completeAll: true,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an OSS callback variable
      callback: { url: "https://example.com/cb", body: "object=${object}" },
    });
    expect(presigned.body).toBeUndefined();
    expect(Object.keys(presigned.signedHeaders).sort()).toEqual([
      "x-oss-callback",
      "x-oss-complete-all",
    ]);
    expect(presigned.signedHeaders["x-oss-complete-all"]).toBe("yes");
  });

  it("rejects parts out of order before signing", async () => {
    const error = await presignCompleteMultipartUpload(client(), {
      ...target,
      parts: [
        { partNumber: 2, etag: "B" },
        { partNumber: 1, etag: "A" },
      ],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe("parts[1].partNumber");
  });
});

describe("presignAbortMultipartUpload", () => {
  it("presigns DELETE ?uploadId", async () => {
    const presigned = await presignAbortMultipartUpload(client(), target, { expiresIn: 60 });
    expect(presigned.method).toBe("DELETE");
    const requests = record(server, () => ok({}, null, 204));
    await fetch(presigned.url, { method: "DELETE" });
    const [req] = requests as [SeenRequest];
    expect(req.query.uploadId).toBe(UPLOAD_ID);
    expect(await presignedSignatureMatches(req)).toBe(true);
  });
});
