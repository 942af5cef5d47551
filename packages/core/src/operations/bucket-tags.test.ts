import { ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { client, errorReply, mockOss, REQUEST_ID, reply, xmlBodyOf } from "../../test/bucket-mock";
import { type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { deleteBucketTags, getBucketTags, putBucketTags } from "../bucket";
import { parseXml } from "../xml";

const { record } = mockOss();

const ARRAYS = ["Tagging.TagSet.Tag"];

describe("PutBucketTags", () => {
  it("sends PUT /?tagging with the documented Tagging body, Content-MD5, signed", async () => {
    const requests = record(() => reply(200));
    const out = await putBucketTags(client(), {
      bucket: "examplebucket",
      tags: { key1: "value1", key2: "value2" },
    });
    expect(out).toEqual({ statusCode: 200, requestId: REQUEST_ID, headers: expect.any(Object) });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.search).toBe("?tagging");
    expect(req.query).toEqual({ tagging: "" });
    expect(await xmlBodyOf(req, ARRAYS)).toEqual(
      parseXml(
        "<Tagging><TagSet><Tag><Key>key1</Key><Value>value1</Value></Tag><Tag><Key>key2</Key><Value>value2</Value></Tag></TagSet></Tagging>",
        ARRAYS,
      ),
    );
  });

  it("escapes XML text and allows empty values and 20 tags", async () => {
    const requests = record(() => reply(200));
    const tags: Record<string, string> = { "a<b": "x & y", empty: "" };
    for (let i = 0; i < 18; i++) tags[`k${i}`] = `v${i}`;
    await putBucketTags(client(), { bucket: "examplebucket", tags });
    const body = await xmlBodyOf(requests[0] as SeenRequest, ARRAYS);
    const sent = (body.node as { TagSet: { Tag: Array<{ Key: string; Value: string }> } }).TagSet
      .Tag;
    expect(sent).toHaveLength(20);
    expect(sent.slice(0, 2)).toEqual([
      { Key: "a<b", Value: "x & y" },
      { Key: "empty", Value: "" },
    ]);
  });

  it("rejects bad tags per §L.6 before any request, naming the field", async () => {
    const requests = record(() => reply(200));
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"]));
    const bad: Array<[unknown, string]> = [
      [undefined, "tags"],
      [{}, "tags"],
      [["k", "v"], "tags"],
      [many, "tags"],
      [{ ["k".repeat(65)]: "v" }, `tags.${"k".repeat(65)}`],
      [{ ["é".repeat(33)]: "v" }, `tags.${"é".repeat(33)}`],
      [{ "http://x": "v" }, "tags.http://x"],
      [{ "HTTPS://x": "v" }, "tags.HTTPS://x"],
      [{ aliyun_owner: "v" }, "tags.aliyun_owner"],
      [{ "acs:rm:rgId": "v" }, "tags.acs:rm:rgId"],
      [{ k: 5 }, "tags.k"],
      [{ k: "v".repeat(129) }, "tags.k"],
      [{ k: "https://example.com" }, "tags.k"],
    ];
    for (const [tags, field] of bad) {
      const error = await putBucketTags(client(), {
        bucket: "examplebucket",
        tags,
      } as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("GetBucketTags", () => {
  it("sends GET /?tagging and reads the tag set", async () => {
    const requests = record(() =>
      reply(
        200,
        `<Tagging>
  <TagSet>
    <Tag>
      <Key>testa</Key>
      <Value>value1</Value>
    </Tag>
    <Tag>
      <Key>testb</Key>
      <Value>value2</Value>
    </Tag>
  </TagSet>
</Tagging>`,
      ),
    );
    const out = await getBucketTags(client(), { bucket: "examplebucket" });
    expect(out).toEqual({
      statusCode: 200,
      requestId: REQUEST_ID,
      headers: expect.any(Object),
      tags: { testa: "value1", testb: "value2" },
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.query).toEqual({ tagging: "" });
    expect(await signatureMatches(req)).toBe(true);
  });

  it("one tag, an empty value and an empty tag set", async () => {
    record((_, n) =>
      reply(
        200,
        n === 1
          ? "<Tagging><TagSet><Tag><Key>only</Key><Value></Value></Tag></TagSet></Tagging>"
          : "<Tagging><TagSet/></Tagging>",
      ),
    );
    expect((await getBucketTags(client(), { bucket: "examplebucket" })).tags).toEqual({
      only: "",
    });
    expect((await getBucketTags(client(), { bucket: "examplebucket" })).tags).toEqual({});
  });

  it("NoSuchBucket (404) is a ServiceError", async () => {
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
    await expect(getBucketTags(client(), { bucket: "test" })).rejects.toMatchObject({
      code: "NoSuchBucket",
      ec: "0015-00000101",
      operation: "GetBucketTags",
    });
  });
});

describe("DeleteBucketTags", () => {
  it("DELETE /?tagging deletes all; ?tagging=k1,k2 only the listed keys", async () => {
    const requests = record(() => reply(204));
    const all = await deleteBucketTags(client(), { bucket: "examplebucket" });
    await deleteBucketTags(client(), { bucket: "examplebucket", keys: ["k1", "k2"] });
    expect(all.statusCode).toBe(204);
    const [first, second] = requests as [SeenRequest, SeenRequest];
    expect(first.method).toBe("DELETE");
    expect(first.url.search).toBe("?tagging");
    expect(first.query).toEqual({ tagging: "" });
    expect(second.url.search).toBe("?tagging=k1%2Ck2");
    expect(second.query).toEqual({ tagging: "k1,k2" });
    expect(await signatureMatches(first)).toBe(true);
    expect(await signatureMatches(second)).toBe(true);
  });

  it("rejects bad key lists before any request", async () => {
    const requests = record(() => reply(204));
    const bad: Array<[unknown, string]> = [
      [[], "keys"],
      ["k1,k2", "keys"],
      [["k1", ""], "keys[1]"],
      [["a,b"], "keys[0]"],
      [[7], "keys[0]"],
    ];
    for (const [keys, field] of bad) {
      const error = await deleteBucketTags(client(), {
        bucket: "examplebucket",
        keys,
      } as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });
});
