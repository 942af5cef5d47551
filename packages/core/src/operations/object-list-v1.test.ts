import { ServiceError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { client, expectInvalid, failure, ok, useOssServer } from "../../test/object-harness";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { listObjects, paginateListObjects } from "./object-list-v1";

const { record } = useOssServer();

const xml = (body: string) => ok({ "content-type": "application/xml" }, body);

const ENCODED = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">
<Name>oss-example</Name>
<Prefix>hello%20world%21</Prefix>
<Marker>hello%20</Marker>
<MaxKeys>100</MaxKeys>
<Delimiter>hello%20%21world</Delimiter>
<IsTruncated>false</IsTruncated>
<EncodingType>url</EncodingType>
<Contents>
  <Key>fun%2Fmovie%2F001.avi</Key>
  <LastModified>2012-02-24T08:43:07.000Z</LastModified>
  <ETag>&quot;5B3C1A2E053D763E1B002CC607C5A0FE&quot;</ETag>
  <Type>Normal</Type>
  <Size>344606</Size>
  <StorageClass>Standard</StorageClass>
  <Owner>
    <ID>00220120222</ID>
    <DisplayName>user-example</DisplayName>
  </Owner>
</Contents>
<Contents>
  <Key>fun%2Fmovie%2F007.avi</Key>
  <LastModified>2012-02-24T08:43:27.000Z</LastModified>
  <ETag>&quot;5B3C1A2E053D763E1B002CC607C5A0FE&quot;</ETag>
  <Type>Normal</Type>
  <Size>344606</Size>
  <StorageClass>Standard</StorageClass>
  <Owner>
    <ID>00220120222</ID>
    <DisplayName>user-example</DisplayName>
  </Owner>
</Contents>
</ListBucketResult>`;

describe("ListObjects (v1)", () => {
  it("sends GET / with encoding-type=url and the paging query, and decodes the §3.9 fixture", async () => {
    const requests = record(() => xml(ENCODED));
    const out = await listObjects(client(), {
      bucket: "example-bucket",
      prefix: "aaa",
      delimiter: "/",
      marker: "ChR1c2VyL2VyaWMvZGVtbzMuanNvbhAA",
      maxKeys: 10,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.url.host).toBe(`example-bucket.${HOST}`);
    expect(req.url.pathname).toBe("/");
    expect(req.query).toEqual({
      "encoding-type": "url",
      delimiter: "/",
      marker: "ChR1c2VyL2VyaWMvZGVtbzMuanNvbhAA",
      "max-keys": "10",
      prefix: "aaa",
    });
    expect(req.url.search).toContain("delimiter=%2F");
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({
      statusCode: 200,
      name: "oss-example",
      prefix: "hello world!",
      marker: "hello ",
      delimiter: "hello !world",
      maxKeys: 100,
      isTruncated: false,
      nextMarker: undefined,
      commonPrefixes: [],
    });
    expect(out.contents).toEqual([
      {
        key: "fun/movie/001.avi",
        lastModified: new Date("2012-02-24T08:43:07.000Z"),
        etag: "5B3C1A2E053D763E1B002CC607C5A0FE",
        size: 344606,
        storageClass: "Standard",
        type: "Normal",
        owner: { id: "00220120222", displayName: "user-example" },
        restoreInfo: undefined,
        transitionTime: undefined,
      },
      expect.objectContaining({ key: "fun/movie/007.avi" }),
    ]);
  });

  it("sends only encoding-type when nothing else is asked", async () => {
    const requests = record(() =>
      xml("<ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated></ListBucketResult>"),
    );
    const out = await listObjects(client(), { bucket: "bucket" });
    expect(requests[0]?.query).toEqual({ "encoding-type": "url" });
    expect(out.contents).toEqual([]);
    expect(out.commonPrefixes).toEqual([]);
  });

  it("keeps single Contents and CommonPrefixes as arrays, with RestoreInfo and TransitionTime", async () => {
    record(() =>
      xml(`<ListBucketResult>
  <Name>examplebucket</Name>
  <Prefix>aaa</Prefix>
  <Marker>CgJiYw--</Marker>
  <MaxKeys>100</MaxKeys>
  <Delimiter>/</Delimiter>
  <EncodingType>url</EncodingType>
  <IsTruncated>false</IsTruncated>
  <Contents>
        <Key>exampleobject11.txt</Key>
        <LastModified>2020-06-22T11:42:32.000Z</LastModified>
        <ETag>"5B3C1A2E053D763E1B002CC607C5A0FE1****"</ETag>
        <Type>Normal</Type>
        <Size>344606</Size>
        <StorageClass>ColdArchive</StorageClass>
        <Owner>
            <ID>0022012****</ID>
            <DisplayName>user-example</DisplayName>
        </Owner>
        <RestoreInfo>ongoing-request="true"</RestoreInfo>
        <TransitionTime>2024-10-31T00:24:17.000Z</TransitionTime>
  </Contents>
  <CommonPrefixes>
        <Prefix>a/b/</Prefix>
  </CommonPrefixes>
</ListBucketResult>`),
    );
    const out = await listObjects(client(), { bucket: "bucket", delimiter: "/" });
    expect(out.contents).toHaveLength(1);
    expect(out.contents[0]).toMatchObject({
      key: "exampleobject11.txt",
      etag: "5B3C1A2E053D763E1B002CC607C5A0FE1****",
      storageClass: "ColdArchive",
      restoreInfo: 'ongoing-request="true"',
      transitionTime: new Date("2024-10-31T00:24:17.000Z"),
    });
    expect(out.commonPrefixes).toEqual(["a/b/"]);
  });

  it("skips an empty <CommonPrefixes/> and reads the truncated §3.9 page", async () => {
    record(() =>
      xml(`<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>examplebucket</Name>
  <Prefix></Prefix>
  <Marker>test1.txt</Marker>
  <MaxKeys>1</MaxKeys>
  <Delimiter></Delimiter>
  <EncodingType>url</EncodingType>
  <IsTruncated>true</IsTruncated>
  <NextMarker>test100.txt</NextMarker>
  <CommonPrefixes/>
  <Contents>
        <Key>test10.txt</Key>
        <LastModified>2020-06-22T11:42:32.000Z</LastModified>
        <ETag>"5B3C1A2E053D763E1B002CC607C5A0FE1****"</ETag>
        <Type>Normal</Type>
        <Size>344606</Size>
        <StorageClass>ColdArchive</StorageClass>
  </Contents>
</ListBucketResult>`),
    );
    const out = await listObjects(client(), { bucket: "bucket", marker: "test1.txt", maxKeys: 1 });
    expect(out).toMatchObject({
      prefix: "",
      delimiter: "",
      marker: "test1.txt",
      isTruncated: true,
      nextMarker: "test100.txt",
      commonPrefixes: [],
    });
    expect(out.contents.map((c) => c.key)).toEqual(["test10.txt"]);
  });

  it("paginates over two pages, passing the decoded NextMarker back as marker", async () => {
    const requests = record((_req, n) =>
      n === 1
        ? xml(`<ListBucketResult><Name>b</Name><Prefix>dir%2F</Prefix><MaxKeys>1</MaxKeys>
<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
<NextMarker>dir%2Fa%20b%2Bc%3F%23%E2%82%AC</NextMarker>
<Contents><Key>dir%2Fa%20b%2Bc%3F%23%E2%82%AC</Key><Size>1</Size></Contents></ListBucketResult>`)
        : xml(`<ListBucketResult><Name>b</Name><Prefix>dir%2F</Prefix><MaxKeys>1</MaxKeys>
<EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>
<Contents><Key>dir%2Fz</Key><Size>2</Size></Contents></ListBucketResult>`),
    );
    const pages = [];
    for await (const page of paginateListObjects(client(), {
      bucket: "bucket",
      prefix: "dir/",
      maxKeys: 1,
    })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.contents.map((c) => c.key))).toEqual([["dir/a b+c?#€"], ["dir/z"]]);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.query.marker).toBeUndefined();
    expect(requests[1]?.query).toEqual({
      "encoding-type": "url",
      prefix: "dir/",
      "max-keys": "1",
      marker: "dir/a b+c?#€",
    });
    for (const req of requests) expect(await signatureMatches(req)).toBe(true);
  });

  it("falls back to the page's last key when a truncated page has no NextMarker", async () => {
    const requests = record((_req, n) =>
      xml(
        n === 1
          ? "<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>a</Key></Contents><Contents><Key>b</Key></Contents></ListBucketResult>"
          : "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>",
      ),
    );
    const pages = [];
    for await (const page of paginateListObjects(client(), { bucket: "bucket", marker: "0" })) {
      pages.push(page);
    }
    expect(pages).toHaveLength(2);
    expect(requests.map((r) => r.query.marker)).toEqual(["0", "b"]);
  });

  it("surfaces NoSuchBucket and requester-pays AccessDenied", async () => {
    record((_req, n) =>
      n === 1
        ? failure(404, "NoSuchBucket", "The specified bucket does not exist.", "0015-00000101")
        : failure(403, "AccessDenied", "Access denied for requester pay bucket", "0003-00000703"),
    );
    const missing = await listObjects(client(), { bucket: "bucket" }).catch((e) => e);
    expect(missing).toBeInstanceOf(ServiceError);
    expect(missing).toMatchObject({ code: "NoSuchBucket", statusCode: 404, ec: "0015-00000101" });
    const denied = await listObjects(client(), { bucket: "bucket" }).catch((e) => e);
    expect(denied).toMatchObject({ code: "AccessDenied", statusCode: 403, ec: "0003-00000703" });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    const call = (input: Record<string, unknown>) =>
      listObjects(client(), { bucket: "bucket", ...input });
    await expectInvalid(call({ maxKeys: 0 }), "maxKeys");
    await expectInvalid(call({ maxKeys: 1001 }), "maxKeys");
    await expectInvalid(call({ marker: "m".repeat(1024) }), "marker");
    await expectInvalid(call({ marker: "é".repeat(512) }), "marker");
    await expectInvalid(call({ prefix: 5 }), "prefix");
    await expectInvalid(call({ delimiter: null }), "delimiter");
    await expectInvalid(call({ bucket: "UPPER" }), "bucket");
    expect(requests).toHaveLength(0);
  });
});
