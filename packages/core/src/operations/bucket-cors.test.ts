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
import { type CorsRule, deleteBucketCors, getBucketCors, putBucketCors } from "../bucket";
import { parseXml } from "../xml";

const { record } = mockOss();

const ARRAYS = [
  "CORSConfiguration.CORSRule",
  "CORSConfiguration.CORSRule.AllowedOrigin",
  "CORSConfiguration.CORSRule.AllowedMethod",
  "CORSConfiguration.CORSRule.AllowedHeader",
  "CORSConfiguration.CORSRule.ExposeHeader",
];

// §2.9, exactly as the Go SDK serialises it.
const GO_BODY =
  "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>Authorization</AllowedHeader></CORSRule><CORSRule><AllowedOrigin>http://example.com</AllowedOrigin><AllowedOrigin>http://example.net</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>Authorization</AllowedHeader><ExposeHeader>x-oss-test</ExposeHeader><ExposeHeader>x-oss-test1</ExposeHeader><MaxAgeSeconds>100</MaxAgeSeconds></CORSRule><ResponseVary>false</ResponseVary></CORSConfiguration>";

// §2.9 Get response (no XML declaration).
const GET_BODY = `<CORSConfiguration>
    <CORSRule>
      <AllowedOrigin>*</AllowedOrigin>
      <AllowedMethod>PUT</AllowedMethod>
      <AllowedMethod>GET</AllowedMethod>
      <AllowedHeader>Authorization</AllowedHeader>
    </CORSRule>
    <CORSRule>
      <AllowedOrigin>http://example.com</AllowedOrigin>
      <AllowedOrigin>http://example.net</AllowedOrigin>
      <AllowedMethod>GET</AllowedMethod>
      <AllowedHeader>Authorization</AllowedHeader>
      <ExposeHeader>x-oss-test</ExposeHeader>
      <ExposeHeader>x-oss-test1</ExposeHeader>
      <MaxAgeSeconds>100</MaxAgeSeconds>
    </CORSRule>
    <ResponseVary>false</ResponseVary>
</CORSConfiguration>`;

const RULES: CorsRule[] = [
  { allowedOrigins: ["*"], allowedMethods: ["PUT", "GET"], allowedHeaders: ["Authorization"] },
  {
    allowedOrigins: ["http://example.com", "http://example.net"],
    allowedMethods: ["GET"],
    allowedHeaders: ["Authorization"],
    exposeHeaders: ["x-oss-test", "x-oss-test1"],
    maxAgeSeconds: 100,
  },
];

describe("PutBucketCors", () => {
  it("sends PUT /?cors with the body the Go SDK sends, Content-MD5 and a valid signature", async () => {
    const requests = record(() => reply(200));
    const out = await putBucketCors(client(), {
      bucket: "examplebucket",
      rules: RULES,
      responseVary: false,
    });
    expect(out).toEqual({ statusCode: 200, requestId: REQUEST_ID, headers: expect.any(Object) });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("PUT");
    expect(req.url.pathname).toBe("/");
    expect(req.url.search).toBe("?cors");
    expect(await xmlBodyOf(req, ARRAYS)).toEqual(parseXml(GO_BODY, ARRAYS));
  });

  it("signs ?cors as a V1 sub-resource", async () => {
    const requests = record(() => reply(200));
    await putBucketCors(client({ signatureVersion: "v1" }), {
      bucket: "examplebucket",
      rules: [RULES[0] as CorsRule],
    });
    await deleteBucketCors(client({ signatureVersion: "v1" }), { bucket: "examplebucket" });
    for (const req of requests) {
      const v1 = await v1Signature(req, ["cors"]);
      expect(v1.matches).toBe(true);
      expect(v1.stringToSign.endsWith("\n/examplebucket/?cors")).toBe(true);
      expect(req.headers.authorization).toMatch(/^OSS LTAI5tTestKeyId0001:/);
    }
  });

  it("a single-valued rule round-trips from GetBucketCors", async () => {
    const requests = record((req) => (req.method === "GET" ? reply(200, GET_BODY) : reply(200)));
    const { rules, responseVary } = await getBucketCors(client(), { bucket: "examplebucket" });
    await putBucketCors(client(), { bucket: "examplebucket", rules, responseVary });
    expect(await xmlBodyOf(requests[1] as SeenRequest, ARRAYS)).toEqual(parseXml(GO_BODY, ARRAYS));
  });

  it("rejects bad rules before any request, naming the field", async () => {
    const requests = record(() => reply(200));
    const rule = { allowedOrigins: ["*"], allowedMethods: ["GET"] };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{}, "rules"],
      [{ rules: [] }, "rules"],
      [{ rules: "x" }, "rules"],
      [{ rules: Array.from({ length: 11 }, () => rule) }, "rules"],
      [{ rules: [null] }, "rules[0]"],
      [{ rules: [rule, { allowedMethods: ["GET"] }] }, "rules[1].allowedOrigins"],
      [{ rules: [{ allowedOrigins: [], allowedMethods: ["GET"] }] }, "rules[0].allowedOrigins"],
      [{ rules: [{ allowedOrigins: ["*"] }] }, "rules[0].allowedMethods"],
      [{ rules: [{ ...rule, allowedMethods: ["GET", "PATCH"] }] }, "rules[0].allowedMethods[1]"],
      [{ rules: [{ ...rule, allowedOrigins: ["http://*.a.*"] }] }, "rules[0].allowedOrigins[0]"],
      [{ rules: [{ ...rule, allowedOrigins: [""] }] }, "rules[0].allowedOrigins[0]"],
      [{ rules: [{ ...rule, exposeHeaders: ["*"] }] }, "rules[0].exposeHeaders[0]"],
      [{ rules: [{ ...rule, allowedHeaders: ["x-*-*"] }] }, "rules[0].allowedHeaders[0]"],
      [{ rules: [{ ...rule, maxAgeSeconds: -1 }] }, "rules[0].maxAgeSeconds"],
      [{ rules: [rule], responseVary: "no" }, "responseVary"],
    ];
    for (const [extra, field] of bad) {
      const error = await putBucketCors(client(), {
        bucket: "examplebucket",
        ...extra,
      } as never).catch((e) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error.field).toBe(field);
    }
    await expect(
      putBucketCors(client(), { bucket: "examplebucket", rules: Array(10).fill(rule) }),
    ).resolves.toBeDefined();
    expect(requests).toHaveLength(1);
  });
});

