import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, ServiceError } from "oss-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EmulatorStore,
  FsStore,
  MemoryStore,
  type RunningEmulator,
  startEmulator,
} from "./index";

const credentials = { accessKeyId: "LTAI5tEmulatorTest01", accessKeySecret: "emulator-secret" };
const bucket = "it-bucket";
let emulator: RunningEmulator;
let oss: Client;

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error("expected a ServiceError");
}

function bytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

let dataDir: string | undefined;

const stores: [string, () => Promise<EmulatorStore>][] = [
  ["MemoryStore", async () => new MemoryStore()],
  [
    "FsStore",
    async () => {
      dataDir = await mkdtemp(join(tmpdir(), "oss-kit-emulator-"));
      return new FsStore(dataDir);
    },
  ],
];

describe.each(stores)("emulator over real HTTP with %s", (_name, makeStore) => {
  beforeAll(async () => {
    emulator = await startEmulator({ accessKeys: [credentials], store: await makeStore() });
    oss = new Client({ region: "cn-hangzhou", endpoint: emulator.url, credentials });
    await oss.putBucket({ bucket });
  });

  afterAll(async () => {
    await oss.close();
    await emulator.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  describe("buckets over HTTP", () => {
    it("creates, lists, describes and deletes buckets", async () => {
      await oss.putBucket({ bucket: "tmp-bucket" });
      const list = await oss.listBuckets({});
      expect(list.buckets.map((b) => b.name)).toEqual(
        expect.arrayContaining([bucket, "tmp-bucket"]),
      );
      const info = await oss.getBucketInfo({ bucket: "tmp-bucket" });
      expect([info.name, info.location, info.acl]).toEqual([
        "tmp-bucket",
        "oss-cn-hangzhou",
        "private",
      ]);
      const location = await oss.getBucketLocation({ bucket: "tmp-bucket" });
      expect(location.location).toBe("oss-cn-hangzhou");
      await oss.putObject({ bucket: "tmp-bucket", key: "x", body: "x" });
      const notEmpty = await failure(oss.deleteBucket({ bucket: "tmp-bucket" }));
      expect([notEmpty.code, notEmpty.statusCode, notEmpty.ec]).toEqual([
        "BucketNotEmpty",
        409,
        "0015-00000301",
      ]);
      await oss.deleteObject({ bucket: "tmp-bucket", key: "x" });
      await oss.deleteBucket({ bucket: "tmp-bucket" });
      const missing = await failure(oss.getBucketInfo({ bucket: "tmp-bucket" }));
      expect([missing.code, missing.statusCode]).toEqual(["NoSuchBucket", 404]);
    });
  });

  describe("objects over HTTP", () => {
    const keys = [
      "plain.txt",
      "dir/sub/file.bin",
      "with space+plus%percent.txt",
      "中文/ünïcødé ☃.txt",
    ];

    it.each(keys)("puts, gets and heads %s with CRC-64 checked by the client", async (key) => {
      const body = bytes(5000, key.length);
      const put = await oss.putObject({ bucket, key, body, metadata: { owner: "me" } });
      expect(put.etag).toMatch(/^"?[0-9A-F]{32}"?$/);
      const got = await oss.getObject({ bucket, key });
      expect(await got.body.bytes()).toEqual(body);
      expect(got.metadata.owner).toBe("me");
      expect(got.objectType).toBe("Normal");
      const head = await oss.headObject({ bucket, key });
      expect(head.contentLength).toBe(5000);
      expect(head.crc64).toBe(got.crc64);
    });

    it("answers NoSuchKey on GET and (via x-oss-err) on HEAD", async () => {
      const get = await failure(oss.getObject({ bucket, key: "missing" }));
      expect([get.code, get.statusCode, get.ec, get.message]).toEqual([
        "NoSuchKey",
        404,
        "0026-00000001",
        expect.stringContaining("The specified key does not exist."),
      ]);
      const head = await failure(oss.headObject({ bucket, key: "missing" }));
      expect([head.code, head.statusCode]).toEqual(["NoSuchKey", 404]);
    });

    it("serves ranges: closed, open and suffix", async () => {
      await oss.putObject({ bucket, key: "range.txt", body: "0123456789" });
      const closed = await oss.getObject({ bucket, key: "range.txt", range: { start: 2, end: 4 } });
      expect(closed.statusCode).toBe(206);
      expect(closed.contentRange).toBe("bytes 2-4/10");
      expect(await closed.body.text()).toBe("234");
      const open = await oss.getObject({ bucket, key: "range.txt", range: { start: 7 } });
      expect(await open.body.text()).toBe("789");
      const suffix = await oss.getObject({ bucket, key: "range.txt", range: { last: 3 } });
      expect(await suffix.body.text()).toBe("789");
    });

    it("honours conditional requests", async () => {
      const put = await oss.putObject({ bucket, key: "cond.txt", body: "c" });
      const ok = await oss.getObject({ bucket, key: "cond.txt", ifMatch: put.etag });
      expect(await ok.body.text()).toBe("c");
      const failed = await failure(oss.getObject({ bucket, key: "cond.txt", ifMatch: '"0000"' }));
      expect([failed.code, failed.statusCode]).toEqual(["PreconditionFailed", 412]);
      const notModified = await failure(
        oss.getObject({ bucket, key: "cond.txt", ifNoneMatch: put.etag }),
      ).catch((error: unknown) => error as ServiceError);
      expect(notModified.statusCode).toBe(304);
    });

    it("applies response-* overrides", async () => {
      await oss.putObject({ bucket, key: "override.txt", body: "o" });
      const got = await oss.getObject({
        bucket,
        key: "override.txt",
        responseContentType: "text/x-test",
      });
      expect(got.contentType).toBe("text/x-test");
      await got.body.discard();
    });

    it("checks Content-MD5 and forbid-overwrite", async () => {
      const digest = await failure(
        oss.putObject({
          bucket,
          key: "md5.txt",
          body: "abc",
          contentMd5: "1B2M2Y8AsgTpgAmY7PhCfg==",
        }),
      );
      expect([digest.code, digest.ec]).toEqual(["InvalidDigest", "0017-00000503"]);
      await oss.putObject({ bucket, key: "once.txt", body: "1" });
      const exists = await failure(
        oss.putObject({ bucket, key: "once.txt", body: "2", forbidOverwrite: true }),
      );
      expect([exists.code, exists.statusCode]).toEqual(["FileAlreadyExists", 409]);
    });

    it("copies objects whose keys contain / and special characters", async () => {
      const source = "copy/src dir/a+b%c ü.txt";
      await oss.putObject({ bucket, key: source, body: "copied", metadata: { a: "1" } });
      const copy = await oss.copyObject({ bucket, key: "copy/dest.txt", sourceKey: source });
      expect(copy.etag).toBeDefined();
      const got = await oss.getObject({ bucket, key: "copy/dest.txt" });
      expect(await got.body.text()).toBe("copied");
      expect(got.metadata.a).toBe("1");
      const missing = await failure(
        oss.copyObject({ bucket, key: "copy/none.txt", sourceKey: "no/such key" }),
      );
      expect(missing.code).toBe("NoSuchKey");
    });

    it("appends with position checks and a running CRC-64", async () => {
      const first = await oss.appendObject({ bucket, key: "log.txt", position: 0, body: "hi oss" });
      expect(first.nextPosition).toBe(6);
      expect(first.crc64).toBe("8707180448768400016");
      const second = await oss.appendObject({
        bucket,
        key: "log.txt",
        position: 6,
        body: ",append object",
      });
      expect(second.crc64).toBe("2313496259928504459");
      const wrong = await failure(
        oss.appendObject({ bucket, key: "log.txt", position: 3, body: "x" }),
      );
      expect([wrong.code, wrong.statusCode, wrong.headers["x-oss-next-append-position"]]).toEqual([
        "PositionNotEqualToLength",
        409,
        "20",
      ]);
      const got = await oss.getObject({ bucket, key: "log.txt" });
      expect(await got.body.text()).toBe("hi oss,append object");
      expect(got.objectType).toBe("Appendable");
    });

    it("deletes many objects, quietly or not", async () => {
      for (const key of ["dm/a", "dm/b c", "dm/ü"]) await oss.putObject({ bucket, key, body: key });
      const result = await oss.deleteMultipleObjects({
        bucket,
        objects: [{ key: "dm/a" }, { key: "dm/b c" }],
      });
      expect(result.deleted.map((d) => d.key).sort()).toEqual(["dm/a", "dm/b c"]);
      const quiet = await oss.deleteMultipleObjects({
        bucket,
        objects: [{ key: "dm/ü" }],
        quiet: true,
      });
      expect(quiet.deleted).toEqual([]);
      const left = await oss.listObjectsV2({ bucket, prefix: "dm/" });
      expect(left.contents).toEqual([]);
    });

    it("tags objects, sets ACLs, and links symlinks", async () => {
      await oss.putObject({ bucket, key: "tagged.txt", body: "t", tags: { a: "1" } });
      expect((await oss.getObjectTagging({ bucket, key: "tagged.txt" })).tags).toEqual({ a: "1" });
      await oss.putObjectTagging({ bucket, key: "tagged.txt", tags: { b: "2", c: "3 4" } });
      expect((await oss.getObjectTagging({ bucket, key: "tagged.txt" })).tags).toEqual({
        b: "2",
        c: "3 4",
      });
      await oss.deleteObjectTagging({ bucket, key: "tagged.txt" });
      expect((await oss.getObjectTagging({ bucket, key: "tagged.txt" })).tags).toEqual({});

      expect((await oss.getObjectAcl({ bucket, key: "tagged.txt" })).acl).toBe("default");
      await oss.putObjectAcl({ bucket, key: "tagged.txt", acl: "public-read" });
      expect((await oss.getObjectAcl({ bucket, key: "tagged.txt" })).acl).toBe("public-read");
      const anonymous = await fetch(`${emulator.url}/${bucket}/tagged.txt`);
      expect(anonymous.status).toBe(200);
      const privateRead = await fetch(`${emulator.url}/${bucket}/cond.txt`);
      expect(privateRead.status).toBe(403);
      expect(await privateRead.text()).toContain("<Code>AccessDenied</Code>");

      await oss.putSymlink({ bucket, key: "link ü.txt", target: "tagged.txt" });
      expect((await oss.getSymlink({ bucket, key: "link ü.txt" })).target).toBe("tagged.txt");
      const through = await oss.getObject({ bucket, key: "link ü.txt" });
      expect(await through.body.text()).toBe("t");
    });
  });

  describe("listing over HTTP", () => {
    const listBucket = "list-bucket";
    const keys = ["a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d e.txt", "z/ü.txt"];

    beforeAll(async () => {
      await oss.putBucket({ bucket: listBucket });
      for (const key of keys) await oss.putObject({ bucket: listBucket, key, body: key });
    });

    it("lists v2 with paging, KeyCount and a delimiter", async () => {
      const all: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await oss.listObjectsV2({
          bucket: listBucket,
          maxKeys: 2,
          continuationToken: token,
        });
        expect(page.keyCount).toBe(page.contents.length);
        all.push(...page.contents.map((c) => c.key));
        token = page.nextContinuationToken;
        pages++;
      } while (token);
      expect(all).toEqual(keys);
      expect(pages).toBe(3);
      const grouped = await oss.listObjectsV2({ bucket: listBucket, delimiter: "/" });
      expect(grouped.contents.map((c) => c.key)).toEqual(["a.txt", "d e.txt"]);
      expect(grouped.commonPrefixes).toEqual(["b/", "z/"]);
      const inside = await oss.listObjectsV2({ bucket: listBucket, prefix: "b/", delimiter: "/" });
      expect(inside.contents.map((c) => c.key)).toEqual(["b/1.txt", "b/2.txt"]);
      expect(inside.commonPrefixes).toEqual(["b/c/"]);
      const after = await oss.listObjectsV2({ bucket: listBucket, startAfter: "b/c/3.txt" });
      expect(after.contents.map((c) => c.key)).toEqual(["d e.txt", "z/ü.txt"]);
    });

    it("lists object versions (one null version per key)", async () => {
      const first = await oss.listObjectVersions({ bucket: listBucket, maxKeys: 4 });
      expect(first.isTruncated).toBe(true);
      const rest = await oss.listObjectVersions({
        bucket: listBucket,
        keyMarker: first.nextKeyMarker,
        versionIdMarker: first.nextVersionIdMarker,
      });
      const versions = [...first.versions, ...rest.versions];
      expect(versions.map((v) => v.key)).toEqual(keys);
      expect(versions.every((v) => v.isLatest && v.versionId === "null")).toBe(true);
    });

    it("lists v1 with markers", async () => {
      const first = await oss.listObjects({ bucket: listBucket, maxKeys: 2, delimiter: "/" });
      expect(first.contents.map((c) => c.key)).toEqual(["a.txt"]);
      expect(first.commonPrefixes).toEqual(["b/"]);
      expect(first.isTruncated).toBe(true);
      const second = await oss.listObjects({
        bucket: listBucket,
        delimiter: "/",
        marker: first.nextMarker,
      });
      expect(second.contents.map((c) => c.key)).toEqual(["d e.txt"]);
      expect(second.commonPrefixes).toEqual(["z/"]);
      expect(second.isTruncated).toBe(false);
    });
  });

  describe("multipart over HTTP", () => {
    it("uploads, lists parts, copies a part and completes", async () => {
      const key = "mp/big file ü.bin";
      const { uploadId } = await oss.initiateMultipartUpload({ bucket, key });
      const part1 = bytes(100 * 1024, 3);
      const part2 = bytes(1000, 4);
      const p1 = await oss.uploadPart({ bucket, key, uploadId, partNumber: 1, body: part1 });
      await oss.putObject({ bucket, key: "mp/source", body: "0123456789" });
      const p2 = await oss.uploadPartCopy({
        bucket,
        key,
        uploadId,
        partNumber: 2,
        sourceKey: "mp/source",
        sourceRange: { start: 0, end: 4 },
      });
      const p3 = await oss.uploadPart({ bucket, key, uploadId, partNumber: 3, body: part2 });
      const parts = await oss.listParts({ bucket, key, uploadId });
      expect(parts.parts.map((p) => [p.partNumber, p.size])).toEqual([
        [1, 102400],
        [2, 5],
        [3, 1000],
      ]);
      const uploads = await oss.listMultipartUploads({ bucket, prefix: "mp/" });
      expect(uploads.uploads.map((u) => u.uploadId)).toContain(uploadId);

      const tooSmall = await failure(
        oss.completeMultipartUpload({
          bucket,
          key,
          uploadId,
          parts: [
            { partNumber: 2, etag: p2.etag as string },
            { partNumber: 3, etag: p3.etag as string },
          ],
        }),
      );
      expect([tooSmall.code, tooSmall.ec]).toEqual(["EntityTooSmall", "0042-00000213"]);
      const badPart = await failure(
        oss.completeMultipartUpload({
          bucket,
          key,
          uploadId,
          parts: [{ partNumber: 1, etag: '"00000000000000000000000000000000"' }],
        }),
      );
      expect(badPart.code).toBe("InvalidPart");

      const done = await oss.completeMultipartUpload({
        bucket,
        key,
        uploadId,
        parts: [
          { partNumber: 1, etag: p1.etag as string },
          { partNumber: 3, etag: p3.etag as string },
        ],
      });
      const digest = (data: Uint8Array) => createHash("md5").update(data).digest();
      const expectedEtag = createHash("md5")
        .update(Buffer.concat([digest(part1), digest(part2)]))
        .digest("hex")
        .toUpperCase();
      expect(done.etag?.replace(/"/g, "")).toBe(`${expectedEtag}-2`);
      const got = await oss.getObject({ bucket, key });
      const data = await got.body.bytes();
      expect(data.length).toBe(102400 + 1000);
      expect(got.objectType).toBe("Multipart");
      const gone = await failure(oss.listParts({ bucket, key, uploadId }));
      expect([gone.code, gone.statusCode]).toEqual(["NoSuchUpload", 404]);
    });

    it("completes all parts and aborts", async () => {
      const key = "mp/all";
      const { uploadId } = await oss.initiateMultipartUpload({ bucket, key });
      await oss.uploadPart({ bucket, key, uploadId, partNumber: 1, body: "only part" });
      await oss.completeMultipartUpload({ bucket, key, uploadId, completeAll: true });
      expect(await (await oss.getObject({ bucket, key })).body.text()).toBe("only part");

      const second = await oss.initiateMultipartUpload({ bucket, key: "mp/aborted" });
      await oss.abortMultipartUpload({ bucket, key: "mp/aborted", uploadId: second.uploadId });
      const gone = await failure(
        oss.uploadPart({
          bucket,
          key: "mp/aborted",
          uploadId: second.uploadId,
          partNumber: 1,
          body: "x",
        }),
      );
      expect([gone.code, gone.ec]).toEqual(["NoSuchUpload", "0042-00000104"]);
    });
  });

  describe("signatures over HTTP", () => {
    it("rejects a wrong secret with SignatureDoesNotMatch and the StringToSign", async () => {
      const wrong = new Client({
        region: "cn-hangzhou",
        endpoint: emulator.url,
        credentials: { ...credentials, accessKeySecret: "wrong" },
      });
      const error = await failure(wrong.getObject({ bucket, key: "plain.txt" }));
      expect([error.code, error.statusCode, error.ec]).toEqual([
        "SignatureDoesNotMatch",
        403,
        "0002-00000201",
      ]);
      expect(error.body).toContain("<StringToSign>OSS4-HMAC-SHA256");
      await wrong.close();
    });

    it("rejects an unknown key with InvalidAccessKeyId", async () => {
      const unknown = new Client({
        region: "cn-hangzhou",
        endpoint: emulator.url,
        credentials: { accessKeyId: "nobody", accessKeySecret: "x" },
      });
      const error = await failure(unknown.listBuckets({}));
      expect([error.code, error.ec]).toEqual(["InvalidAccessKeyId", "0002-00000902"]);
      await unknown.close();
    });

    it("accepts V1 header signatures", async () => {
      const v1 = new Client({
        region: "cn-hangzhou",
        endpoint: emulator.url,
        credentials,
        signatureVersion: "v1",
      });
      await v1.putObject({ bucket, key: "v1/a b+c.txt", body: "v1" });
      expect(await (await v1.getObject({ bucket, key: "v1/a b+c.txt" })).body.text()).toBe("v1");
      await v1.close();
    });

    it("serves presigned GET and PUT URLs to plain fetch, and refuses expired ones", async () => {
      const key = "presign/ü x+y.txt";
      const put = await oss.presignPutObject({ bucket, key });
      const uploaded = await fetch(put.url, {
        method: "PUT",
        body: new TextEncoder().encode("presigned"),
        headers: put.signedHeaders,
      });
      expect(uploaded.status).toBe(200);
      const get = await oss.presignGetObject({ bucket, key });
      const fetched = await fetch(get.url);
      expect(await fetched.text()).toBe("presigned");

      const old = new Client({
        region: "cn-hangzhou",
        endpoint: emulator.url,
        credentials,
      });
      const expired = await old.presignGetObject({ bucket, key }, { expiresIn: 1 });
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const denied = await fetch(expired.url);
      expect(denied.status).toBe(403);
      const text = await denied.text();
      expect(text).toContain("<Code>AccessDenied</Code>");
      expect(text).toContain("<Message>Request has expired.</Message>");
      await old.close();
    });
  });

  describe("more operations", () => {
    it("pages ListParts and ListMultipartUploads", async () => {
      const key = "paging/obj";
      const first = await oss.initiateMultipartUpload({ bucket, key });
      const second = await oss.initiateMultipartUpload({ bucket, key: "paging/other" });
      for (const partNumber of [1, 2, 3]) {
        await oss.uploadPart({ bucket, key, uploadId: first.uploadId, partNumber, body: "p" });
      }
      const page1 = await oss.listParts({ bucket, key, uploadId: first.uploadId, maxParts: 2 });
      expect(page1.parts.map((p) => p.partNumber)).toEqual([1, 2]);
      expect(page1.isTruncated).toBe(true);
      const page2 = await oss.listParts({
        bucket,
        key,
        uploadId: first.uploadId,
        partNumberMarker: page1.nextPartNumberMarker,
      });
      expect(page2.parts.map((p) => p.partNumber)).toEqual([3]);
      const uploads = await oss.listMultipartUploads({ bucket, prefix: "paging/", maxUploads: 1 });
      expect(uploads.uploads.map((u) => u.key)).toEqual([key]);
      expect(uploads.isTruncated).toBe(true);
      const rest = await oss.listMultipartUploads({
        bucket,
        prefix: "paging/",
        keyMarker: uploads.nextKeyMarker,
        uploadIdMarker: uploads.nextUploadIdMarker,
      });
      expect(rest.uploads.map((u) => u.uploadId)).toEqual([second.uploadId]);
      await oss.abortMultipartUpload({ bucket, key, uploadId: first.uploadId });
      await oss.abortMultipartUpload({ bucket, key: "paging/other", uploadId: second.uploadId });
    });

    it("reports object meta and bucket ACLs", async () => {
      await oss.putObject({ bucket, key: "meta.txt", body: "hi oss" });
      const meta = await oss.getObjectMeta({ bucket, key: "meta.txt" });
      expect(meta.contentLength).toBe(6);
      await oss.putBucket({ bucket: "acl-bucket", acl: "public-read" });
      expect((await oss.getBucketAcl({ bucket: "acl-bucket" })).acl).toBe("public-read");
      await oss.putBucketAcl({ bucket: "acl-bucket", acl: "private" });
      expect((await oss.getBucketAcl({ bucket: "acl-bucket" })).acl).toBe("private");
      await oss.deleteBucket({ bucket: "acl-bucket" });
    });

    it("answers virtual-host requests (bucket.localhost)", async () => {
      const { SignerV4 } = await import("@oss-kit/signer");
      const { request } = await import("node:http");
      await oss.putObject({ bucket, key: "vhost/a b.txt", body: "virtual" });
      const origin = `http://${bucket}.localhost:${emulator.port}`;
      const presigned = await new SignerV4().presign(
        { method: "GET", bucket, key: "vhost/a b.txt" },
        { credentials, region: "cn-hangzhou", origin, expiresIn: 60 },
      );
      const url = new URL(presigned.url as string);
      const text = await new Promise<string>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: emulator.port,
            path: `${url.pathname}${url.search}`,
            headers: { host: url.host },
          },
          (res) => {
            let data = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              data += chunk;
            });
            res.on("end", () => resolve(data));
          },
        );
        req.on("error", reject);
        req.end();
      });
      expect(text).toBe("virtual");
    });
  });
});
