import { createHash } from "node:crypto";
import { ServiceError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  AWKWARD_KEYS,
  bodyText,
  client,
  expectInvalid,
  failure,
  ok,
  parseBody,
  useOssServer,
} from "../../test/object-harness";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from "./object-tagging";

const { record } = useOssServer();

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("base64");
const VERSION = "CAEQNRiBgMClj7qD0BYiIDQ5Y2QyMjc3NGZkODRlMTU5M2VkY2U3MWRiNGRh****";

describe("PutObjectTagging", () => {
  it("sends the §3.13 Tagging document with Content-MD5", async () => {
    const requests = record(() => ok({ "x-oss-version-id": VERSION }));
    const out = await putObjectTagging(client(), {
      bucket: "bucket",
      key: "object",
      tags: { k1: "v1", k2: "v2" },
      versionId: VERSION,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.host).toBe(`bucket.${HOST}`);
    expect(req.url.pathname).toBe("/object");
    expect(req.url.search).toBe(
      "?tagging&versionId=CAEQNRiBgMClj7qD0BYiIDQ5Y2QyMjc3NGZkODRlMTU5M2VkY2U3MWRiNGRh%2A%2A%2A%2A",
    );
    expect(req.query).toEqual({ tagging: "", versionId: VERSION });
    expect(bodyText(req)).toBe(
      "<Tagging><TagSet><Tag><Key>k1</Key><Value>v1</Value></Tag><Tag><Key>k2</Key><Value>v2</Value></Tag></TagSet></Tagging>",
    );
    expect(req.headers["content-type"]).toBe("application/xml");
    expect(req.headers["content-md5"]).toBe(md5(req.body));
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({ statusCode: 200, versionId: VERSION });
  });

  it("escapes tag text and keeps it exact, and sends an empty set", async () => {
    const requests = record(() => ok());
    const tags = { "a/b": " x + y = z ", "c:d": "<&>", e: "" };
    await putObjectTagging(client(), { bucket: "bucket", key: AWKWARD_KEYS[2] as string, tags });
    await putObjectTagging(client(), { bucket: "bucket", key: "k", tags: {} });
    const [first, second] = requests as [SeenRequest, SeenRequest];
    expect(first.key).toBe(AWKWARD_KEYS[2]);
    const sent = (
      parseBody(first).Tagging as { TagSet: { Tag: Array<{ Key: string; Value: string }> } }
    ).TagSet.Tag;
    expect(Object.fromEntries(sent.map((t) => [t.Key, t.Value]))).toEqual(tags);
    expect(bodyText(first)).toContain("<Value>&lt;&amp;&gt;</Value>");
    expect(bodyText(second)).toBe("<Tagging><TagSet></TagSet></Tagging>");
    expect(second.headers["content-md5"]).toBe(md5(second.body));
    expect(await signatureMatches(first)).toBe(true);
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    const call = (input: Record<string, unknown>) =>
      putObjectTagging(client(), { bucket: "bucket", key: "k", tags: { a: "b" }, ...input });
    await expectInvalid(call({ tags: undefined }), "tags");
    await expectInvalid(call({ tags: "a=b" }), "tags");
    await expectInvalid(
      call({ tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) }),
      "tags",
    );
    await expectInvalid(call({ tags: { a: "v".repeat(257) } }), "tags.a");
    await expectInvalid(call({ tags: { ["k".repeat(129)]: "v" } }), `tags.${"k".repeat(129)}`);
    await expectInvalid(call({ tags: { a: 1 } }), "tags.a");
    await expectInvalid(call({ versionId: "" }), "versionId");
    expect(requests).toHaveLength(0);
  });
});

describe("GetObjectTagging", () => {
  it("reads a single tag as a record (§3.13)", async () => {
    const requests = record(() =>
      ok(
        { "content-type": "application/xml" },
        `<?xml version="1.0" encoding="UTF-8"?>
<Tagging>
  <TagSet>
    <Tag>
      <Key>age</Key>
      <Value>18</Value>
    </Tag>
  </TagSet>
</Tagging>`,
      ),
    );
    const out = await getObjectTagging(client(), { bucket: "bucket", key: "object" });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.url.search).toBe("?tagging");
    expect(req.query).toEqual({ tagging: "" });
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({ statusCode: 200, tags: { age: "18" }, versionId: undefined });
  });

  it("keeps spaces and entities in tags exactly, and reads empty TagSets as {}", async () => {
    const bodies = [
      "<Tagging><TagSet><Tag><Key> a b </Key><Value> x &amp; y </Value></Tag><Tag><Key>e</Key><Value/></Tag></TagSet></Tagging>",
      "<Tagging><TagSet/></Tagging>",
      "<Tagging><TagSet></TagSet></Tagging>",
    ];
    const requests = record((_req, n) => ok({ "x-oss-version-id": "v1" }, bodies[n - 1] as string));
    const c = client();
    const first = await getObjectTagging(c, { bucket: "bucket", key: "k", versionId: "v1" });
    expect(first.tags).toEqual({ " a b ": " x & y ", e: "" });
    expect(first.versionId).toBe("v1");
    expect(requests[0]?.query).toEqual({ tagging: "", versionId: "v1" });
    expect((await getObjectTagging(c, { bucket: "bucket", key: "k" })).tags).toEqual({});
    expect((await getObjectTagging(c, { bucket: "bucket", key: "k" })).tags).toEqual({});
  });

  it("surfaces NoSuchKey", async () => {
    record(() => failure(404, "NoSuchKey", "The specified key does not exist.", "0026-00000001"));
    const error = await getObjectTagging(client(), { bucket: "bucket", key: "k" }).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: "NoSuchKey", operation: "GetObjectTagging" });
  });
});

describe("DeleteObjectTagging", () => {
  it("sends DELETE /<key>?tagging and accepts 204", async () => {
    const requests = record(() => ok({ "x-oss-version-id": VERSION }, null, 204));
    const out = await deleteObjectTagging(client(), {
      bucket: "bucket",
      key: "object",
      versionId: VERSION,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("DELETE");
    expect(req.url.pathname).toBe("/object");
    expect(req.query).toEqual({ tagging: "", versionId: VERSION });
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({ statusCode: 204, versionId: VERSION });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    await expectInvalid(deleteObjectTagging(client(), { bucket: "bucket", key: "" }), "key");
    await expectInvalid(getObjectTagging(client(), { bucket: "bucket", key: "" }), "key");
    expect(requests).toHaveLength(0);
  });
});
