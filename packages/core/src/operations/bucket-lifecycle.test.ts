import { ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  client,
  errorReply,
  mockOss,
  REQUEST_ID,
  reply,
  v1Signature,
  xmlBodyOf,
} from "../../test/bucket-mock";
import { type SeenRequest, signatureMatches } from "../../test/oss-mock";
import {
  deleteBucketLifecycle,
  getBucketLifecycle,
  type LifecycleRule,
  PutBucketLifecycle,
  putBucketLifecycle,
} from "../bucket";
import { parseXml } from "../xml";

const { record } = mockOss();

const ARRAYS = [
  "LifecycleConfiguration.Rule",
  "LifecycleConfiguration.Rule.Tag",
  "LifecycleConfiguration.Rule.Transition",
  "LifecycleConfiguration.Rule.NoncurrentVersionTransition",
  "LifecycleConfiguration.Rule.Filter.Not",
];

// §2.10, the Put body as the Go SDK sends it (one string; the note wraps it at rule boundaries).
const GO_BODY = [
  "<LifecycleConfiguration><Rule><Status>Enabled</Status><ID>r0</ID><Prefix>prefix0</Prefix><Expiration><Days>40</Days><ExpiredObjectDeleteMarker>false</ExpiredObjectDeleteMarker></Expiration></Rule>",
  "<Rule><Status>Enabled</Status><Filter><ObjectSizeGreaterThan>500</ObjectSizeGreaterThan><ObjectSizeLessThan>64500</ObjectSizeLessThan></Filter><ID>r1</ID><Prefix>prefix1</Prefix><Expiration><Days>40</Days><ExpiredObjectDeleteMarker>false</ExpiredObjectDeleteMarker></Expiration></Rule>",
  "<Rule><Status>Enabled</Status><Filter><ObjectSizeGreaterThan>500</ObjectSizeGreaterThan><ObjectSizeLessThan>64500</ObjectSizeLessThan></Filter><ID>r3</ID><Prefix>prefix3</Prefix><Expiration><Days>40</Days><ExpiredObjectDeleteMarker>false</ExpiredObjectDeleteMarker></Expiration><Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>false</IsAccessTime></Transition></Rule>",
  "<Rule><Status>Enabled</Status><AbortMultipartUpload><CreatedBeforeDate>2015-11-11T00:00:00.000Z</CreatedBeforeDate></AbortMultipartUpload><NoncurrentVersionTransition><IsAccessTime>true</IsAccessTime><ReturnToStdWhenVisit>true</ReturnToStdWhenVisit><NoncurrentDays>10</NoncurrentDays><StorageClass>IA</StorageClass></NoncurrentVersionTransition><ID>r4</ID><Prefix>prefix4</Prefix><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>",
  "<Rule><Status>Enabled</Status><Prefix>pre_</Prefix><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule></LifecycleConfiguration>",
].join("");

const GO_RULES: LifecycleRule[] = [
  {
    id: "r0",
    prefix: "prefix0",
    status: "Enabled",
    expiration: { days: 40, expiredObjectDeleteMarker: false },
  },
  {
    id: "r1",
    prefix: "prefix1",
    status: "Enabled",
    filter: { objectSizeGreaterThan: 500, objectSizeLessThan: 64500 },
    expiration: { days: 40, expiredObjectDeleteMarker: false },
  },
  {
    id: "r3",
    prefix: "prefix3",
    status: "Enabled",
    filter: { objectSizeGreaterThan: 500, objectSizeLessThan: 64500 },
    expiration: { days: 40, expiredObjectDeleteMarker: false },
    transitions: [{ days: 30, storageClass: "IA", isAccessTime: false }],
  },
  {
    id: "r4",
    prefix: "prefix4",
    status: "Enabled",
    abortMultipartUpload: { createdBeforeDate: new Date("2015-11-11T00:00:00.000Z") },
    noncurrentVersionTransitions: [
      { noncurrentDays: 10, storageClass: "IA", isAccessTime: true, returnToStdWhenVisit: true },
    ],
    expiration: { expiredObjectDeleteMarker: true },
  },
  { prefix: "pre_", status: "Enabled", expiration: { expiredObjectDeleteMarker: true } },
];

// §2.10 Get responses.
const GET_MTIME = `<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration>
  <Rule>
    <ID>delete after one day</ID>
    <Prefix>logs1/</Prefix>
    <Status>Enabled</Status>
    <Expiration>
      <Days>1</Days>
    </Expiration>
  </Rule>
  <Rule>
    <ID>mtime transition1</ID>
    <Prefix>logs2/</Prefix>
    <Status>Enabled</Status>
    <Transition>
      <Days>30</Days>
      <StorageClass>IA</StorageClass>
    </Transition>
  </Rule>
  <Rule>
    <ID>mtime transition2</ID>
    <Prefix>logs3/</Prefix>
    <Status>Enabled</Status>
    <Transition>
      <Days>30</Days>
      <StorageClass>IA</StorageClass>
      <IsAccessTime>false</IsAccessTime>
    </Transition>
  </Rule>
</LifecycleConfiguration>`;