describe("GetBucketCors", () => {
  it("sends GET /?cors and reads the rules, lists always arrays", async () => {
    const requests = record(() => reply(200, GET_BODY));
    const out = await getBucketCors(client(), { bucket: "examplebucket" });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.query).toEqual({ cors: "" });
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toEqual({
      statusCode: 200,
      requestId: REQUEST_ID,
      headers: expect.any(Object),
      rules: [
        {
          allowedOrigins: ["*"],
          allowedMethods: ["PUT", "GET"],
          allowedHeaders: ["Authorization"],
          exposeHeaders: [],
          maxAgeSeconds: undefined,
        },
        {
          allowedOrigins: ["http://example.com", "http://example.net"],
          allowedMethods: ["GET"],
          allowedHeaders: ["Authorization"],
          exposeHeaders: ["x-oss-test", "x-oss-test1"],
          maxAgeSeconds: 100,
        },
      ],
      responseVary: false,
    });
  });

  it("a single <CORSRule> with the XML declaration is still a list of one", async () => {
    record(() =>
      reply(
        200,
        `<?xml version="1.0" encoding="UTF-8"?>
<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
      ),
    );
    const out = await getBucketCors(client(), { bucket: "examplebucket" });
    expect(out.rules).toEqual([
      {
        allowedOrigins: ["*"],
        allowedMethods: ["GET"],
        allowedHeaders: [],
        exposeHeaders: [],
        maxAgeSeconds: undefined,
      },
    ]);
    expect(out.responseVary).toBeUndefined();
  });

  it("no rules: 404 NoSuchCORSConfiguration (EC 0034-00000001) is a ServiceError", async () => {
    // [constructed] from §E.3: the code as oss2 names it, the EC from its doc page; no captured body.
    record(() =>
      errorReply(
        404,
        `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchCORSConfiguration</Code>
  <Message>The CORS configuration does not exist.</Message>
  <RequestId>5C3D9175B6FC201293AD****</RequestId>
  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>
  <BucketName>examplebucket</BucketName>
  <EC>0034-00000001</EC>
</Error>`,
      ),
    );
    await expect(getBucketCors(client(), { bucket: "examplebucket" })).rejects.toMatchObject({
      name: "ServiceError",
      code: "NoSuchCORSConfiguration",
      statusCode: 404,
      ec: "0034-00000001",
      operation: "GetBucketCors",
    });
  });
});

describe("DeleteBucketCors", () => {
  it("sends DELETE /?cors and accepts 204", async () => {
    const requests = record(() => reply(204));
    const out = await deleteBucketCors(client(), { bucket: "examplebucket" });
    expect(out.statusCode).toBe(204);
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("DELETE");
    expect(req.url.search).toBe("?cors");
    expect(await signatureMatches(req)).toBe(true);
  });
});
