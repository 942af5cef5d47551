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
import { deleteMultipleObjects } from "./object-delete-multiple";

const { record } = useOssServer();

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("base64");
const xml = { "content-type": "application/xml" };

const CONTROL_KEY = `go-sdk-v1${Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join("")}`;

describe("DeleteMultipleObjects", () => {
  it("sends the §3.6 quiet request byte for byte, with its Content-MD5; no body back is no deletions", async () => {
    const requests = record(() => ok(xml));
    const out = await deleteMultipleObjects(client(), {
      bucket: "bucket",
      objects: [{ key: "key1.txt" }, { key: "key2.txt" }],
      quiet: true,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("POST");
    expect(req.url.host).toBe(`bucket.${HOST}`);
    expect(req.url.pathname).toBe("/");
    expect(req.url.search).toBe("?delete&encoding-type=url");
    expect(req.query).toEqual({ delete: "", "encoding-type": "url" });
    expect(bodyText(req)).toBe(
      "<Delete><Quiet>true</Quiet><Object><Key>key1.txt</Key></Object><Object><Key>key2.txt</Key></Object></Delete>",
    );
    expect(req.headers["content-md5"]).toBe("OeHJuvW/+lVezW6W6WHIkw==");
    expect(req.headers["content-type"]).toBe("application/xml");
    expect(req.headers["content-length"]).toBe(String(req.body.length));
    expect(await signatureMatches(req)).toBe(true);
    expect(out.deleted).toEqual([]);
    expect(out.statusCode).toBe(200);
  });

  it("reads a verbose, versioned result with delete markers", async () => {
    const requests = record(() =>
      ok(
        xml,
        `<?xml version="1.0" encoding="UTF-8"?>
<DeleteResult>
  <EncodingType>url</EncodingType>
  <Deleted>
    <Key>key1.txt</Key>
    <DeleteMarker>true</DeleteMarker>
    <DeleteMarkerVersionId>CAEQHxiBgMCEld7a3hgiIDYyMmZlNWVhMDU5NDQ3ZTFhODI1ZjZhMTFlMGQz****</DeleteMarkerVersionId>
  </Deleted>
  <Deleted>
    <Key>key2.txt</Key>
    <VersionId>CAEQHxiBgICJld7a3hgiIDJm</VersionId>
  </Deleted>
</DeleteResult>`,
      ),
    );
    const out = await deleteMultipleObjects(client(), {
      bucket: "bucket",
      objects: [{ key: "key1.txt" }, { key: "key2.txt", versionId: "CAEQHxiBgICJld7a3hgiIDJm" }],
    });
    const [req] = requests as [SeenRequest];
    expect(parseBody(req)).toEqual({
      Delete: {
        Quiet: "false",
        Object: [{ Key: "key1.txt" }, { Key: "key2.txt", VersionId: "CAEQHxiBgICJld7a3hgiIDJm" }],
      },
    });
    expect(req.headers["content-md5"]).toBe(md5(req.body));
    expect(out.deleted).toEqual([
      {
        key: "key1.txt",
        versionId: undefined,
        deleteMarker: true,
        deleteMarkerVersionId: "CAEQHxiBgMCEld7a3hgiIDYyMmZlNWVhMDU5NDQ3ZTFhODI1ZjZhMTFlMGQz****",
      },
      {
        key: "key2.txt",
        versionId: "CAEQHxiBgICJld7a3hgiIDJm",
        deleteMarker: false,
        deleteMarkerVersionId: undefined,
      },
    ]);
  });

  it("sends control characters as character references and decodes the URL-encoded key back (§3.6 fourth case)", async () => {
    const requests = record(() =>
      ok(
        xml,
        `<?xml version="1.0" encoding="UTF-8"?>
<DeleteResult>
  <EncodingType>url</EncodingType>
  <Deleted>
    <Key>go-sdk-v1%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F</Key>
    <DeleteMarker>true</DeleteMarker>
    <DeleteMarkerVersionId>CAEQHxiBgMCEld7a3hgiIDYyMmZlNWVhMDU5NDQ3ZTFhODI1ZjZhMTFlMGQz****</DeleteMarkerVersionId>
  </Deleted>
</DeleteResult>`,
      ),
    );
    const out = await deleteMultipleObjects(client(), {
      bucket: "bucket",
      objects: [
        {
          key: CONTROL_KEY,
          versionId: "CAEQNRiBgIDyz.6C0BYiIGQ2NWEwNmVhNTA3ZTQ3MzM5ODliYjM1ZTdjYjA4****",
        },
      ],
    });
    const [req] = requests as [SeenRequest];
    const text = bodyText(req);
    expect(text).toContain("<Key>go-sdk-v1&#x1;&#x2;&#x3;");
    expect(text).toContain("&#x9;&#xA;&#xB;&#xC;&#xD;");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking none went out raw
    expect(text).not.toMatch(/[\x00-\x1f]/);
    expect(parseBody(req)).toEqual({
      Delete: {
        Quiet: "false",
        Object: [
          {
            Key: CONTROL_KEY,
            VersionId: "CAEQNRiBgIDyz.6C0BYiIGQ2NWEwNmVhNTA3ZTQ3MzM5ODliYjM1ZTdjYjA4****",
          },
        ],
      },
    });
    expect(req.headers["content-md5"]).toBe(md5(req.body));
    expect(await signatureMatches(req)).toBe(true);
    expect(out.deleted).toHaveLength(1);
    expect(out.deleted[0]?.key).toBe(CONTROL_KEY);
  });

  it("round-trips keys with any UTF-8 through XML escaping and URL-encoded results", async () => {
    const keys = [...AWKWARD_KEYS, "a&b<c>d\"e'f", " leading and trailing spaces "];
    const requests = record((req) => {
      const sent = (parseBody(req).Delete as { Object: Array<{ Key: string }> }).Object;
      const deleted = sent
        .map((o) => `<Deleted><Key>${encodeURIComponent(o.Key)}</Key></Deleted>`)
        .join("");
      return ok(xml, `<DeleteResult><EncodingType>url</EncodingType>${deleted}</DeleteResult>`);
    });
    const out = await deleteMultipleObjects(client(), {
      bucket: "bucket",
      objects: keys.map((key) => ({ key })),
    });
    expect(out.deleted.map((d) => d.key)).toEqual(keys);
    expect(bodyText(requests[0] as SeenRequest)).toContain(
      "<Key>a&amp;b&lt;c&gt;d&quot;e&apos;f</Key>",
    );
  });

  it("reads unencoded results (servers that ignore encoding-type) as they are", async () => {
    record(() => ok(xml, "<DeleteResult><Deleted><Key> a%20b </Key></Deleted></DeleteResult>"));
    const out = await deleteMultipleObjects(client(), {
      bucket: "bucket",
      objects: [{ key: " a%20b " }],
    });
    expect(out.deleted.map((d) => d.key)).toEqual([" a%20b "]);
  });

  it("surfaces MalformedXML (§3.6) as a ServiceError", async () => {
    const requests = record(() =>
      failure(
        400,
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema.",
        "0016-00000608",
      ),
    );
    const error = await deleteMultipleObjects(client(), {
      bucket: "bucket",
      objects: [{ key: "k" }],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: "MalformedXML", statusCode: 400, ec: "0016-00000608" });
    expect(requests).toHaveLength(1);
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    const call = (input: Record<string, unknown>) =>
      deleteMultipleObjects(client(), { bucket: "bucket", objects: [{ key: "k" }], ...input });
    await expectInvalid(call({ objects: [] }), "objects");
    await expectInvalid(call({ objects: undefined }), "objects");
    await expectInvalid(call({ objects: "k" }), "objects");
    await expectInvalid(
      call({ objects: Array.from({ length: 1001 }, (_, i) => ({ key: `k${i}` })) }),
      "objects",
    );
    await expectInvalid(call({ objects: [{ key: "a" }, { key: "" }] }), "objects[1].key");
    await expectInvalid(call({ objects: [null] }), "objects[0]");
    await expectInvalid(call({ objects: [{ key: "a", versionId: "" }] }), "objects[0].versionId");
    await expectInvalid(call({ quiet: "yes" }), "quiet");
    await expectInvalid(call({ bucket: "-bad" }), "bucket");
    expect(requests).toHaveLength(0);
  });

  it("accepts exactly 1000 objects", async () => {
    const requests = record(() => ok(xml));
    await deleteMultipleObjects(client(), {
      bucket: "bucket",
      objects: Array.from({ length: 1000 }, (_, i) => ({ key: `k${i}` })),
      quiet: true,
    });
    expect(
      (parseBody(requests[0] as SeenRequest).Delete as { Object: unknown[] }).Object,
    ).toHaveLength(1000);
  });
});
