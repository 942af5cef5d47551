import { RequestError, ServiceError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { mockClient as client, mockServer, ok, record, xml } from "../../test/multipart-mock";
import { errorXml, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import {
  type ListMultipartUploadsOutput,
  type ListPartsOutput,
  listMultipartUploads,
  listParts,
  paginateListMultipartUploads,
  paginateListParts,
} from "../multipart";

const server = mockServer();

const UPLOAD_ID = "D4E111D4EA834F3ABCE4877B2779ABCD";

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe("ListParts", () => {
  const part = (n: number, extra = "") =>
    `<Part><PartNumber>${n}</PartNumber><LastModified>2023-11-22T05:42:34.000Z</LastModified><ETag>"CF3F46D505093571E916FCDD4967000${n}"</ETag>${extra}<Size>96316</Size></Part>`;
  const page = (parts: number[], next: number, truncated: boolean, marker = 0) =>
    `<?xml version="1.0" encoding="UTF-8"?>
<ListPartsResult>
  <EncodingType>url</EncodingType>
  <Bucket>bucket</Bucket>
  <Key>demo%2Fgp-%0C%0A%0B</Key>
  <UploadId>${UPLOAD_ID}</UploadId>
  <StorageClass>Standard</StorageClass>
  <PartNumberMarker>${marker}</PartNumberMarker>
  <NextPartNumberMarker>${next}</NextPartNumberMarker>
  <MaxParts>2</MaxParts>
  <IsTruncated>${truncated}</IsTruncated>
  ${parts.map((n) => part(n, "<HashCrc64ecma>12066172435287683848</HashCrc64ecma>")).join("\n  ")}
</ListPartsResult>`;

  it("GETs ?uploadId&encoding-type=url with max-parts and part-number-marker, signed; decodes the key", async () => {
    const key = "demo/gp-\f\n\v";
    const requests = record(server, () => xml(page([1], 1, false, 0)));
    const out = await listParts(client(), {
      bucket: "examplebucket",
      key,
      uploadId: UPLOAD_ID,
      maxParts: 2,
      partNumberMarker: 0,
    });
    expect(out).toEqual({
      statusCode: 200,
      requestId: "534B371674E88A4D8906FFFF",
      headers: expect.any(Object),
      bucket: "bucket",
      key,
      uploadId: UPLOAD_ID,
      storageClass: "Standard",
      partNumberMarker: 0,
      nextPartNumberMarker: 1,
      maxParts: 2,
      isTruncated: false,
      parts: [
        {
          partNumber: 1,
          lastModified: new Date("2023-11-22T05:42:34.000Z"),
          etag: "CF3F46D505093571E916FCDD49670001",
          size: 96316,
          crc64: "12066172435287683848",
        },
      ],
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.url.pathname).toBe("/demo/gp-%0C%0A%0B");
    expect(req.key).toBe(key);
    expect(req.query).toEqual({
      uploadId: UPLOAD_ID,
      "encoding-type": "url",
      "max-parts": "2",
      "part-number-marker": "0",
    });
    expect(await signatureMatches(req)).toBe(true);
  });

  it("reads the older form without EncodingType, StorageClass or CRCs, with gaps", async () => {
    record(server, () =>
      xml(`<?xml version="1.0" encoding="UTF-8"?>
<ListPartsResult>
    <Bucket>bucket</Bucket>
    <Key>a%20b</Key>
    <UploadId>0004B999EF5A239BB9138C6227D6ABCD</UploadId>
    <NextPartNumberMarker>5</NextPartNumberMarker>
    <MaxParts>1000</MaxParts>
    <IsTruncated>false</IsTruncated>
    ${part(1)}
    ${part(2)}
    ${part(5)}
</ListPartsResult>`),
    );
    const out = await listParts(client(), {
      bucket: "examplebucket",
      key: "a%20b",
      uploadId: "0004B999EF5A239BB9138C6227D6ABCD",
    });
    expect(out.key).toBe("a%20b"); // not url-encoded: left as is
    expect(out.storageClass).toBeUndefined();
    expect(out.partNumberMarker).toBeUndefined();
    expect(out.parts.map((p) => [p.partNumber, p.crc64])).toEqual([
      [1, undefined],
      [2, undefined],
      [5, undefined],
    ]);
  });

  it("no parts yet is an empty list", async () => {
    record(server, () =>
      xml(
        `<ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>U</UploadId><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>0</NextPartNumberMarker><MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated></ListPartsResult>`,
      ),
    );
    const out = await listParts(client(), { bucket: "examplebucket", key: "k", uploadId: "U" });
    expect(out.parts).toEqual([]);
  });

  it("paginates over two pages with part-number-marker", async () => {
    const requests = record(server, (req) =>
      xml(
        req.query["part-number-marker"] === "2" ? page([3], 3, false, 2) : page([1, 2], 2, true, 0),
      ),
    );
    const pages: ListPartsOutput[] = await collect(
      paginateListParts(client(), {
        bucket: "examplebucket",
        key: "demo/gp-\f\n\v",
        uploadId: UPLOAD_ID,
        maxParts: 2,
      }),
    );
    expect(pages.map((p) => p.parts.map((x) => x.partNumber))).toEqual([[1, 2], [3]]);
    expect(pages[1]?.parts).toHaveLength(1);
    expect(requests.map((r) => r.query["part-number-marker"])).toEqual([undefined, "2"]);
    expect(requests.map((r) => r.query["max-parts"])).toEqual(["2", "2"]);
    for (const r of requests) expect(await signatureMatches(r)).toBe(true);
  });

  it("starts after a given partNumberMarker", async () => {
    const requests = record(server, () => xml(page([6], 6, false, 5)));
    await collect(
      paginateListParts(client(), {
        bucket: "examplebucket",
        key: "k",
        uploadId: UPLOAD_ID,
        partNumberMarker: 5,
      }),
    );
    expect(requests.map((r) => r.query["part-number-marker"])).toEqual(["5"]);
  });

  it("stops with an error when the server repeats a marker", async () => {
    record(server, () => xml(page([1], 1, true)));
    await expect(
      collect(paginateListParts(client(), { bucket: "examplebucket", key: "k", uploadId: "U" })),
    ).rejects.toBeInstanceOf(RequestError);
  });

  it("404 NoSuchUpload is a ServiceError", async () => {
    record(server, () =>
      xml(
        errorXml("NoSuchUpload", "The specified upload does not exist.", "R", "0042-00000002"),
        {},
        404,
      ),
    );
    const error = await listParts(client(), {
      bucket: "examplebucket",
      key: "k",
      uploadId: "U",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: "NoSuchUpload", statusCode: 404, operation: "ListParts" });
  });

  it("rejects bad input before any request, naming the field", async () => {
    const requests = record(server, () => ok());
    const base = { bucket: "examplebucket", key: "k", uploadId: "U" };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...base, maxParts: 0 }, "maxParts"],
      [{ ...base, maxParts: 1001 }, "maxParts"],
      [{ ...base, maxParts: 2.5 }, "maxParts"],
      [{ ...base, partNumberMarker: -1 }, "partNumberMarker"],
      [{ ...base, partNumberMarker: 10001 }, "partNumberMarker"],
      [{ ...base, uploadId: "" }, "uploadId"],
      [{ ...base, key: "" }, "key"],
      [{ ...base, bucket: "x" }, "bucket"],
    ];
    for (const [input, field] of bad) {
      const error = await listParts(client(), input as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field, field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("ListMultipartUploads", () => {
  const upload = (key: string, id: string) =>
    `<Upload><Key>${key}</Key><UploadId>${id}</UploadId><StorageClass>Standard</StorageClass><Initiated>2023-11-22T05:45:57.000Z</Initiated></Upload>`;
  const page = (
    uploads: string[],
    next: { key: string; id: string } | undefined,
    markers = { key: "", id: "" },
    prefixes: string[] = [],
  ) => `<?xml version="1.0" encoding="UTF-8"?>
<ListMultipartUploadsResult>
  <EncodingType>url</EncodingType>
  <Bucket>oss-example</Bucket>
  <KeyMarker>${markers.key}</KeyMarker>
  <UploadIdMarker>${markers.id}</UploadIdMarker>
  <NextKeyMarker>${next?.key ?? ""}</NextKeyMarker>
  <NextUploadIdMarker>${next?.id ?? ""}</NextUploadIdMarker>
  <Delimiter>%2F</Delimiter>
  <Prefix>demo%2F</Prefix>
  <MaxUploads>2</MaxUploads>
  <IsTruncated>${next !== undefined}</IsTruncated>
  ${uploads.join("\n  ")}
  ${prefixes.map((p) => `<CommonPrefixes><Prefix>${p}</Prefix></CommonPrefixes>`).join("")}
</ListMultipartUploadsResult>`;

  it("GETs /?uploads&encoding-type=url with every filter, signed; decodes keys and prefixes", async () => {
    const requests = record(server, () =>
      xml(
        page(
          [
            upload("demo%2Fgp-%0C%0A%0B", "0214A87687F040F1BA4D83AB17C9ABCD"),
            upload("demo%2Fa%20b%E6%96%87.txt", "3AE2ED7A60E04AFE9A5287055D37ABCD"),
          ],
          undefined,
          { key: "demo%2Fa", id: "upload_id_marker-test" },
          ["demo%2Fsub%20dir%2F"],
        ),
      ),
    );
    const out = await listMultipartUploads(client(), {
      bucket: "examplebucket",
      prefix: "demo/",
      delimiter: "/",
      keyMarker: "demo/a",
      uploadIdMarker: "upload_id_marker-test",
      maxUploads: 2,
    });
    expect(out).toEqual({
      statusCode: 200,
      requestId: "534B371674E88A4D8906FFFF",
      headers: expect.any(Object),
      bucket: "oss-example",
      prefix: "demo/",
      delimiter: "/",
      keyMarker: "demo/a",
      uploadIdMarker: "upload_id_marker-test",
      nextKeyMarker: undefined,
      nextUploadIdMarker: undefined,
      maxUploads: 2,
      isTruncated: false,
      uploads: [
        {
          key: "demo/gp-\f\n\v",
          uploadId: "0214A87687F040F1BA4D83AB17C9ABCD",
          storageClass: "Standard",
          initiated: new Date("2023-11-22T05:45:57.000Z"),
        },
        {
          key: "demo/a b文.txt",
          uploadId: "3AE2ED7A60E04AFE9A5287055D37ABCD",
          storageClass: "Standard",
          initiated: new Date("2023-11-22T05:45:57.000Z"),
        },
      ],
      commonPrefixes: ["demo/sub dir/"],
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.url.pathname).toBe("/");
    expect(req.key).toBeUndefined();
    expect(req.query).toEqual({
      uploads: "",
      "encoding-type": "url",
      prefix: "demo/",
      delimiter: "/",
      "key-marker": "demo/a",
      "upload-id-marker": "upload_id_marker-test",
      "max-uploads": "2",
    });
    expect(req.url.search).toMatch(/&uploads$/); // valueless, sorted last
    expect(await signatureMatches(req)).toBe(true);
  });

  it("a single <Upload> is still a list of one; none is an empty list", async () => {
    record(server, (_, n) =>
      xml(n === 1 ? page([upload("k", "U1")], undefined) : page([], undefined)),
    );
    const one = await listMultipartUploads(client(), { bucket: "examplebucket" });
    expect(one.uploads).toEqual([expect.objectContaining({ key: "k", uploadId: "U1" })]);
    expect(one.commonPrefixes).toEqual([]);
    const none = await listMultipartUploads(client(), { bucket: "examplebucket" });
    expect(none.uploads).toEqual([]);
  });

  it("paginates over two pages with key-marker and upload-id-marker", async () => {
    const requests = record(server, (req) =>
      xml(
        req.query["key-marker"] === "demo/b c"
          ? page([upload("demo%2Fc", "U3")], undefined, { key: "demo%2Fb%20c", id: "U2" })
          : page([upload("demo%2Fa", "U1"), upload("demo%2Fb%20c", "U2")], {
              key: "demo%2Fb%20c",
              id: "U2",
            }),
      ),
    );
    const pages: ListMultipartUploadsOutput[] = await collect(
      paginateListMultipartUploads(client(), { bucket: "examplebucket", prefix: "demo/" }),
    );
    expect(pages.flatMap((p) => p.uploads.map((u) => `${u.key}#${u.uploadId}`))).toEqual([
      "demo/a#U1",
      "demo/b c#U2",
      "demo/c#U3",
    ]);
    expect(requests.map((r) => [r.query["key-marker"], r.query["upload-id-marker"]])).toEqual([
      [undefined, undefined],
      ["demo/b c", "U2"],
    ]);
    expect(requests.every((r) => r.query.prefix === "demo/" && "uploads" in r.query)).toBe(true);
    for (const r of requests) expect(await signatureMatches(r)).toBe(true);
  });

  it("rejects bad input before any request, naming the field", async () => {
    const requests = record(server, () => ok());
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ bucket: "examplebucket", maxUploads: 0 }, "maxUploads"],
      [{ bucket: "examplebucket", maxUploads: 1001 }, "maxUploads"],
      [{ bucket: "examplebucket", prefix: 1 }, "prefix"],
      [{ bucket: "examplebucket", delimiter: null }, "delimiter"],
      [{ bucket: "examplebucket", uploadIdMarker: "U" }, "uploadIdMarker"],
      [{ bucket: "-bad" }, "bucket"],
    ];
    for (const [input, field] of bad) {
      const error = await listMultipartUploads(client(), input as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field, field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });
});
