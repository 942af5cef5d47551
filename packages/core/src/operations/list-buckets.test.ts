import { RequestError, ServiceError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { client, errorReply, mockOss, REQUEST_ID, reply } from "../../test/bucket-mock";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { ListBuckets, listBuckets, paginateListBuckets } from "../bucket";

const { record } = mockOss();

// §2.1, first page of a filtered listing.
const FILTERED = `<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult>
  <Prefix>my</Prefix>
  <Marker>mybucket</Marker>
  <MaxKeys>10</MaxKeys>
  <IsTruncated>true</IsTruncated>
  <NextMarker>mybucket10</NextMarker>
  <Owner>
    <ID>ut_test_put_bucket</ID>
    <DisplayName>ut_test_put_bucket</DisplayName>
  </Owner>
  <Buckets>
    <Bucket>
      <CreationDate>2014-05-14T11:18:32.000Z</CreationDate>
      <ExtranetEndpoint>oss-cn-hangzhou.aliyuncs.com</ExtranetEndpoint>
      <IntranetEndpoint>oss-cn-hangzhou-internal.aliyuncs.com</IntranetEndpoint>
      <Location>oss-cn-hangzhou</Location>
      <Name>mybucket01</Name>
      <Region>cn-hangzhou</Region>
      <StorageClass>Standard</StorageClass>
    </Bucket>
  </Buckets>
</ListAllMyBucketsResult>`;

// §2.1, unfiltered, two buckets.
const UNFILTERED = `<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult>
  <Owner>
    <ID>51264</ID>
    <DisplayName>51264</DisplayName>
  </Owner>
  <Buckets>
    <Bucket>
      <CreationDate>2014-02-17T18:12:43.000Z</CreationDate>
      <ExtranetEndpoint>oss-cn-shanghai.aliyuncs.com</ExtranetEndpoint>
      <IntranetEndpoint>oss-cn-shanghai-internal.aliyuncs.com</IntranetEndpoint>
      <Location>oss-cn-shanghai</Location>
      <Name>app-base-oss</Name>
      <Region>cn-shanghai</Region>
      <StorageClass>Standard</StorageClass>
    </Bucket>
    <Bucket>
      <CreationDate>2014-02-25T11:21:04.000Z</CreationDate>
      <ExtranetEndpoint>oss-cn-hangzhou.aliyuncs.com</ExtranetEndpoint>
      <IntranetEndpoint>oss-cn-hangzhou-internal.aliyuncs.com</IntranetEndpoint>
      <Location>oss-cn-hangzhou</Location>
      <Name>mybucket</Name>
      <Region>cn-hangzhou</Region>
      <StorageClass>IA</StorageClass>
    </Bucket>
  </Buckets>
</ListAllMyBucketsResult>`;

describe("ListBuckets", () => {
  it("sends GET / on the service host with the filters, signed, and reads a filtered page", async () => {
    const requests = record(() => reply(200, FILTERED));
    const out = await listBuckets(client(), {
      prefix: "my",
      marker: "mybucket",
      maxKeys: 10,
      resourceGroupId: "rg-aek27tc********",
      tagKey: "k",
      tagValue: "v",
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.url.host).toBe(HOST);
    expect(req.url.pathname).toBe("/");
    expect(req.bucket).toBeUndefined();
    expect(req.query).toEqual({
      prefix: "my",
      marker: "mybucket",
      "max-keys": "10",
      "tag-key": "k",
      "tag-value": "v",
    });
    expect(req.headers["x-oss-resource-group-id"]).toBe("rg-aek27tc********");
    expect(req.body).toHaveLength(0);
    expect(await signatureMatches(req)).toBe(true);

    expect(out).toEqual({
      statusCode: 200,
      requestId: REQUEST_ID,
      headers: expect.any(Object),
      owner: { id: "ut_test_put_bucket", displayName: "ut_test_put_bucket" },
      buckets: [
        {
          name: "mybucket01",
          creationDate: new Date("2014-05-14T11:18:32.000Z"),
          location: "oss-cn-hangzhou",
          region: "cn-hangzhou",
          extranetEndpoint: "oss-cn-hangzhou.aliyuncs.com",
          intranetEndpoint: "oss-cn-hangzhou-internal.aliyuncs.com",
          storageClass: "Standard",
          resourceGroupId: undefined,
        },
      ],
      prefix: "my",
      marker: "mybucket",
      maxKeys: 10,
      isTruncated: true,
      nextMarker: "mybucket10",
    });
    expect(out.headers["x-oss-request-id"]).toBe(REQUEST_ID);
  });

  it("sends no query at all by default and reads an unfiltered listing", async () => {
    const requests = record(() => reply(200, UNFILTERED));
    const out = await listBuckets(client(), {});
    expect(requests[0]?.query).toEqual({});
    expect(requests[0]?.url.search).toBe("");
    expect(requests[0]?.headers["x-oss-resource-group-id"]).toBeUndefined();
    expect(out.buckets.map((b) => [b.name, b.region, b.storageClass])).toEqual([
      ["app-base-oss", "cn-shanghai", "Standard"],
      ["mybucket", "cn-hangzhou", "IA"],
    ]);
    expect(out.buckets[1]?.creationDate).toEqual(new Date("2014-02-25T11:21:04.000Z"));
    expect(out).toMatchObject({
      owner: { id: "51264", displayName: "51264" },
      isTruncated: false,
      nextMarker: undefined,
      prefix: undefined,
      maxKeys: undefined,
    });
  });

  it("a single <Bucket> is still a list of one; no buckets is an empty list", async () => {
    record((_, n) =>
      reply(
        200,
        n === 1 ? FILTERED : "<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>",
      ),
    );
    const one = await listBuckets(client(), {});
    expect(Array.isArray(one.buckets)).toBe(true);
    expect(one.buckets).toHaveLength(1);
    expect((await listBuckets(client(), {})).buckets).toEqual([]);
  });

  it("paginateListBuckets follows NextMarker until the last page", async () => {
    const page = (names: string[], next?: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult>
  <Prefix>b</Prefix>
  ${next ? "" : "<Marker>b2</Marker>"}
  <MaxKeys>2</MaxKeys>
  <IsTruncated>${next ? "true" : "false"}</IsTruncated>
  ${next ? `<NextMarker>${next}</NextMarker>` : ""}
  <Owner><ID>51264</ID><DisplayName>51264</DisplayName></Owner>
  <Buckets>${names.map((n) => `<Bucket><CreationDate>2014-02-17T18:12:43.000Z</CreationDate><Location>oss-cn-hangzhou</Location><Name>${n}</Name><Region>cn-hangzhou</Region><StorageClass>Standard</StorageClass></Bucket>`).join("")}</Buckets>
</ListAllMyBucketsResult>`;
    const requests = record((req) =>
      reply(200, req.query.marker === "b2" ? page(["b3"]) : page(["b1", "b2"], "b2")),
    );
    const names: string[] = [];
    for await (const p of paginateListBuckets(client(), { prefix: "b", maxKeys: 2 })) {
      names.push(...p.buckets.map((b) => b.name));
    }
    expect(names).toEqual(["b1", "b2", "b3"]);
    expect(requests.map((r) => r.query)).toEqual([
      { prefix: "b", "max-keys": "2" },
      { prefix: "b", "max-keys": "2", marker: "b2" },
    ]);
    for (const r of requests) expect(await signatureMatches(r)).toBe(true);
  });

  it("paginateListBuckets starts after a given marker and refuses a repeated marker", async () => {
    const requests = record(() =>
      reply(
        200,
        "<ListAllMyBucketsResult><IsTruncated>true</IsTruncated><NextMarker>same</NextMarker><Buckets/></ListAllMyBucketsResult>",
      ),
    );
    const drain = async () => {
      for await (const _ of paginateListBuckets(client(), { marker: "start" })) {
        /* drain */
      }
    };
    await expect(drain()).rejects.toBeInstanceOf(RequestError);
    expect(requests.map((r) => r.query.marker)).toEqual(["start", "same"]);
  });

  it("InvalidAccessKeyId (403) becomes a ServiceError with the documented fields", async () => {
    // §E.2, the full [py-client] response.
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>InvalidAccessKeyId</Code>
  <Message>The OSS Access Key Id you provided does not exist in our records.</Message>
  <RequestId>id-1234</RequestId>
  <HostId>oss-cn-hangzhou.aliyuncs.com</HostId>
  <OSSAccessKeyId>ak</OSSAccessKeyId>
  <EC>0002-00000902</EC>
  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=0002-00000902</RecommendDoc>
</Error>`;
    const requests = record(() => errorReply(403, xml));
    const error = await listBuckets(client(), {}).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "InvalidAccessKeyId",
      statusCode: 403,
      requestId: "id-1234",
      hostId: "oss-cn-hangzhou.aliyuncs.com",
      ec: "0002-00000902",
      operation: "ListBuckets",
    });
    expect(requests).toHaveLength(1);
  });

  it("rejects bad input before any request, naming the field", async () => {
    const requests = record(() => reply(200, UNFILTERED));
    const bad: Array<[unknown, string]> = [
      [null, "input"],
      [{ maxKeys: 0 }, "maxKeys"],
      [{ maxKeys: 1001 }, "maxKeys"],
      [{ maxKeys: 1.5 }, "maxKeys"],
      [{ prefix: 1 }, "prefix"],
      [{ marker: {} }, "marker"],
      [{ tagValue: "v" }, "tagValue"],
      [{ tagKey: "" }, "tagKey"],
      [{ resourceGroupId: "rg\nx" }, "resourceGroupId"],
      [{ resourceGroupId: "" }, "resourceGroupId"],
    ];
    for (const [input, field] of bad) {
      const error = await listBuckets(client(), input as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    expect(requests).toHaveLength(0);
    expect(ListBuckets.name).toBe("ListBuckets");
  });
});
