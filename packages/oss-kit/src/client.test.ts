import * as core from "@oss-kit/core";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  CLIENT_METHODS,
  Client,
  crc64,
  fetchTransport,
  formatCrc64,
  image,
  OssError,
  putObject,
  ServiceError,
  SignerV4,
  syncProcess,
  ValidationError,
} from "./index";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const credentials = { accessKeyId: "LTAI5tTestKeyId0001", accessKeySecret: "test-secret" };
const make = () => new Client({ region: "cn-hangzhou", credentials, transport: fetchTransport() });

describe("the facade", () => {
  it("has a method for every operation function of the core, and nothing else", () => {
    const helpers = new Set([
      "contentMd5",
      "isRetryable",
      "operationFunction",
      "paginate",
      "redactHeaders",
      "redactUrl",
      "requestLocation",
      "resolveEndpoint",
      "resultBase",
      "standardRetryPolicy",
      "toServiceError",
      "copySourceHeader",
      "nextAppendPosition",
    ]);
    const coreFunctions = Object.entries(core)
      .filter(
        ([name, value]) => typeof value === "function" && /^[a-z]/.test(name) && !helpers.has(name),
      )
      .map(([name]) => name)
      .sort();
    expect([...CLIENT_METHODS].sort()).toEqual(coreFunctions);
    for (const name of CLIENT_METHODS) expect(typeof Client.prototype[name]).toBe("function");
  });

  it("defaults to environment credentials and the undici transport in Node", () => {
    const client = new Client({ region: "cn-hangzhou" });
    expect(client.core.transport.name).toBe("undici");
    return client.close();
  });

  it("wires put, get with processing, and presigning through one client", async () => {
    const seen: Request[] = [];
    server.use(
      http.put(/.*/, async ({ request }) => {
        seen.push(request.clone());
        const body = new Uint8Array(await request.arrayBuffer());
        return new HttpResponse(null, {
          headers: {
            etag: '"E"',
            "x-oss-hash-crc64ecma": formatCrc64(crc64(body)),
            "x-oss-request-id": "R1",
          },
        });
      }),
      http.get(/.*/, ({ request }) => {
        seen.push(request.clone());
        return new HttpResponse("thumb", { headers: { "x-oss-request-id": "R2" } });
      }),
    );
    const oss = make();
    const put = await oss.putObject({
      bucket: "examplebucket",
      key: "cat.jpg",
      body: "jpeg bytes",
    });
    expect(put).toMatchObject({ etag: "E", requestId: "R1" });
    const get = await oss.getObject({
      bucket: "examplebucket",
      key: "cat.jpg",
      process: image().resize({ w: 200 }),
    });
    expect(await get.body.text()).toBe("thumb");
    expect(new URL(seen[1]?.url as string).searchParams.get("x-oss-process")).toBe(
      "image/resize,w_200",
    );
    const { url } = await oss.presignGetObject(
      { bucket: "examplebucket", key: "cat.jpg" },
      { expiresIn: 60 },
    );
    expect(url).toMatch(/^https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/cat\.jpg\?/);
    expect(
      oss.objectUrl({
        bucket: "examplebucket",
        key: "cat.jpg",
        process: syncProcess(image().rotate(90)),
      }),
    ).toBe(
      "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/cat.jpg?x-oss-process=image%2Frotate%2C90",
    );
    // The function form reaches the same core.
    await expect(
      putObject(oss.core, { bucket: "examplebucket", key: "b.txt", body: "b" }),
    ).resolves.toBeDefined();
  });

  it("re-exports one error hierarchy: instanceof holds for every layer's errors", async () => {
    server.use(
      http.all(
        /.*/,
        () =>
          new HttpResponse("<Error><Code>AccessDenied</Code><Message>no</Message></Error>", {
            status: 403,
          }),
      ),
    );
    const error = await make()
      .deleteObject({ bucket: "examplebucket", key: "k" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toBeInstanceOf(OssError);
    // Thrown by the signer, whose build inlines its own copy of the classes.
    const invalid = await new SignerV4()
      .sign({ method: "GET", bucket: "Bad_Bucket" }, { credentials, region: "cn-hangzhou" })
      .catch((e) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
  });
});
