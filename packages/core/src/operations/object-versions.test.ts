import { ServiceError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { client, expectInvalid, failure, ok, useOssServer } from "../../test/object-harness";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { listObjectVersions, paginateListObjectVersions } from "./object-versions";

const { record } = useOssServer();

const xml = (body: string) => ok({ "content-type": "application/xml" }, body);

const version = (key: string, id: string, latest: boolean) => `<Version>
    <Key>${key}</Key>
    <VersionId>${id}</VersionId>
    <IsLatest>${latest}</IsLatest>
    <LastModified>2023-11-22T05:15:05.000Z</LastModified>
    <ETag>"29B94424BC241D80B0AF488A4E4B86AF-1"</ETag>
    <Type>Multipart</Type>
    <Size>96316</Size>
    <StorageClass>Standard</StorageClass>
    <Owner>
      <ID>150692521021****</ID>
      <DisplayName>150692521021****</DisplayName>
    </Owner>
  </Version>`;

const TRUNCATED = `<ListVersionsResult>
<Name>demo-bucket</Name>
  <Prefix>demo%2F</Prefix>
  <KeyMarker></KeyMarker>
  <VersionIdMarker></VersionIdMarker>
  <MaxKeys>20</MaxKeys>
  <Delimiter>%2F</Delimiter>
  <EncodingType>url</EncodingType>
  <IsTruncated>true</IsTruncated>
  <NextKeyMarker>demo%2FREADME-CN.md</NextKeyMarker>
  <NextVersionIdMarker>CAEQEhiBgICDzK6NnBgiIGRlZWJhYmNlMGUxZDQ4YTZhNTU2MzM4Mzk5NDBl****</NextVersionIdMarker>
    <Version>
    <Key>demo%2FREADME-CN.md</Key>
    <VersionId>CAEQEhiBgICDzK6NnBgiIGRlZWJhYmNlMGUxZDQ4YTZhNTU2MzM4Mzk5NDBl****</VersionId>
    <IsLatest>false</IsLatest>
    <LastModified>2022-09-28T09:04:39.000Z</LastModified>
    <ETag>"E317049B40462DE37C422CE4FC1B****"</ETag>
    <Type>Normal</Type>
    <Size>2943</Size>
    <StorageClass>Standard</StorageClass>
    <Owner>
      <ID>150692521021****</ID>
      <DisplayName>160692521021****</DisplayName>
    </Owner>
    <RestoreInfo>ongoing-request="false", expiry-date="Thu, 24 Sep 2020 12:40:33 GMT"</RestoreInfo>
    </Version>
  <DeleteMarker>
    <Key>demo%2FREADME-CN.md</Key>
    <VersionId>CAEQFBiCgID3.86GohgiIDc4ZTE0NTNhZTc5MDQxYzBhYTU5MjY1ZDFjNGJm****</VersionId>
    <IsLatest>true</IsLatest>
    <LastModified>2022-11-04T08:00:06.000Z</LastModified>
    <Owner>
      <ID>150692521021****</ID>
      <DisplayName>350692521021****</DisplayName>
    </Owner>
  </DeleteMarker>
  <DeleteMarker>
      <Key>demo%2FLICENSE</Key>
      <VersionId>CAEQFBiBgMD0.86GohgiIGZmMmFlM2UwNjdlMzRiMGFhYjk4MjM1ZGUyZDY0****</VersionId>
      <IsLatest>true</IsLatest>
      <LastModified>2022-11-04T08:00:06.000Z</LastModified>
      <Owner>
        <ID>150692521021****</ID>
        <DisplayName>250692521021****</DisplayName>
      </Owner>
  </DeleteMarker>
    <CommonPrefixes>
      <Prefix>demo%2F.git%2F</Prefix>
    </CommonPrefixes>
    <CommonPrefixes>
      <Prefix>demo%2F.idea%2F</Prefix>
    </CommonPrefixes>
</ListVersionsResult>`;

describe("ListObjectVersions", () => {
  it("sends GET /?versions with encoding-type=url and decodes keys with control characters (§3.11)", async () => {
    const requests = record(() =>
      xml(`<?xml version="1.0" encoding="UTF-8"?>
<ListVersionsResult>
  <Name>demo-bucket</Name>
  <Prefix>demo%2Fgp-</Prefix>
  <KeyMarker></KeyMarker>
  <VersionIdMarker></VersionIdMarker>
  <MaxKeys>5</MaxKeys>
  <Delimiter>%2F</Delimiter>
  <EncodingType>url</EncodingType>
  <IsTruncated>false</IsTruncated>
  ${version("demo%2Fgp-%0C%0A%0B", "CAEQHxiBgIDAj.jV3xgiIGFjMDI5ZTRmNGNiODQ0NjE4MDFhODM0Y2UxNTI3****", true)}
  ${version("demo%2Fgp-%0C%0A%0B", "CAEQHxiBgMDYseHV3xgiIDg2Mzk0Zjg3MjQ0MTRhM2FiMzgxOGY1NjdmN2Rk****", false)}
  ${version("demo%2Fgp-%0C%0A%0B", "CAEQHxiBgICCuNrV3xgiIDI2YzMyYTBhM2U1ZTQwNjI4OWQ4OTllZGJiNGIz****", false)}
</ListVersionsResult>`),
    );
    const out = await listObjectVersions(client(), {
      bucket: "example-bucket",
      prefix: "demo/gp-",
      delimiter: "/",
      keyMarker: "ChR1c2VyL2VyaWMvZGVtbzMuanNvbhAA",
      versionIdMarker: "CAEQMxiBgICbof2D0BYiIGRhZjgwMzJiMjA3MjQ0ODE5MWYxZDYwMzJlZjU1",
      maxKeys: 5,
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.url.host).toBe(`example-bucket.${HOST}`);
    expect(req.url.pathname).toBe("/");
    expect(req.query).toEqual({
      versions: "",
      "encoding-type": "url",
      prefix: "demo/gp-",
      delimiter: "/",
      "key-marker": "ChR1c2VyL2VyaWMvZGVtbzMuanNvbhAA",
      "version-id-marker": "CAEQMxiBgICbof2D0BYiIGRhZjgwMzJiMjA3MjQ0ODE5MWYxZDYwMzJlZjU1",
      "max-keys": "5",
    });
    expect(req.url.search).toMatch(/[?&]versions(&|$)/);
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({
      name: "demo-bucket",
      prefix: "demo/gp-",
      delimiter: "/",
      keyMarker: "",
      versionIdMarker: "",
      maxKeys: 5,
      isTruncated: false,
      nextKeyMarker: undefined,
      nextVersionIdMarker: undefined,
      deleteMarkers: [],
      commonPrefixes: [],
    });
    expect(out.versions).toHaveLength(3);
    expect(out.versions[0]).toEqual({
      key: "demo/gp-\f\n\v",
      versionId: "CAEQHxiBgIDAj.jV3xgiIGFjMDI5ZTRmNGNiODQ0NjE4MDFhODM0Y2UxNTI3****",
      isLatest: true,
      lastModified: new Date("2023-11-22T05:15:05.000Z"),
      etag: "29B94424BC241D80B0AF488A4E4B86AF-1",
      type: "Multipart",
      size: 96316,
      storageClass: "Standard",
      owner: { id: "150692521021****", displayName: "150692521021****" },
      restoreInfo: undefined,
      transitionTime: undefined,
    });
    expect(out.versions.map((v) => v.isLatest)).toEqual([true, false, false]);
  });

  it("reads delete markers, common prefixes and the next markers of a truncated page", async () => {
    record(() => xml(TRUNCATED));
    const out = await listObjectVersions(client(), { bucket: "bucket", delimiter: "/" });
    expect(out).toMatchObject({
      isTruncated: true,
      nextKeyMarker: "demo/README-CN.md",
      nextVersionIdMarker: "CAEQEhiBgICDzK6NnBgiIGRlZWJhYmNlMGUxZDQ4YTZhNTU2MzM4Mzk5NDBl****",
      commonPrefixes: ["demo/.git/", "demo/.idea/"],
    });
    expect(out.versions).toHaveLength(1);
    expect(out.versions[0]).toMatchObject({
      key: "demo/README-CN.md",
      isLatest: false,
      restoreInfo: 'ongoing-request="false", expiry-date="Thu, 24 Sep 2020 12:40:33 GMT"',
    });
    expect(out.deleteMarkers).toEqual([
      {
        key: "demo/README-CN.md",
        versionId: "CAEQFBiCgID3.86GohgiIDc4ZTE0NTNhZTc5MDQxYzBhYTU5MjY1ZDFjNGJm****",
        isLatest: true,
        lastModified: new Date("2022-11-04T08:00:06.000Z"),
        owner: { id: "150692521021****", displayName: "350692521021****" },
      },
      expect.objectContaining({ key: "demo/LICENSE", isLatest: true }),
    ]);
  });

  it("keeps a single DeleteMarker an array, and reads <VersionId/> as an empty string", async () => {
    record(() =>
      xml(`<ListVersionsResult><IsTruncated>false</IsTruncated>
<Version><Key>old</Key><VersionId/><IsLatest>true</IsLatest><Size>1</Size></Version>
<DeleteMarker><Key>gone</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest></DeleteMarker>
</ListVersionsResult>`),
    );
    const out = await listObjectVersions(client(), { bucket: "bucket" });
    expect(out.versions.map((v) => [v.key, v.versionId])).toEqual([["old", ""]]);
    expect(out.deleteMarkers).toHaveLength(1);
    expect(out.deleteMarkers[0]).toMatchObject({ key: "gone", versionId: "v1", owner: undefined });
  });

  it("paginates over two pages, passing both next markers back", async () => {
    const requests = record((_req, n) =>
      n === 1
        ? xml(TRUNCATED)
        : xml(`<ListVersionsResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>
${version("demo%2Fz%20z", "v9", true)}</ListVersionsResult>`),
    );
    const pages = [];
    for await (const page of paginateListObjectVersions(client(), {
      bucket: "bucket",
      prefix: "demo/",
    })) {
      pages.push(page);
    }
    expect(pages).toHaveLength(2);
    expect(pages[1]?.versions.map((v) => v.key)).toEqual(["demo/z z"]);
    expect(requests[0]?.query).toEqual({ versions: "", "encoding-type": "url", prefix: "demo/" });
    expect(requests[1]?.query).toEqual({
      versions: "",
      "encoding-type": "url",
      prefix: "demo/",
      "key-marker": "demo/README-CN.md",
      "version-id-marker": "CAEQEhiBgICDzK6NnBgiIGRlZWJhYmNlMGUxZDQ4YTZhNTU2MzM4Mzk5NDBl****",
    });
    for (const req of requests) expect(await signatureMatches(req)).toBe(true);
  });

  it("paginates with a key marker alone when the page gives no version marker", async () => {
    const requests = record((_req, n) =>
      xml(
        n === 1
          ? "<ListVersionsResult><IsTruncated>true</IsTruncated><NextKeyMarker>k</NextKeyMarker></ListVersionsResult>"
          : "<ListVersionsResult><IsTruncated>false</IsTruncated></ListVersionsResult>",
      ),
    );
    for await (const _ of paginateListObjectVersions(client(), { bucket: "bucket" })) {
      // drain
    }
    expect(requests[1]?.query).toEqual({
      versions: "",
      "encoding-type": "url",
      "key-marker": "k",
    });
  });

  it("surfaces NoSuchBucket", async () => {
    record(() =>
      failure(404, "NoSuchBucket", "The specified bucket does not exist.", "0015-00000101"),
    );
    const error = await listObjectVersions(client(), { bucket: "bucket" }).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: "NoSuchBucket", operation: "ListObjectVersions" });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    const call = (input: Record<string, unknown>) =>
      listObjectVersions(client(), { bucket: "bucket", ...input });
    await expectInvalid(call({ versionIdMarker: "v" }), "versionIdMarker");
    await expectInvalid(call({ maxKeys: 1000 }), "maxKeys");
    await expectInvalid(call({ maxKeys: 0 }), "maxKeys");
    await expectInvalid(call({ keyMarker: 1 }), "keyMarker");
    await expectInvalid(call({ prefix: [] }), "prefix");
    expect(requests).toHaveLength(0);
  });
});