const GET_ATIME = `<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration>
  <Rule>
    <ID>atime transition1</ID>
    <Prefix>logs1/</Prefix>
    <Status>Enabled</Status>
    <Transition>
      <Days>30</Days>
      <StorageClass>IA</StorageClass>
      <IsAccessTime>true</IsAccessTime>
      <ReturnToStdWhenVisit>false</ReturnToStdWhenVisit>
    </Transition>
    <AtimeBase>1631698332</AtimeBase>
  </Rule>
  <Rule>
    <ID>atime transition2</ID>
    <Prefix>logs2/</Prefix>
    <Status>Enabled</Status>
    <NoncurrentVersionTransition>
      <NoncurrentDays>10</NoncurrentDays>
      <StorageClass>IA</StorageClass>
      <IsAccessTime>true</IsAccessTime>
      <ReturnToStdWhenVisit>false</ReturnToStdWhenVisit>
    </NoncurrentVersionTransition>
    <AtimeBase>1631698332</AtimeBase>
  </Rule>
</LifecycleConfiguration>`;

const noAccessTime = {
  isAccessTime: undefined,
  returnToStdWhenVisit: undefined,
  allowSmallFile: undefined,
};

describe("PutBucketLifecycle", () => {
  it("sends PUT /?lifecycle with the same document as the Go SDK, Content-MD5, signed", async () => {
    const requests = record(() => reply(200));
    const out = await putBucketLifecycle(client(), { bucket: "examplebucket", rules: GO_RULES });
    expect(out).toEqual({ statusCode: 200, requestId: REQUEST_ID, headers: expect.any(Object) });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.pathname).toBe("/");
    expect(req.url.search).toBe("?lifecycle");
    expect(await xmlBodyOf(req, ARRAYS)).toEqual(parseXml(GO_BODY, ARRAYS));
  });

  it("writes tags, Not filters, dates, transitions by date and noncurrent expiration", async () => {
    const requests = record(() => reply(200));
    await putBucketLifecycle(client(), {
      bucket: "examplebucket",
      rules: [
        {
          id: "tagged",
          prefix: "",
          status: "Disabled",
          tags: { team: "a&b", env: "prod" },
          filter: { not: [{ prefix: "logs/keep/", tag: { key: "keep", value: "true" } }] },
          expiration: { createdBeforeDate: new Date("2024-01-01T00:00:00Z") },
          transitions: [
            { createdBeforeDate: new Date("2023-06-01T00:00:00Z"), storageClass: "Archive" },
            {
              days: 60,
              storageClass: "ColdArchive",
              isAccessTime: true,
              returnToStdWhenVisit: false,
              allowSmallFile: true,
            },
          ],
          abortMultipartUpload: { days: 7 },
          noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
        {
          id: "on-date",
          status: "Enabled",
          expiration: { date: new Date("2030-01-01T00:00:00Z") },
        },
      ],
    });
    const body = await xmlBodyOf(requests[0] as SeenRequest, ARRAYS);
    expect(body.node).toEqual({
      Rule: [
        {
          ID: "tagged",
          Prefix: "",
          Status: "Disabled",
          Filter: { Not: [{ Prefix: "logs/keep/", Tag: { Key: "keep", Value: "true" } }] },
          Tag: [
            { Key: "team", Value: "a&b" },
            { Key: "env", Value: "prod" },
          ],
          Expiration: { CreatedBeforeDate: "2024-01-01T00:00:00.000Z" },
          Transition: [
            { CreatedBeforeDate: "2023-06-01T00:00:00.000Z", StorageClass: "Archive" },
            {
              Days: "60",
              StorageClass: "ColdArchive",
              IsAccessTime: "true",
              ReturnToStdWhenVisit: "false",
              AllowSmallFile: "true",
            },
          ],
          AbortMultipartUpload: { Days: "7" },
          NoncurrentVersionExpiration: { NoncurrentDays: "30" },
        },
        { ID: "on-date", Status: "Enabled", Expiration: { Date: "2030-01-01T00:00:00.000Z" } },
      ],
    });
    expect(new TextDecoder().decode(requests[0]?.body)).toContain("<Value>a&amp;b</Value>");
  });

  it("signs ?lifecycle as a V1 sub-resource", async () => {
    const requests = record((req) => (req.method === "GET" ? reply(200, GET_MTIME) : reply(204)));
    const v1 = client({ signatureVersion: "v1" });
    await getBucketLifecycle(v1, { bucket: "examplebucket" });
    await deleteBucketLifecycle(v1, { bucket: "examplebucket" });
    for (const req of requests) {
      const check = await v1Signature(req, ["lifecycle"]);
      expect(check.matches).toBe(true);
      expect(check.stringToSign.endsWith("\n/examplebucket/?lifecycle")).toBe(true);
    }
  });

  it("rules that mix Days and CreatedBeforeDate: InvalidRequest (EC 0014-00000080) from OSS", async () => {
    const requests = record(() =>
      errorReply(
        400,
        `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>InvalidRequest</Code>
  <Message>Found mixed CreatedBeforeDate and Days based Expiration and Transition for StorageClass IA actions</Message>
  <RequestId>534B371674E88A4D8906****</RequestId>
  <HostId>oss.oss-cn-hangzhou.aliyuncs.com</HostId>
  <EC>0014-00000080</EC>
</Error>`,
      ),
    );
    const error = await putBucketLifecycle(client(), {
      bucket: "examplebucket",
      rules: [
        {
          status: "Enabled",
          expiration: { days: 90 },
          transitions: [
            { createdBeforeDate: new Date("2024-01-01T00:00:00Z"), storageClass: "IA" },
          ],
        },
      ],
    }).catch((e) => e);
    expect(error).toMatchObject({
      name: "ServiceError",
      code: "InvalidRequest",
      statusCode: 400,
      ec: "0014-00000080",
      operation: "PutBucketLifecycle",
    });
    expect(requests).toHaveLength(1);
  });

  it("rejects bad rules before any request, naming the field", async () => {
    const requests = record(() => reply(200));
    const ok = { status: "Enabled", expiration: { days: 1 } };
    const midnight = new Date("2024-01-01T00:00:00Z");
    const bad: Array<[unknown, string]> = [
      [undefined, "rules"],
      [[], "rules"],
      [Array.from({ length: 1001 }, () => ok), "rules"],
      [[ok, ok, { status: "Enabled" }], "rules[2]"],
      [[{ expiration: { days: 1 } }], "rules[0].status"],
      [[{ ...ok, status: "enabled" }], "rules[0].status"],
      [[ok, ok, { ...ok, expiration: { days: 0 } }], "rules[2].expiration.days"],
      [[{ ...ok, expiration: { days: 1.5 } }], "rules[0].expiration.days"],
      [[{ ...ok, expiration: {} }], "rules[0].expiration"],
      [[{ ...ok, expiration: { days: 1, createdBeforeDate: midnight } }], "rules[0].expiration"],
      [
        [{ ...ok, expiration: { days: 1, expiredObjectDeleteMarker: true } }],
        "rules[0].expiration.expiredObjectDeleteMarker",
      ],
      [
        [{ ...ok, expiration: { createdBeforeDate: new Date("2024-01-01T08:00:00Z") } }],
        "rules[0].expiration.createdBeforeDate",
      ],
      [[{ ...ok, expiration: { date: "2024-01-01" } }], "rules[0].expiration.date"],
      [[{ ...ok, transitions: [{ days: 30 }] }], "rules[0].transitions[0].storageClass"],
      [
        [{ ...ok, transitions: [{ days: 30, storageClass: "Standard" }] }],
        "rules[0].transitions[0].storageClass",
      ],
      [[{ ...ok, transitions: [{ storageClass: "IA" }] }], "rules[0].transitions[0]"],
      [
        [{ ...ok, transitions: [{ days: 3, storageClass: "IA", isAccessTime: "yes" }] }],
        "rules[0].transitions[0].isAccessTime",
      ],
      [[{ ...ok, abortMultipartUpload: {} }], "rules[0].abortMultipartUpload"],
      [
        [{ ...ok, noncurrentVersionExpiration: {} }],
        "rules[0].noncurrentVersionExpiration.noncurrentDays",
      ],
      [
        [{ ...ok, noncurrentVersionTransitions: [{ noncurrentDays: 5 }] }],
        "rules[0].noncurrentVersionTransitions[0].storageClass",
      ],
      [
        [{ ...ok, filter: { objectSizeGreaterThan: 10, objectSizeLessThan: 10 } }],
        "rules[0].filter.objectSizeLessThan",
      ],
      [[{ ...ok, filter: { not: [{}] } }], "rules[0].filter.not[0].prefix"],
      [[{ ...ok, tags: { "": "x" } }], "rules[0].tags."],
      [[{ ...ok, tags: { k: "v".repeat(257) } }], "rules[0].tags.k"],
      [[{ ...ok, id: "x".repeat(256) }], "rules[0].id"],
      [
        [
          { ...ok, id: "same" },
          { ...ok, id: "same" },
        ],
        "rules[1].id",
      ],
      [[{ ...ok, prefix: 5 }], "rules[0].prefix"],
    ];
    for (const [rules, field] of bad) {
      const error = await putBucketLifecycle(client(), {
        bucket: "examplebucket",
        rules,
      } as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    expect(() =>
      PutBucketLifecycle.serialize({ bucket: "a", rules: [ok as LifecycleRule] }),
    ).toThrow(ValidationError);
    expect(requests).toHaveLength(0);
  });
});

describe("GetBucketLifecycle", () => {
  it("sends GET /?lifecycle and reads modification-time rules", async () => {
    const requests = record(() => reply(200, GET_MTIME));
    const out = await getBucketLifecycle(client(), { bucket: "examplebucket" });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.query).toEqual({ lifecycle: "" });
    expect(await signatureMatches(req)).toBe(true);
    expect(out.statusCode).toBe(200);
    expect(out.rules).toEqual([
      {
        id: "delete after one day",
        prefix: "logs1/",
        status: "Enabled",
        tags: {},
        filter: undefined,
        expiration: {
          days: 1,
          date: undefined,
          createdBeforeDate: undefined,
          expiredObjectDeleteMarker: undefined,
        },
        transitions: [],
        abortMultipartUpload: undefined,
        noncurrentVersionExpiration: undefined,
        noncurrentVersionTransitions: [],
        atimeBase: undefined,
      },
      expect.objectContaining({
        id: "mtime transition1",
        expiration: undefined,
        transitions: [
          { days: 30, createdBeforeDate: undefined, storageClass: "IA", ...noAccessTime },
        ],
      }),
      expect.objectContaining({
        id: "mtime transition2",
        transitions: [
          {
            days: 30,
            createdBeforeDate: undefined,
            storageClass: "IA",
            ...noAccessTime,
            isAccessTime: false,
          },
        ],
      }),
    ]);
  });

  it("reads access-time rules, AtimeBase as a Date; a single Transition is a list of one", async () => {
    record(() => reply(200, GET_ATIME));
    const { rules } = await getBucketLifecycle(client(), { bucket: "examplebucket" });
    expect(rules).toHaveLength(2);
    expect(rules[0]?.transitions).toEqual([
      {
        days: 30,
        createdBeforeDate: undefined,
        storageClass: "IA",
        isAccessTime: true,
        returnToStdWhenVisit: false,
        allowSmallFile: undefined,
      },
    ]);
    expect(rules[0]?.atimeBase).toEqual(new Date(1631698332 * 1000));
    expect(rules[1]?.noncurrentVersionTransitions).toEqual([
      {
        noncurrentDays: 10,
        storageClass: "IA",
        isAccessTime: true,
        returnToStdWhenVisit: false,
        allowSmallFile: undefined,
      },
    ]);
  });

  it("reads back everything it writes (a round trip through the Go document)", async () => {
    const requests = record((req) => (req.method === "GET" ? reply(200, GO_BODY) : reply(200)));
    const { rules } = await getBucketLifecycle(client(), { bucket: "examplebucket" });
    expect(rules.map((r) => r.id)).toEqual(["r0", "r1", "r3", "r4", undefined]);
    expect(rules[3]?.abortMultipartUpload).toEqual({
      days: undefined,
      createdBeforeDate: new Date("2015-11-11T00:00:00.000Z"),
    });
    expect(rules[1]?.filter).toEqual({
      objectSizeGreaterThan: 500,
      objectSizeLessThan: 64500,
      not: [],
    });
    await putBucketLifecycle(client(), { bucket: "examplebucket", rules });
    expect(await xmlBodyOf(requests[1] as SeenRequest, ARRAYS)).toEqual(parseXml(GO_BODY, ARRAYS));
  });

  it("no rules: 404 NoSuchLifecycle (BucketName first in the body) is a ServiceError", async () => {
    record(() =>
      errorReply(
        404,
        `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <BucketName>oss-example</BucketName>
  <Code>NoSuchLifecycle</Code>
  <Message>No Row found in Lifecycle Table.</Message>
  <RequestId>534B371674E88A4D8906****</RequestId>
  <HostId>BucketName.oss.example.com</HostId>
</Error>`,
      ),
    );
    await expect(getBucketLifecycle(client(), { bucket: "oss-example" })).rejects.toMatchObject({
      name: "ServiceError",
      code: "NoSuchLifecycle",
      statusCode: 404,
      message: expect.stringContaining("No Row found in Lifecycle Table."),
      hostId: "BucketName.oss.example.com",
      operation: "GetBucketLifecycle",
    });
  });
});

describe("DeleteBucketLifecycle", () => {
  it("sends DELETE /?lifecycle and accepts 204", async () => {
    const requests = record(() => reply(204));
    const out = await deleteBucketLifecycle(client(), { bucket: "examplebucket" });
    expect(out.statusCode).toBe(204);
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("DELETE");
    expect(req.url.search).toBe("?lifecycle");
    expect(await signatureMatches(req)).toBe(true);
  });
});
