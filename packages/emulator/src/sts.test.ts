import { Client, ServiceError } from "oss-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "./index";

const sts = { accessKeyId: "STS.AK1", accessKeySecret: "SK1", securityToken: "STS-TOKEN" };
const bucket = "sts-bucket";
let emulator: RunningEmulator;
let oss: Client;
let v1: Client;

beforeAll(async () => {
  emulator = await startEmulator({ accessKeys: [sts] });
  oss = new Client({ region: "cn-hangzhou", endpoint: emulator.url, credentials: sts });
  v1 = new Client({
    region: "cn-hangzhou",
    endpoint: emulator.url,
    credentials: sts,
    signatureVersion: "v1",
  });
  await oss.putBucket({ bucket });
  await oss.putObject({ bucket, key: "a.txt", body: "sts", contentType: "text/plain" });
});

afterAll(async () => {
  await oss.close();
  await v1.close();
  await emulator.close();
});

describe("STS credentials and presigned URLs over HTTP", () => {
  it("accepts header signatures that carry the STS token, V4 and V1", async () => {
    expect(await oss.objectExists({ bucket, key: "a.txt" })).toBe(true);
    expect(await oss.objectExists({ bucket, key: "missing" })).toBe(false);
    expect(await (await v1.getObject({ bucket, key: "a.txt" })).body.text()).toBe("sts");
  });

  it("refuses the key without its token", async () => {
    const noToken = new Client({
      region: "cn-hangzhou",
      endpoint: emulator.url,
      credentials: { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret },
    });
    const error = await noToken.getObject({ bucket, key: "a.txt" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).statusCode).toBe(403);
    await noToken.close();
  });

  it("serves V1 presigned URLs with security-token", async () => {
    const { url } = await v1.presignGetObject({ bucket, key: "a.txt" });
    expect(url).toContain("security-token=STS-TOKEN");
    expect(await (await fetch(url)).text()).toBe("sts");
  });

  it("applies signed response-* parameters of a V4 presigned URL", async () => {
    const { url } = await oss.presignGetObject({
      bucket,
      key: "a.txt",
      responseContentDisposition: 'attachment; filename="a+b.txt"',
    });
    const response = await fetch(url);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="a+b.txt"');
    expect(await response.text()).toBe("sts");
  });

  it("requires the signed headers of a presigned PUT", async () => {
    const put = await oss.presignPutObject({ bucket, key: "b.txt", contentType: "text/plain" });
    const body = new TextEncoder().encode("put");
    const ok = await fetch(put.url, { method: "PUT", headers: put.signedHeaders, body });
    expect(ok.status).toBe(200);
    const wrong = await fetch(put.url, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
  });

  it("pages with the client's paginator", async () => {
    const pages: string[][] = [];
    for await (const page of oss.paginateListObjectsV2({ bucket, maxKeys: 1 })) {
      pages.push(page.contents.map((c) => c.key));
    }
    expect(pages).toEqual([["a.txt"], ["b.txt"]]);
  });

  it("answers HEAD preconditions with 412 and GET If-None-Match with 304", async () => {
    const head = (await oss
      .headObject({ bucket, key: "a.txt", ifMatch: '"nope"' })
      .catch((e: unknown) => e)) as ServiceError;
    expect([head.code, head.statusCode, head.ec]).toEqual([
      "PreconditionFailed",
      412,
      "0017-00001001",
    ]);
    const get = await oss
      .getObject({ bucket, key: "a.txt", ifNoneMatch: "*" })
      .catch((e: unknown) => e as ServiceError);
    expect((get as ServiceError).statusCode).toBe(304);
  });
});
