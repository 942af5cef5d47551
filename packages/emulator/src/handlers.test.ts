import { SignerV1, SignerV4 } from "@oss-kit/signer";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOssHandlers, handleOssRequest, MemoryStore, type OssHandlersOptions } from "./index";

const credentials = { accessKeyId: "LTAI5tUnitKey", accessKeySecret: "unit-secret" };
const REGION = "cn-hangzhou";
const HOST = `oss-${REGION}.aliyuncs.com`;

function options(): OssHandlersOptions {
  return { store: new MemoryStore(), accessKeys: [credentials] };
}

interface Call {
  method?: string;
  bucket?: string;
  key?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  secret?: string;
  v1?: boolean;
}

function encodeKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

async function signed(call: Call): Promise<Request> {
  const method = call.method ?? "GET";
  const query = call.query ?? {};
  const creds = { ...credentials, accessKeySecret: call.secret ?? credentials.accessKeySecret };
  const request = {
    method,
    bucket: call.bucket,
    key: call.key,
    query,
    headers: call.headers ?? {},
  };
  const { headers } = call.v1
    ? await new SignerV1({ bucketNames: "lenient" }).sign(request, { credentials: creds })
    : await new SignerV4({ bucketNames: "lenient" }).sign(request, {
        credentials: creds,
        region: REGION,
      });
  const host = call.bucket ? `${call.bucket}.${HOST}` : HOST;
  const search = new URLSearchParams(query).toString().replace(/=(&|$)/g, "$1");
  const url = `https://${host}/${call.key ? encodeKey(call.key) : ""}${search ? `?${search}` : ""}`;
  return new Request(url, {
    method,
    headers,
    ...(call.body === undefined ? {} : { body: new TextEncoder().encode(call.body) }),
  });
}

async function send(opts: OssHandlersOptions, call: Call): Promise<Response> {
  const response = await handleOssRequest(await signed(call), opts);
  if (!response) throw new Error("not handled");
  return response;
}

