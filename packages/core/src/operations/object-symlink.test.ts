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
import { getSymlink, putSymlink } from "./object-symlink";

const { record } = useOssServer();

const VERSION = "CAEQNRiBgMClj7qD0BYiIDQ5Y2QyMjc3NGZkODRlMTU5M2VkY2U3MWRiNGRh****";

describe("PutSymlink", () => {
  it("sends the §3.14 request: ?symlink, target, forbid-overwrite, ACL, class, metadata", async () => {
    const requests = record(() =>
      ok({ "content-type": "application/xml", "x-oss-version-id": VERSION }),
    );
    const out = await putSymlink(client(), {
      bucket: "bucket",
      key: "object",
      target: "target-object",
      forbidOverwrite: true,
      acl: "private",
      storageClass: "Standard",
      metadata: { name: "demo", email: "demo@aliyun.com" },
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.host).toBe(`bucket.${HOST}`);
    expect(req.url.pathname).toBe("/object");
    expect(req.url.search).toBe("?symlink");
    expect(req.query).toEqual({ symlink: "" });
    expect(req.headers).toMatchObject({
      "x-oss-symlink-target": "target-object",
      "x-oss-forbid-overwrite": "true",
      "x-oss-object-acl": "private",
      "x-oss-storage-class": "Standard",
      "x-oss-meta-name": "demo",
      "x-oss-meta-email": "demo@aliyun.com",
    });
    expect(req.body).toHaveLength(0);
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({ statusCode: 200, versionId: VERSION });
  });

  it("URL-encodes any UTF-8 target (keeping /), and GetSymlink decodes it back", async () => {
    const stored = new Map<string, string>();
    const requests = record((req) => {
      if (req.method === "PUT") {
        stored.set(req.key as string, req.headers["x-oss-symlink-target"] as string);
        return ok();
      }
      return ok({ "x-oss-symlink-target": stored.get(req.key as string) as string });
    });
    const c = client();
    for (const [i, target] of AWKWARD_KEYS.entries()) {
      await putSymlink(c, { bucket: "bucket", key: `link-${i}`, target });
      const out = await getSymlink(c, { bucket: "bucket", key: `link-${i}` });
      expect(out.target).toBe(target);
    }
    expect(requests[0]?.headers["x-oss-symlink-target"]).toBe(
      "dir/sub%20dir/a%20b%2Bc%2520d%3Fe%23f%26g%3Dh.txt",
    );
    for (const req of requests) {
      expect(req.headers["x-oss-symlink-target"] ?? "").toMatch(/^[\x21-\x7e]*$/);
      expect(await signatureMatches(req)).toBe(true);
    }
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    const call = (input: Record<string, unknown>) =>
      putSymlink(client(), { bucket: "bucket", key: "k", target: "t", ...input });
    await expectInvalid(call({ target: undefined }), "target");
    await expectInvalid(call({ target: "" }), "target");
    await expectInvalid(call({ target: "\ud800" }), "target");
    await expectInvalid(call({ acl: "open" }), "acl");
    await expectInvalid(call({ storageClass: "Cold" }), "storageClass");
    await expectInvalid(call({ metadata: { "bad name": "x" } }), "metadata.bad name");
    await expectInvalid(call({ forbidOverwrite: "yes" }), "forbidOverwrite");
    expect(requests).toHaveLength(0);
  });
});

describe("GetSymlink", () => {
  it("sends GET /<key>?symlink&versionId and reads the §3.14 headers", async () => {
    const requests = record(() =>
      ok({
        "content-type": "application/xml",
        "x-oss-version-id": VERSION,
        "x-oss-symlink-target": "example.jpg",
        etag: "A797938C31D59EDD08D86188F6D5****",
        "last-modified": "Fri, 24 Feb 2023 09:41:59 GMT",
        "x-oss-meta-name": "demo",
        "x-oss-meta-email": "demo@aliyun.com",
      }),
    );
    const out = await getSymlink(client(), { bucket: "bucket", key: "object", versionId: VERSION });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.url.search).toBe(
      "?symlink&versionId=CAEQNRiBgMClj7qD0BYiIDQ5Y2QyMjc3NGZkODRlMTU5M2VkY2U3MWRiNGRh%2A%2A%2A%2A",
    );
    expect(req.query).toEqual({ symlink: "", versionId: VERSION });
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({
      statusCode: 200,
      target: "example.jpg",
      etag: "A797938C31D59EDD08D86188F6D5****",
      lastModified: new Date("2023-02-24T09:41:59Z"),
      versionId: VERSION,
      metadata: { name: "demo", email: "demo@aliyun.com" },
    });
  });

  it("surfaces NoSuchKey for a missing link", async () => {
    record(() => failure(404, "NoSuchKey", "The specified key does not exist.", "0026-00000001"));
    const error = await getSymlink(client(), { bucket: "bucket", key: "nope" }).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: "NoSuchKey", statusCode: 404, operation: "GetSymlink" });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    await expectInvalid(getSymlink(client(), { bucket: "bucket", key: "" }), "key");
    await expectInvalid(
      getSymlink(client(), { bucket: "bucket", key: "k", versionId: "" }),
      "versionId",
    );
    expect(requests).toHaveLength(0);
  });
});