describe("routing and addressing", () => {
  it("serves virtual-host and path-style requests alike", async () => {
    const opts = options();
    expect((await send(opts, { method: "PUT", bucket: "bkt" })).status).toBe(200);
    expect(
      (await send(opts, { method: "PUT", bucket: "bkt", key: "a/b c", body: "x" })).status,
    ).toBe(200);
    const viaPath = await handleOssRequest(new Request("http://127.0.0.1:9/bkt/a/b%20c"), opts);
    // Anonymous read of a private bucket: denied, but routed to the right bucket and key.
    expect(viaPath?.status).toBe(403);
    await send(opts, {
      method: "PUT",
      bucket: "bkt",
      query: { acl: "" },
      headers: { "x-oss-acl": "public-read" },
    });
    const publicRead = await handleOssRequest(new Request("http://127.0.0.1:9/bkt/a/b%20c"), opts);
    expect(publicRead?.status).toBe(200);
    expect(await publicRead?.text()).toBe("x");
    const localhost = await handleOssRequest(new Request("http://bkt.localhost:9/a/b%20c"), opts);
    expect(await localhost?.text()).toBe("x");
  });

  it("ignores hosts it does not serve", async () => {
    expect(await handleOssRequest(new Request("https://example.com/x"), options())).toBeUndefined();
  });

  it("sets the common headers on every response", async () => {
    const response = await send(options(), { bucket: "nope", key: "k" });
    expect(response.headers.get("x-oss-request-id")).toMatch(/^[0-9A-F]{24}$/);
    expect(response.headers.get("date")).toMatch(/GMT$/);
    expect(response.headers.get("x-oss-ec")).toBe("0015-00000101");
  });

  it("rejects invalid bucket names", async () => {
    const response = await send(options(), { method: "PUT", bucket: "Bad_Name" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>InvalidBucketName</Code>");
  });

  it("answers unimplemented sub-resources with NotImplemented", async () => {
    const opts = options();
    await send(opts, { method: "PUT", bucket: "bkt" });
    const response = await send(opts, { bucket: "bkt", query: { cors: "" } });
    expect(response.status).toBe(501);
  });
});

describe("error XML", () => {
  it("has the §E.1 shape with the request id repeated", async () => {
    const response = await send(options(), { bucket: "nope", key: "k" });
    const text = await response.text();
    const id = response.headers.get("x-oss-request-id");
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist.</Message><RequestId>${id}</RequestId><HostId>nope.${HOST}</HostId><BucketName>nope</BucketName><EC>0015-00000101</EC><RecommendDoc>https://api.aliyun.com/troubleshoot?q=0015-00000101</RecommendDoc></Error>`,
    );
  });

  it("puts HEAD errors in x-oss-err with no body", async () => {
    const opts = options();
    await send(opts, { method: "PUT", bucket: "bkt" });
    const response = await send(opts, { method: "HEAD", bucket: "bkt", key: "missing" });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
    const decoded = atob(response.headers.get("x-oss-err") as string);
    expect(decoded).toContain("<Code>NoSuchKey</Code>");
    expect(decoded).toContain("<Key>missing</Key>");
  });

  it("validates part numbers and encoding-type", async () => {
    const opts = options();
    await send(opts, { method: "PUT", bucket: "bkt" });
    const bad = await send(opts, {
      method: "PUT",
      bucket: "bkt",
      key: "k",
      query: { partNumber: "10001", uploadId: "x" },
      body: "x",
    });
    expect(await bad.text()).toContain("<ArgumentName>partNumber</ArgumentName>");
    const encoding = await send(opts, { bucket: "bkt", query: { "encoding-type": "base64" } });
    expect(await encoding.text()).toContain(
      "<Message>Invalid Encoding Method specified in Request</Message>",
    );
  });

  it("checks part order at completion", async () => {
    const opts = options();
    await send(opts, { method: "PUT", bucket: "bkt" });
    const init = await send(opts, {
      method: "POST",
      bucket: "bkt",
      key: "k",
      query: { uploads: "" },
    });
    const uploadId = /<UploadId>(.*)<\/UploadId>/.exec(await init.text())?.[1] as string;
    const body =
      "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>a</ETag></Part><Part><PartNumber>1</PartNumber><ETag>b</ETag></Part></CompleteMultipartUpload>";
    const response = await send(opts, {
      method: "POST",
      bucket: "bkt",
      key: "k",
      query: { uploadId },
      body,
    });
    expect(await response.text()).toContain("<Code>InvalidPartOrder</Code>");
  });

  it("url-encodes keys in listings when asked", async () => {
    const opts = options();
    await send(opts, { method: "PUT", bucket: "bkt" });
    await send(opts, { method: "PUT", bucket: "bkt", key: "a/b c\u0001", body: "" });
    const response = await send(opts, { bucket: "bkt", query: { "encoding-type": "url" } });
    const text = await response.text();
    expect(text).toContain("<Key>a%2Fb%20c%01</Key>");
    expect(text).toContain("<EncodingType>url</EncodingType>");
  });
});

describe("signatures", () => {
  it("accepts V4 and V1 header signatures", async () => {
    const opts = options();
    expect((await send(opts, { method: "PUT", bucket: "bkt" })).status).toBe(200);
    expect((await send(opts, { bucket: "bkt", v1: true })).status).toBe(200);
  });

  it("answers SignatureDoesNotMatch with the StringToSign for V4 and V1", async () => {
    for (const v1 of [false, true]) {
      const response = await send(options(), { bucket: "bkt", secret: "wrong", v1 });
      expect(response.status).toBe(403);
      const text = await response.text();
      expect(text).toContain("<Code>SignatureDoesNotMatch</Code>");
      expect(text).toContain(`<EC>${v1 ? "0002-00000040" : "0002-00000201"}</EC>`);
      expect(text).toContain("<StringToSign>");
    }
  });

  it("refuses header signatures more than 15 minutes off with RequestTimeTooSkewed", async () => {
    const request = { method: "GET", headers: {} };
    const { headers } = await new SignerV4().sign(request, {
      credentials,
      region: REGION,
      time: new Date(Date.now() - 16 * 60 * 1000),
    });
    const response = await handleOssRequest(
      new Request(`https://${HOST}/`, { headers }),
      options(),
    );
    expect(response?.status).toBe(403);
    const text = await response?.text();
    expect(text).toContain("<Code>RequestTimeTooSkewed</Code>");
    expect(text).toContain("<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>");
  });

  it("requires the configured STS token", async () => {
    const opts: OssHandlersOptions = {
      store: new MemoryStore(),
      accessKeys: [{ ...credentials, securityToken: "token" }],
    };
    expect((await send(opts, {})).status).toBe(403);
    expect((await send(opts, { headers: { "x-oss-security-token": "token" } })).status).toBe(200);
  });

  it("checks V1 presigned URLs and their expiry", async () => {
    const opts = options();
    await send(opts, { method: "PUT", bucket: "bkt" });
    await send(opts, { method: "PUT", bucket: "bkt", key: "k", body: "v" });
    const good = await new SignerV1().presign(
      { method: "GET", bucket: "bkt", key: "k" },
      { credentials, origin: `https://bkt.${HOST}`, expiresIn: 60 },
    );
    expect(await (await handleOssRequest(new Request(good.url as string), opts))?.text()).toBe("v");
    const expired = await new SignerV1().presign(
      { method: "GET", bucket: "bkt", key: "k" },
      {
        credentials,
        origin: `https://bkt.${HOST}`,
        time: new Date(Date.now() - 120_000),
        expiresIn: 60,
      },
    );
    const denied = await handleOssRequest(new Request(expired.url as string), opts);
    expect(await denied?.text()).toContain("<Message>Request has expired.</Message>");
  });
});

describe("msw handlers", () => {
  const server = setupServer(...createOssHandlers(options()));
  beforeAll(() => server.listen({ onUnhandledRequest: "bypass" }));
  afterAll(() => server.close());

  it("answer fetch in-process", async () => {
    const put = await signed({ method: "PUT", bucket: "msw-bucket" });
    expect((await fetch(put)).status).toBe(200);
    const list = await fetch(await signed({ bucket: "msw-bucket", query: { "list-type": "2" } }));
    expect(await list.text()).toContain("<KeyCount>0</KeyCount>");
  });
});

describe("runtime neutrality", () => {
  it("keeps node: imports out of everything @oss-kit/emulator/handlers reaches", async () => {
    const { readFile } = await import("node:fs/promises");
    const { dirname, join } = await import("node:path");
    const { fileURLToPath } = await import("node:url");
    const dir = dirname(fileURLToPath(import.meta.url));
    const seen = new Set<string>();
    const queue = ["handlers-entry.ts"];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = await readFile(join(dir, file), "utf8");
      expect(source, file).not.toMatch(/from "node:/);
      for (const match of source.matchAll(/from "\.\/([^"]+)"/g)) queue.push(`${match[1]}.ts`);
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});
